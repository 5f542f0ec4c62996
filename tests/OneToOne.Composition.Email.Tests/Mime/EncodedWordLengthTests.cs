using System.Text.RegularExpressions;
using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// RFC 2047 section 2: an encoded-word may have at most 75 characters, and a header line holding one at most 76. MimeKit
/// wrote a run of non-ASCII text without spaces (a Japanese subject, a name of accented letters, emoji) as one word of up
/// to 124 characters (and a sender's name as much); the composer's own words were 72 characters after <c>Subject: </c> (81 on the line); and a forced
/// display name kept the address on its line however long it was.
/// </summary>
public sealed partial class EncodedWordLengthTests
{
    public static TheoryData<string> Names => new()
    {
        "東京都渋谷区の山田太郎様へのお知らせ",
        new string('é', 25),
        new string('é', 100),
        "Ωmega " + new string('ü', 20),
        string.Concat(Enumerable.Repeat("😀", 20)),
        "=?" + new string('é', 40),

        // Plain ASCII words, which the composer leaves to MimeKit: one longer than a line is an encoded-word too.
        new string('b', 1200),
        "Ann " + new string('b', 200) + " Smith",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void EncodedWords_AndTheirLines_StayWithinRfc2047(string name)
    {
        var bytes = Compose(Person(name: name)).ToBytes();

        AssertWithinRfc2047(HeaderBlock(bytes));
        var message = Load(bytes);
        Assert.Equal("News for " + name, message.Subject);
        Assert.Equal(name, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
    }

    [Fact]
    public void AForcedDisplayName_PutsALongAddressOnALineOfItsOwn()
    {
        var address = new string('a', 64) + "@" + new string('b', 61) + "." + new string('b', 61) + "." + new string('b', 57) + ".example";

        var bytes = Compose(Person(name: "Zoë " + new string('x', 30), email: address)).ToBytes();

        AssertWithinRfc2047(HeaderBlock(bytes));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(Load(bytes).To));
        Assert.Equal(("Zoë " + new string('x', 30), address), (to.Name, to.Address));
    }

    [Fact]
    public void ALongAsciiWordInADisplayName_PutsALongAddressOnALineOfItsOwn()
    {
        var address = new string('a', 64) + "@" + new string('b', 61) + ".example";
        var name = new string('x', 200);

        var bytes = Compose(Person(name: name, email: address)).ToBytes();

        AssertWithinRfc2047(HeaderBlock(bytes));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(Load(bytes).To));
        Assert.Equal((name, address), (to.Name, to.Address));
    }

    [Fact]
    public void ALongNonAsciiSenderName_StaysWithinRfc2047()
    {
        const string Name = "Café Zoë Straße Ärger Öl Übel Åland Ørsted Æbleskiver Ñandú Çedilla";
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($$"""
            catalog: c
            messages:
              m:
                subject: x
                body: x
                email: { from: "{{Name}} <buero@example.com>" }
              bare: { subject: x, body: x }
            """);

        foreach (var (composer, message) in new[] { (new EmailComposer(Options), "m"), (new EmailComposer(Options with { DefaultFrom = Name + " <buero@example.com>" }), "bare") })
        {
            // Twice: a composer's own DefaultFrom is not changed by writing it.
            _ = composer.Compose(catalog, catalog.Decide(Person(), message));
            var bytes = composer.Compose(catalog, catalog.Decide(Person(), message)).ToBytes();

            AssertWithinRfc2047(HeaderBlock(bytes));
            var from = Assert.IsType<MailboxAddress>(Assert.Single(Load(bytes).From));
            Assert.Equal((Name, "buero@example.com"), (from.Name, from.Address));
        }
    }

    private static void AssertWithinRfc2047(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            foreach (Match word in EncodedWord().Matches(line))
            {
                Assert.True(word.Length <= 75, $"An encoded-word of {word.Length} characters: {word.Value}");
                Assert.True(line.Length <= 76, $"A line of {line.Length} characters with an encoded-word: {line}");
            }
        }
    }

    [GeneratedRegex(@"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")]
    private static partial Regex EncodedWord();
}
