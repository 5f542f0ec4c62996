using System.Globalization;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// An enterprise team's catalog (<see cref="EnterpriseCatalog"/>: 300 slots, 3,000 modules, 40 messages, six locale
/// variants each) loaded from its folder: validated and compiled, and with its first slots' <c>from</c> still naming
/// the modules' older ids (ten "did you mean" errors per slot, each over every module id).
/// </summary>
[MemoryDiagnoser]
public class EnterpriseCatalogBenchmarks
{
    private string _folder = null!;

    /// <summary>Gets or sets how many slots name their modules by older ids (0: the catalog is valid).</summary>
    [Params(0, 300)]
    public int RenamedSlots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"onetoone-enterprise-{Environment.ProcessId}-{RenamedSlots}"));
        EnterpriseCatalog.Write(_folder, renamedSlots: RenamedSlots);
        var errors = LoadFolder();
        if (errors != RenamedSlots * 10)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Expected {RenamedSlots * 10} errors, got {errors}."));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Loads the folder; returns the number of errors.</summary>
    [Benchmark]
    public int LoadFolder()
    {
        new CatalogLoader().TryLoad(_folder, out _, out var diagnostics);
        return diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
    }
}
