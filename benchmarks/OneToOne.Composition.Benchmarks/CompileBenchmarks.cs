using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks;

/// <summary>Load + validate + compile of the scenario catalog from YAML text (<c>CatalogLoader.Parse</c>), by size.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private string _yaml = null!;

    /// <summary>Gets or sets the catalog's module count.</summary>
    [Params(ScenarioCatalog.BaseModuleCount, 300, 3000)]
    public int Modules { get; set; }

    [GlobalSetup]
    public void Setup() => _yaml = ScenarioCatalog.Yaml(Modules);

    [Benchmark]
    public Catalog Parse() => new CatalogLoader().Parse(_yaml);
}
