using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The batch runner's instruments (on the meter <see cref="CompositionTelemetry.BatchMeterName"/>) and its activity source:
/// one set for the process, and one per <see cref="IMeterFactory"/> a run is given. Callers check an instrument's
/// <see cref="Instrument.Enabled"/> (and <see cref="ActivitySource.HasListeners"/>) before building tags, so a run nobody
/// listens to pays a field read per record.
/// </summary>
internal sealed class BatchTelemetry
{
    /// <summary>The activity source of batch runs and, when sampled, of their records.</summary>
    public static readonly ActivitySource Source = new(CompositionTelemetry.BatchMeterName, Version());

    private static readonly ConditionalWeakTable<IMeterFactory, BatchTelemetry> ByFactory = [];

    private static BatchTelemetry? s_shared;

    private BatchTelemetry(Meter meter)
    {
        Records = meter.CreateCounter<long>(CompositionTelemetry.BatchRecords, "{record}", "Records a batch run finished: rendered, suppressed or rejected.");
        Duration = DurationHistogram.Create(meter, CompositionTelemetry.BatchRecordDuration, "The time a batch worker took to decide and render one record.");
        Active = meter.CreateUpDownCounter<long>(CompositionTelemetry.BatchActiveRecords, "{record}", "Records a batch run has read and not yet written.");
    }

    /// <summary>Gets the counter of finished records.</summary>
    public Counter<long> Records { get; }

    /// <summary>Gets the histogram of a record's decide and render, in seconds.</summary>
    public Histogram<double> Duration { get; }

    /// <summary>Gets the up-down counter of records read and not yet written.</summary>
    public UpDownCounter<long> Active { get; }

    /// <summary>Gets the instruments on the factory's meter, or on the process's own when there is no factory.</summary>
    /// <param name="factory">The factory, or null.</param>
    /// <returns>The instruments (made once per factory: its meter is shared, and its instruments too).</returns>
    public static BatchTelemetry For(IMeterFactory? factory)
    {
        if (factory is null)
        {
            // The process's own meter, never disposed: made on first use so a process that never runs a batch makes none.
            return LazyInitializer.EnsureInitialized(ref s_shared, static () => new BatchTelemetry(new Meter(CompositionTelemetry.BatchMeterName, Version())));
        }

        // The factory owns its meter (and disposes it with the container); the same name gives the same meter.
        return ByFactory.GetValue(factory, static f => new BatchTelemetry(f.Create(new MeterOptions(CompositionTelemetry.BatchMeterName) { Version = Version() })));
    }

    /// <summary>The name of a channel as a tag value.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns><c>text</c>, <c>web</c>, <c>email</c> or <c>print</c>.</returns>
    public static string ChannelName(BatchChannel channel) => ChannelSettings.ContactChannel(channel);

    /// <summary>The name of an outcome as a tag value.</summary>
    /// <param name="status">The outcome.</param>
    /// <returns><c>rendered</c>, <c>suppressed</c> or <c>rejected</c>.</returns>
    public static string OutcomeName(BatchStatus status) => status switch
    {
        BatchStatus.Rendered => "rendered",
        BatchStatus.Suppressed => "suppressed",
        _ => "rejected",
    };

    /// <summary>Adds a finished record's outcome tags: the outcome, and a suppression's short reason or a rejection's stage.</summary>
    /// <param name="tags">The run's tags, added to.</param>
    /// <param name="result">The record's result.</param>
    public static void AddOutcome(ref TagList tags, BatchResult result)
    {
        tags.Add(CompositionTelemetry.OutcomeTag, OutcomeName(result.Status));
        if (result.Status == BatchStatus.Suppressed)
        {
            tags.Add(CompositionTelemetry.SuppressionReasonTag, result.SuppressionCode);
        }
        else if (result.Status == BatchStatus.Rejected)
        {
            tags.Add(CompositionTelemetry.RejectStageTag, RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
        }
    }

    private static string? Version() => typeof(BatchTelemetry).Assembly.GetName().Version?.ToString();
}
