using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// A quoted-printable line may have at most 76 characters (RFC 2045 6.7, rule 5; SpamAssassin scores a longer one as
/// MIME_QP_LONG_LINE). MimeKit's encoder wrote lines of up to 78 where an encoded character fell at the limit, and
/// armoring a line's leading 'From ' as '=46rom ' added two more: lines of 79 and 80 went out.
/// </summary>
public sealed class QuotedPrintableLineLengthTests
{
    private static readonly Catalog Letters = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: letters
        messages:
          m:
            subject: Hi
            body: "{{ long }}"
            email: { from: club@example.com }
        """);

    public static TheoryData<string> Fillers => ["x", "é", "😀 plain words", "=", " x", "From ", "\nFrom é"];

    [Theory]
    [MemberData(nameof(Fillers))]
    public void EveryQuotedPrintableLine_IsAtMost76Characters_AndDecodesToTheText(string filler)
    {
        for (var length = 0; length <= 90; length++)
        {
            var text = new string('x', length) + string.Concat(Enumerable.Repeat(filler + "abcdefgh", 20)) + " From é😀= ende";
            var decision = Letters.Decide(Person(name: "Ann", more: [("long", text)]), "m");

            var bytes = new EmailComposer(Options).Compose(Letters, decision).ToBytes();

            var raw = Raw(bytes);
            var body = raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            Assert.All(body.Split("\r\n"), line => Assert.True(line.Length <= 76, $"A line of {line.Length} characters: '{line}'."));
            var parts = Assert.IsType<MultipartAlternative>(Load(bytes).Body).OfType<TextPart>().ToList();
            Assert.Contains(parts, p => p.ContentTransferEncoding == ContentEncoding.QuotedPrintable);
            Assert.Equal(Letters.RenderEmail(decision).Text.ReplaceLineEndings("\n"), parts[0].Text.ReplaceLineEndings("\n"));
        }
    }
}
