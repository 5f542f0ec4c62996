using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The print channel: one recipient's letter laid out and written as a PDF (fonts cut down to the glyphs used), for a
/// short letter (a heading, a paragraph, a list, a table) and for three pages of running Latin text, where line
/// breaking and measuring the text dominate.
/// </summary>
[MemoryDiagnoser]
public class PrintBenchmarks
{
    private const string Letter = """
        ## A lighter pour for you, {{ first_name }}

        Our **Crisp Light Lager** is 20% off this month. Pick it up at any of our stores, or have it delivered
        with your next order: *free delivery* above $40.

        - Crisp Light Lager, six-pack
        - Hometown Lager, twelve-pack
        - Bohemian Pilsner, four bottles

        | Beer | Price |
        | --- | ---: |
        | Crisp Light Lager | $7.99 |
        | Bohemian Pilsner | $11.49 |

        Cheers, {{ first_name }}, from the Hometown Brewing team.
        """;

    private readonly PdfRenderer _renderer = new();
    private RenderedMessage _letter = null!;
    private RenderedMessage _longText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _letter = Render(Letter);
        var text = new StringBuilder();
        for (var i = 0; i < 24; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Paragraph {i}, {{{{ first_name }}}}: ")
                .Append("The quick brown fox jumps over the lazy dog while the brewers taste their Bohemian Pilsner, ")
                .Append("write down what the hops gave it this year, and decide which tanks go to bottles first. ")
                .Append("AVA, Tea, WAVE and fifty office files: kerning pairs and ligature candidates.\n\n");
        }

        _longText = Render(text.ToString());
        if (LetterPdf() < 1000 || LongTextPdf() < 1000)
        {
            throw new InvalidOperationException("A PDF came out empty; the benchmark would time nothing.");
        }
    }

    /// <summary>A short letter as a PDF.</summary>
    /// <returns>The PDF's length.</returns>
    [Benchmark]
    public int LetterPdf() => _renderer.Render(_letter).Length;

    /// <summary>Three pages of running text as a PDF.</summary>
    /// <returns>The PDF's length.</returns>
    [Benchmark]
    public int LongTextPdf() => _renderer.Render(_longText).Length;

    private static RenderedMessage Render(string body)
    {
        var indented = string.Join("\n", body.Split('\n').Select(static l => "      " + l));
        var catalog = new CatalogLoader().Parse($"""
            catalog: print-benchmark
            messages:
              letter:
                subject: "Print benchmark"
                body: |
            {indented}
            """);
        var decision = catalog.Decide(new Dictionary<string, object?> { ["first_name"] = "Zoë" }, "letter");
        return catalog.Render(decision, Channel.Print);
    }
}
