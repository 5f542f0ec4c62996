using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The editing loop of <c>onetoone watch</c> on a 100-module catalog, from YAML text: validate + compile, analyse the
/// message (exact count and findings), find the personas, and render each persona in every channel the proof sheet
/// shows (text, web page, email, print Markdown). Only the HTML page assembly of the CLI is left out.
/// </summary>
[MemoryDiagnoser]
public class GovernanceBenchmarks
{
    private static readonly CompositionOptions Options = CompositionOptions.Default with { AllowDrafts = true };

    private string _yaml = null!;

    [GlobalSetup]
    public void Setup()
    {
        _yaml = ScenarioCatalog.Yaml(100);
        if (ValidateAnalyzeProof() <= 0)
        {
            throw new InvalidOperationException("The proof cycle rendered nothing; the benchmark would time an empty loop.");
        }
    }

    [Benchmark]
    public long ValidateAnalyzeProof()
    {
        var catalog = new CatalogLoader(Options).Parse(_yaml);
        var analysis = catalog.Analyze(ScenarioCatalog.MessageId);
        var personas = catalog.FindPersonas(ScenarioCatalog.MessageId);
        long length = analysis.Findings.Count;
        foreach (var persona in personas.Personas)
        {
            var decision = catalog.Decide(persona.Recipient, ScenarioCatalog.MessageId);
            if (!decision.IsSuppressed)
            {
                length += catalog.Render(decision, Channel.Text).Body.Length
                    + catalog.RenderPage(decision).Length
                    + catalog.RenderEmail(decision).Html.Length
                    + catalog.RenderPrint(decision).Markdown.Length;
            }
        }

        return length;
    }
}
