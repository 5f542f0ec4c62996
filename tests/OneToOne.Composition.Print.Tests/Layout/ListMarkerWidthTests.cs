namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// An ordered list's number is set before its item's text, in the list's indent. A line that starts with a year and a
/// full stop ("2024. was our best year") is an ordered list starting at 2024, and its number, wider than the indent, was
/// printed in the page's left margin; a nine-digit one reached the paper's edge (and a right-to-left item's, the right one).
/// </summary>
public sealed class ListMarkerWidthTests
{
    // 20 mm margins on an A4 page.
    private static readonly double Left = 20 / 25.4 * 72;
    private static readonly double Right = 595 - Left;

    [Theory]
    [InlineData("2024. was our best year.", "2024.")]
    [InlineData("123456789. item", "123456789.")]
    [InlineData("98. a\n99. b\n100. c", "100.")]
    [InlineData("1. a\n   2024. b", "2024.")]
    [InlineData("2024. שלום", ".2024")]
    public void AWideNumber_StaysWithinTheMargins_BeforeItsItemsText(string markdown, string marker)
    {
        var words = PrintTestData.Words(PrintTestData.RenderMarkdown(markdown)).Select(static w => w.Word).ToList();

        foreach (var word in words)
        {
            Assert.True(word.BoundingBox.Left >= Left - 0.5 && word.BoundingBox.Right <= Right + 0.5, $"'{word.Text}' spans {word.BoundingBox.Left:0.0}..{word.BoundingBox.Right:0.0}, outside {Left:0.0}..{Right:0.0}.");
        }

        // The number is beside its item's first line, apart from its text.
        var number = words.First(w => w.Text == marker);
        var text = words.First(w => w.Text != marker && Math.Abs(w.BoundingBox.Bottom - number.BoundingBox.Bottom) < 0.5 && !w.Text.EndsWith('.'));
        Assert.True(number.BoundingBox.Right < text.BoundingBox.Left || number.BoundingBox.Left > text.BoundingBox.Right, $"'{marker}' overlaps '{text.Text}'.");
    }

    [Fact]
    public void AnOrdinaryList_KeepsItsIndent()
    {
        var words = PrintTestData.Words(PrintTestData.RenderMarkdown("1. a\n2. b\n\n- c")).Select(static w => w.Word).ToList();

        Assert.Equal(Left + (11 * 1.8), words.Single(static w => w.Text == "a").BoundingBox.Left, 1.5);
        Assert.Equal(Left + (11 * 1.8), words.Single(static w => w.Text == "c").BoundingBox.Left, 1.5);
    }

    [Theory]
    [InlineData("1. First\n2. Second", "1.First2.Second")]
    [InlineData("- First\n- Second", "•First•Second")]
    [InlineData("1. | A | B |\n   | - | - |\n   | x | y |", "1.AB")]
    public void AListItemsMarker_IsWrittenBeforeItsText_SoCopiedTextReadsInOrder(string markdown, string start)
    {
        // The content stream's order is what copying, searching and screen readers follow in a PDF without tags: a
        // marker written after its line read "First1.Second2.".
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(markdown));
        var text = string.Concat(document.GetPage(1).Letters.Select(static l => l.Value).Where(static v => !string.IsNullOrWhiteSpace(v)));

        Assert.StartsWith(start, text, StringComparison.Ordinal);
    }
}
