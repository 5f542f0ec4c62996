using System.Runtime.InteropServices;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Cli.Commands;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Tests.Processing;

/// <summary>
/// A SIGTERM (or Ctrl-C) that comes as <c>--max-rejects</c> stops a run: the exit code follows the records written, not
/// which of the two was handled first. The signal is raised by the run's own observer as a record is written, through the
/// tool's <see cref="StopSignal"/>, so the race is played the same way every time.
/// </summary>
public sealed class RejectLimitAndSignalTests
{
    private const string Catalog = "catalog: c\nmessages:\n  m:\n    body: \"Hi {{ name }}\"\n";

    // r2 has no name, which the schema requires: rejected.
    private const string Records = "{\"id\":\"r1\",\"name\":\"Ada\"}\n{\"id\":\"r2\"}\n{\"id\":\"r3\",\"name\":\"Cy\"}\n";

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task ASignalWhileTheRecordThatPassesMaxRejectsIsWritten_ExitsOne_NotTheSignalsCode(PosixSignal signal)
    {
        using var stop = new StopSignal();
        var limit = RejectLimit.Count(0);

        var summary = await Run(limit, new SignalOn(BatchStatus.Rejected, stop, signal), stop.Token);

        Assert.Equal(signal, stop.Signal);
        Assert.Equal((2, 1, 1), (summary.Input, summary.Rendered, summary.Rejected));
        const string Reason = "1 record was rejected, more than the 0 allowed (--max-rejects); fix the input or the catalog (see the rejects), then run again";
        Assert.Equal(Reason, summary.StoppedReason);
        var (exitCode, line) = RenderCommand.Outcome(summary, limit, stop.Signal);
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: the run stopped: {Reason}. ({signal} came as it stopped: a run past --max-rejects exits 1 all the same, as running it again would stop at the same record.)", line);
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGINT, 130)]
    public async Task ASignalBeforeTheRunReachesMaxRejects_ExitsWithTheSignalsCode_ToBeResumed(PosixSignal signal, int expected)
    {
        using var stop = new StopSignal();
        var limit = RejectLimit.Count(0);

        var summary = await Run(limit, new SignalOn(BatchStatus.Rendered, stop, signal), stop.Token);

        Assert.Equal((1, 1, 0), (summary.Input, summary.Rendered, summary.Rejected));
        var (exitCode, line) = RenderCommand.Outcome(summary, limit, stop.Signal);
        Assert.Equal(expected, exitCode);
        Assert.Equal($"error: the run stopped by {signal}: {summary.StoppedReason}.", line);
    }

    [Fact]
    public async Task ASignalAfterTheLastRecord_LeavesTheRunsOwnCode()
    {
        using var stop = new StopSignal();

        var summary = await Run(RejectLimit.Count(5), observer: null, stop.Token);
        stop.Handle(new PosixSignalContext(PosixSignal.SIGTERM));

        Assert.True(summary.Completed);
        Assert.Equal((2, (string?)null), RenderCommand.Outcome(summary, RejectLimit.Count(5), stop.Signal));
    }

    private static async Task<BatchSummary> Run(RejectLimit limit, IBatchObserver? observer, CancellationToken token)
    {
        var catalog = new CatalogLoader(CliRun.Untimed).Parse(Catalog);
        Assert.True(RecipientSchema.TryParse("id:text!,name:text!", out var schema, out var error), error);
        var options = new BatchOptions { MaxDegreeOfParallelism = 1, RejectLimit = limit, Schema = schema, Observer = observer };
        await using var sink = new JsonLinesSink(TextWriter.Null);
        return await new BatchRunner(catalog, "m", new ChannelSettings(BatchChannel.Text), options)
            .RunAsync(RecipientReader.Read(new StringReader(Records), RecipientFormat.JsonLines), sink, token);
    }

    /// <summary>Raises the signal, as the operating system would, while the first record of a status is written.</summary>
    private sealed class SignalOn(BatchStatus status, StopSignal stop, PosixSignal signal) : IBatchObserver
    {
        public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
        {
            if (result.Status == status && stop.Signal is null)
            {
                stop.Handle(new PosixSignalContext(signal));
            }

            return ValueTask.CompletedTask;
        }
    }
}
