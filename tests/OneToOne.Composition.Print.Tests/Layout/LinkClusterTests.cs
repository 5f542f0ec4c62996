namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// A link whose text ends inside a character (<c>[👍](u)🏽</c>: a thumb linked, its skin tone after the link) printed the
/// thumb, the URL, then the skin tone's swatch. A browser shapes the text of one font across the link's end: one
/// skin-toned thumb, inside the link's box. Print now does the same, the URL after the whole character.
/// </summary>
public sealed class LinkClusterTests
{
    private const string Thumb = "\U0001F44D";
    private const string Tone = "\U0001F3FD";

    [Fact]
    public void ALinkCutThroughAnEmojiSequence_PrintsOnePicture_InsideTheLink_TheUrlAfterIt()
    {
        var pdf = PrintTestData.RenderMarkdown($"A [{Thumb}](https://x.example){Tone} b");

        using var document = PrintTestData.Open(pdf);
        var page = document.GetPage(1);
        var words = page.GetWords().Select(w => w.Text).ToList();
        Assert.Equal(["A", Thumb + Tone, "(https://x.example)", "b"], words.Take(4));

        // The one glyph (one letter for the two characters) lies inside the link's rectangle.
        var emoji = Assert.Single(page.Letters, l => l.Value.StartsWith(Thumb, StringComparison.Ordinal));
        Assert.Equal(Thumb + Tone, emoji.Value);
        var link = Assert.Single(page.GetHyperlinks());
        Assert.Equal("https://x.example", link.Uri);
        Assert.True(link.Bounds.Left <= emoji.BoundingBox.Left && emoji.BoundingBox.Right <= link.Bounds.Right, $"{link.Bounds} does not cover {emoji.BoundingBox}");

        // As the link written around the whole sequence prints.
        Assert.Equal(PrintTestData.RenderMarkdown($"A [{Thumb}{Tone}](https://x.example) b"), pdf);
    }

    [Fact]
    public void WithoutLinkUrls_AndAcrossAnEntity_TheSequenceIsOnePictureToo()
    {
        var options = PrintOptions.Default with { ShowLinkUrls = false };
        Assert.Equal(
            PrintTestData.RenderMarkdown($"A [{Thumb}{Tone}](https://x.example) b", options),
            PrintTestData.RenderMarkdown($"A [{Thumb}](https://x.example){Tone} b", options));

        // The same style on both sides, two inlines to Markdown: one picture, as in a browser.
        using var entity = PrintTestData.Open(PrintTestData.RenderMarkdown($"A {Thumb}&#x1F3FD; b"));
        Assert.Contains(Thumb + Tone, entity.GetPage(1).Letters.Select(l => l.Value));
    }

    [Fact]
    public void ACombiningAccentAfterALink_StaysOnItsLetter_NotAfterTheUrl()
    {
        var text = PrintTestData.AllText(PrintTestData.RenderMarkdown("Caf[e](https://x.example)\u0301 ok"));

        // The accent follows its e (the PDF's text gives them as written, e then U+0301), not the URL's bracket.
        Assert.Contains("Cafe\u0301 (https://x.example) ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmphasisCuttingASequence_StaysApart_AsInABrowser()
    {
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown($"A *{Thumb}*{Tone} b"));
        var letters = document.GetPage(1).Letters.Select(l => l.Value).ToList();

        Assert.Contains(Thumb, letters);
        Assert.Contains(Tone, letters);
    }
}
