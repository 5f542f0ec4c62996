namespace OneToOne.Composition.Diagnostics;

/// <summary>
/// The names of the library's <see cref="System.Diagnostics.Metrics.Meter"/>s, <see cref="System.Diagnostics.ActivitySource"/>s,
/// instruments and tags, for <c>AddMeter(…)</c> and <c>AddSource(…)</c> in OpenTelemetry or a <c>MeterListener</c>.
/// </summary>
/// <remarks>
/// The core (<see cref="Catalog"/>) and the batch runner (the <c>OneToOne.Composition.Batch</c> package) each have their own
/// meter and activity source, named after their package, so a service that only renders listens to the first and a mail-merge
/// run to both. Instruments follow OpenTelemetry's naming: lowercase, dotted, durations in seconds. Tags are bounded: the
/// message id, the channel, the outcome, a suppression's short name and a rejection's stage; never a recipient's id or data.
/// Nothing is measured, and no span is made, while nothing listens.
/// </remarks>
public static class CompositionTelemetry
{
    /// <summary>The core's meter and activity source: <c>OneToOne.Composition</c>.</summary>
    public const string MeterName = "OneToOne.Composition";

    /// <summary>The batch runner's meter and activity source: <c>OneToOne.Composition.Batch</c>.</summary>
    public const string BatchMeterName = "OneToOne.Composition.Batch";

    /// <summary>Counter (<c>{decision}</c>) of <see cref="Catalog"/>'s decisions, by message, outcome (<c>decided</c>, <c>suppressed</c>) and suppression reason.</summary>
    public const string Decisions = "onetoone.composition.decisions";

    /// <summary>
    /// Histogram (seconds) of <see cref="Catalog"/>'s renders of a decided message (<c>Render</c>, <c>RenderEmail</c>,
    /// <c>RenderPrint</c>), by message and channel, with <c>error.type</c> when the render failed.
    /// </summary>
    public const string RenderDuration = "onetoone.composition.render.duration";

    /// <summary>Counter (<c>{record}</c>) of the records a batch run finished, by message, channel, outcome, suppression reason and reject stage.</summary>
    public const string BatchRecords = "onetoone.batch.records";

    /// <summary>Histogram (seconds) of the time a batch worker took to decide and render one record, by message, channel and outcome.</summary>
    public const string BatchRecordDuration = "onetoone.batch.record.duration";

    /// <summary>Up-down counter (<c>{record}</c>) of the records a batch run has read and not yet written, by message and channel.</summary>
    public const string BatchActiveRecords = "onetoone.batch.active_records";

    /// <summary>The span of one batch run (on <see cref="BatchMeterName"/>'s activity source), ended with the run's counts as tags.</summary>
    public const string BatchRunActivity = "onetoone.batch.run";

    /// <summary>The span of one record's decide and render in a batch run, made only when a listener samples it.</summary>
    public const string BatchRecordActivity = "onetoone.batch.record";

    /// <summary>Tag: the message id.</summary>
    public const string MessageTag = "onetoone.message.id";

    /// <summary>Tag: the channel (<c>text</c>, <c>web</c>, <c>email</c>, <c>print</c>).</summary>
    public const string ChannelTag = "onetoone.channel";

    /// <summary>Tag: how a record ended (<c>rendered</c>, <c>suppressed</c>, <c>rejected</c>).</summary>
    public const string OutcomeTag = "onetoone.outcome";

    /// <summary>
    /// Tag of a suppressed record: the decision's short reason (<see cref="Decisions.Decision.SuppressedBy"/>: a suppress rule's
    /// name, <c>holdout</c>, <c>topic</c>, <c>consent</c>, <c>cap</c>, <c>suppress</c>, <c>inactive</c>…), or the batch's
    /// own <c>duplicate</c> (an earlier record had the id) or <c>routed</c> (the customer's channel is another).
    /// </summary>
    public const string SuppressionReasonTag = "onetoone.suppression.reason";

    /// <summary>Tag of a rejected record: where it failed (<c>read</c>, <c>decide</c>, <c>render</c>, <c>write</c>).</summary>
    public const string RejectStageTag = "onetoone.reject.stage";
}
