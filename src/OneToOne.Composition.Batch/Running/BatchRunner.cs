using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Decides and renders one message for a stream of recipients in parallel, with bounded memory, handing every record's
/// result to a sink in input order, and accounts for every record. Reuse one runner for many runs; it is thread-safe.
/// </summary>
/// <remarks>
/// <para>Records flow through three stages: a reader takes records from the input (and skips those of other shards and
/// those a checkpoint has done), <see cref="BatchOptions.MaxDegreeOfParallelism"/> workers decide and render, and one
/// writer hands results to the sink in input order, then to the observer, then to the checkpoint. The reader waits
/// when <see cref="BatchOptions.MaxInFlight"/> records are between it and the writer (back-pressure), so memory stays
/// bounded whatever the input's size.</para>
/// <para>A record never stops the run: whatever goes wrong for one recipient (bad data, a template error, a PDF glyph
/// missing, a sink refusing it) makes it <see cref="BatchStatus.Rejected"/> with its stage and error. The run stops
/// early only at the <see cref="BatchOptions.RejectLimit"/>, on cancellation (with the checkpoint consistent), or when
/// the input as a whole or the sink fails (the exception propagates).</para>
/// <para>Deterministic: the same input, catalog and options give the same results in the same order for any degree of
/// parallelism, any shard split and any number of interruptions.</para>
/// </remarks>
public sealed class BatchRunner
{
    private const int ChunkSize = 64;

    private readonly RecordProcessor _processor;
    private readonly BatchOptions _options;

    /// <summary>Initializes a runner.</summary>
    /// <param name="catalog">The compiled catalog.</param>
    /// <param name="messageId">The message to decide and render for every recipient.</param>
    /// <param name="channel">The channel to render for, and its choices.</param>
    /// <param name="options">How to run; null for <see cref="BatchOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The catalog has no message <paramref name="messageId"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parallelism or the in-flight bound is less than 1.</exception>
    public BatchRunner(Catalog catalog, string messageId, ChannelSettings channel, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(channel);
        if (!catalog.MessageIds.Contains(messageId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The catalog '{catalog.Id}' has no message '{messageId}'. It has: {string.Join(", ", catalog.MessageIds)}.", nameof(messageId));
        }

        _options = options ?? BatchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInFlight ?? 1, 1, nameof(options));
        _processor = new RecordProcessor(catalog, messageId, channel, _options.Schema);
    }

    /// <summary>Runs the batch over records read synchronously (JSON Lines, CSV, an <see cref="System.Data.IDataReader"/>, POCOs); the reading happens on its own thread.</summary>
    /// <param name="records">The records, such as <see cref="RecipientReader"/> gives; each is disposed once written.</param>
    /// <param name="sink">Where results go, in input order. Completed (not disposed) at the end of a run that read its whole input.</param>
    /// <param name="cancellationToken">Stops the run cleanly: records written so far are checkpointed, the summary says it stopped.</param>
    /// <returns>The account of the run.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<BatchSummary> RunAsync(IEnumerable<RecipientRecord> records, IMessageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sink);

