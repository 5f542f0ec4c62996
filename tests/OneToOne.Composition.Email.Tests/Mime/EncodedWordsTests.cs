using System.Text;
using MimeKit.Utils;
using OneToOne.Composition.Email.Mime;

namespace OneToOne.Composition.Email.Tests.Mime;

public sealed class EncodedWordsTests
{
    [Theory]
    [InlineData("=?utf-8?b?QWRtaW4=?=")]
    [InlineData("  leading and trailing  ")]
    [InlineData("中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文")]
    public void Encode_SplitsIntoShortWords_OnCharacterBoundaries_AndDecodesExactly(string text)
    {
        var encoded = Encode(text);

        foreach (var word in encoded.Split("\r\n "))
        {
            Assert.True(word.Trim().Length <= 75, $"Encoded word of {word.Length} characters.");
            Assert.StartsWith("=?utf-8?b?", word.Trim(), StringComparison.Ordinal);
        }

        Assert.Equal(text, Rfc2047.DecodeText(Encoding.ASCII.GetBytes(encoded.Replace("\r\n", string.Empty, StringComparison.Ordinal).TrimStart())));
    }

    [Theory]
    [InlineData("Ann Smith", false)]
    [InlineData("J. O'Neil-Smith", false)]
    [InlineData("Zoë", true)]
    [InlineData("Eve, \"x\"", true)]
    [InlineData("a =? b", true)]
    public void DisplayNames_AreForcedUnlessPlainAsciiWords(string name, bool forced) =>
        Assert.Equal(forced, EncodedWords.NeedsForcingInPhrase(name));

    private static string Encode(string text) => EncodedWords.Encode(text);
}
