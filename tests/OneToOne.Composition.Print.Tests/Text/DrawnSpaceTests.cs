using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Text;

/// <summary>
/// A space that stands alone between two differently styled runs (bold then italic, a word then a link, two ideographs
/// of a fallback font, two runs of right-to-left text) is a glyph piece of its own: it is drawn, its font's space glyph
/// where the gap is, so that copying, searching and text extraction give it, as a browser's PDF export does.
/// </summary>
public sealed class DrawnSpaceTests
{
    /// <summary>WenQuanYi Micro Hei (fonts-wqy-microhei, installed by scripts/install-deps.sh): Chinese ideographs.</summary>
    private const string CjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static PrintOptions Cjk()
    {
        Assert.True(File.Exists(CjkFont), $"{CjkFont} is missing: run scripts/install-deps.sh");
        return PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [CjkFont] } };
    }

    /// <summary>The markdown, its letters as the content stream writes them, and its words.</summary>
    [Theory]
    [InlineData("**Prost** *Hallo*", "Prost Hallo", "Prost|Hallo", false)] // bold, a regular space, italic
    [InlineData("**x** [link](https://example.com/)", "x link (https://example.com/)", "x|link|(https://example.com/)", false)] // bold, a space, a link
    [InlineData("*a* **b** c", "a b c", "a|b|c", false)] // two such spaces on one line
    [InlineData("漢 字", "漢 字", "漢|字", true)] // two ideographs of the fallback, the space in DejaVu Sans
    [InlineData("**Prost** *שלום*", "Prost םולש", "Prost|םולש", false)] // Latin, then a Hebrew word in another style
    [InlineData("**שלום** *עולם*", "םולש םלוע", "", false)] // right to left: written in reading order, the space between
    public void Space_BetweenTwoDifferentlyStyledRuns_IsDrawn_SoThatItCopiesAndExtracts(string markdown, string written, string words, bool cjk)
    {
        var pdf = PrintTestData.RenderMarkdown(markdown, cjk ? Cjk() : null);

        // No glyph was drawn for a piece of white space only: "**Prost** *Hallo*" copied and extracted as "ProstHallo".
        var letters = LettersOf(pdf);
        Assert.Equal(written, string.Concat(letters.Select(static l => l.Value)));
        if (words.Length > 0)
        {
            using var document = PrintTestData.Open(pdf);
            Assert.Equal(words.Split('|'), document.GetPage(1).GetWords().Where(static w => w.BoundingBox.Bottom > 100).Select(static w => w.Text));
        }

        // The space stands in the gap it was left as: from where the letter on its left ends to where the one on its right
        // starts, so the page is as before.
        var byX = letters.OrderBy(static l => l.StartBaseLine.X).ToList();
        for (var i = 1; i + 1 < byX.Count; i++)
        {
            if (byX[i].Value == " ")
            {
                Assert.Equal(byX[i - 1].EndBaseLine.X, byX[i].StartBaseLine.X, 0.05);
                Assert.Equal(byX[i].EndBaseLine.X, byX[i + 1].StartBaseLine.X, 0.05);
            }
        }
    }

    [Fact]
    public void Space_WhereALineWraps_IsNotDrawn_AndNoSpaceStandsPastTheMargin()
    {
        // Bold and italic words in turn: each space is a piece of its own, the one a line breaks at included. That one
        // ends its line (its width not counted, it may stand past the margin): it stays a gap, no glyph.
        var words = Enumerable.Range(0, 60).Select(static i => $"word{i}").ToList();
        var markdown = string.Join(' ', words.Select(static (w, i) => i % 2 == 0 ? $"**{w}**" : $"*{w}*"));
        var right = OneToOne.Composition.Print.Layout.PageGeometry.From(PrintOptions.Default).Right;

        var letters = LettersOf(PrintTestData.RenderMarkdown(markdown));
        var lines = letters
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key)
            .Select(static g => string.Concat(g.Select(static l => l.Value))).ToList();

        Assert.True(lines.Count > 2, $"{lines.Count} lines");
        Assert.All(lines, static line => Assert.Equal(line.Trim(), line));
        Assert.Equal(string.Join(' ', words), string.Join(' ', lines));
        Assert.All(letters, l => Assert.True(l.EndBaseLine.X <= right + 0.5, $"'{l.Value}' ends at {l.EndBaseLine.X:0.0}, past {right:0.0}"));
    }

    private static List<Letter> LettersOf(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters.Where(static l => l.StartBaseLine.Y > 100)];
    }
}
