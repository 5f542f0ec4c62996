namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// A table whose words together are wider than the page: one long word (a URL, a reference number) took the width from
/// every other column in proportion, so a column of short words was left narrower than one letter and printed
/// "Total" and "12.50" a letter per line, and a one-letter header ran past the page's right margin.
/// </summary>
public sealed class TableColumnWidthTests
{
    private static readonly string Url = "https://example.com/" + new string('a', 250);

    [Fact]
    public void ShortWords_KeepTheirWidth_WhenAnotherColumnHasAWordWiderThanThePage()
    {
        var pdf = PrintTestData.RenderMarkdown($"| Item | Link | Total |\n|---|---|---:|\n| Beer | {Url} | 12.50 |\n");

        var words = PrintTestData.Words(pdf).Select(static w => w.Word.Text).ToList();
        Assert.Contains("Item", words);
        Assert.Contains("Total", words);
        Assert.Contains("Beer", words);
        Assert.Contains("12.50", words);

        // The long word is broken across lines, and every line of it is in the table's middle column.
        var text = string.Concat(words.Where(static w => w.Contains('a', StringComparison.Ordinal) && w.Length > 10));
        Assert.Equal(Url, text);
    }

    [Theory]
    [InlineData("| a | b |\n|---|---|\n| {0} | y |\n")]
    [InlineData("| b | a |\n|---|---|\n| y | {0} |\n")]
    public void EveryWord_StaysWithinTheMargins(string table)
    {
        var pdf = PrintTestData.RenderMarkdown(string.Format(System.Globalization.CultureInfo.InvariantCulture, table, new string('x', 300)));

        // 20 mm margins on an A4 page.
        var left = 20 / 25.4 * 72;
        var right = 595 - left;
        foreach (var (_, word) in PrintTestData.Words(pdf))
        {
            Assert.True(word.BoundingBox.Left >= left - 0.5 && word.BoundingBox.Right <= right + 0.5, $"'{word.Text}' spans {word.BoundingBox.Left:0.0}..{word.BoundingBox.Right:0.0}, outside {left:0.0}..{right:0.0}.");
        }
    }
}
