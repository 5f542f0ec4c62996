using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// White space at the end of a body line is what relays and gateways strip, and DKIM's simple body canonicalization (the
/// c=relaxed/simple that Amazon SES signs with) counts it, so a stripped space fails the signature at Gmail or Outlook. A
/// part whose lines end in a space or a tab goes out quoted-printable, which writes that white space as =20 or =09.
/// </summary>
public sealed class TrailingWhitespaceTests
{
    private static readonly Catalog Plain = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: plain
        modules:
          a:
            content: "Hi {{ name }}"
            html: "<p>Hi</p>   \n<p>{{ name }}</p>\t\n"
        slots:
          s: { from: [a] }
        messages:
          m:
            subject: Hi
            body: "{{ slot 's' }}"
            email: { from: club@example.com }
        """);

    [Fact]
    public void AnAsciiPartWhoseLinesEndInWhiteSpace_IsQuotedPrintable_AndNoWireLineEndsInWhiteSpace()
    {
        var bytes = new EmailComposer(Options).Compose(Plain, Plain.Decide(Person(name: "Ann"), "m")).ToBytes();
        var raw = Raw(bytes);
        var body = raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        Assert.All(body.Split("\r\n"), line => Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), $"The line '{line}' ends in white space."));
        var parts = Assert.IsType<MultipartAlternative>(Load(bytes).Body).OfType<TextPart>().ToList();
        Assert.Equal(ContentEncoding.SevenBit, parts[0].ContentTransferEncoding);
        Assert.Equal(ContentEncoding.QuotedPrintable, parts[1].ContentTransferEncoding);
        Assert.Contains("<p>Hi</p>  =20\r\n<p>Ann</p>=09\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("<p>Hi</p>   \n<p>Ann</p>\t\n", parts[1].Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
