using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// Mailers that keep mail in mbox files rewrite a body line that begins "From " to ">From ", so the reader saw a '>' the
/// message never had (and a signature over the body no longer held): such lines go out armored, "=46rom ", in
/// quoted-printable, which decodes to the text as it was.
/// </summary>
public sealed class FromLineTests
{
    private static readonly Catalog Letters = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: letters
        messages:
          m:
            subject: Hi
            body: |
              {{ opening }}
              From the brewery, with love, {{ name }}

              Fromage is not a line to armor, nor is From

              {{ long }}
            email: { from: club@example.com }
        """);

    [Theory]
    [InlineData("Dear Ann,")]
    [InlineData("From us to you,")]
    public void ALineThatBeginsFrom_IsArmored_InBothParts_AndDecodesToTheTextAsWritten(string opening)
    {
        var longLine = string.Concat(Enumerable.Repeat("word ", 15)) + "From here on the line wraps";
        var decision = Letters.Decide(Person(name: "Zoë", more: [("opening", opening), ("long", longLine)]), "m");
        var content = Letters.RenderEmail(decision);

        var bytes = new EmailComposer(Options).Compose(Letters, decision).ToBytes();
        var raw = Raw(bytes);
        var message = Load(bytes);

        Assert.DoesNotContain("\nFrom ", raw, StringComparison.Ordinal);
        Assert.Contains("\n=46rom the brewery, with love, Zo=C3=AB", raw, StringComparison.Ordinal);
        Assert.Contains("\nFromage is not a line to armor, nor is From", raw, StringComparison.Ordinal);
        var parts = Assert.IsType<MultipartAlternative>(message.Body).OfType<TextPart>().ToList();
        Assert.All(parts, p => Assert.Equal(ContentEncoding.QuotedPrintable, p.ContentTransferEncoding));
        Assert.Equal(content.Text.ReplaceLineEndings("\n"), parts[0].Text.ReplaceLineEndings("\n"));
        Assert.Contains("From the brewery, with love, Zoë", parts[1].Text, StringComparison.Ordinal);
        Assert.Contains(longLine, parts[0].Text, StringComparison.Ordinal);
    }
    /// <summary>
    /// A long line that needs no armor as written is broken by quoted-printable's soft line breaks, and the line after one
    /// may begin "From ": that encoded line is armored too, wherever the break falls.
    /// </summary>
    [Fact]
    public void ALongLineWhoseSoftLineBreakFallsBeforeFrom_IsArmored()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: letters
            messages:
              m:
                subject: Hi
                body: "{{ long }}"
                email: { from: club@example.com }
            """);
        for (var length = 60; length <= 90; length++)
        {
            var longLine = new string('x', length) + " From here on, Zoë";
            var decision = catalog.Decide(Person(name: "Ann", more: [("long", longLine)]), "m");

            var bytes = new EmailComposer(Options).Compose(catalog, decision).ToBytes();
            var raw = Raw(bytes);

            Assert.DoesNotContain("\nFrom ", raw, StringComparison.Ordinal);
            var parts = Assert.IsType<MultipartAlternative>(Load(bytes).Body).OfType<TextPart>().ToList();
            Assert.Contains(longLine, parts[0].Text, StringComparison.Ordinal);
        }
    }
}
