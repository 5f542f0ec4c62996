using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Benchmarks.Peers;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// Decide + render web HTML for the scenario's message, the library against three peers that write the same
/// bytes (checked for every recipient before timing). One invocation renders all 10,000 recipients; one
/// operation is one message, so Mean is the time per message and Allocated the bytes per message.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class PeerBenchmarks
{
    private Fixture _fixture = null!;
    private Dictionary<string, object?>[] _recipients = null!;
    private ScribanPeer _scriban = null!;
    private HandlebarsPeer _handlebars = null!;

    /// <summary>Gets or sets how many recent purchases each recipient has (the length of the loop).</summary>
    [Params(0, 5, 50)]
    public int Purchases { get; set; }

    [GlobalSetup(Target = nameof(Library))]
    public void SetupLibrary() => Setup();

    [GlobalSetup(Target = nameof(HandWritten))]
    public void SetupHandWritten()
    {
        Setup();
        OutputCheck.Verify(_fixture, "HandWritten", HandWrittenPeer.Render);
    }

    [GlobalSetup(Target = nameof(Scriban))]
    public void SetupScriban()
    {
        Setup();
        OutputCheck.Verify(_fixture, "Scriban", _scriban.Render);
    }

    [GlobalSetup(Target = nameof(Handlebars))]
    public void SetupHandlebars()
    {
        Setup();
        OutputCheck.Verify(_fixture, "Handlebars", _handlebars.Render);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public long HandWritten()
    {
        long length = 0;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            length += HandWrittenPeer.Render(recipients[i]).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public long Library()
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
    public long Scriban()
    {
        long length = 0;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            length += _scriban.Render(recipients[i]).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = ScenarioRecipients.DefaultCount)]
    public long Handlebars()
    {
        long length = 0;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            length += _handlebars.Render(recipients[i]).Length;
        }

        return length;
    }

    private void Setup()
    {
        _fixture = Fixture.Create(purchases: Purchases);
        _recipients = [.. _fixture.Recipients];
        _scriban = new ScribanPeer();
        _handlebars = new HandlebarsPeer();
    }
}
