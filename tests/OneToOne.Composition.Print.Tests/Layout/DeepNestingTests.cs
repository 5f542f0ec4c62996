using OneToOne.Composition.Print.Layout;

namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// Markdown nested deep: what Markdig refuses is the package's own per-record error, and what it reads is laid out
/// without running out of stack.
/// </summary>
public sealed class DeepNestingTests
{
    /// <summary>A catalog whose module writes a mark at the start of its line once per level the recipient asks for.</summary>
    private static string LoopYaml(string mark) => $$$"""
        catalog: deep
        modules:
          deep: '{{ for i in 1..depth }}{{{mark}}}{{ end }}innermost'
        slots:
          s: { from: [deep] }
        messages:
          letter:
            subject: Deep
            body: '{{ slot "s" }}'
        """;

    [Theory]
    [InlineData("> ")] // 200 block quotes, one level each
    [InlineData("- ")] // 200 list items, two levels each
    public void MarkdownALoopNestsDeeperThanMarkdigReads_IsAPrintException_NamingWhatTheLimitAndTheFix(string mark)
    {
        // The catalog's text nests nothing, so it loads; the recipient's loop writes 200 levels, past Markdig's 128.
        using var letter = new LetterCatalog(LoopYaml(mark));
        var content = letter.Print("letter", ("depth", 200));
        using var output = new MemoryStream();

        var error = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(content, output));

        Assert.StartsWith("The message's Markdown nests block quotes, lists or emphasis deeper than the Markdown reader follows", error.Problem, StringComparison.Ordinal);
        Assert.Contains("at most 128 nested blocks", error.Problem, StringComparison.Ordinal);
        Assert.Contains("write fewer levels", error.Problem, StringComparison.Ordinal);
        Assert.Equal($"Recipient 'r1', message 'letter': cannot be printed: {error.Problem}", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Null(error.CodePoint);
        Assert.Equal(0, output.Length);

        // The message path too, and a batch rejects the one record and goes on.
        var message = letter.Catalog.Render(letter.Catalog.Decide(new Dictionary<string, object?> { ["id"] = "r1", ["depth"] = 200 }, "letter"), Channel.Print);
        Assert.Equal(error.Problem, Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(message)).Message);
        using var batch = new PdfBatchWriter(new MemoryStream());
        Assert.Throws<PrintException>(() => batch.Add("r1", content));
        batch.Add("r2", letter.Print("letter", ("depth", 3)));
        Assert.Equal(["r2"], batch.Complete().Entries.Select(static e => e.RecipientId));
    }

    [Theory]
    [InlineData("quotes")]
    [InlineData("lists")]
    [InlineData("emphasis")]
    [InlineData("images")]
    public void TheDeepestNestingMarkdigReads_IsLaidOut_OnAOneMegabyteStack_WithinThePage(string kind)
    {
        // Markdig reads 127 nested block quotes, 63 nested lists, 5,120 nested emphases and 10,000 images each in the
        // last one's alt text. A thread pool thread has 1.5 MB of stack on Linux; one megabyte leaves room, and a layout
        // that recursed once per level of the inlines would crash the process here.
        var (markdown, expected) = kind switch
        {
            "quotes" => (string.Concat(Enumerable.Repeat("> ", 127)) + "innermost", "innermost"),
            "lists" => (string.Concat(Enumerable.Repeat("- ", 63)) + "innermost", "innermost"),
            "emphasis" => (Emphasis(5_120), "a b a b"),
            _ => (string.Concat(Enumerable.Repeat("![", 10_000)) + "innermost" + string.Concat(Enumerable.Repeat("](https://example.com/i.png)", 10_000)), "[image: [image: [image:"),
        };

        byte[]? pdf = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    pdf = PrintTestData.RenderMarkdown(markdown);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        var text = PrintTestData.AllText(pdf!);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("innermost", text, StringComparison.Ordinal);

        // Every letter is on the page, between the margins: the levels a page has no room to indent are not indented.
        using var document = PrintTestData.Open(pdf!);
        var geometry = PageGeometry.From(PrintOptions.Default);
        Assert.All(document.GetPages().SelectMany(static p => p.Letters), l => Assert.InRange(l.StartBaseLine.X, geometry.Left - 0.5, geometry.Right + 0.5));
    }

    /// <summary>Emphasis nested <paramref name="levels"/> deep, alternating <c>*</c> and <c>_</c>: <c>*a _b *a … innermost…_*</c>.</summary>
    private static string Emphasis(int levels) =>
        string.Concat(Enumerable.Range(0, levels).Select(static i => i % 2 == 0 ? "*a " : "_b ")) + "innermost"
        + string.Concat(Enumerable.Range(0, levels).Select(i => (levels - 1 - i) % 2 == 0 ? "*" : "_"));
}
