using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Diagnostics;

/// <summary>
/// The core's instruments on the meter <see cref="CompositionTelemetry.MeterName"/>: one set for the process, and one per
/// <see cref="IMeterFactory"/> (<see cref="CompositionOptions.MeterFactory"/>). Each measurement first checks its instrument's
/// <see cref="Instrument.Enabled"/>, so a catalog nobody listens to pays a field read per call and builds no tags.
/// </summary>
internal sealed class CompositionMetrics
{
    private static readonly ConditionalWeakTable<IMeterFactory, CompositionMetrics> ByFactory = [];

    private static CompositionMetrics? s_shared;

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _renderDuration;

    private CompositionMetrics(Meter meter)
    {
        _decisions = meter.CreateCounter<long>(CompositionTelemetry.Decisions, "{decision}", "Messages decided for a recipient: sent or suppressed.");
        _renderDuration = DurationHistogram.Create(meter, CompositionTelemetry.RenderDuration, "The time one render of a decided message took.");
    }

    /// <summary>Gets the instruments on the factory's meter, or on the process's own when there is no factory.</summary>
    public static CompositionMetrics For(IMeterFactory? factory) => factory is null
        ? LazyInitializer.EnsureInitialized(ref s_shared, static () => new CompositionMetrics(new Meter(CompositionTelemetry.MeterName, Version())))
        : ByFactory.GetValue(factory, static f => new CompositionMetrics(f.Create(new MeterOptions(CompositionTelemetry.MeterName) { Version = Version() })));

    /// <summary>Counts a decision, by message, and whether and why it is suppressed.</summary>
    public void Decided(Decision decision)
    {
        if (!_decisions.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { CompositionTelemetry.MessageTag, decision.MessageId },
            { CompositionTelemetry.OutcomeTag, decision.IsSuppressed ? "suppressed" : "decided" },
        };
        if (decision.SuppressedBy is { } reason)
        {
            tags.Add(CompositionTelemetry.SuppressionReasonTag, reason);
        }

        _decisions.Add(1, tags);
    }

    /// <summary>Gets the time a render starts, or 0 when its duration is not measured.</summary>
    public long RenderStarted(TimeProvider clock) => _renderDuration.Enabled ? clock.GetTimestamp() : 0;

    /// <summary>Records a render's duration (when <paramref name="started"/> is not 0), by message and channel, with the type of the error that ended it; false, for use in an exception filter.</summary>
    public bool RenderEnded(TimeProvider clock, long started, Decision decision, string channel, Exception? error = null)
    {
        if (started == 0)
        {
            return false;
        }

        var tags = new TagList { { CompositionTelemetry.MessageTag, decision.MessageId }, { CompositionTelemetry.ChannelTag, channel } };
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().FullName);
        }

        _renderDuration.Record(clock.GetElapsedTime(started).TotalSeconds, tags);
        return false;
    }

    private static string? Version() => typeof(CompositionMetrics).Assembly.GetName().Version?.ToString();
}
