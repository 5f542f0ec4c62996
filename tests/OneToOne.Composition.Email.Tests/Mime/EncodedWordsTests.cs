using System.Globalization;
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

    [Theory]
    [InlineData("山田太郎👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧")]
    [InlineData("今月のおすすめ🇯🇵🇰🇷🇨🇳🇹🇭🇮🇳🇯🇵🇰🇷🇨🇳🇹🇭🇮🇳👍🏽👍🏽👍🏽☺️☺️")]
    [InlineData("नमस्ते प्रिया क्षत्रिय क्षत्रिय क्षत्रिय स्वागत स्वागत สวัสดีครับยินดีต้อนรับสู่แคมเปญ")]
    public void Encode_EndsEachWordBetweenGraphemeClusters_SoNoEmojiSequenceOrConjunctIsSplit(string text)
    {
        var words = Encode(text).Split("\r\n ");
        Assert.True(words.Length > 1, "The text should need more than one word.");

        // Each word, decoded on its own as some readers do, is whole grapheme clusters: together they are the text's clusters.
        var clusters = new List<string>();
        foreach (var word in words)
        {
            var decoded = Rfc2047.DecodeText(Encoding.ASCII.GetBytes(word.Trim()));
            var enumerator = StringInfo.GetTextElementEnumerator(decoded);
            while (enumerator.MoveNext())
            {
                clusters.Add(enumerator.GetTextElement());
            }
        }

        var expected = new List<string>();
        var whole = StringInfo.GetTextElementEnumerator(text);
        while (whole.MoveNext())
        {
            expected.Add(whole.GetTextElement());
        }

        Assert.Equal(expected, clusters);
    }

    [Fact]
    public void Encode_SplitsAClusterLongerThanAWord_BetweenItsCodePoints()
    {
        var text = "e" + string.Concat(Enumerable.Repeat("\u0301", 30));
        var encoded = Encode(text);

        Assert.Equal(2, encoded.Split("\r\n ").Length);
        Assert.Equal(text, Rfc2047.DecodeText(Encoding.ASCII.GetBytes(encoded.Replace("\r\n", string.Empty, StringComparison.Ordinal).TrimStart())));
    }

    private static string Encode(string text) => EncodedWords.Encode(text);
}
