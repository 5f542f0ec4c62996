using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// The batch runner's metrics and spans, read with a real <see cref="MeterListener"/> and <see cref="ActivityListener"/>. Each
/// test has a meter factory of its own (a container's, as a host has) and listens only to its meter, and samples only the
/// spans under a root of its own, so runs of other tests in parallel are not counted.
/// </summary>
public sealed class BatchTelemetryTests
{
    private static readonly ChannelSettings Text = new(BatchChannel.Text);

    private static readonly string[] AllowedTags = [CompositionTelemetry.MessageTag, CompositionTelemetry.ChannelTag, CompositionTelemetry.OutcomeTag, CompositionTelemetry.SuppressionReasonTag, CompositionTelemetry.RejectStageTag];

    private static readonly TestCampaign.Kind[] Mix =
    [
        TestCampaign.Kind.Good, TestCampaign.Kind.Suppressed, TestCampaign.Kind.NotJson, TestCampaign.Kind.Good, TestCampaign.Kind.MissingField,
        TestCampaign.Kind.Good, TestCampaign.Kind.NonNumericIq, TestCampaign.Kind.Suppressed, TestCampaign.Kind.Good, TestCampaign.Kind.Good,
    ];

    [Fact]
    public async Task Records_AreCountedOncePerOutcome_WithBoundedTags_AsTheSummaryCountsThem()
    {
        using var metrics = new Metrics();
        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 3, MaxInFlight = 4, Schema = TestCampaign.Schema, MeterFactory = metrics.Factory })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Mix)), new CollectingSink());

        Assert.Equal((5, 2, 3), (summary.Rendered, summary.Suppressed, summary.Rejected));
        var records = metrics.Of(CompositionTelemetry.BatchRecords);
        Assert.Equal(summary.Input, records.Sum(static m => m.Value));
        Assert.Equal(
            [
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=rejected,onetoone.reject.stage=read x3",
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=rendered x5",
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=suppressed,onetoone.suppression.reason=suppress x2",
            ],
            Totals(records));

        // Every record decided and rendered is timed once, tagged with its outcome, in seconds (no clock is asserted).
        var durations = metrics.Of(CompositionTelemetry.BatchRecordDuration);
        Assert.Equal(Totals(records.Select(static m => m with { Tags = m.Tags.Where(static t => t.Key != CompositionTelemetry.RejectStageTag && t.Key != CompositionTelemetry.SuppressionReasonTag).ToArray() })), Totals(durations.Select(static m => m with { Value = 1 })));
        Assert.All(durations, static m => Assert.InRange(m.Value, 0, 60));

        // Records in flight go up as they are read and back to none once written.
        var active = metrics.Of(CompositionTelemetry.BatchActiveRecords);
        Assert.Equal(summary.Input, active.Where(static m => m.Value > 0).Sum(static m => m.Value));
        Assert.Equal(0, active.Sum(static m => m.Value));

        // No tag but the bounded ones, and no value from a recipient: ids r1…r10, names Name1…, the data.
        var all = metrics.All;
        Assert.All(all, static m => Assert.All(m.Tags, static t => Assert.Contains(t.Key, AllowedTags)));
        Assert.DoesNotContain(all.SelectMany(static m => m.Tags), static t => t.Value is string s && (s.StartsWith('r') && s.Length <= 3 || s.Contains("Name", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SuppressedRecords_AreTaggedWithAShortReason_DuplicateForARepeatedId()
    {
        using var metrics = new Metrics();
        var jsonl = TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n" + TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n" + TestCampaign.Line(2, TestCampaign.Kind.Suppressed) + "\n";
        await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MeterFactory = metrics.Factory }).RunAsync(TestCampaign.Records(jsonl), new CollectingSink());

        Assert.Equal(
            [
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=rendered x1",
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=suppressed,onetoone.suppression.reason=duplicate x1",
                "onetoone.channel=text,onetoone.message.id=monthly,onetoone.outcome=suppressed,onetoone.suppression.reason=suppress x1",
            ],
            Totals(metrics.Of(CompositionTelemetry.BatchRecords)));
    }

    [Fact]
    public async Task AHoldoutRoutedToAnotherChannel_IsCountedAsRouted_AsTheSummaryCountsIt()
    {
        // A web run's holdout whose customer's say routes it to email is email's control, suppressed here as 'routed to
        // email'; its metric was tagged 'holdout', so every channel's run counted every channel's holdout in its control.
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: holdout-channels
            experiments:
              lift: { arms: { control: 1, treated: 1 }, holdout: control, holdout-gets: suppress }
            policy:
              preferred-channel: preferred_channel
            modules:
              offer: "Offer for {{ first_name }}"
            slots:
              offer: { from: [offer] }
            messages:
              cross-sell:
                channels: [web, email]
                body: '{{ slot "offer" }}'
            """);
        var jsonl = string.Concat(Enumerable.Range(0, 200).Select(static i => System.Text.Json.JsonSerializer.Serialize(new { id = $"c{i}", first_name = "N", preferred_channel = i % 2 == 0 ? "web" : "email" }) + "\n"));
        using var metrics = new Metrics();

        var summary = await new BatchRunner(catalog, "cross-sell", new ChannelSettings(BatchChannel.Web), new BatchOptions { MeterFactory = metrics.Factory })
            .RunAsync(RecipientReader.Read(new StringReader(jsonl), RecipientFormat.JsonLines), new CollectingSink());

        double Count(string reason) => metrics.Of(CompositionTelemetry.BatchRecords).Where(m => m.Tags.Contains(new(CompositionTelemetry.SuppressionReasonTag, reason))).Sum(static m => m.Value);
        Assert.Equal(100, summary.SuppressedByReason["routed to email"]);
        Assert.Equal((100d, (double)summary.SuppressedByReason["holdout of experiment 'lift' (arm 'control')"]), (Count("routed"), Count("holdout")));
    }

    [Fact]
    public async Task ARun_HasOneSpan_EndingWithItsCounts_AndInErrorWhenTheRejectLimitStopsIt()
    {
        using var spans = new Spans();
        BatchSummary summary;
        using (spans.Root())
        {
            summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1, Schema = TestCampaign.Schema, RejectLimit = RejectLimit.Count(1) })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Mix)), new CollectingSink());
        }

        // One worker: good, suppressed, rejected, good, rejected (the second, past the limit of one) and the run stops.
        Assert.Equal((5L, 2L, 1L, 2L, false), (summary.Input, summary.Rendered, summary.Suppressed, summary.Rejected, summary.Completed));
        var run = Assert.Single(spans.Ended, static a => a.OperationName == CompositionTelemetry.BatchRunActivity);
        Assert.Equal(CompositionTelemetry.BatchMeterName, run.Source.Name);
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal(summary.StoppedReason, run.StatusDescription);
        Assert.Equal("monthly", run.GetTagItem(CompositionTelemetry.MessageTag));
        Assert.Equal("text", run.GetTagItem(CompositionTelemetry.ChannelTag));
        Assert.Equal(
            (summary.Input, summary.Rendered, summary.Suppressed, summary.Rejected, false),
            ((long)run.GetTagItem("onetoone.batch.records.input")!, (long)run.GetTagItem("onetoone.batch.records.rendered")!, (long)run.GetTagItem("onetoone.batch.records.suppressed")!, (long)run.GetTagItem("onetoone.batch.records.rejected")!, (bool)run.GetTagItem("onetoone.batch.completed")!));
    }

    [Fact]
    public async Task ARunThatThrows_EndsItsSpanInError_WithTheExceptionsTypeAndStack_NotItsMessage()
    {
        // A sink's error names the record (MergedPdfSink: "record 'alice@example.com' cannot be added"; a file named by
        // the id): recorded whole on the run's span, it carried the recipient's id to the trace backend.
        using var spans = new Spans();
        using (spans.Root())
        {
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1, Schema = TestCampaign.Schema });
            var error = await Assert.ThrowsAsync<IOException>(async () =>
                await runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl([TestCampaign.Kind.Good])), new FailingSink()));
            Assert.Contains("out/r1.txt", error.Message, StringComparison.Ordinal);
        }

        var run = Assert.Single(spans.Ended, static a => a.OperationName == CompositionTelemetry.BatchRunActivity);
        Assert.Equal((ActivityStatusCode.Error, "IOException", "System.IO.IOException"), (run.Status, run.StatusDescription, run.GetTagItem("error.type")));
        var exception = Assert.Single(run.Events, static e => e.Name == "exception");
        Assert.Equal("System.IO.IOException", exception.Tags.Single(static t => t.Key == "exception.type").Value);
        Assert.Contains(nameof(FailingSink), (string)exception.Tags.Single(static t => t.Key == "exception.stacktrace").Value!, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Events.SelectMany(static e => e.Tags).Concat(run.TagObjects), static t => t.Value is string s && s.Contains("r1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampledRecords_EachHaveASpanUnderTheRun_NamingTheRecordNumberAndOutcome_NeverTheRecipient()
    {
        using var spans = new Spans();
        BatchSummary summary;
        using (spans.Root())
        {
            summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 3, Schema = TestCampaign.Schema })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Mix)), new CollectingSink());
        }

        var run = Assert.Single(spans.Ended, static a => a.OperationName == CompositionTelemetry.BatchRunActivity);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        Assert.Equal(true, run.GetTagItem("onetoone.batch.completed"));
        var records = spans.Ended.Where(static a => a.OperationName == CompositionTelemetry.BatchRecordActivity).OrderBy(static a => (long)a.GetTagItem("onetoone.record.number")!).ToArray();
        Assert.Equal(summary.Input, records.Length);
        Assert.All(records, a => Assert.Equal(run.SpanId, a.ParentSpanId));
        Assert.Equal(
            ["rendered", "suppressed", "rejected", "rendered", "rejected", "rendered", "rejected", "suppressed", "rendered", "rendered"],
            records.Select(static a => (string)a.GetTagItem(CompositionTelemetry.OutcomeTag)!));
        Assert.Equal("rejected at read", records[2].StatusDescription);
        Assert.Equal(ActivityStatusCode.Error, records[2].Status);
        Assert.DoesNotContain(records.SelectMany(static a => a.TagObjects), static t => t.Value is string s && (s.StartsWith('r') && s.Length <= 3 || s.Contains("Name", StringComparison.Ordinal)));
    }

    [Property(MaxTest = 30)]
    public bool MetricTotals_EqualTheSummary_ForAnyMixAndParallelism(int[] seeds, PositiveInt parallel)
    {
        using var metrics = new Metrics();
        var kinds = seeds.Select(static s => TestCampaign.KindOf(s) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.NotJson : TestCampaign.KindOf(s)).ToArray();
        var summary = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1 + (parallel.Get % 4), MaxInFlight = 1 + (parallel.Get % 5), Schema = TestCampaign.Schema, MeterFactory = metrics.Factory })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), new CollectingSink()).GetAwaiter().GetResult();

        var records = metrics.Of(CompositionTelemetry.BatchRecords);
        double Count(string outcome) => records.Where(m => m.Tags.Contains(new(CompositionTelemetry.OutcomeTag, outcome))).Sum(static m => m.Value);
        return Count("rendered") == summary.Rendered
            && Count("suppressed") == summary.Suppressed
            && Count("rejected") == summary.Rejected
            && records.Sum(static m => m.Value) == summary.Input
            && metrics.Of(CompositionTelemetry.BatchActiveRecords).Sum(static m => m.Value) == 0;
    }

    private static string[] Totals(IEnumerable<Measurement> measurements) =>
        [.. measurements
            .GroupBy(static m => string.Join(",", m.Tags.OrderBy(static t => t.Key, StringComparer.Ordinal).Select(static t => $"{t.Key}={t.Value}")), StringComparer.Ordinal)
            .Select(static g => $"{g.Key} x{g.Sum(static m => m.Value)}")
            .Order(StringComparer.Ordinal)];

    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags);

    /// <summary>A sink whose disk fails, with an error naming the record's file, as a sink's errors do.</summary>
    private sealed class FailingSink : IMessageSink
    {
        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken) =>
            throw new IOException($"Could not write 'out/{result.Id}.txt': the disk is full.");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A container's meter factory, and a listener to the batch meter it makes.</summary>
    private sealed class Metrics : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public Metrics()
        {
            Factory = _services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CompositionTelemetry.BatchMeterName && ReferenceEquals(instrument.Meter.Scope, Factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public IMeterFactory Factory { get; }

        public Measurement[] All => [.. _measurements];

        public Measurement[] Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

        public void Dispose()
        {
            _listener.Dispose();
            _services.Dispose();
        }
    }

    /// <summary>An activity listener sampling (all data) only the spans under a root of its own.</summary>
    private sealed class Spans : IDisposable
    {
        private static readonly ActivitySource TestSource = new("OneToOne.Composition.Batch.Tests.Telemetry");
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _ended = new();
        private ActivityTraceId _trace;

        public Spans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = static source => source.Name is CompositionTelemetry.BatchMeterName or "OneToOne.Composition.Batch.Tests.Telemetry",
                Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                    options.Source == TestSource || (_trace != default && options.Parent.TraceId == _trace) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == _trace && activity.Source != TestSource)
                    {
                        _ended.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public Activity[] Ended => [.. _ended];

        public Activity Root()
        {
            var root = TestSource.StartActivity("test root", ActivityKind.Internal, parentContext: default) ?? throw new InvalidOperationException("The test's own source was not sampled.");
            _trace = root.TraceId;
            return root;
        }

        public void Dispose() => _listener.Dispose();
    }
}
