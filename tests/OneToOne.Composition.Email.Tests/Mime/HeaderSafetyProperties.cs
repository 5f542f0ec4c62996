using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

public sealed class HeaderSafetyProperties
{
    private static readonly char[] Hostile =
        ['a', 'Z', ' ', '\r', '\n', '\t', '\0', '\u0085', '\u2028', ':', ';', ',', '<', '>', '"', '\\', '@', '(', ')', '=', '?', 'é', 'Ω', '中', 'ü', '-'];

    private static readonly string[] Expected =
        ["Date", "From", "Reply-To", "To", "Subject", "Message-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type"];

    private static Arbitrary<string> HostileNames() =>
        Gen.Elements(Hostile).ArrayOf().Select(static chars => new string(chars)).ToArbitrary();

    private static string OneLine(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || chars[i] is '\u2028' or '\u2029')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static string Collapse(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Property(MaxTest = 300)]
    public Property HostileNames_NeverAddAHeader_AndRoundTripFolded() =>
        Prop.ForAll(HostileNames(), static name =>
        {
            var bytes = Compose(Person(name: name)).ToBytes();
            var names = HeaderNames(bytes);
            var message = Load(bytes);

            Assert.Equal(Expected.Order(StringComparer.OrdinalIgnoreCase), names.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
            Assert.All(HeaderBlock(bytes), static c => Assert.True(c is >= ' ' and < '\u007f' or '\r' or '\n' or '\t', $"Raw character U+{(int)c:X4} in the headers."));
            Assert.DoesNotContain('\r', message.Subject!);
            Assert.DoesNotContain('\n', message.Subject!);
            Assert.Equal(("News for " + OneLine(name)).TrimEnd(), message.Subject!.TrimEnd());
            var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
            Assert.Equal("ann@example.com", to.Address);
            // A display name is a phrase: readers may collapse runs of white space in it.
            Assert.Equal(Collapse(OneLine(name)), Collapse(to.Name ?? string.Empty));
        });

    [Fact]
    public void BccInjection_InTheDisplayName_IsJustText()
    {
        var bytes = Compose(Person(name: "Eve\r\nBcc: x@example.com")).ToBytes();

        Assert.DoesNotContain("Bcc", HeaderNames(bytes), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(Load(bytes).Bcc);
        Assert.Equal("News for Eve  Bcc: x@example.com", Load(bytes).Subject);
    }

    [Theory]
    [InlineData("=?utf-8?b?QWRtaW4=?=")]
    [InlineData("Ann =? Zoë")]
    [InlineData("=?x ü")]
    public void TextThatLooksEncoded_IsEncoded_AndReadsBackLiterally(string name)
    {
        var bytes = Compose(Person(name: name)).ToBytes();
        var message = Load(bytes);

        Assert.Equal("News for " + name, message.Subject);
        Assert.Equal(name, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
        Assert.Equal("ann@example.com", message.To.Mailboxes.Single().Address);
        Assert.DoesNotContain(name, HeaderBlock(bytes), StringComparison.Ordinal);
    }
}
