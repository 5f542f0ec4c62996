using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>However a run ends (the input read to its end, the reject limit, cancellation, the input or the sink failing, the sink cancelling on its own), over a synchronous or an asynchronous source, the records written are a prefix of the input in order, and every record read is given back (disposed) exactly once; when the input fails, every record it gave before is written.</summary>
public sealed class BatchRunnerStopProperties
{
    public enum Ending
    {
        InputEnds,
        RejectLimit,
        Cancelled,
        InputFails,
        SinkFails,
        SinkCancelsOnItsOwn,
    }

    [Property(MaxTest = 60)]
    public Property EveryRecordReadIsDisposedOnce_AndTheWrittenOnesAreAPrefixInOrder(PositiveInt count, PositiveInt parallel, PositiveInt inFlight, PositiveInt at, Ending ending, bool asynchronous)
    {
        var n = count.Get % 300;
        var (holds, label) = Check(n, 1 + (at.Get % Math.Max(1, n)), 1 + (parallel.Get % 5), 1 + (inFlight.Get % 200), ending, asynchronous);
        return holds.Label(label);
    }

    /// <summary>Long inputs that stop early, with workers far ahead of the writer: what they read past the stop is given back too.</summary>
    [Theory]
    [InlineData(Ending.RejectLimit, false)]
    [InlineData(Ending.Cancelled, false)]
    [InlineData(Ending.InputFails, false)]
    [InlineData(Ending.SinkFails, false)]
    [InlineData(Ending.SinkCancelsOnItsOwn, false)]
    [InlineData(Ending.RejectLimit, true)]
    [InlineData(Ending.Cancelled, true)]
    [InlineData(Ending.InputFails, true)]
    [InlineData(Ending.SinkFails, true)]
    [InlineData(Ending.SinkCancelsOnItsOwn, true)]
    public void StoppingEarly_GivesBackWhatWasReadAhead(Ending ending, bool asynchronous)
    {
        for (var round = 0; round < 20; round++)
        {
            var (holds, label) = Check(2000, 100 + round, 2 + (round % 3), 400, ending, asynchronous);
            Assert.True(holds, label);
        }
    }

    private static (bool Holds, string Label) Check(int n, int k, int parallel, int inFlight, Ending ending, bool asynchronous)
    {
        var kinds = Enumerable.Range(0, n).Select(i => ending == Ending.RejectLimit && i >= k - 1 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good).ToArray();
        var handedOut = new List<Tracker>();
        using var cancel = new CancellationTokenSource();
        var sink = new StoppingSink(ending is Ending.SinkFails or Ending.SinkCancelsOnItsOwn ? (k, ending == Ending.SinkCancelsOnItsOwn) : null, ending == Ending.Cancelled ? (k, cancel) : null);
        var options = new BatchOptions
        {
            MaxDegreeOfParallelism = parallel,
            MaxInFlight = inFlight,
            RejectLimit = ending == Ending.RejectLimit ? RejectLimit.Count(0) : null,
            Schema = TestCampaign.Schema,
        };

        BatchSummary? summary = null;
        Exception? error = null;
        try
        {
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), options);
            var input = Input(kinds, ending == Ending.InputFails ? k : null, handedOut);
            summary = (asynchronous ? runner.RunAsync(Trickle(input), sink, cancel.Token) : runner.RunAsync(input, sink, cancel.Token)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            error = ex;
        }

        var written = sink.Numbers;
        var prefix = written.SequenceEqual(Enumerable.Range(1, written.Count).Select(static i => (long)i));
        var disposedOnce = handedOut.All(static t => t.Disposals == 1);
        var ended = ending switch
        {
            Ending.InputFails when n > 0 => error is InvalidOperationException { Message: "the input broke" } && written.Count == k - 1 && !sink.Completed,
            Ending.SinkFails when n > 0 => error is IOException { Message: "the sink broke" } && written.Count == k - 1 && !sink.Completed,
            Ending.SinkCancelsOnItsOwn when n > 0 => error is OperationCanceledException { Message: "the sink gave up" } && written.Count == k - 1 && !sink.Completed,
            Ending.RejectLimit when n > 0 => summary is { Completed: false, Rejected: 1 } && written.Count == k && !sink.Completed,
            Ending.Cancelled when n > 0 => summary is { Completed: false, StoppedReason: { } reason } && reason.StartsWith("cancelled", StringComparison.Ordinal) && written.Count >= k && !sink.Completed,
            _ => summary is { Completed: true } && written.Count == n && summary.Input == n && sink.Completed,
        };
        var notOnce = handedOut.Where(static t => t.Disposals != 1).Select(static t => $"{t.Number}:{t.Disposals}").Take(10);
        return (prefix && disposedOnce && ended,
            $"n={n} k={k} {(asynchronous ? "asynchronous" : "synchronous")} parallel {parallel} in flight {inFlight} {ending}: written {written.Count}, prefix {prefix}, disposed other than once (number:times) [{string.Join(", ", notOnce)}…], error {error?.Message}, stopped {summary?.StoppedReason}");
    }

    private static IEnumerable<RecipientRecord> Input(TestCampaign.Kind[] kinds, int? failAt, List<Tracker> handedOut)
    {
        foreach (var record in TestCampaign.Records(TestCampaign.Jsonl(kinds)))
        {
            if (record.Number == failAt)
            {
                record.Dispose();
                throw new InvalidOperationException("the input broke");
            }

            var tracker = new Tracker(record.Number, record);
            lock (handedOut)
            {
                handedOut.Add(tracker);
            }

            yield return RecipientRecord.Read(record.Number, record.Line, record.Recipient!, tracker);
        }
    }

    /// <summary>The records as an asynchronous source that yields to the scheduler before each, as a queue would; a record taken is handed over even if the run is being cancelled.</summary>
    private static async IAsyncEnumerable<RecipientRecord> Trickle(IEnumerable<RecipientRecord> records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }

    /// <summary>Counts how often the record that owns it is disposed, and disposes the record it wraps.</summary>
    private sealed class Tracker(long number, RecipientRecord inner) : IDisposable
    {
        private int _disposals;

        public long Number => number;

        public int Disposals => Volatile.Read(ref _disposals);

        public void Dispose()
        {
            Interlocked.Increment(ref _disposals);
            inner.Dispose();
        }
    }

    /// <summary>Keeps the numbers written; fails at one record (with an error, or cancelling on its own), or cancels the run once one is written.</summary>
    private sealed class StoppingSink((int At, bool Cancelling)? failAt, (int At, CancellationTokenSource Source)? cancelAt) : IMessageSink
    {
        public List<long> Numbers { get; } = [];

        public bool Completed { get; private set; }

        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            if (failAt is { } fail && result.Number == fail.At)
            {
                throw fail.Cancelling ? new OperationCanceledException("the sink gave up") : new IOException("the sink broke");
            }

            Numbers.Add(result.Number);
            if (cancelAt is { } cancel && result.Number == cancel.At)
            {
                cancel.Source.Cancel();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            Completed = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
