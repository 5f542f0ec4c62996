using System.Text.Json;
using OneToOne.Composition.Decisions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests;

/// <summary>Catalogs, recipients and PDF reading shared by the print tests.</summary>
internal static class PrintTestData
{
    public static string ExampleFolder => Path.Combine(AppContext.BaseDirectory, "Examples", "beer-of-the-month");

    public static Catalog Example { get; } = new CatalogLoader(TestOptions.Untimed).Load(Path.Combine(ExampleFolder, "catalog.yaml"));

    public static PdfRenderer Renderer { get; } = new();

    /// <summary>The example's recipients, by id, as JSON elements.</summary>
    public static IReadOnlyList<JsonElement> ExampleRecipients()
    {
        var list = new List<JsonElement>();
        foreach (var line in File.ReadLines(Path.Combine(ExampleFolder, "recipients.jsonl")))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                list.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return list;
    }

    /// <summary>Decides and renders the example's monthly message for a recipient for print.</summary>
    public static RenderedMessage ExampleMessage(object recipient)
    {
        Decision decision = Example.Decide(recipient, "monthly");
        Assert.False(decision.IsSuppressed);
        return Example.Render(decision, Channel.Print);
    }

    /// <summary>A catalog with one message whose body is the given Markdown template.</summary>
    public static RenderedMessage Message(string bodyTemplate, object? recipient = null, string subject = "Test")
    {
        var indented = string.Join("\n", bodyTemplate.Split('\n').Select(static l => "      " + l));
        var yaml = $"""
            catalog: print-tests
            messages:
              letter:
                subject: "{subject}"
                body: |
            {indented}
            """;
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse(yaml);
        var decision = catalog.Decide(recipient ?? new Dictionary<string, object?> { ["id"] = "r1" }, "letter");
        return catalog.Render(decision, Channel.Print);
    }

    /// <summary>Lays out Markdown directly (no catalog) and returns the PDF bytes.</summary>
    public static byte[] RenderMarkdown(string markdown, PrintOptions? options = null)
    {
        var renderer = options is null ? Renderer : new PdfRenderer(options);
        using var output = new MemoryStream();
        renderer.RenderMarkdown("Test", markdown, output);
        return output.ToArray();
    }

    /// <summary>
    /// Opens a PDF as a copying reader sees it: where a glyph is not simply its character (a ligature such as "fi", a
    /// joined Arabic form, a mark placed over a capital), the renderer marks the characters as the glyph's replacement
    /// text (/ActualText), as viewers read it when text is copied or searched; PdfPig reads it only when asked.
    /// </summary>
    public static PdfDocument Open(byte[] pdf) => PdfDocument.Open(pdf, new ParsingOptions { UseActualText = true });

    public static string AllText(byte[] pdf)
    {
        using var document = Open(pdf);
        return string.Join("\n", document.GetPages().Select(static p => string.Join(" ", p.GetWords().Select(static w => w.Text))));
    }

    public static List<(int Page, Word Word)> Words(byte[] pdf)
    {
        using var document = Open(pdf);
        var words = new List<(int, Word)>();
        foreach (var page in document.GetPages())
        {
            foreach (var word in page.GetWords())
            {
                words.Add((page.Number, word));
            }
        }

        return words;
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = Open(pdf);
        return document.NumberOfPages;
    }
}
