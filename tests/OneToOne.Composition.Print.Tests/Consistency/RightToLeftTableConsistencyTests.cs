using MimeKit;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print.Layout;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace OneToOne.Composition.Print.Tests.Consistency;

/// <summary>
/// Tables, block quotes and lists of a Hebrew or Arabic piece on paper as in its email and web page, which write the
/// piece's Markdown as Markdig's HTML (a pipe table's alignments as <c>style="text-align: left|center|right;"</c> on
/// every cell, no stylesheet) inside <c>dir="rtl"</c>. There a table's first column is at the right, the table stands
/// at the right margin, an unaligned cell is flush right, and <c>text-align: left</c> stays left; a block quote is
/// indented from the right (the browser's <c>margin-inline-start</c>). The PDF laid tables out from the left, set a
/// <c>:---</c> column flush right, and drew a Hebrew quote flush against the right margin with its bar at the left.
/// </summary>
public sealed class RightToLeftTableConsistencyTests
{
    private static readonly PageGeometry Page = PageGeometry.From(PrintOptions.Default);

    /// <summary>A table cell's padding on each side (0.4 of the body size).</summary>
    private static readonly float Padding = PrintOptions.Default.BaseFontSize * 0.4f;

    /// <summary>A block quote's indent (1.4 of the body size), and where its bar stands in it (0.35).</summary>
    private static readonly float QuoteIndent = PrintOptions.Default.BaseFontSize * 1.4f;

    private static readonly float QuoteBar = PrintOptions.Default.BaseFontSize * 0.35f;

    /// <summary>Renders a body for a recipient in a locale: the email's HTML, the web fragment and the PDF.</summary>
    private static (string Email, string Web, byte[] Pdf) Render(string body, string locale)
    {
        var indented = string.Join("\n", body.Split('\n').Select(static l => "          " + l));
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($"""
            catalog: rtl-tables
            messages:
              m:
                subject: "Hello"
                body: |
            {indented}
                email:
                  from: "Club <club@example.com>"
            """);
        var decision = catalog.Decide(new Dictionary<string, object?> { ["id"] = "r1", ["email"] = "r1@example.com", ["locale"] = locale }, "m");
        using var mime = MimeMessage.Load(new MemoryStream(new EmailComposer().Compose(catalog, decision).ToBytes()));
        var web = catalog.Render(decision, Channel.Web).Body;
        return (mime.HtmlBody!, web, PrintTestData.Renderer.Render(catalog.RenderPrint(decision)));
    }

