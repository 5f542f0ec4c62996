namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// A paragraph broken across pages keeps at least two lines on each side, as a browser prints (CSS <c>widows</c> and
/// <c>orphans</c>, 2 unless set): its last line alone at the top of the next page (a widow) or its first alone at the
/// bottom of a page (an orphan) reads as a stray line.
/// </summary>
public sealed class WidowOrphanTests
{
    private static readonly string FiveLines = "P " + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}")) + " END";

    // Three lines: with room for two at a page's end, two and one leave a widow and one and two an orphan.
    private static readonly string ThreeLines = "P " + string.Join(' ', Enumerable.Range(0, 30).Select(i => $"word{i}")) + " END";

    [Theory]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(27)]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(32)]
    public void AParagraphAcrossAPageBreak_KeepsTwoLinesOnEachSide(int linesBefore) =>
        AssertTwoLinesOnEachSide(string.Join("\n\n", Enumerable.Range(0, linesBefore).Select(i => $"line {i}")) + "\n\n" + FiveLines);

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(44)]
    [InlineData(45)]
    [InlineData(46)]
    [InlineData(47)]
    [InlineData(48)]
    public void AParagraphAfterLinesOfHardBreaks_KeepsTwoLinesOnEachSide(int linesBefore) =>
        AssertTwoLinesOnEachSide(string.Join("\\\n", Enumerable.Range(0, linesBefore).Select(i => $"line {i}")) + "\n\n" + FiveLines);

    [Theory]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void AThreeLineParagraphAtAPageEnd_MovesWhole(int linesBefore) =>
        AssertTwoLinesOnEachSide(string.Join("\n\n", Enumerable.Range(0, linesBefore).Select(i => $"line {i}")) + "\n\n" + ThreeLines, 3);

    [Theory]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(27)]
    [InlineData(28)]
    [InlineData(29)]
    public void AHeadingAboveAThreeLineParagraph_IsNeverLeftAloneAtAPageEnd(int linesBefore)
    {
        var pdf = PrintTestData.RenderMarkdown(string.Join("\n\n", Enumerable.Range(0, linesBefore).Select(i => $"line {i}")) + "\n\n## Heading\n\n" + ThreeLines);
        var words = PrintTestData.Words(pdf);
        var heading = words.Single(w => w.Word.Text == "Heading").Page;
        Assert.Contains(words, w => w.Page == heading && w.Word.Text == "P");
        Assert.Equal("END", words.Last(w => w.Word.BoundingBox.Bottom > 60).Word.Text);
    }

    private static void AssertTwoLinesOnEachSide(string markdown, int expectedRows = 5)
    {
        var pdf = PrintTestData.RenderMarkdown(markdown);

        // The paragraph's lines, by page: the words of its rows, the footer left out.
        var rows = PrintTestData.Words(pdf)
            .Where(w => w.Word.BoundingBox.Bottom > 60 && (w.Word.Text.StartsWith("word", StringComparison.Ordinal) || w.Word.Text is "P" or "END"))
            .GroupBy(w => (w.Page, Math.Round(w.Word.BoundingBox.Bottom)))
            .Select(g => g.Key.Page)
            .ToList();
        Assert.True(rows.Count >= expectedRows, $"{rows.Count} rows");
        foreach (var page in rows.Distinct())
        {
            Assert.True(rows.Count(p => p == page) >= 2, $"page {page} has {rows.Count(p => p == page)} line(s) of the paragraph ({string.Join(", ", rows)})");
        }

        Assert.Equal("END", PrintTestData.Words(pdf).Last(w => w.Word.BoundingBox.Bottom > 60).Word.Text);
    }
}
