using MimeKit;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print.Layout;
using UglyToad.PdfPig.Tokens;

namespace OneToOne.Composition.Print.Tests.Consistency;

/// <summary>
/// Every channel declares the language the text is written in, not the recipient's when the catalog has no text in it:
/// a Hebrew recipient of an English catalog (<c>locale: en-US</c>) without Hebrew variants reads English, yet the email
/// and the web page said <c>lang="he-IL" dir="rtl"</c> (English laid out right to left, the final period at the left,
/// read aloud with a Hebrew voice), and the PDF said <c>/Lang (he-IL)</c> and set the English paragraphs right to left.
/// </summary>
public sealed class TextLanguageConsistencyTests
{
    private static readonly Catalog Catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: language
        locale: en-US
        modules:
          offer: "Our offer is here."
          greeting:
            content: "Welcome back."
            locales:
              he: "ברוכים השבים."
        slots:
          a: { from: [offer] }
          b: { from: [greeting] }
        messages:
          m:
            subject: "Hello"
            body: '{{ slot "a" }}'
            email: { from: "Club <club@example.com>" }
          greeted:
            subject: "Hello"
            body: '{{ slot "b" }}'
            email: { from: "Club <club@example.com>" }
          titled:
            subject: "Hello"
            locales:
              he: { subject: "שלום" }
            body: '{{ slot "a" }}'
            email: { from: "Club <club@example.com>" }
        """);

    private static readonly Catalog NoLocale = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: unsaid
        messages:
          m:
            subject: "Hello"
            body: "Our offer is here."
            email: { from: "Club <club@example.com>" }
        """);

    private static readonly float RightEdge = PageGeometry.From(PrintOptions.Default).Right;
    private static readonly float LeftEdge = PageGeometry.From(PrintOptions.Default).Left;

    [Theory]
    [InlineData(false, "m", "he-IL", "en-US")] // English text, no Hebrew of it: English, left to right
    [InlineData(false, "m", "ar-EG", "en-US")]
    [InlineData(false, "m", "de-DE", "en-US")]
    [InlineData(false, "m", "en-GB", "en-GB")] // the catalog's locale is in the recipient's language
    [InlineData(false, "greeted", "he-IL", "he-IL")] // a chosen module has a Hebrew variant
    [InlineData(false, "titled", "he-IL", "he-IL")] // the subject has a Hebrew variant
    [InlineData(true, "m", "he-IL", "he-IL")] // no locale: the catalog says nothing of its language, so the recipient's stands
    public void EveryChannel_DeclaresTheLanguageTheTextIsWrittenIn(bool noLocale, string messageId, string locale, string language)
    {
        var catalog = noLocale ? NoLocale : Catalog;
        var rightToLeft = language is "he-IL";
        var decision = catalog.Decide(new Dictionary<string, object?> { ["id"] = "r1", ["email"] = "r1@example.com", ["locale"] = locale }, messageId);

        Assert.Equal((locale, language), (decision.Culture.Name, decision.TextCulture.Name));
        var tag = $"<html lang=\"{language}\"{(rightToLeft ? " dir=\"rtl\"" : string.Empty)}>";

        var bytes = new EmailComposer().Compose(catalog, decision).ToBytes();
        using var mime = MimeMessage.Load(new MemoryStream(bytes));
        var email = mime.HtmlBody!.Contains(tag, StringComparison.Ordinal);
        var contentLanguage = System.Text.Encoding.ASCII.GetString(bytes).Split("\r\n\r\n")[0].Contains($"\r\nContent-Language: {language}\r\n", StringComparison.Ordinal);
        var page = catalog.RenderPage(decision).Contains(tag, StringComparison.Ordinal);

        var content = catalog.RenderPrint(decision);
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(content));
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out StringToken lang));

        // The paragraph's direction on paper: flush right when right to left, flush left (the period at the right) when not.
        var line = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key).First().ToList();
        var flushRight = Math.Abs(RightEdge - line.Max(static l => l.EndBaseLine.X)) < 0.5;
        var flushLeft = Math.Abs(LeftEdge - line.Min(static l => l.StartBaseLine.X)) < 0.5;
        var periodLast = line.OrderBy(static l => l.StartBaseLine.X).Last().Value == ".";

        // Each channel on its own, so that one channel's miss does not hide another's.
        var expected = (Email: true, ContentLanguage: true, Page: true, Print: language, PdfLang: language, FlushRight: rightToLeft, FlushLeft: !rightToLeft);
        var actual = (Email: email, ContentLanguage: contentLanguage, Page: page, Print: content.Language, PdfLang: lang!.Data, FlushRight: flushRight, FlushLeft: flushLeft);
        Assert.Equal(expected, actual);
        if (!rightToLeft)
        {
            Assert.True(periodLast, "the English sentence's final period stands at its left");
        }
    }

    [Theory]
    [InlineData("m", "en-US")]
    [InlineData("greeted", "he-IL")]
    public void AMergedPdf_DeclaresTheLanguageItsPiecesAreWrittenIn(string messageId, string expected)
    {
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            for (var i = 0; i < 2; i++)
            {
                var decision = Catalog.Decide(new Dictionary<string, object?> { ["id"] = "r" + i, ["locale"] = "he-IL" }, messageId);
                writer.Add("r" + i, Catalog.RenderPrint(decision));
            }

            writer.Complete();
        }

        using var document = PrintTestData.Open(output.ToArray());
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out StringToken lang));
        Assert.Equal(expected, lang!.Data);
    }
}