    private static List<Letter> Letters(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value))];
    }

    private static List<Letter> Of(List<Letter> letters, string value) => [.. letters.Where(l => l.Value == value)];

    private static double Left(List<Letter> letters) => letters.Min(static l => l.StartBaseLine.X);

    private static double Right(List<Letter> letters) => letters.Max(static l => l.EndBaseLine.X);

    [Theory]
    [InlineData("he-IL", true)]
    [InlineData("ar-EG", true)]
    [InlineData("en-US", false)]
    public void ATable_HasItsFirstColumnAtTheStartSide_AndStandsAtThatMargin_AsInTheEmail(string locale, bool rightToLeft)
    {
        var (email, web, pdf) = Render("| מוצר | Qty | סכום |\n| --- | --- | --- |\n| דף | 7 | 12.50 |", locale);

        // What the email and the web page write: a plain table, in the document's direction.
        Assert.Equal(rightToLeft, email.Contains(" dir=\"rtl\"", StringComparison.Ordinal));
        Assert.Contains("<th>מוצר</th>\n<th>Qty</th>\n<th>סכום</th>", web, StringComparison.Ordinal);
        Assert.Contains("<td>דף</td>\n<td>7</td>\n<td>12.50</td>", email, StringComparison.Ordinal);

        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();

        // Written first column first either way, so a tool that takes the text in the order it is written reads it so.
        Assert.True(letters.FindIndex(static l => l.Value == "צ") < letters.FindIndex(static l => l.Value == "Q"), "the first column is written first");
        var first = Of(letters, "צ").Concat(Of(letters, "ד")).ToList();
        var second = Of(letters, "Q").Concat(Of(letters, "7")).ToList();
        var third = Of(letters, "כ").Concat(Of(letters, "5")).ToList();
        if (rightToLeft)
        {
            Assert.True(Left(first) > Right(second) && Left(second) > Right(third), $"columns at x {Left(first)}, {Left(second)}, {Left(third)}: the first is not at the right");

            // The table is as wide as its content, at the right margin; its unaligned cells flush right, a number and a Latin word too.
            Assert.Equal(Page.Right - Padding, Right(letters), 0.5);
            Assert.True(Left(letters) > Page.Left + 200, $"the table starts at x {Left(letters)}, not at the right");
            Assert.Equal(Right(Of(letters, "y")), Right(Of(letters, "7")), 0.5);
            Assert.Equal(Right(Of(letters, "ס")), Right(Of(letters, "0")), 0.5);
        }
        else
        {
            Assert.True(Right(first) < Left(second) && Right(second) < Left(third), $"columns at x {Left(first)}, {Left(second)}, {Left(third)}: the first is not at the left");
            Assert.Equal(Page.Left + Padding, Left(letters), 0.5);
            Assert.Equal(Left(Of(letters, "Q")), Left(Of(letters, "7")), 0.5);
        }
    }

    [Theory]
    [InlineData("he-IL", true)]
    [InlineData("en-US", false)]
    public void AColumnsAlignment_KeepsItsSide_AsTheEmailsTextAlign_AndAnUnalignedColumnIsFlushWithTheStart(string locale, bool rightToLeft)
    {
        // Each header fills its column, so the column's edges are its header's; each body cell is one short letter.
        var (email, web, pdf) = Render("| LLLLLLLL | CCCCCCCC | RRRRRRRR | NNNNNNNN |\n| :--- | :---: | ---: | --- |\n| א | ב | ג | ד |", locale);

        Assert.Contains("<td style=\"text-align: left;\">א</td>\n<td style=\"text-align: center;\">ב</td>\n<td style=\"text-align: right;\">ג</td>\n<td>ד</td>", email, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align: left;\">א</td>", web, StringComparison.Ordinal);

        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();
        var (left, centre, right, unset) = (Of(letters, "L"), Of(letters, "C"), Of(letters, "R"), Of(letters, "N"));
        Assert.Equal(Left(left), Left(Of(letters, "א")), 0.5);
        Assert.Equal((Left(centre) + Right(centre)) / 2, (Left(Of(letters, "ב")) + Right(Of(letters, "ב"))) / 2, 0.5);
        Assert.Equal(Right(right), Right(Of(letters, "ג")), 0.5);
        if (rightToLeft)
        {
            Assert.Equal(Right(unset), Right(Of(letters, "ד")), 0.5);
        }
        else
        {
            Assert.Equal(Left(unset), Left(Of(letters, "ד")), 0.5);
        }
    }

    [Fact]
    public void ATableWiderThanThePage_InARightToLeftPiece_FillsTheLine_FromItsFirstColumnAtTheRight()
    {
        static string Cell(string letter) => string.Join(" ", Enumerable.Repeat(string.Concat(Enumerable.Repeat(letter, 5)), 25));
        var (_, _, pdf) = Render($"| {Cell("ט")} | {Cell("ל")} | {Cell("נ")} |\n| --- | --- | --- |\n| 1 2 3 | 4 5 6 | 7 8 9 |", "he-IL");

        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();
        var (first, second, third) = (Of(letters, "ט"), Of(letters, "ל"), Of(letters, "נ"));
        Assert.True(Left(first) > Right(second) && Left(second) > Right(third), $"columns at x {Left(first)}, {Left(second)}, {Left(third)}: the first is not at the right");
        Assert.Equal(Page.Right - Padding, Right(first), 0.5);
        Assert.True(Left(third) >= Page.Left + Padding - 0.5, $"the last column starts at x {Left(third)}, past the left margin");

        // The body row: its numbers in the same columns, each cell flush right.
        Assert.Equal(Page.Right - Padding, Right(Of(letters, "3").Concat(Of(letters, "1")).ToList()), 0.5);
        Assert.True(Right(Of(letters, "7")) < Left(first) && Left(Of(letters, "7")) < Left(Of(letters, "4")));
    }

    [Fact]
    public void ARightToLeftTableThatRunsOntoANextPage_RepeatsItsHeaderThere_WithTheFirstColumnStillAtTheRight()
    {
        var rows = string.Concat(Enumerable.Range(1, 90).Select(static i => $"| דף | {i % 10} | טל |\n"));
        var (_, _, pdf) = Render("| מוצר | Qty | סכום |\n| --- | --- | --- |\n" + rows, "he-IL");

        using var document = PrintTestData.Open(pdf);
        Assert.True(document.NumberOfPages >= 2, $"the table fits on {document.NumberOfPages} page");
        var second = document.GetPage(2).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 60).ToList();

        // The header again, at the top of the table on the next page, its first column at the right margin.
        var header = Of(second, "צ");
        Assert.NotEmpty(header);
        Assert.True(header.Max(static l => l.StartBaseLine.Y) >= second.Max(static l => l.StartBaseLine.Y) - 0.5, "the repeated header is not the table's top row");
        Assert.Equal(Page.Right - Padding, Right(Of(second, "מ")), 0.5);
        Assert.True(Left(Of(second, "צ")) > Right(Of(second, "Q")) && Left(Of(second, "Q")) > Right(Of(second, "כ")), "the repeated header's first column is not at the right");

        // The rows carried over read right to left too: first column at the right, each cell flush right.
        Assert.True(Left(Of(second, "ד")) > Right(Of(second, "y")) && Left(Of(second, "ט")) < Left(Of(second, "Q")), "a carried-over row's first column is not at the right");
        Assert.Equal(Page.Right - Padding, Right(Of(second, "ד")), 0.5);
    }

    [Theory]
    [InlineData("he-IL", true)]
    [InlineData("en-US", false)]
    public void ABlockQuote_IsIndentedFromTheStartSide_WithItsBarThere_AndATableInItToo(string locale, bool rightToLeft)
    {
        var (email, _, pdf) = Render("Before the quote\n\n> שלום עולם\n>\n> | א | ב |\n> | --- | --- |\n> | 1 | 2 |", locale);

        // The email: a plain blockquote in the document's direction, with no stylesheet; a browser indents it by its
        // margin-inline-start, at the right in a right-to-left document.
        Assert.Contains("<blockquote>\n<p>שלום עולם</p>\n<table>", email, StringComparison.Ordinal);
        Assert.DoesNotContain("border", email, StringComparison.Ordinal);

        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();
        var quote = Of(letters, "ש").Concat(Of(letters, "ם")).ToList();
        var (one, two) = (Of(letters, "1"), Of(letters, "2"));
        using var document = PrintTestData.Open(pdf);
        var bars = document.GetPage(1).Paths.SelectMany(static p => p).Select(static s => s.GetBoundingRectangle()).OfType<PdfRectangle>()
            .Where(static r => r.Width < 3 && r.Height > 5).Select(static r => (r.Left + r.Right) / 2).Distinct().ToList();
        if (rightToLeft)
        {
            Assert.Equal(Page.Right - QuoteIndent, Right(quote), 0.5);
            Assert.Equal(Page.Right - QuoteBar, Assert.Single(bars), 0.5);
            Assert.True(Left(one) > Right(two), "the quote's table has its first column at the right");
            Assert.Equal(Page.Right - QuoteIndent - Padding, Right(one.Concat(Of(letters, "א")).ToList()), 0.5);
        }
        else
        {
            Assert.Equal(Page.Left + QuoteBar, Assert.Single(bars), 0.5);
            Assert.Equal(Page.Left + QuoteIndent + Padding, Left(one.Concat(Of(letters, "א")).ToList()), 0.5);
            Assert.True(Right(one) < Left(two));
        }
    }

    [Theory]
    [InlineData("> שלום עולם\n>\n> | א | ב |\n> | --- | --- |\n> | 1 | 2 |", true)]
    [InlineData("> Hello world\n>\n> | a | b |\n> | --- | --- |\n> | 1 | 2 |", false)]
    public void WithoutALanguage_AQuoteOrTable_TakesItsFirstTextsDirection_AsAListItemDoes(string markdown, bool rightToLeft)
    {
        // A RenderedMessage carries no language and so has no HTML direction to follow: each block its first text's.
        var pdf = PrintTestData.RenderMarkdown(markdown);
        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();
        using var document = PrintTestData.Open(pdf);
        var bar = Assert.Single(document.GetPage(1).Paths.SelectMany(static p => p).Select(static s => s.GetBoundingRectangle()).OfType<PdfRectangle>()
            .Where(static r => r.Width < 3 && r.Height > 5).Select(static r => (r.Left + r.Right) / 2).Distinct());
        var (one, two) = (Of(letters, "1"), Of(letters, "2"));
        Assert.Equal(rightToLeft ? Page.Right - QuoteBar : Page.Left + QuoteBar, bar, 0.5);
        Assert.Equal(rightToLeft, Left(one) > Right(two));
    }

    [Fact]
    public void AListInARightToLeftPiece_HasItsMarkersOnTheRight_AlsoForAnItemThatOpensWithABrandName()
    {
        var (email, _, pdf) = Render("- IKEA פריט\n- פריט שני\n  1. 7 פנימי", "he-IL");
        Assert.Contains("<ul>\n<li>IKEA פריט</li>", email, StringComparison.Ordinal);

        var letters = Letters(pdf).Where(static l => l.StartBaseLine.Y > 100).ToList();
        var lines = letters.GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key)
            .Select(static g => g.OrderBy(static l => l.StartBaseLine.X).ToList()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("\u2022", lines[0][^1].Value);
        Assert.Equal("A", lines[0][^2].Value); // the brand name first, at the right (read left to right)
        Assert.True(lines[0].Where(static l => l.Value == "פ").Single().EndBaseLine.X < lines[0].Single(static l => l.Value == "I").StartBaseLine.X);
        Assert.Equal("\u2022", lines[1][^1].Value);

        // The nested item: indented further from the right, its number right of its text.
        Assert.Equal(".1", lines[2][^2].Value + lines[2][^1].Value);
        Assert.True(lines[2][^1].EndBaseLine.X < lines[1][^1].StartBaseLine.X, "the nested number is left of the outer bullet");
    }
}
