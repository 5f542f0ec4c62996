using MimeKit;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print.Layout;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Consistency;

/// <summary>
/// A paragraph's direction is the recipient's language's in every channel. The email (and the web page) write
/// <c>dir="rtl"</c> on the document for Hebrew and Arabic, so every paragraph there is right to left; the PDF took each
/// paragraph's direction from its first strong character, so a Hebrew paragraph that opened with a brand name was left to
/// right on paper (flush left, the brand at the start on the left) and right to left in the email, and a Hebrew quote in
/// an English letter the other way round.
/// </summary>
public sealed class ParagraphDirectionConsistencyTests
{
    private static readonly Catalog Catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: direction
        messages:
          m:
            subject: "Hello"
            body: |
              IKEA שלום עולם
            email:
              from: "Club <club@example.com>"
          quote:
            subject: "Hello"
            body: |
              שלום עולם IKEA
            email:
              from: "Club <club@example.com>"
        """);

    private static readonly float RightEdge = PageGeometry.From(PrintOptions.Default).Right;
    private static readonly float LeftEdge = PageGeometry.From(PrintOptions.Default).Left;

    [Theory]
    [InlineData("m", "he-IL", true)]
    [InlineData("m", "ar-EG", true)]
    [InlineData("m", "en-US", false)]
    [InlineData("quote", "en-US", false)] // a Hebrew quote in an English letter: left to right, as in the email
    [InlineData("quote", "he-IL", true)]
    public void AParagraph_HasTheRecipientsLanguagesDirection_InTheEmailAndOnPaper_WhateverItsFirstLetter(string messageId, string locale, bool rightToLeft)
    {
        var decision = Catalog.Decide(new Dictionary<string, object?> { ["id"] = "r1", ["email"] = "r1@example.com", ["locale"] = locale }, messageId);

        using var mime = MimeMessage.Load(new MemoryStream(new EmailComposer().Compose(Catalog, decision).ToBytes()));
        var html = mime.HtmlBody!;
        Assert.Equal(rightToLeft, html.Contains(" dir=\"rtl\"", StringComparison.Ordinal));

        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(Catalog.RenderPrint(decision)));
        var line = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key).First()
            .OrderBy(static l => l.StartBaseLine.X).ToList();
        var brand = XOf(line, "I");
        var hebrew = XOf(line, "ש");

        // Read from the paragraph's start edge: what comes first in the text stands nearest to it.
        var brandFirst = messageId == "m";
        Assert.True(brandFirst == rightToLeft ? brand > hebrew : brand < hebrew, $"IKEA at x {brand}, the Hebrew at x {hebrew}");
        if (rightToLeft)
        {
            Assert.Equal(RightEdge, line.Max(static l => l.EndBaseLine.X), 0.5);
            Assert.True(line.Min(static l => l.StartBaseLine.X) > LeftEdge + 100, "a short right-to-left line is not flush left");
        }
        else
        {
            Assert.Equal(LeftEdge, line.Min(static l => l.StartBaseLine.X), 0.5);
            Assert.True(line.Max(static l => l.EndBaseLine.X) < RightEdge - 100, "a short left-to-right line is not flush right");
        }
    }

    private static double XOf(List<Letter> letters, string value) => letters.First(l => l.Value == value).StartBaseLine.X;
}
