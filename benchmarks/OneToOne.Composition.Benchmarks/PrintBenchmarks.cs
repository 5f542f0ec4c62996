using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The print channel: one recipient's letter laid out and written as a PDF (fonts cut down to the glyphs used), for a
/// short letter (a heading, a paragraph, a list, a table) and for three pages of running Latin text, where line
/// breaking and measuring the text dominate; and the bundled example's print pieces as the batch renderer writes them
/// (<see cref="PdfRenderer.Render(PrintContent)"/>: the catalog's settings, the recipient's language as <c>/Lang</c>).
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

    /// <summary>The example's pieces <see cref="ExamplePdf"/> renders per operation batch.</summary>
    private const int PieceCount = 16;

    private readonly PdfRenderer _renderer = new();
    private RenderedMessage _letter = null!;
    private RenderedMessage _longText = null!;
    private PrintContent[] _pieces = null!;

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
        var catalog = BatchBenchmarks.LoadExample();
        var parser = new Recipients.RecipientJsonParser();
        var pieces = new List<PrintContent>();
        foreach (var line in BatchBenchmarks.Lines())
        {
            var decision = catalog.Decide(parser.Parse(Encoding.UTF8.GetBytes(line)), "monthly");
            if (!decision.IsSuppressed && pieces.Count < PieceCount)
            {
                pieces.Add(catalog.RenderPrint(decision));
            }
        }

        _pieces = [.. pieces];
        if (_pieces.Length != PieceCount || _pieces[0].Language is null)
        {
            throw new InvalidOperationException("The example gave fewer print pieces than the benchmark renders, or none in a language.");
        }

        if (LetterPdf() < 1000 || LongTextPdf() < 1000 || ExamplePdf() < 1000 * PieceCount)
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

    /// <summary>The example's print pieces as PDFs, each with its recipient's <c>/Lang</c>, as the batch renderer writes them.</summary>
    /// <returns>The PDFs' total length.</returns>
    [Benchmark(OperationsPerInvoke = PieceCount)]
    public int ExamplePdf()
    {
        var length = 0;
        for (var i = 0; i < _pieces.Length; i++)
        {
            length += _renderer.Render(_pieces[i]).Length;
        }

        return length;
    }

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