        // A synchronous source (a file, a data reader) has the next records at hand, so they travel in small chunks.
        var run = new Run(this, sink, ChunkSize, cancellationToken);
        return await run.ExecuteAsync(ToAsync(records, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Runs the batch over records that arrive asynchronously (a queue, a database cursor).</summary>
    /// <param name="records">The records; each is disposed once written.</param>
    /// <param name="sink">Where results go, in input order. Completed (not disposed) at the end of a run that read its whole input.</param>
    /// <param name="cancellationToken">Stops the run cleanly: records written so far are checkpointed, the summary says it stopped.</param>
    /// <returns>The account of the run.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<BatchSummary> RunAsync(IAsyncEnumerable<RecipientRecord> records, IMessageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sink);
        // An asynchronous source (a queue) may trickle: each record travels on its own, so none waits for the next to arrive.
        var run = new Run(this, sink, 1, cancellationToken);
        return await run.ExecuteAsync(records).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<RecipientRecord> ToAsync(IEnumerable<RecipientRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    /// <summary>A few consecutive records on their way from the reader through a worker to the writer: handing them over together keeps the cost of the hand-over small next to deciding and rendering.</summary>
    private sealed class Work(RecipientRecord[] records, int count) : TaskCompletionSource<BatchResult[]>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public RecipientRecord[] Records { get; } = records;

        public int Count { get; } = count;
    }

    /// <summary>The state of one run.</summary>
    private sealed class Run(BatchRunner runner, IMessageSink sink, int chunkSize, CancellationToken cancellationToken)
    {
        private readonly BatchOptions _options = runner._options;
        private readonly BatchSummary _summary = new();
        private readonly List<BatchResult> _uncommitted = [];
        private long _otherShards;

        public async Task<BatchSummary> ExecuteAsync(IAsyncEnumerable<RecipientRecord> records)
        {
            var clock = _options.TimeProvider;
            var started = clock.GetTimestamp();
            var checkpoint = _options.Checkpoint;
            long resumeAfter = 0;
            if (checkpoint is not null)
            {
                if (checkpoint.Counts is { } counts)
                {
                    _summary.RestoreCounts(counts);
                }

                resumeAfter = checkpoint.LastNumber;
                if (sink is IResumableSink resumable)
                {
                    resumable.Restore(checkpoint.SinkState);
                }
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var capacity = Math.Max(2, (_options.MaxInFlight ?? 32 * _options.MaxDegreeOfParallelism) / chunkSize);
            var ordered = System.Threading.Channels.Channel.CreateBounded<Work>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
            var work = System.Threading.Channels.Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleWriter = true });
            var reader = Task.Run(() => ReadAsync(records, resumeAfter, ordered.Writer, work.Writer, stop.Token), CancellationToken.None);
            var workers = new Task[_options.MaxDegreeOfParallelism];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => ProcessAsync(work.Reader, stop.Token), CancellationToken.None);
            }

            var completed = false;
            try
            {
                completed = await WriteAsync(ordered.Reader, started, stop).ConfigureAwait(false);
                if (completed)
                {
                    await reader.ConfigureAwait(false);
                    await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _summary.StoppedReason ??= "cancelled; run the same command again (with the same checkpoint) to carry on";
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Settle(reader).ConfigureAwait(false);
                foreach (var worker in workers)
                {
                    await Settle(worker).ConfigureAwait(false);
                }

                // Whatever was written is recorded, also when the run stops or fails: the checkpoint stays a true prefix.
                if (checkpoint is not null)
                {
                    await CommitAsync(checkpoint, completed && _summary.StoppedReason is null).ConfigureAwait(false);
                }

                _summary.OtherShards = Interlocked.Read(ref _otherShards);
                _summary.Duration = clock.GetElapsedTime(started);
                Report(started);
            }

            return _summary;
        }

        private static async Task Settle(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The writer already reports the run's outcome; a stage that stopped because the run stopped has nothing to add.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        private async Task ReadAsync(IAsyncEnumerable<RecipientRecord> records, long resumeAfter, ChannelWriter<Work> ordered, ChannelWriter<Work> work, CancellationToken token)
        {
            Exception? failure = null;
            try
            {
                var shard = _options.Shard;
                var chunk = new RecipientRecord[chunkSize];
                var count = 0;
                await foreach (var record in records.WithCancellation(token).ConfigureAwait(false))
                {
                    if (shard is { } s && !s.Contains(record.Id))
                    {
                        Interlocked.Increment(ref _otherShards);
                        record.Dispose();
                        continue;
                    }

                    if (record.Number <= resumeAfter)
                    {
                        record.Dispose();
                        continue;
                    }

                    chunk[count++] = record;
                    if (count == chunkSize)
                    {
                        await Hand(new Work(chunk, count), ordered, work, token).ConfigureAwait(false);
                        chunk = new RecipientRecord[chunkSize];
                        count = 0;
                    }
                }

                if (count > 0)
                {
                    await Hand(new Work(chunk, count), ordered, work, token).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
                throw;
            }
            finally
            {
                ordered.TryComplete(failure);
                work.TryComplete();
            }
        }

        private static async Task Hand(Work item, ChannelWriter<Work> ordered, ChannelWriter<Work> work, CancellationToken token)
        {
            await ordered.WriteAsync(item, token).ConfigureAwait(false);
            await work.WriteAsync(item, token).ConfigureAwait(false);
        }

        private async Task ProcessAsync(ChannelReader<Work> work, CancellationToken token)
        {
            await foreach (var item in work.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    var results = new BatchResult[item.Count];
                    for (var i = 0; i < results.Length; i++)
                    {
                        results[i] = runner._processor.Process(item.Records[i]);
                    }

                    item.TrySetResult(results);
                }
                catch (Exception ex)
                {
                    item.TrySetException(ex);
                    throw;
                }
            }
        }

        /// <summary>Writes results in input order until the input ends (true) or the reject limit stops the run (false).</summary>
        private async Task<bool> WriteAsync(ChannelReader<Work> ordered, long started, CancellationTokenSource stop)
        {
            var clock = _options.TimeProvider;
            var lastCommit = clock.GetTimestamp();
            var lastReport = lastCommit;
            var checkpoint = _options.Checkpoint;
            while (await ordered.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (ordered.TryRead(out var item))
                {
                    var results = await item.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < results.Length; i++)
                    {
                        var result = results[i];
                        try
                        {
                            try
                            {
                                await sink.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                            }
                            catch (MessageRejectedException ex)
                            {
                                result.Reject(RejectStage.Write, ex.Message);
                            }

                            if (_options.Observer is { } observer)
                            {
                                await observer.OnRecordWrittenAsync(result, cancellationToken).ConfigureAwait(false);
                            }

                            _summary.Add(result);
                            if (checkpoint is not null)
                            {
                                _uncommitted.Add(result);
                            }
                        }
                        finally
                        {
                            item.Records[i].Dispose();
                        }

                        if (_options.RejectLimit?.Exceeded(_summary.Rejected, _summary.Input) is { } reason)
                        {
                            _summary.StoppedReason = reason;
                            await stop.CancelAsync().ConfigureAwait(false);
                            return false;
                        }

                        var now = clock.GetTimestamp();
                        if (checkpoint is not null && (_uncommitted.Count >= BatchCheckpoint.CommitEvery || clock.GetElapsedTime(lastCommit, now) >= TimeSpan.FromSeconds(1)))
                        {
                            await CommitAsync(checkpoint, completed: false).ConfigureAwait(false);
                            lastCommit = now;
                        }

                        if (_options.Progress is not null && clock.GetElapsedTime(lastReport, now) >= _options.ProgressInterval)
                        {
                            Report(started);
                            lastReport = now;
                        }
                    }
                }
            }

            return true;
        }

        private async Task CommitAsync(BatchCheckpoint checkpoint, bool completed)
        {
            if (_uncommitted.Count == 0 && !completed)
            {
                return;
            }

            // The sink's bytes reach the operating system before the checkpoint says they are there.
            await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var state = (sink as IResumableSink)?.SaveState();
            checkpoint.Commit(_uncommitted, state, _summary.SaveCounts(), completed);
            _uncommitted.Clear();
        }

        private void Report(long started)
        {
            if (_options.Progress is not { } progress)
            {
                return;
            }

            var elapsed = _options.TimeProvider.GetElapsedTime(started);
            var doneHere = _summary.Input - _summary.Resumed;
            var rate = elapsed > TimeSpan.Zero ? doneHere / elapsed.TotalSeconds : 0;
            progress.Report(new BatchProgress(_summary.Input + Interlocked.Read(ref _otherShards), _summary.Rendered, _summary.Suppressed, _summary.Rejected, elapsed, rate, _options.TotalRecords));
        }
    }
}
