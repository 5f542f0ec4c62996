using BenchmarkDotNet.Configs;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>Adds the <see cref="MessagesPerSecondColumn"/> to the benchmarks whose operation is one message.</summary>
internal sealed class MessageBenchmarkConfig : ManualConfig
{
    public MessageBenchmarkConfig() => AddColumn(new MessagesPerSecondColumn());
}
