using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class BatchRunnerCancellationTests
{
    private const string Records = """
        {"id":"r1","spin":false}
        {"id":"r2","spin":true}
        {"id":"r3","spin":false}

        """;

    private static readonly ChannelSettings Text = new(BatchChannel.Text);

    [Fact]
    public async Task ACancelledRunWithoutACheckpoint_ReturnsItsSummary_WhoseReasonOffersNoResume()
    {
        var plain = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: \"Hi {{ id }}\"\n");
        await using var sink = new JsonLinesSink(TextWriter.Null);

        var summary = await new BatchRunner(plain, "m", Text)
            .RunAsync(RecipientReader.Read(new StringReader(Records), RecipientFormat.JsonLines), sink, new CancellationToken(canceled: true));

        Assert.False(summary.Completed);
        Assert.Equal("cancelled; the run had no checkpoint, so running it again starts over", summary.StoppedReason);
    }

    [Fact]
    public async Task ACancelledRun_StopsInTheMiddleOfATemplate_AndLeavesThatRecordForTheResume()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();

        // r2's template spins for minutes with a budget of ten; the catalog's clock, which the loop reads at every step,
        // cancels the run once r2 is well inside its loop.
        var spinning = new CatalogLoader(CompositionOptions.Default with
        {
            Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMinutes(10), MaxLoopIterations = int.MaxValue },
            TimeProvider = new CancellingClock(100_000, cancel),
        }).Parse("catalog: c\nmessages:\n  m:\n    body: \"{{ if spin; n = 0; while n < 2000000000; n = n + 1; end; end }}Hi {{ id }}\"\n");
        var options = new BatchOptions { MaxDegreeOfParallelism = 1, MaxInFlight = 2 };
        BatchSummary stopped;
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            stopped = await Run(spinning, options with { Checkpoint = checkpoint }, cancel.Token).WaitAsync(Waits.Hang);
            Assert.Equal(1, checkpoint.LastNumber);
        }

        // Said to code that called RunAsync as much as to the tool's user: no 'command' to run again.
        Assert.Equal("cancelled; run it again with the same checkpoint, catalog, message and input to carry on where it stopped", stopped.StoppedReason);
        Assert.Equal((1, 1, 0), (stopped.Input, stopped.Rendered, stopped.Rejected));

        var plain = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: \"Hi {{ id }}\"\n");
        BatchSummary resumed;
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            resumed = await Run(plain, options with { Checkpoint = checkpoint }, CancellationToken.None);
        }

        Assert.True(resumed.Completed);
        Assert.Equal((3, 3, 1), (resumed.Input, resumed.Rendered, resumed.Resumed));
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), DirectorySink.ResultsFileName)).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["r1", "r2", "r3"], results.Select(static r => r.GetProperty("id").GetString()));
        Assert.All(results, static r => Assert.Equal("rendered", r.GetProperty("status").GetString()));
        Assert.Contains("Hi r2", File.ReadAllText(Path.Combine(temp.File("out"), "r2.txt")), StringComparison.Ordinal);

        async Task<BatchSummary> Run(Catalog catalog, BatchOptions runOptions, CancellationToken token)
        {
            await using var sink = new DirectorySink(temp.File("out"), Text);
            return await new BatchRunner(catalog, "m", Text, runOptions)
                .RunAsync(RecipientReader.Read(new StringReader(Records), RecipientFormat.JsonLines), sink, token);
        }
    }

    [Fact]
    public void ARecordCancelledWhileRendered_IsNotRejected_ItHasNoOutcome()
    {
        var processor = new RecordProcessor(TestCampaign.Catalog, "monthly", Text);
        using var record = TestCampaign.Records(TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n").Single();

        Assert.ThrowsAny<OperationCanceledException>(() => processor.Process(record, pooledText: false, new ConditionFieldCheck([]), new CancellationToken(canceled: true)));
        Assert.Equal(BatchStatus.Rendered, processor.Process(record, pooledText: false, new ConditionFieldCheck([]), CancellationToken.None).Status);
    }

    /// <summary>The system clock, which cancels a token once it has been read <paramref name="reads"/> times.</summary>
    private sealed class CancellingClock(int reads, CancellationTokenSource cancel) : TimeProvider
    {
        private int _read;

        public override long GetTimestamp()
        {
            if (Interlocked.Increment(ref _read) == reads)
            {
                cancel.Cancel();
            }

            return base.GetTimestamp();
        }
    }
}
