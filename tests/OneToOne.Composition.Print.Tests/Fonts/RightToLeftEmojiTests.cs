using OneToOne.Composition.Print.Layout;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Fonts;

/// <summary>
/// Emoji in right-to-left text: an emoji is a neutral (bidirectional class ON; a skin tone too, the joiner BN, a keycap's
/// marks NSM), so it takes the direction of the text around it (UAX #9 N1, N2) and is reordered with it (L2), as a
/// browser sets <c>dir="rtl"</c> text; a flag's regional indicators are L. It prints as its one picture wherever it stands.
/// </summary>
public sealed class RightToLeftEmojiTests
{
    private const string Beer = "\U0001F37A";
    private const string Beers = "\U0001F37B";

    private static readonly float RightEdge = PageGeometry.From(PrintOptions.Default).Right;
    private static readonly float LeftEdge = PageGeometry.From(PrintOptions.Default).Left;

    /// <summary>Hebrew paragraphs (their first strong letter), read from the left as they stand on the page.</summary>
    [Theory]
    [InlineData("שלום 🍺 עולם", "םלוע🍺םולש", "םולש🍺םלוע")] // between two Hebrew words: right to left (N1)
    [InlineData("שלום עולם 🍺", "🍺םלועםולש", "םלועםולש🍺")] // at the end: the paragraph's direction (N2), so at the far left
    [InlineData("🍺 שלום", "םולש🍺", "🍺םולש")] // first: still the paragraph's first character, at the right
    [InlineData("שלום 🍺🍻 עולם", "םלוע🍻🍺םולש", "םולש🍻🍺םלוע")] // two in a row are read right to left: the first at the right
    [InlineData("שלום 👍🏽 👩‍👩‍👧 עולם", "םלוע👩‍👩‍👧👍🏽םולש", "םולש👍🏽👩‍👩‍👧םלוע")] // sequences stay whole, each one picture
    [InlineData("שלום 1️⃣ 2️⃣ עולם", "םלוע2️⃣1️⃣םולש", "םולש1️⃣2️⃣םלוע")] // keycaps: numbers (EN), each left to right, read right to left
    [InlineData("שלום 🍺 abc", "abc🍺םולש", "םולש🍺abc")] // between Hebrew and Latin: the paragraph's direction
    [InlineData("שלום abc 🇩🇪", "abc🇩🇪םולש", "םולשabc🇩🇪")] // a flag's regional indicators are L: it reads with the Latin word
    public void Emoji_InAHebrewParagraph_StandsWhereUax9PutsIt(string markdown, string leftToRight, string written)
    {
        var pdf = PrintTestData.RenderMarkdown(markdown);

        var line = Assert.Single(Lines(pdf));
        Assert.Equal(leftToRight, string.Concat(line.Select(static l => l.Value)));
        Assert.Equal(RightEdge, line[^1].EndBaseLine.X, 0.5);
        Assert.All(line.Where(static l => l.Value.Length > 1 || char.IsSurrogate(l.Value[0]) || l.Value[0] is '1' or '2'), static l => Assert.Equal("Type3", l.FontName));

        // Written in reading order, run by run (a right-to-left run's glyphs from the left, marked /ReversedChars for a
        // reader that turns them): copying gives the emoji between the words it was written between.
        Assert.Equal(written, WrittenOrder(pdf));
    }

    [Fact]
    public void Emoji_AfterAHebrewWordInALatinParagraph_StaysAtTheRight()
    {
        // The paragraph is left to right (its first strong letter is Latin): the emoji between the Hebrew word and the end
        // of the paragraph takes the paragraph's direction (N2), so it stands right of the Hebrew word, as in a browser.
        var line = Assert.Single(Lines(PrintTestData.RenderMarkdown($"Hello שלום {Beer}")));

        Assert.Equal($"Helloםולש{Beer}", string.Concat(line.Select(static l => l.Value)));
    }

    [Fact]
    public void AFlag_OpeningAParagraph_MakesItLeftToRight()
    {
        // Regional indicators are strong left-to-right letters (L), so a flag is the paragraph's first strong character (P2):
        // without a language (a RenderedMessage), "🇩🇪 שלום" is a left-to-right paragraph, flush left, as with dir="auto".
        var line = Assert.Single(Lines(PrintTestData.RenderMarkdown("\U0001F1E9\U0001F1EA שלום")));

        Assert.Equal("\U0001F1E9\U0001F1EAםולש", string.Concat(line.Select(static l => l.Value)));
        Assert.Equal(LeftEdge, line[0].StartBaseLine.X, 0.5);
    }

    [Fact]
    public void Space_BetweenTwoEmoji_InAHebrewParagraph_IsDrawn()
    {
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown($"שלום {Beer} {Beers} עולם"));
        var line = document.GetPage(1).Letters.Where(static l => l.StartBaseLine.Y > 100).OrderBy(static l => l.StartBaseLine.X).ToList();

        Assert.Equal($"םלוע {Beers} {Beer} םולש", string.Concat(line.Select(static l => l.Value)));
    }

    /// <summary>The lines of page 1 above the footer, top to bottom, each as its visible letters from left to right.</summary>
    private static List<List<Letter>> Lines(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100)
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key)
            .Select(static g => g.OrderBy(static l => l.StartBaseLine.X).ToList())];
    }

    /// <summary>The visible letters of page 1 above the footer, in the order the content stream writes them.</summary>
    private static string WrittenOrder(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return string.Concat(document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100).Select(static l => l.Value));
    }
}
