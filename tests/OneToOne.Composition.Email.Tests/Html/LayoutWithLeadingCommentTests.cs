using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>
/// A layout that starts with a comment (a template's version note) before its <c>&lt;!DOCTYPE html&gt;</c> was taken for a
/// fragment and wrapped in a document of its own: the layout's <c>lang</c> gave way to the recipient's, and its
/// <c>&lt;meta&gt;</c> and <c>&lt;title&gt;</c> landed in the body, where a mail client may show the title as text.
/// </summary>
public sealed class LayoutWithLeadingCommentTests
{
    [Theory]
    [InlineData("<!-- Newsletter template v3 -->\n")]
    [InlineData("\uFEFF<!-- one --> <!-- two -->\n")]
    public void ALayoutThatStartsWithAComment_IsTheDocument(string lead)
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($$$"""
            catalog: c
            locale: de-DE
            messages:
              m:
                subject: Hallo
                body: Text
                email:
                  from: club@example.com
                  layout: "{{{lead.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\uFEFF", "\\uFEFF", StringComparison.Ordinal)}}}<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{{ subject }}</title></head>\n<body>{{ content }}</body></html>\n"
            """);

        var bytes = new EmailComposer(Options).Compose(catalog, catalog.Decide(Person(), "m")).ToBytes();

        var html = Assert.IsType<TextPart>(Assert.IsType<MultipartAlternative>(Load(bytes).Body)[1]).Text;
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<title>").Length - 1);
    }
}
