using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Benchmarks.Peers;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The library alone as its catalog grows: decide + render, and decide only, per message, for catalogs of 35, 300
/// and 3,000 modules. The extra modules are eligible but lose, or sit in slots the message does not place, so every
/// size writes the same bytes (checked against the hand-written peer before timing). Recipients have 5 purchases.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class CatalogScaleBenchmarks
{
    private Fixture _fixture = null!;
    private Dictionary<string, object?>[] _recipients = null!;

    /// <summary>Gets or sets the catalog's module count.</summary>
    [Params(ScenarioCatalog.BaseModuleCount, 300, 3000)]
    public int Modules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = Fixture.Create(modules: Modules, purchases: 5);
        _recipients = [.. _fixture.Recipients];
        OutputCheck.Verify(_fixture, "HandWritten", HandWrittenPeer.Render);
    }

    [Benchmark(OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public long DecideAndRender()
    {
        long length = 0;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            length += _fixture.RenderWithLibrary(recipients[i]).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public int DecideOnly()
    {
        var slots = 0;
        var catalog = _fixture.Catalog;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            slots += catalog.Decide(Recipient.FromDictionary(recipients[i]), ScenarioCatalog.MessageId).Slots.Count;
        }

        return slots;
    }
}
