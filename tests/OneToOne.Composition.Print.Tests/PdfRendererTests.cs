using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests;

public sealed class PdfRendererTests
{
    private static readonly PrintOptions Options = PrintOptions.Default;

    [Fact]
    public void Render_ExampleMessage_ContainsTheModulesTextAndNamesWithDiacritics()
    {
        foreach (var recipient in PrintTestData.ExampleRecipients().Take(5))
        {
            var message = PrintTestData.ExampleMessage(recipient);
            var text = PrintTestData.AllText(PrintTestData.Renderer.Render(message));

            var name = recipient.GetProperty("first_name").GetString()!;
            Assert.Contains("Hello " + name + ",", text, StringComparison.Ordinal);
            Assert.Contains("You might also like", text, StringComparison.Ordinal);
            Assert.Contains("Manage your preferences or unsubscribe", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_ExampleMessage_HeroModuleFollowsTheDecision()
    {
        var zoe = PrintTestData.ExampleRecipients()[0];
        var text = PrintTestData.AllText(PrintTestData.Renderer.Render(PrintTestData.ExampleMessage(zoe)));
        Assert.Contains("A lighter pour for you, Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Crisp Light Lager", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoë")]
    [InlineData("Jürgen")]
    [InlineData("Søren")]
    [InlineData("Nguyễn")]
    [InlineData("Ærin Łukasz Ōsaka Ελένη Жанна")]
    public void Render_NonLatinNames_AreExtractedLiterally(string name)
    {
        var message = PrintTestData.Message("Dear {{ name }},\n\n## For {{ name }}\n", new Dictionary<string, object?> { ["name"] = name });
        var text = PrintTestData.AllText(PrintTestData.Renderer.Render(message));
        Assert.Contains("Dear " + name + ",", text, StringComparison.Ordinal);
        Assert.Contains("For " + name, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RecipientValueWithMarkupAndTemplateCode_AppearsLiterally()
    {
        const string Value = "<script>alert(1)</script>{{ 7*7 }} **x** [a](b)";
        var message = PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = Value });
        var text = PrintTestData.AllText(PrintTestData.Renderer.Render(message));
        Assert.Contains("Hello <script>alert(1)</script>{{ 7*7 }} **x** [a](b)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("49", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AHostileValueOfAMillionCharacters_PrintsInTimeInProportionToItsLength()
    {
        // Each line's glyphs were looked for among every glyph of the value: a million letters took three minutes (with no
        // time budget), three hundred thousand ten seconds. Both ends of the value must still be printed, past the page
        // limit that stops such a letter by default (PrintOptions.MaxPages).
        var value = "Start" + new string('x', 1_000_000) + "Finish";
        var message = PrintTestData.Message("Dear {{ name }}", new Dictionary<string, object?> { ["name"] = value });
        var renderer = new PdfRenderer(PrintOptions.Default with { MaxPages = int.MaxValue });

        // Judged by the processor time the render spent, not by the time that passed: at load 60 a linear render can wait
        // minutes for a processor; the quadratic one spent minutes on it.
        var (pdf, spent) = await Waits.OnItsOwnThreadAsync(() => renderer.Render(message));

        Assert.True(spent < TimeSpan.FromMinutes(1), $"the render spent {spent} of processor time");

        var text = PrintTestData.AllText(pdf);
        Assert.Contains("Dear Startxxx", text, StringComparison.Ordinal);
        Assert.Contains("xxxFinish", text, StringComparison.Ordinal);
        Assert.Equal(1_000_000, text.Count(static c => c == 'x'));
    }

    [Fact]
    public void Render_LongContent_GrowsThePageCountAndNumbersThePages()
    {
        var shortPdf = PrintTestData.RenderMarkdown("One short paragraph.");
        var longPdf = PrintTestData.RenderMarkdown(LongMarkdown(120));

        Assert.Equal(1, PrintTestData.PageCount(shortPdf));
        var pages = PrintTestData.PageCount(longPdf);
        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");
        var text = PrintTestData.AllText(longPdf);
        Assert.Contains($"Page 1 of {pages}", text, StringComparison.Ordinal);
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);

        // Nothing lost across page breaks.
        for (var i = 0; i < 120; i++)
        {
            Assert.Contains($"Paragraph{i:D3}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PrintPageSize.A4)]
    [InlineData(PrintPageSize.Letter)]
    public void Render_EveryWordStaysInsideTheMargins(PrintPageSize size)
    {
        var options = Options with { PageSize = size, Margins = PrintMargins.Uniform(50) };
        var markdown = LongMarkdown(40) + "\n\n" + string.Concat(Enumerable.Repeat("Unbreakable", 30)) + "\n\n"
            + "| name | description |\n|---|---|\n| " + string.Concat(Enumerable.Repeat("wide ", 60)) + " | "
            + string.Concat(Enumerable.Repeat("text ", 80)) + " |\n\n"
            + "* a list item that is long enough to wrap around to a second line in the available width of the page\n"
            + "  * nested item text that also goes on and on until it certainly wraps to a second line somewhere\n";
        var pdf = PrintTestData.RenderMarkdown(markdown, options);

        using var document = PrintTestData.Open(pdf);
        Assert.True(document.NumberOfPages >= 2);
        foreach (var page in document.GetPages())
        {
            Assert.Equal(size == PrintPageSize.A4 ? 595.28 : 612, page.Width, 0.5);
            foreach (var word in page.GetWords())
            {
                Assert.True(word.BoundingBox.Left >= 50 - 0.5, $"'{word.Text}' starts at {word.BoundingBox.Left} on page {page.Number}");
                Assert.True(word.BoundingBox.Right <= page.Width - 50 + 0.5, $"'{word.Text}' ends at {word.BoundingBox.Right} on page {page.Number}");

                // Body text stays between the top and bottom margins; only the footer sits in the bottom margin.
                if (!word.Text.StartsWith("Page", StringComparison.Ordinal) && !IsFooterPart(word))
                {
                    Assert.True(word.BoundingBox.Bottom >= 50 - 4, $"'{word.Text}' is below the bottom margin on page {page.Number}");
                    Assert.True(word.BoundingBox.Top <= page.Height - 50 + 0.5, $"'{word.Text}' is above the top margin on page {page.Number}");
                }
            }
        }

        static bool IsFooterPart(Word word) => word.BoundingBox.Top < 40;
    }

    [Fact]
    public void Render_HeadingsAreLargerThanBodyTextAndBold()
    {
        var pdf = PrintTestData.RenderMarkdown("# Title\n\n## Section\n\n### Sub\n\nBody text here.");
        using var document = PrintTestData.Open(pdf);
        var letters = document.GetPage(1).Letters;

        var title = WordSize(letters, "Title");
        var section = WordSize(letters, "Section");
        var sub = WordSize(letters, "Sub");
        var body = WordSize(letters, "Body");
        Assert.True(title > section && section > sub && sub > body, $"sizes {title} {section} {sub} {body}");
        Assert.Equal(Options.BaseFontSize, body, 0.01);
        Assert.Contains("Bold", letters.First(l => l.Value == "T").FontName, StringComparison.Ordinal);
        Assert.DoesNotContain("Bold", letters.First(l => l.Value == "B").FontName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmphasisUsesBoldAndItalicFaces()
    {
        var pdf = PrintTestData.RenderMarkdown("plain **strong** *slanted*");
        using var document = PrintTestData.Open(pdf);
        var words = document.GetPage(1).GetWords().ToList();
        Assert.Contains("Bold", words.Single(w => w.Text == "strong").FontName, StringComparison.Ordinal);
        Assert.DoesNotContain("Bold", words.Single(w => w.Text == "plain").FontName, StringComparison.Ordinal);

        // Real italics come from DejaVu Sans Oblique (fonts-dejavu-extra) when installed; otherwise the regular face is slanted.
        var italic = words.Single(w => w.Text == "slanted").FontName;
        if (PrintFonts.Default.Italic is not null)
        {
            Assert.Contains("Oblique", italic, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(words.Single(w => w.Text == "plain").FontName, italic);
        }
    }

    [Fact]
    public void Render_WithoutAnItalicFontFile_SlantsTheRegularFace()
    {
        var options = Options with { Fonts = PrintFonts.Default with { Italic = null, BoldItalic = null } };
        var pdf = PrintTestData.RenderMarkdown("plain *slanted*", options);
        using var document = PrintTestData.Open(pdf);
        var words = document.GetPage(1).GetWords().ToList();
        Assert.Equal(words.Single(w => w.Text == "plain").FontName, words.Single(w => w.Text == "slanted").FontName);
    }

    [Fact]
    public void Render_ListsKeepTheirBulletsAndNumbers()
    {
        var pdf = PrintTestData.RenderMarkdown("* apple\n* banana\n  * nested\n\n3. third\n4. fourth\n");
        var words = PrintTestData.Words(pdf).Select(w => w.Word).ToList();
        var text = string.Join(" ", words.Select(w => w.Text));
        Assert.Contains("• apple", text, StringComparison.Ordinal);
        Assert.Contains("• banana", text, StringComparison.Ordinal);
        Assert.Contains("◦ nested", text, StringComparison.Ordinal);
        Assert.Contains("3. third", text, StringComparison.Ordinal);
        Assert.Contains("4. fourth", text, StringComparison.Ordinal);

        // Nested items are indented further than their parents; markers sit left of their text.
        var apple = words.Single(w => w.Text == "apple").BoundingBox.Left;
        var nested = words.Single(w => w.Text == "nested").BoundingBox.Left;
        Assert.True(nested > apple + 5);
    }

    [Theory]
    [InlineData("1. - apple\n2. banana\n", "1.")]
    [InlineData("- - apple\n- banana\n", "•")]
    public void Render_AnItemThatOpensWithANestedList_KeepsItsOwnMarkerOnTheFirstLine(string markdown, string outer)
    {
        // The outer item's number or bullet and the nested one's both mark the first line, as in a browser.
        var words = PrintTestData.Words(PrintTestData.RenderMarkdown(markdown)).Select(w => w.Word).ToList();
        var apple = words.Single(w => w.Text == "apple").BoundingBox;
        var first = words.Where(w => Math.Abs(w.BoundingBox.Bottom - apple.Bottom) < 1).OrderBy(w => w.BoundingBox.Left).Select(w => w.Text);
        Assert.Equal([outer, "◦", "apple"], first);
    }

    [Fact]
    public void Render_AnItemThatOpensWithARule_HasItsNumberBesideTheRule()
    {
        // The number stood alone on a line below the rule, as if it marked another, empty item.
        var pdf = PrintTestData.RenderMarkdown("Before\n\n1. ***\n2. banana\n");
        var words = PrintTestData.Words(pdf).Select(w => w.Word).ToList();
        var one = words.Single(w => w.Text == "1.").BoundingBox;
        var two = words.Single(w => w.Text == "2.").BoundingBox;
        var before = words.Single(w => w.Text == "Before").BoundingBox;
        using var document = PrintTestData.Open(pdf);
        var rule = document.GetPage(1).Paths.SelectMany(p => p).Select(s => s.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>()
            .Single(r => r.Width > 100 && r.Height < 2);
        Assert.True(one.Bottom < rule.Bottom && rule.Bottom < one.Top, $"1. at {one.Bottom}..{one.Top}, rule at {rule.Bottom}");
        Assert.True(two.Top < one.Bottom && one.Top < before.Bottom);
    }

    [Fact]
    public void Render_AnItemThatOpensWithATable_HasItsMarkerOnTheTablesFirstLine()
    {
        // The bullet stood alone on a line of its own below the table, as if it were another, empty item.
        var pdf = PrintTestData.RenderMarkdown("- | head | more |\n  |---|---|\n  | cell | data |\n- banana\n");
        var words = PrintTestData.Words(pdf).Select(w => w.Word).ToList();
        var head = words.Single(w => w.Text == "head").BoundingBox;
        var bullets = words.Where(w => w.Text == "•").Select(w => w.BoundingBox).ToList();
        Assert.Equal(2, bullets.Count);
        Assert.Equal(head.Bottom, bullets[0].Bottom, 1);
        Assert.True(bullets[0].Right < head.Left);
        Assert.Equal(words.Single(w => w.Text == "banana").BoundingBox.Bottom, bullets[1].Bottom, 1);
    }

    [Fact]
    public void Render_TablesKeepCellTextInColumns()
    {
        var message = PrintTestData.Message("| item | amount |\n|------|-------:|\n| Bier \\| Fass | 1.000,50 |\n| Brezel | 2,00 |\n");
        var pdf = PrintTestData.Renderer.Render(message);
        var words = PrintTestData.Words(pdf).Select(w => w.Word).ToList();
        var text = string.Join(" ", words.Select(w => w.Text));
        Assert.Contains("item amount", text, StringComparison.Ordinal);
        Assert.Contains("Bier | Fass 1.000,50", text, StringComparison.Ordinal);
        Assert.Contains("Brezel 2,00", text, StringComparison.Ordinal);

        // The amount column is right-aligned: both amounts end at the same x.
        Assert.Equal(words.Single(w => w.Text == "1.000,50").BoundingBox.Right, words.Single(w => w.Text == "2,00").BoundingBox.Right, 0.5);
        Assert.True(words.Single(w => w.Text == "Brezel").BoundingBox.Right < words.Single(w => w.Text == "2,00").BoundingBox.Left);
    }

    [Fact]
    public void Render_TableBrokenAcrossPages_RepeatsItsHeaderRow()
    {
        var markdown = new StringBuilder("| Product | Price |\n|---|---|\n");
        for (var i = 0; i < 80; i++)
        {
            markdown.Append("| Row").Append(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(" | 1 |\n");
        }

        var pdf = PrintTestData.RenderMarkdown(markdown.ToString());
        using var document = PrintTestData.Open(pdf);
        Assert.True(document.NumberOfPages >= 2);
        foreach (var page in document.GetPages())
        {
            Assert.Contains(page.GetWords(), w => w.Text == "Product");
        }

        var all = PrintTestData.AllText(pdf);
        for (var i = 0; i < 80; i++)
        {
            Assert.Contains($"Row{i:D2}", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_TableRowTallerThanAPage_IsSplitBetweenItsLines_UnderTheRepeatedHeader()
    {
        // One cell of 1,500 numbered words: several pages of lines, in a row beside a short cell.
        var words = string.Join(" ", Enumerable.Range(0, 1500).Select(i => $"w{i:D4}"));
        var pdf = PrintTestData.RenderMarkdown($"Before the table.\n\n| Term | Text |\n|---|---|\n| short | {words} |\n| last | row |\n\nAfter the table.\n");
        using var document = PrintTestData.Open(pdf);
        Assert.True(document.NumberOfPages >= 3, $"{document.NumberOfPages} pages");

        // The header is on every page the row covers, and the row starts on the first page, under the text before it.
        var rowPages = document.GetPages().Where(page => page.GetWords().Any(w => w.Text.StartsWith("w1", StringComparison.Ordinal))).ToList();
        Assert.True(rowPages.Count >= 2, $"the row covers {rowPages.Count} pages");
        Assert.All(rowPages, page => Assert.True(
            page.GetWords().Single(w => w.Text == "Text").BoundingBox.Bottom > page.GetWords().Where(w => w.Text.StartsWith('w')).Max(w => w.BoundingBox.Top),
            $"page {page.Number}: the header is above the row's lines"));
        Assert.Contains(document.GetPage(1).GetWords(), w => w.Text == "w0000");
        Assert.Contains(document.GetPage(1).GetWords(), w => w.Text == "Before");

        // Every word once, in order, across the pages; then the next row and the text after the table.
        var read = PrintTestData.Words(pdf).Select(w => w.Word.Text).Where(t => t.Length == 5 && t[0] == 'w').ToList();
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => $"w{i:D4}"), read);
        var all = PrintTestData.AllText(pdf);
        Assert.True(all.IndexOf("w1499", StringComparison.Ordinal) < all.IndexOf("last", StringComparison.Ordinal));
        Assert.Contains("After the table.", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TableHeaderTallerThanAPage_IsAPrintExceptionSayingWhatToShorten()
    {
        var words = string.Join(" ", Enumerable.Range(0, 1500).Select(i => $"w{i:D4}"));
        var error = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown($"| {words} |\n|---|\n| cell |\n"));
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
        Assert.Contains("shorten", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LinksPrintTheirUrlAndAreAnnotated()
    {
        var pdf = PrintTestData.Renderer.Render(PrintTestData.Message("See [our shop](https://example.com/shop?u=1) today."));
        var text = PrintTestData.AllText(pdf);
        Assert.Contains("See our shop (https://example.com/shop?u=1) today.", text, StringComparison.Ordinal);

        using var document = PrintTestData.Open(pdf);
        var annotations = document.GetPage(1).GetAnnotations().ToList();
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.Equal(UglyToad.PdfPig.Annotations.AnnotationType.Link, a.Type));
        Assert.Contains("https://example.com/shop?u=1", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ALinkBrokenAtASoftHyphen_HasOneAreaALine_ThatTakesInItsHyphen()
    {
        // The link's text is broken at its soft hyphens in a column an inch wide: each line's area reaches over the hyphen
        // drawn after it, and no line has a second area (and a second copy of the URL) for the hyphen alone.
        var options = PrintOptions.Default with { Margins = new PrintMargins(72, (595.28f - 72f) / 2, 72, (595.28f - 72f) / 2) };
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown("[Donau\u00ADdampf\u00ADschiff\u00ADfahrt](https://example.com/d)", options));

        var page = document.GetPage(1);
        var areas = page.GetAnnotations().Select(static a => a.Rectangle).ToList();
        var hyphens = page.Letters.Where(static l => l.Value == "-").ToList();

        Assert.NotEmpty(hyphens);
        Assert.Equal(areas.Count, areas.Select(static a => Math.Round(a.Bottom)).Distinct().Count());
        Assert.All(hyphens, h => Assert.Contains(areas, a => a.Left < h.BoundingBox.Left && a.Right >= h.BoundingBox.Right - 0.01));
    }

    [Fact]
    public void Render_LinkWhoseHostRecursInItsPath_HasOnlyItsHostInPunycode()
    {
        // The host was looked for from the end, so its copy in the query was made punycode and the host percent-escaped.
        var pdf = PrintTestData.RenderMarkdown("<https://bücher.example/?ref=bücher.example> and <https://user:bücher.example@bücher.example/>\n");
        var bytes = Encoding.Latin1.GetString(pdf);
        Assert.Contains("(https://xn--bcher-kva.example/?ref=b%C3%BCcher.example)", bytes, StringComparison.Ordinal);
        Assert.Contains("(https://user:b%C3%BCcher.example@xn--bcher-kva.example/)", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LinksWithNonAsciiCharacters_AreAnnotatedWithAnAsciiUri_NotQuestionMarks()
    {
        var pdf = PrintTestData.Renderer.Render(PrintTestData.Message(
            "See [our shop](https://example.com/stadt/münchen?q={{ city }}) and <https://bücher.example/ä>.",
            new Dictionary<string, object?> { ["city"] = "Köln" }));
        Assert.Contains("See our shop (https://example.com/stadt/münchen?q=K%C3%B6ln)", PrintTestData.AllText(pdf), StringComparison.Ordinal);

        var bytes = Encoding.Latin1.GetString(pdf);
        Assert.Contains("(https://example.com/stadt/m%C3%BCnchen?q=K%C3%B6ln)", bytes, StringComparison.Ordinal);
        Assert.Contains("(https://xn--bcher-kva.example/%C3%A4)", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("m?nchen", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CodeQuotesAndRules_KeepTheirText()
    {
        var pdf = PrintTestData.RenderMarkdown("Use `code()` here.\n\n> quoted words\n\n---\n\n```\nindented  block\n```\n");
        using var document = PrintTestData.Open(pdf);
        var words = document.GetPage(1).GetWords().ToList();
        Assert.Contains("Mono", words.Single(w => w.Text == "code()").FontName, StringComparison.Ordinal);
        var quoted = words.Single(w => w.Text == "quoted").BoundingBox.Left;
        Assert.True(quoted > words.Single(w => w.Text == "Use").BoundingBox.Left + 5);
        Assert.Contains("indented", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CodeBlockTabs_IndentToTabStopsOfFourColumns()
    {
        // A tab at the start of a code line indents it (it was dropped as a break opportunity); inside a line it moves
        // to the next stop of four columns, as CommonMark counts them. In a monospace font, columns are equal widths.
        var pdf = PrintTestData.RenderMarkdown("```\n\tone\n    two\nab\tthree\nabcd    four\nx\n```\n");
        var words = PrintTestData.Words(pdf).Select(w => w.Word).Where(w => w.Text is "one" or "two" or "three" or "four" or "x").ToDictionary(w => w.Text, w => w.BoundingBox.Left);
        Assert.True(words["one"] > words["x"] + 5, "the leading tab was dropped");
        Assert.Equal(words["two"], words["one"], 1);
        Assert.Equal(words["two"], words["three"], 1);
        Assert.Equal(words["four"] - words["x"], 2 * (words["two"] - words["x"]), 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_ZeroWidthSpaces_AreBreakOpportunities_ThatDrawNothing(bool monospace)
    {
        // A word three lines long with U+200B hints breaks only at them; DejaVu Sans Mono has no glyph for U+200B.
        var word = string.Join('\u200B', Enumerable.Repeat("Segment", 40));
        var options = monospace ? Options with { Fonts = new PrintFonts { Regular = PrintFonts.Default.Monospace! } } : Options;

        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(word, options));

        var letters = document.GetPage(1).Letters;
        var lines = letters
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y))
            .Select(static g => string.Concat(g.OrderBy(static l => l.StartBaseLine.X).Select(static l => l.Value)))
            .Where(static line => line.Contains("Seg", StringComparison.Ordinal))
            .ToList();
        Assert.True(lines.Count > 1, string.Join("\n", lines));
        Assert.All(lines, static line => Assert.Matches("^(Segment)+$", line));
        Assert.Equal(string.Concat(Enumerable.Repeat("Segment", 40)), string.Concat(lines));
        Assert.DoesNotContain(letters, static l => l.Value.Contains('\u200B', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<!-- pagebreak -->")]
    [InlineData("<!--pagebreak-->")]
    [InlineData("<!--   PageBreak\t-->")]
    public void Render_PageBreakComment_StartsANewPage(string comment)
    {
        var pdf = PrintTestData.RenderMarkdown($"first\n\n{comment}\n\nsecond");
        using var document = PrintTestData.Open(pdf);
        Assert.Equal(2, document.NumberOfPages);
        Assert.Contains("second", document.GetPage(2).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first <!-- pagebreak --> second")]
    [InlineData("first\n<!-- pagebreak --> second")]
    [InlineData("first <!-- note: check the -->second")]
    [InlineData("first\n\n<!-- pagebreak here -->\n\nsecond")]
    [InlineData("first\n\n<!---->\n\nsecond")]
    public void Render_CommentsThatAreNotABlockOfTheirOwn_PrintNothing_AndBreakNoPage(string markdown)
    {
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(markdown));

        Assert.Equal(1, document.NumberOfPages);
        var words = document.GetPage(1).GetWords().Select(static w => w.Text).ToList();
        Assert.Equal(["first", "second"], words.Take(2));
        Assert.DoesNotContain(words, static w => w.Contains("<!--", StringComparison.Ordinal) || w.Contains("pagebreak", StringComparison.Ordinal) || w.Contains("note", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SameInputTwice_IsByteIdentical_EvenFromSeparateRenderersAndThreads()
    {
        var message = PrintTestData.ExampleMessage(PrintTestData.ExampleRecipients()[1]);
        var first = PrintTestData.Renderer.Render(message);
        var second = new PdfRenderer(PrintOptions.Default).Render(message);
        var parallel = new byte[8][];
        Parallel.For(0, parallel.Length, i => parallel[i] = PrintTestData.Renderer.Render(message));

        Assert.Equal(first, second);
        Assert.All(parallel, p => Assert.Equal(first, p));
        Assert.DoesNotContain("CreationDate", Encoding.Latin1.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyRecipientsInParallel_GivesTheSameBytesAsOneByOne()
    {
        var messages = PrintTestData.ExampleRecipients().Take(12)
            .Where(r => !PrintTestData.Example.Decide(r, "monthly").IsSuppressed)
            .Select(r => PrintTestData.ExampleMessage(r))
            .ToList();
        Assert.True(messages.Count >= 5);
        var serial = messages.Select(m => PrintTestData.Renderer.Render(m)).ToList();
        var parallel = new byte[messages.Count][];
        Parallel.For(0, messages.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = PrintTestData.Renderer.Render(messages[i]));

        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    [Fact]
    public void Render_WithDocumentDate_WritesThatDateAndStaysDeterministic()
    {
        var options = Options with { DocumentDate = new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero) };
        var renderer = new PdfRenderer(options);
        var message = PrintTestData.Message("dated");
        var first = renderer.Render(message);
        Assert.Equal(first, renderer.Render(message));
        Assert.Contains("D:20261224080000", Encoding.Latin1.GetString(first), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hieroglyph \U00013000 for you", 0x13000)]
    [InlineData("中文", 0x4E2D)]
    public void Render_CharacterNoFontHas_ThrowsNamingTheCodePoint_AndWritesNothing(string name, int codePoint)
    {
        var message = PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = name });
        using var output = new MemoryStream();
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(message, output));
        Assert.Equal(codePoint, exception.CodePoint);
        Assert.Contains($"U+{codePoint:X4}", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_SoftHyphen_IsNotPrinted()
    {
        // Browsers show U+00AD only where a line breaks at it; DejaVu Sans draws it as a hyphen ("Zahlungs-erinnerung").
        var message = PrintTestData.Message("Your {{ word }} is here", new Dictionary<string, object?> { ["word"] = "Zahlungs\u00ADerinnerung" });
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(message));
        var page = document.GetPage(1);
        Assert.DoesNotContain(page.Letters, static l => l.Value == "\u00AD");
        Assert.Contains("Your Zahlungserinnerung is here", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ALineBrokenAtASoftHyphen_EndsWithAHyphen_AndNoOtherSoftHyphenShows()
    {
        // Twelve compounds with soft hyphens between their parts: greedy lines end inside some of them, at a soft hyphen.
        const string Compound = "Donau\u00ADdampf\u00ADschiff\u00ADfahrts\u00ADgesellschaft";
        var markdown = string.Join(' ', Enumerable.Repeat(Compound, 12));
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(markdown));

        var lines = document.GetPage(1).GetWords()
            .GroupBy(static w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(static g => g.Key)
            .Select(static g => string.Join(' ', g.OrderBy(static w => w.BoundingBox.Left).Select(static w => w.Text)))
            .Where(static l => !l.StartsWith("Page ", StringComparison.Ordinal))
            .ToList();

        var parts = new[] { "Donau", "dampf", "schiff", "fahrts", "gesellschaft" };
        var broken = lines.Take(lines.Count - 1).Where(static l => !l.EndsWith("gesellschaft", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(broken);
        Assert.All(broken, line => Assert.Contains(parts.Take(4), part => line.EndsWith(part + "-", StringComparison.Ordinal)));
        Assert.Equal(broken.Count, lines.Sum(static l => l.Count(static c => c == '-')));
        Assert.Equal(
            string.Concat(Enumerable.Repeat("Donaudampfschifffahrtsgesellschaft", 12)),
            string.Concat(lines.Select(static l => l.TrimEnd('-').Replace(" ", string.Empty, StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("Schaflauf", "finden")] // f + f + i: the font's "ffi" ligature
    [InlineData("Schaflauf", "linden")] // "ffl"
    [InlineData("Schaflauf", "winden")]
    public void Render_ALineBrokenAtASoftHyphen_KeepsTheLettersAfterItOnTheNextLine(string first, string second)
    {
        // A column an inch wide: the word breaks at its soft hyphen. No ligature may join the letters on either side of
        // it, or the glyph drawn at the end of the first line would carry the second line's first letters.
        var options = PrintOptions.Default with { Margins = new PrintMargins(72, (595.28f - 72f) / 2, 72, (595.28f - 72f) / 2) };
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(first + "\u00AD" + second, options));

        var lines = document.GetPage(1).GetWords()
            .GroupBy(static w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(static g => g.Key)
            .Select(static g => string.Concat(g.OrderBy(static w => w.BoundingBox.Left).Select(static w => w.Text)))
            .Where(static l => !l.StartsWith("Page", StringComparison.Ordinal))
            .ToList();

        Assert.Equal([first + "-", second], lines);
    }

    [Fact]
    public void Render_ARightToLeftWordInALeftToRightParagraph_IsNotBrokenAtItsSoftHyphens()
    {
        // A hyphen drawn after the line's last piece would stand at the right of the Hebrew word, beside its first letter,
        // not after its last: right-to-left text is not broken at soft hyphens, in any paragraph.
        var options = PrintOptions.Default with { Margins = new PrintMargins(72, (595.28f - 72f) / 2, 72, (595.28f - 72f) / 2) };
        const string Word = "\u05E9\u05DC\u05D5\u05DD\u00AD\u05E2\u05DC\u05D9\u05DB\u05DD\u00AD\u05E9\u05DC\u05D5\u05DD";
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown("Go " + Word, options));

        var page = document.GetPage(1);

        Assert.Contains(page.Letters, static l => l.Value == "\u05E9");
        Assert.DoesNotContain(page.Letters, static l => l.Value == "-");
    }

    [Fact]
    public void Render_AHeadingWiderThanALine_BreaksAtItsSoftHyphens_WithAHyphen()
    {
        // A heading is set large: a long compound in one is where a line is most often too narrow for a word.
        var parts = new[] { "Donau", "dampf", "schiff", "fahrts", "gesellschafts", "kapitaens", "witwen", "rente" };
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown("# " + string.Join('\u00AD', parts)));

        var lines = document.GetPage(1).GetWords()
            .GroupBy(static w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(static g => g.Key)
            .Select(static g => string.Join(' ', g.OrderBy(static w => w.BoundingBox.Left).Select(static w => w.Text)))
            .Where(static l => !l.StartsWith("Page ", StringComparison.Ordinal))
            .ToList();

        Assert.True(lines.Count > 1, string.Join(" | ", lines));
        Assert.All(lines.Take(lines.Count - 1), line => Assert.Contains(parts, part => line.EndsWith(part + "-", StringComparison.Ordinal)));
        Assert.Equal(string.Concat(parts), string.Concat(lines.Select(static l => l.TrimEnd('-'))));
    }

    [Fact]
    public void Render_CharacterFoundInAFallbackFont_IsDrawnFromThatFont()
    {
        // DejaVu Sans Mono lacks U+2A0C (quadruple integral); DejaVu Sans has it. Both come with fonts-dejavu-core.
        var mono = new PrintFonts { Regular = PrintFonts.Default.Monospace! };
        var message = PrintTestData.Message("x \u2A0C y");
        var failure = Assert.Throws<PrintException>(() => new PdfRenderer(Options with { Fonts = mono }).Render(message));
        Assert.Equal(0x2A0C, failure.CodePoint);

        var options = Options with { Fonts = mono with { Fallbacks = [PrintFonts.Default.Regular] } };
        using var document = PrintTestData.Open(new PdfRenderer(options).Render(message));
        var letter = document.GetPage(1).Letters.Single(l => l.Value == "\u2A0C");
        Assert.Contains("DejaVuSans", letter.FontName, StringComparison.Ordinal);
        Assert.DoesNotContain("Mono", letter.FontName, StringComparison.Ordinal);
        Assert.Contains("Mono", document.GetPage(1).Letters.First(l => l.Value == "x").FontName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingFontFile_FailsNamingTheFileAndPackage()
    {
        var options = Options with { Fonts = new PrintFonts { Regular = "/nonexistent/DejaVuSans.ttf" } };
        var exception = Assert.Throws<PrintException>(() => new PdfRenderer(options));
        Assert.Contains("/nonexistent/DejaVuSans.ttf", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MessageForAnotherChannel_IsRefused()
    {
        var catalog = PrintTestData.Example;
        var web = catalog.Render(catalog.Decide(PrintTestData.ExampleRecipients()[0], "monthly"), Channel.Web);
        Assert.Throws<ArgumentException>(() => PrintTestData.Renderer.Render(web));
    }

    [Fact]
    public void Options_WithImpossibleMargins_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Margins = PrintMargins.Uniform(290) }));
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Margins = PrintMargins.Uniform(-1) }));
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { BaseFontSize = 0 }));
    }

    [Fact]
    public void Options_WithAPageSizeNotDefined_AreRejected_NotLaidOutAsA4()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new PdfRenderer(Options with { PageSize = (PrintPageSize)7 }));

        Assert.Equal("PageSize", exception.ParamName);
        Assert.StartsWith("PageSize must be one of A4, Letter.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AHeaderTooLongForTheTopMargin_IsAPrintException_NotPrintedOverTheBody()
    {
        // A header of four lines ran down from the top margin over the body's first lines.
        var header = string.Join(" ", Enumerable.Range(0, 60).Select(i => "head" + i));
        var error = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown("body text", Options with { HeaderText = header }));
        Assert.Contains("top margin", error.Message, StringComparison.Ordinal);

        // A footer that wraps ran off the bottom of the page.
        var footer = string.Join(" ", Enumerable.Range(0, 60).Select(i => "foot" + i)) + " {0}";
        Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown("body text", Options with { PageNumberFormat = footer }));

        // A header that fits in one line prints, above the body.
        var pdf = PrintTestData.RenderMarkdown("body text", Options with { HeaderText = "Short header" });
        var words = PrintTestData.Words(pdf).Select(w => w.Word).ToList();
        Assert.True(words.Single(w => w.Text == "Short").BoundingBox.Bottom > words.Single(w => w.Text == "body").BoundingBox.Top);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(2f)]
    public void Render_AOneLineFooterOrHeaderInANearZeroMargin_IsAPrintException_NotPrintedHalfOffThePage(float millimetres)
    {
        // "Page 1 of 1" in a 1 mm bottom margin was drawn centred on the margin, half below the paper's edge, with no error.
        var footer = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown("body text", Options with { Margins = PrintMargins.FromMillimetres(20, 20, millimetres, 20) }));
        Assert.StartsWith("The page footer (PrintOptions.PageNumberFormat) 'Page 1 of 1' is ", footer.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"mm tall, more than the bottom margin ({millimetres:0.0} mm) holds"), footer.Message, StringComparison.Ordinal);
        Assert.Contains("Make the bottom margin at least ", footer.Message, StringComparison.Ordinal);

        var header = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown("body text", Options with { HeaderText = "Club news", Margins = PrintMargins.FromMillimetres(millimetres, 20, 20, 20) }));
        Assert.StartsWith("The header text (PrintOptions.HeaderText) 'Club news' is ", header.Message, StringComparison.Ordinal);
        Assert.Contains("more than the top margin", header.Message, StringComparison.Ordinal);

        // Without a footer there is nothing to print in the margin.
        Assert.NotEmpty(PrintTestData.RenderMarkdown("body text", Options with { PageNumberFormat = null, Margins = PrintMargins.FromMillimetres(20, 20, millimetres, 20) }));
    }

    [Fact]
    public void Render_AOneLineFooterInAMarginThatHoldsIt_Prints_InsideThePage()
    {
        var pdf = PrintTestData.RenderMarkdown("body text", Options with { Margins = PrintMargins.FromMillimetres(20, 20, 5, 20) });

        var page = Assert.Single(PrintTestData.Words(pdf), static w => w.Word.Text == "Page").Word;
        Assert.True(page.BoundingBox.Bottom >= 0, $"the footer's bottom is at {page.BoundingBox.Bottom} points, below the page");
    }

    [Fact]
    public void Render_PrintContent_WhoseCatalogMarginCannotHoldTheFooter_NamesTheMessage()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      margins: 20 20 0.5 20\n");
        var piece = catalog.RenderPrint(catalog.Decide(new Dictionary<string, object?> { ["id"] = "r1" }, "m"));

        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(piece));

        Assert.Equal("m", failure.MessageId);
        Assert.StartsWith("Recipient 'r1', message 'm': cannot be printed: The page footer (PrintOptions.PageNumberFormat) 'Page 1 of 1' is ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithANaNMargin_AreRejected_NotPrintedBlank()
    {
        // A NaN margin passed the checks, and every page came out with no text at all.
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Margins = PrintMargins.Uniform(float.NaN) }));
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Margins = PrintMargins.Uniform(20) with { Left = float.NaN } }));
    }

    [Fact]
    public void Options_WithANaNBodyTopForAWindow_AreRejected_NotPrintedBlank()
    {
        // The body of a letter with an address window started at NaN, as a NaN margin did: every comparison passed.
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Din5008Window = AddressWindow.Din5008FormB with { BodyTop = float.NaN } }));
        Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { Us10Window = AddressWindow.Us10 with { BodyTop = float.NaN } }));
    }

    [Theory]
    [InlineData("Page {0} of {2}")]
    [InlineData("Page {0} {")]
    public void Options_WithAPageNumberFormatThatDoesNotFormat_AreRejected(string format)
    {
        // Rejected when the renderer is made, not as a FormatException from every message it renders.
        var exception = Assert.Throws<ArgumentException>(() => new PdfRenderer(Options with { PageNumberFormat = format }));
        Assert.Equal(nameof(PrintOptions.PageNumberFormat), exception.ParamName);
    }

    internal static string LongMarkdown(int paragraphs)
    {
        var builder = new StringBuilder("# A long letter\n\n");
        for (var i = 0; i < paragraphs; i++)
        {
            builder.Append("Paragraph").Append(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" is some body text with **bold words** and *italic ones* that wraps over more than one line of the page, ")
                .Append("so that the line breaker has work to do and the page fills up.\n\n");
            if (i % 15 == 14)
            {
                builder.Append("## Section ").Append(i).Append("\n\n");
            }
        }

        return builder.ToString();
    }

    private static double WordSize(IReadOnlyList<Letter> letters, string word)
    {
        for (var i = 0; i + word.Length <= letters.Count; i++)
        {
            var match = true;
            for (var j = 0; j < word.Length && match; j++)
            {
                match = letters[i + j].Value == word[j].ToString();
            }

            if (match)
            {
                return letters[i].PointSize;
            }
        }

        throw new InvalidOperationException($"'{word}' not found");
    }
}
