using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Benchmarks.Peers;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// Decide + render for all 10,000 recipients with <c>Parallel.For</c> on 1 and on 2 threads, sharing one catalog.
/// One operation is one message, so Messages/s is the wall-clock throughput of the whole run; the 2-thread figure
/// over the 1-thread figure is the scaling (the target is at least 1.8×, on a machine with two free cores).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class ThroughputBenchmarks
{
    private Fixture _fixture = null!;
    private Dictionary<string, object?>[] _recipients = null!;
    private long[] _lengths = null!;

    /// <summary>Gets or sets the degree of parallelism.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = Fixture.Create(purchases: 5);
        _recipients = [.. _fixture.Recipients];
        _lengths = new long[_recipients.Length];

        // Parallel output must equal the reference: the catalog is shared, and per-message state must not leak.
        var fixture = _fixture;
        var recipients = _recipients;
        var outputs = new string[recipients.Length];
        Parallel.For(0, recipients.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            outputs[i] = fixture.RenderWithLibrary(recipients[i]));
        for (var i = 0; i < recipients.Length; i++)
        {
            if (!string.Equals(outputs[i], HandWrittenPeer.Render(recipients[i]), StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Output check failed: on {Threads} thread(s) the library wrote a different message for recipient '{recipients[i]["id"]}' than the hand-written peer.");
            }
        }
    }

    [Benchmark(OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public long DecideAndRender() => Run();

    private long Run()
    {
        var fixture = _fixture;
        var recipients = _recipients;
        var lengths = _lengths;
        Parallel.For(0, recipients.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            lengths[i] = fixture.RenderWithLibrary(recipients[i]).Length);
        return lengths[^1];
    }
}
