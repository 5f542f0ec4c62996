using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Decides and renders one message for a stream of recipients in parallel, with bounded memory, handing every record's
/// result to a sink in input order, and accounts for every record. Reuse one runner for many runs; it is thread-safe,
/// but a checkpoint records one run at a time: a second run given the same checkpoint while one goes on is refused.
/// </summary>
/// <remarks>
/// <para><see cref="BatchOptions.MaxDegreeOfParallelism"/> workers each take the next few records from the input in turn
/// (skipping those of other shards and those a checkpoint has done), decide and render them, and hand them over in input
/// order: whichever worker finishes the records next in line writes them to the sink, then to the observer, then to the
/// checkpoint, together with any after them that are done. A worker waits before reading when
/// <see cref="BatchOptions.MaxInFlight"/> records are between the input and the sink (back-pressure), so memory stays
/// bounded whatever the input's size.</para>
/// <para>A record never stops the run: whatever goes wrong for one recipient (bad data, a template error, a PDF glyph
/// missing, a sink refusing it) makes it <see cref="BatchStatus.Rejected"/> with its stage and error. The run stops
/// early only at the <see cref="BatchOptions.RejectLimit"/>, on cancellation (with the checkpoint consistent), or when
/// the input as a whole or the sink fails (the exception propagates).</para>
/// <para>A recipient gets one message per run: a record whose id an earlier record (in input order) had is suppressed,
/// undecided, with the reason <c>duplicate id: …</c>, so it is not sent twice and frequency caps hold within the run. Ids are
/// compared as Unicode text: one written composed ('é', U+00E9) and one decomposed ('e' + U+0301) are the same id (equal in
/// Unicode's composed form, NFC), and the later record's reason says it is the same id written another way.</para>
/// <para>Deterministic: the same input, catalog and options give the same results in the same order for any degree of
/// parallelism, any shard split and any number of interruptions.</para>
/// </remarks>
public sealed class BatchRunner
{
    /// <summary>
    /// The most workers a run may have (<see cref="BatchOptions.MaxDegreeOfParallelism"/>): each is a task with its slice of
    /// records in flight, so int.MaxValue of them failed for lack of memory before a record was read.
    /// </summary>
    internal const int MaxWorkers = 4096;

    /// <summary>The records a worker takes from a synchronous source at once, at most.</summary>
    private const int MaxSliceLength = 64;

    /// <summary>The default memory bound: records in flight per worker (half of them being decided, half done and waiting for their turn).</summary>
    private const int DefaultInFlightPerWorker = 64;

    private readonly RecordProcessor _processor;
    private readonly BatchOptions _options;
    private readonly IReadOnlyList<string> _conditionFields;
    private readonly string _catalogId;
    private readonly string _catalogSha256;
    private readonly string _messageId;
    private readonly string _channelName;
    private readonly BatchTelemetry _telemetry;

    /// <summary>Initializes a runner.</summary>
    /// <param name="catalog">The compiled catalog.</param>
    /// <param name="messageId">The message to decide and render for every recipient.</param>
    /// <param name="channel">The channel to render for, and its choices.</param>
    /// <param name="options">How to run; null for <see cref="BatchOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The catalog has no message <paramref name="messageId"/>, the message has frequency caps and the catalog no contact
    /// history to judge them against (<see cref="Catalog.HasContactHistory"/>: refused before any record is read, as every
    /// record that reaches the caps would be rejected), or the channel settings do not go together (email without
    /// <see cref="ChannelSettings.Documents"/>, or a renderer for another channel).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The parallelism or the in-flight bound is less than 1, or the progress interval or the total is negative (the message names the option).</exception>
    public BatchRunner(Catalog catalog, string messageId, ChannelSettings channel, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(channel);
        channel.Check(nameof(channel));
        if (!catalog.MessageIds.Contains(messageId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The catalog '{catalog.Id}' has no message '{messageId}'. It has: {string.Join(", ", catalog.MessageIds)}.", nameof(messageId));
        }

        // Every record that reaches the caps would be rejected at decide for want of a history, one by one, a million times over: refused here instead.
        if (!catalog.HasContactHistory && catalog.HasFrequencyCaps(messageId))
        {
            throw new ArgumentException(
                $"Message '{messageId}' of catalog '{catalog.Id}' has frequency caps ({string.Join("; ", catalog.FrequencyCaps(messageId))}), which are judged against a contact history, but the catalog has none, so every record that reaches them (one not suppressed before caps are checked) would be rejected. Load the catalog with CompositionOptions.ContactHistory set (a SqliteContactHistory; the tool's --history FILE), and record the run's contacts with a ContactHistoryObserver.",
                nameof(catalog));
        }

        _options = options ?? BatchOptions.Default;
        if (_options.MaxDegreeOfParallelism is < 1 or > MaxWorkers)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDegreeOfParallelism, $"BatchOptions.MaxDegreeOfParallelism must be from 1 to {MaxWorkers}.");
        }

        if (_options.MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxInFlight, "BatchOptions.MaxInFlight must be at least 1, or null for 64 records per worker.");
        }

        if (_options.ProgressInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ProgressInterval, "BatchOptions.ProgressInterval cannot be negative (TimeSpan.Zero reports after every record).");
        }

        if (_options.Durable && _options.Checkpoint is null)
        {
            throw new ArgumentException("BatchOptions.Durable makes checkpoint commits wait for the disk: set BatchOptions.Checkpoint too, or leave Durable out.", nameof(options));
        }

        if (_options.Durable && !DiskSync.IsSupported)
        {
            throw new PlatformNotSupportedException("BatchOptions.Durable syncs the output's file system with each checkpoint commit (Linux's syncfs), which this operating system does not have. Leave Durable out: the checkpoint still survives the process being killed.");
        }

        if (_options.TotalRecords < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.TotalRecords, "BatchOptions.TotalRecords cannot be negative; null when the number of records is not known.");
        }

        _processor = new RecordProcessor(catalog, messageId, channel, _options.Schema);
        _conditionFields = catalog.ConditionFields(messageId);
        _catalogId = catalog.Id;
        _catalogSha256 = catalog.SourceHash;
        _messageId = messageId;
        _channelName = BatchTelemetry.ChannelName(channel.Channel);
        _telemetry = BatchTelemetry.For(_options.MeterFactory);
    }

    /// <summary>Runs the batch over records read synchronously (JSON Lines, CSV, an <see cref="System.Data.IDataReader"/>, POCOs).</summary>
    /// <param name="records">The records, such as <see cref="RecipientReader"/> gives; each is disposed once written.</param>
    /// <param name="sink">Where results go, in input order. Completed (not disposed) at the end of a run that read its whole input.</param>
    /// <param name="cancellationToken">
    /// Stops the run cleanly: records written so far are checkpointed, and the summary says it stopped
    /// (<see cref="BatchSummary.StoppedReason"/>; <see cref="BatchSummary.Completed"/> is false). A cancelled run
    /// returns its summary rather than throwing: check <see cref="BatchSummary.Completed"/>.
    /// </param>
    /// <returns>The account of the run.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The options' checkpoint is in use by another run that has not ended.</exception>
    /// <exception cref="ObjectDisposedException">The options' checkpoint is disposed: open it again for this run.</exception>
    /// <exception cref="BatchCheckpointException">The options' checkpoint was made by a run writing to other sinks (one added, removed or moved): refused before anything is written.</exception>
    /// <exception cref="Exception">
    /// Whatever the input or the sink throws (a <see cref="RecipientInputException"/> for input that cannot be read on, an
    /// <see cref="IOException"/> from a sink, a <see cref="BatchCheckpointException"/> from the checkpoint, a
    /// <see cref="Contacts.ContactHistoryException"/> from a contact history that cannot count a recipient's contacts for a
    /// cap or record them) ends the run
    /// and is thrown; the records written before it are a prefix of the input, in order, and are checkpointed. When the input
    /// throws, every record it gave before is written first.
    /// </exception>
    public async Task<BatchSummary> RunAsync(IEnumerable<RecipientRecord> records, IMessageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sink);

        // A synchronous source (a file, a data reader) has the next records at hand, so a worker takes a slice of them at once.
        // The run hands the enumerator its own token, linked to this one.
        using var run = new Run(this, sink, oneAtATime: false, cancellationToken, (records as CsvRecords)?.Warnings);
        return await run.ExecuteAsync(ToAsync(records, CancellationToken.None)).ConfigureAwait(false);
    }

    /// <summary>Runs the batch over records that arrive asynchronously (a queue, a database cursor).</summary>
    /// <param name="records">The records; each is disposed once written.</param>
    /// <param name="sink">Where results go, in input order. Completed (not disposed) at the end of a run that read its whole input.</param>
    /// <param name="cancellationToken">
    /// Stops the run cleanly: records written so far are checkpointed, and the summary says it stopped
    /// (<see cref="BatchSummary.StoppedReason"/>; <see cref="BatchSummary.Completed"/> is false). A cancelled run
    /// returns its summary rather than throwing: check <see cref="BatchSummary.Completed"/>.
    /// </param>
    /// <returns>The account of the run.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The options' checkpoint is in use by another run that has not ended.</exception>
    /// <exception cref="ObjectDisposedException">The options' checkpoint is disposed: open it again for this run.</exception>
    /// <exception cref="BatchCheckpointException">The options' checkpoint was made by a run writing to other sinks (one added, removed or moved): refused before anything is written.</exception>
    /// <exception cref="Exception">
    /// Whatever the input or the sink throws (a <see cref="RecipientInputException"/> for input that cannot be read on, an
    /// <see cref="IOException"/> from a sink, a <see cref="BatchCheckpointException"/> from the checkpoint, a
    /// <see cref="Contacts.ContactHistoryException"/> from a contact history that cannot count a recipient's contacts for a
    /// cap or record them) ends the run
    /// and is thrown; the records written before it are a prefix of the input, in order, and are checkpointed. When the input
    /// throws, every record it gave before is written first.
    /// </exception>
    public async Task<BatchSummary> RunAsync(IAsyncEnumerable<RecipientRecord> records, IMessageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sink);

        // An asynchronous source (a queue) may trickle: a worker takes one record at a time, so none waits for the next to arrive.
        using var run = new Run(this, sink, oneAtATime: true, cancellationToken);
        return await run.ExecuteAsync(records).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<RecipientRecord> ToAsync(IEnumerable<RecipientRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();

        // Cancellation is checked before a record is taken, never between taking and handing it over: a record taken is always disposed.
        using var enumerator = records.GetEnumerator();
        while (!cancellationToken.IsCancellationRequested && enumerator.MoveNext())
        {
            yield return enumerator.Current;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A slice of consecutive records a worker read, decided and rendered, waiting to be written in its turn.</summary>
    private sealed class Slice(long sequence, RecipientRecord[] records, int count)
    {
        /// <summary>The run's count of records in flight this slice was added to (taken away when disposed), or null.</summary>
        private UpDownCounter<long>? _active;
        private TagList _activeTags;

        public long Sequence { get; } = sequence;

        public RecipientRecord[] Records { get; } = records;

        public int Count { get; } = count;

        public BatchResult[] Results { get; } = new BatchResult[count];

        /// <summary>Counts the slice's records as in flight until it is disposed.</summary>
        public void CountActive(UpDownCounter<long> active, in TagList tags)
        {
            _active = active;
            _activeTags = tags;
            active.Add(Count, tags);
        }

        public void Dispose()
        {
            // Taken away as added, whether or not the counter is still listened to, so an observer never sees a count drift.
            if (_active is { } active)
            {
                _active = null;
                active.Add(-Count, _activeTags);
            }

            for (var i = 0; i < Count; i++)
            {
                Records[i].Dispose();
                Results[i]?.ReleaseText();
            }
        }
    }

    /// <summary>
    /// The state of one run. Each worker in turn reads a slice of records (one worker at a time), decides and renders it, and
    /// hands it over in input order: whichever worker completes the slice that is next in line writes it, and every slice after
    /// it that is already done. No thread does nothing but read or write, so no record changes threads between being read and
    /// written unless its turn to be written comes while another worker is writing.
    /// </summary>
    private sealed class Run : IDisposable
    {
        /// <summary>A cancelled run with a checkpoint resumes when run again as it was: said for code that calls <see cref="RunAsync(IAsyncEnumerable{RecipientRecord}, IMessageSink, CancellationToken)"/> as well as for the tool's command line.</summary>
        private const string Cancelled = "cancelled; run it again with the same checkpoint, catalog, message and input to carry on where it stopped";

        /// <summary>A cancelled run without a checkpoint has nothing to resume from: running it again starts over.</summary>
        private const string CancelledWithoutCheckpoint = "cancelled; the run had no checkpoint, so running it again starts over";

        private readonly RecordProcessor _processor;
        private readonly BatchOptions _options;
        private readonly IMessageSink _sink;

        /// <summary>What the input's reader warns of once the reading ends (a CSV column's decimal mark), or null.</summary>
        private readonly List<string>? _inputWarnings;

        /// <summary>The fields the conditions read, watched across this run's records.</summary>
        private readonly ConditionFieldCheck _conditionFields;

        // The sink whose output a checkpoint cuts back on resume, marked at the end of every record done; null without a checkpoint.
        private readonly IResumableSink? _resumable;

        // The sinks by name, in the order their states are saved: checked on resume, recorded with each commit.
        private readonly IReadOnlyList<SinkList.Entry> _sinks;
        private string? _savedSinks;
        private readonly int _sliceLength;
        private readonly CancellationToken _cancellationToken;
        private readonly BatchSummary _summary = new();
        private readonly List<BatchResult> _uncommitted = [];

        // One worker reads at a time; _room holds the slices that may be between being read and being written (the memory bound).
        private readonly SemaphoreSlim _reading = new(1, 1);
        private readonly SemaphoreSlim _room;
        private readonly object _gate = new();

        // Guarded by _gate: slices done but not written, by sequence; the next to write; whether a worker is writing.
        private readonly Dictionary<long, Slice> _done = [];
        private long _nextToWrite;
        private bool _writing;

        // Guarded by _reading.
        private IAsyncEnumerator<RecipientRecord>? _input;

        /// <summary>Every id read so far, as a hash (see <see cref="SeenIds"/>).</summary>
        private readonly SeenIds _seenIds = new();
        private long _nextToRead;
        private bool _inputEnded;

        // What the input threw (guarded by _reading): the run ends with it once the records read before it are written.
        private Exception? _inputFailure;

        // The number of the last record read: each must be higher, or a checkpoint could not tell which were done.
        private long _lastNumber;

        /// <summary>The warning for an input that ends in the middle of its last record (guarded by _reading), or null.</summary>
        private string? _cutShort;

        // The records a checkpoint has done: skipped.
        private readonly long _resumeAfter;
        private readonly long _started;

        /// <summary>Whether bodies are rendered into pooled characters, released once written: only when nothing reads a result after its turn.</summary>
        private readonly bool _pooledText;

        private Exception? _failure;
        private long _otherShards;

        /// <summary>What a sink threw when it failed to complete its output, for the last commit to note whether it recorded every record.</summary>
        private Exception? _completionFailure;

        // Touched only by the worker writing (one at a time; _gate hands the turn over): the summary, _uncommitted and these.
        private long _lastCommit;

        /// <summary>The observer that stores in groups (a contact history), or null; and, without a checkpoint, how many records it has observed since its last group.</summary>
        private readonly IGroupingObserver? _grouping;
        private int _ungrouped;

        /// <summary>
        /// A durable run's sync that failed: what it held may never reach the disk, and a later sync does not say so (Linux
        /// reports a write-back error to one syncfs), so no commit follows it.
        /// </summary>
        private IOException? _syncFailure;
        private long _lastReport;

        /// <summary>The instruments the run's records are counted on, and the tags every measurement has (the message, the channel).</summary>
        private readonly BatchTelemetry _telemetry;
        private readonly TagList _tags;
        private readonly string _messageId;
        private readonly string _channelName;

        /// <summary>Whether the reject limit stopped the run (its span ends in error), rather than a cancellation.</summary>
        private bool _stoppedByLimit;

        public Run(BatchRunner runner, IMessageSink sink, bool oneAtATime, CancellationToken cancellationToken, List<string>? inputWarnings = null)
        {
            _inputWarnings = inputWarnings;
            _telemetry = runner._telemetry;
            _messageId = runner._messageId;
            _channelName = runner._channelName;
            _tags = new TagList { { CompositionTelemetry.MessageTag, _messageId }, { CompositionTelemetry.ChannelTag, _channelName } };
            _processor = runner._processor;
            _options = runner._options;
            _conditionFields = new ConditionFieldCheck(runner._conditionFields);
            _sink = sink;
            _resumable = _options.Checkpoint is null ? null : sink as IResumableSink;
            _sinks = SinkList.Of(sink);
            _grouping = _options.Observer as IGroupingObserver;
            _pooledText = sink is IResultBorrower { KeepsNoResults: true } && _options.Observer is null or IResultBorrower { KeepsNoResults: true };
            _cancellationToken = cancellationToken;
            // In long: a degree of parallelism past int.MaxValue / 64 overflowed into a negative count.
            var inFlight = _options.MaxInFlight ?? (int)Math.Min((long)DefaultInFlightPerWorker * _options.MaxDegreeOfParallelism, int.MaxValue);
            _sliceLength = oneAtATime ? 1 : (int)Math.Clamp(inFlight / (2L * _options.MaxDegreeOfParallelism), 1, MaxSliceLength);
            _room = new SemaphoreSlim(inFlight / _sliceLength);
            _options.Checkpoint?.Claim();
            _resumeAfter = _options.Checkpoint?.LastNumber ?? 0;
            _started = _options.TimeProvider.GetTimestamp();
            _summary.Shard = _options.Shard ?? Shard.Of(1, 1);
            _summary.CatalogId = runner._catalogId;
            _summary.CatalogSha256 = runner._catalogSha256;
            _summary.MessageId = runner._messageId;

            // Last, so a run whose making failed holds nothing: Dispose releases it.
            _grouping?.Hold();
        }

        public async Task<BatchSummary> ExecuteAsync(IAsyncEnumerable<RecipientRecord> records)
        {
            // The run's span, current while the workers start, so a record's span (when sampled) is its child.
            using var activity = BatchTelemetry.Source.StartActivity(CompositionTelemetry.BatchRunActivity);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(CompositionTelemetry.MessageTag, _messageId);
                activity.SetTag(CompositionTelemetry.ChannelTag, _channelName);
                activity.SetTag("onetoone.batch.parallelism", _options.MaxDegreeOfParallelism);
            }

            var clock = _options.TimeProvider;
            _lastCommit = _lastReport = _started;
            var checkpoint = _options.Checkpoint;
            if (checkpoint is not null)
            {
                // Before anything is restored or written: a sink must not be handed another sink's state.
                checkpoint.CheckSinks(_sinks);
                if (checkpoint.Counts is { } counts)
                {
                    _summary.RestoreCounts(counts);

                    // A run the reject limit stopped stays stopped when it resumes under the same limit: judged on the counts
                    // so far, as it was when it stopped, instead of taking one more record each time it is run again.
                    if (_options.RejectLimit?.Exceeded(_summary.Rejected, _summary.Input) is { } reason)
                    {
                        _stoppedByLimit = true;
                        _summary.StoppedReason = reason + "; a run resumed under the same limit stops where it did: raise the limit to carry on, or start over with a new checkpoint";
                    }
                }

                if (_sink is IResumableSink resumable)
                {
                    resumable.Restore(checkpoint.SinkState);
                }
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            if (_summary.StoppedReason is not null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            var completed = false;

            // Whether the run ended without an exception; when it did not, the last commit failing must not hide why.
            var ended = false;
            _input = records.GetAsyncEnumerator(stop.Token);
            try
            {
                var workers = new Task[_options.MaxDegreeOfParallelism];
                for (var i = 0; i < workers.Length; i++)
                {
                    workers[i] = Task.Run(() => WorkAsync(stop), CancellationToken.None);
                }

                // Each worker stops at the first failure (its own or another's), at the reject limit or when cancelled.
                await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

                if ((_failure ?? _inputFailure) is { } failure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                if (_summary.StoppedReason is null && _cancellationToken.IsCancellationRequested)
                {
                    _summary.StoppedReason = _options.Checkpoint is null ? CancelledWithoutCheckpoint : Cancelled;
                }

                // Complete once the sink has finished its output: a completion that fails leaves the run to be completed again.
                // Each sink a composite holds is completed here, in its order, so a failure names the sink that failed: it
                // comes after the last record, with no record of its own to name.
                if (_summary.StoppedReason is null)
                {
                    foreach (var leaf in CompositeMessageSink.Leaves([_sink]))
                    {
                        try
                        {
                            await leaf.CompleteAsync(_cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (NoteCompleting(ex, leaf))
                        {
                            // Never reached: the filter notes the sink and lets the exception go on.
                            throw;
                        }
                    }

                    completed = true;
                }

                ended = true;
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                _summary.StoppedReason ??= Cancelled;
                ended = true;
            }
            catch (Exception ex) when (BatchFault.NoteSummary(ex, _summary))
            {
                // Never reached: the filter notes the run's counts on the exception (for the tool's report) and lets it go on.
                throw;
            }
            catch (Exception ex) when (activity is not null && Failed(activity, ex))
            {
                // Never reached: the filter marks the span and lets the exception go on.
                throw;
            }
            finally
            {
                // Runs read but never written (the run stopped) give back what their records hold.
                foreach (var slice in _done.Values)
                {
                    slice.Dispose();
                }

                _done.Clear();
                try
                {
                    await _input.DisposeAsync().ConfigureAwait(false);
                }
                finally
                {
                    // Whatever was written is recorded, also when the run stops or fails (its input failing to close too): the
                    // checkpoint stays a true prefix, and the observer's last group is stored.
                    if (checkpoint is not null)
                    {
                        try
                        {
                            await CommitAsync(checkpoint, completed).ConfigureAwait(false);

                            // A sink failed to complete, but the checkpoint holds every record written: the tool says so.
                            if (_completionFailure is not null)
                            {
                                BatchFault.NoteCommitted(_completionFailure);
                            }
                        }
                        catch (Exception) when (!ended)
                        {
                            // The run's own failure goes on (a durable run's sync fails on the disk that failed the run, say); the
                            // checkpoint stays at its last commit, a true prefix, and a resumed run renders the records after it.
                        }
                    }
                    else if (_grouping is not null)
                    {
                        try
                        {
                            _grouping.Flush();
                        }
                        catch (Exception) when (!ended)
                        {
                            // The run's own failure goes on, as above.
                        }
                    }
                }

                _summary.OtherShards = Interlocked.Read(ref _otherShards);
                _summary.MissingConditionFields = _conditionFields.Missing();
                _summary.InputWarnings = [.. _inputWarnings ?? [], .. _cutShort is null ? (string[])[] : [_cutShort]];
                _summary.Duration = clock.GetElapsedTime(_started);
                Report();
                if (activity is not null)
                {
                    Ended(activity);
                }
            }

            return _summary;
        }

        /// <summary>Notes a sink's failure to complete on its exception and keeps it for the last commit; false, so it goes on.</summary>
        private bool NoteCompleting(Exception exception, IMessageSink leaf)
        {
            _completionFailure = exception;
            return BatchFault.NoteCompleting(exception, SinkList.Describe(leaf), _lastNumber);
        }

        /// <summary>
        /// Marks the run's span failed with the exception that ends the run (its type and stack trace, not its message, which
        /// may quote a recipient: a sink's error names the record's id or its file); false, so the exception goes on.
        /// </summary>
        private static bool Failed(Activity activity, Exception exception)
        {
            var type = exception.GetType().FullName;
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag("error.type", type);
            activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
            {
                { "exception.type", type },
                { "exception.stacktrace", exception.StackTrace },
            }));
            return false;
        }

        /// <summary>Ends the run's span with its counts: in error when the reject limit stopped it.</summary>
        private void Ended(Activity activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag("onetoone.batch.records.input", _summary.Input);
                activity.SetTag("onetoone.batch.records.rendered", _summary.Rendered);
                activity.SetTag("onetoone.batch.records.suppressed", _summary.Suppressed);
                activity.SetTag("onetoone.batch.records.rejected", _summary.Rejected);
                activity.SetTag("onetoone.batch.records.resumed", _summary.Resumed);
                activity.SetTag("onetoone.batch.records.other_shards", _summary.OtherShards);
                activity.SetTag("onetoone.batch.completed", _summary.Completed);
                if (_summary.StoppedReason is { } stopped)
                {
                    activity.SetTag("onetoone.batch.stopped_reason", stopped);
                }
            }

            if (_stoppedByLimit)
            {
                activity.SetStatus(ActivityStatusCode.Error, _summary.StoppedReason);
            }
        }

        private async Task WorkAsync(CancellationTokenSource stop)
        {
            var token = stop.Token;
            try
            {
                while (true)
                {
                    await _room.WaitAsync(token).ConfigureAwait(false);
                    var slice = await ReadAsync(token).ConfigureAwait(false);
                    if (slice is null)
                    {
                        // The input has ended: the room goes to a worker still waiting for it, which will find the end too.
                        _room.Release();
                        return;
                    }

                    try
                    {
                        for (var i = 0; i < slice.Count; i++)
                        {
                            // The run's stop reaches into the template: a record cancelled halfway has no outcome and is never written,
                            // so the checkpoint stays a true prefix and a resumed run renders it.
                            var record = slice.Records[i];
                            try
                            {
                                slice.Results[i] = Process(record, token);
                            }
                            catch (Exception ex) when (BatchFault.Note(ex, record.Number, record.Id, "decide"))
                            {
                                // Never reached: a record's own failure rejects it; what escapes is a fault, noted with the record.
                                throw;
                            }
                        }
                    }
                    catch
                    {
                        slice.Dispose();
                        throw;
                    }

                    if (!await OfferAsync(slice, stop).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex)
            {
                // The first thing to go wrong on its own (the input, the sink, an observer; a cancellation of theirs included) is
                // the run's failure; what the stop then makes the other workers throw is not.
                if (!stop.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref _failure, ex, null);
                }

                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Decides and renders one record: timed, and in a span of its own, only when something listens.</summary>
        private BatchResult Process(RecipientRecord record, CancellationToken token) =>
            _telemetry.Duration.Enabled || BatchTelemetry.Source.HasListeners()
                ? ProcessObserved(record, token)
                : _processor.Process(record, _pooledText, _conditionFields, token);

        private BatchResult ProcessObserved(RecipientRecord record, CancellationToken token)
        {
            var clock = _options.TimeProvider;
            using var activity = BatchTelemetry.Source.StartActivity(CompositionTelemetry.BatchRecordActivity);
            var timed = _telemetry.Duration.Enabled;
            var started = timed ? clock.GetTimestamp() : 0;
            var result = _processor.Process(record, _pooledText, _conditionFields, token);
            if (timed)
            {
                var tags = _tags;
                tags.Add(CompositionTelemetry.OutcomeTag, BatchTelemetry.OutcomeName(result.Status));
                _telemetry.Duration.Record(clock.GetElapsedTime(started).TotalSeconds, tags);
            }

            if (activity is { IsAllDataRequested: true })
            {
                // The record's number, not its recipient's id: a span names no customer.
                activity.SetTag("onetoone.record.number", record.Number);
                var tags = _tags;
                BatchTelemetry.AddOutcome(ref tags, result);
                foreach (var tag in tags)
                {
                    activity.SetTag(tag.Key, tag.Value);
                }

                if (result.Status == BatchStatus.Rejected)
                {
                    // The stage, not the error: the error quotes the recipient.
                    activity.SetStatus(ActivityStatusCode.Error, "rejected at " + RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
                }
            }

            return result;
        }

        /// <summary>
        /// Reads the next slice of records (those of other shards, and those a checkpoint has done, skipped), marking a record whose id
        /// an earlier record had as a duplicate, or null at the end of the input.
        /// </summary>
        private async Task<Slice?> ReadAsync(CancellationToken token)
        {
            await _reading.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (_inputEnded)
                {
                    return null;
                }

                var shard = _options.Shard;
                var records = new RecipientRecord[_sliceLength];
                var count = 0;
                try
                {
                    while (count < records.Length)
                    {
                        if (token.IsCancellationRequested || !await _input!.MoveNextAsync().ConfigureAwait(false))
                        {
                            _inputEnded = true;
                            break;
                        }

                        var record = _input.Current;
                        if (record.Number <= _lastNumber)
                        {
                            var number = record.Number;
                            record.Dispose();
                            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                                $"The input's record numbers must increase, but record {number} came after record {_lastNumber}. Number a source's records 1, 2, 3, … in its order (RecipientRecord.Read): a checkpoint records the last number written and skips every record up to it when the run resumes."));
                        }

                        _lastNumber = record.Number;
                        if (record.IsCutShort)
                        {
                            // Said in the summary too, not only in the record's error among its rejects: the whole file may be short.
                            _cutShort = RecipientRecord.CutShortWarning(record);
                        }

                        var id = record.Id;
                        if (shard is { } s && !s.Contains(id))
                        {
                            Interlocked.Increment(ref _otherShards);
                            record.Dispose();
                            continue;
                        }

                        // The first record read with an id is the one that counts; a later one is suppressed as a duplicate.
                        // Records a checkpoint has done count too, so a resumed run decides as the uninterrupted run did. A CSV
                        // row a schema rejects while reading takes its id, as the same record in JSON Lines does.
                        // Ids are compared canonically (SeenIds): 'José' composed and decomposed is one recipient.
                        if ((record.Recipient is not null || record.IsUnfit) && !string.IsNullOrWhiteSpace(id) && !_seenIds.Add(id, out var writtenOtherWay))
                        {
                            record.IsDuplicate = true;
                            record.IsWrittenOtherWay = writtenOtherWay;
                        }

                        if (record.Number <= _resumeAfter)
                        {
                            record.Dispose();
                        }
                        else
                        {
                            records[count++] = record;
                        }
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested && !BatchFault.Note(ex, _lastNumber + 1, null, "read"))
                {
                    // The input failed (a CSV quote never closed, a database gone): no worker reads it again, and the records read
                    // before it are decided and written as usual, the run then ending with the failure, so nothing read is lost.
                    _inputEnded = true;
                    _inputFailure = ex;
                }
                catch
                {
                    // The run stopped in the middle of a slice: what its records hold goes back, and no worker reads the input again.
                    _inputEnded = true;
                    for (var i = 0; i < count; i++)
                    {
                        records[i].Dispose();
                    }

                    throw;
                }

                if (count == 0)
                {
                    return null;
                }

                var slice = new Slice(_nextToRead++, records, count);
                if (_telemetry.Active.Enabled)
                {
                    slice.CountActive(_telemetry.Active, _tags);
                }

                return slice;
            }
            finally
            {
                _reading.Release();
            }
        }

        /// <summary>Hands a done slice over to be written in its turn, writing it (and those after it that are done) when its turn has come; false when the run stops.</summary>
        private async Task<bool> OfferAsync(Slice slice, CancellationTokenSource stop)
        {
            lock (_gate)
            {
                _done.Add(slice.Sequence, slice);
                if (_writing || slice.Sequence != _nextToWrite)
                {
                    return true;
                }

                _writing = true;
            }

            while (true)
            {
                Slice? next;
                lock (_gate)
                {
                    if (!_done.Remove(_nextToWrite, out next))
                    {
                        _writing = false;
                        return true;
                    }
                }

                var go = await WriteAsync(next, stop).ConfigureAwait(false);
                lock (_gate)
                {
                    _nextToWrite++;
                }

                _room.Release();
                if (!go)
                {
                    return false;
                }
            }
        }

        /// <summary>Writes a slice's results in order; false when the reject limit stops the run.</summary>
        private async Task<bool> WriteAsync(Slice slice, CancellationTokenSource stop)
        {
            var clock = _options.TimeProvider;
            var checkpoint = _options.Checkpoint;
            try
            {
                for (var i = 0; i < slice.Count; i++)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var result = slice.Results[i];
                    try
                    {
                        await _sink.WriteAsync(result, _cancellationToken).ConfigureAwait(false);
                    }
                    catch (MessageRejectedException ex)
                    {
                        result.Reject(RejectStage.Write, ex.Message);
                    }
                    catch (Exception ex) when (BatchFault.Note(ex, result.Number, result.Id, "write"))
                    {
                        // Never reached: the filter notes the record the sink failed on and lets the exception go on.
                        throw;
                    }

                    if (_options.Observer is { } observer)
                    {
                        try
                        {
                            await observer.OnRecordWrittenAsync(result, _cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (BatchFault.Note(ex, result.Number, result.Id, "observe"))
                        {
                            throw;
                        }
                    }

                    // Done: counted, and recorded at the next commit together with the sink's output up to here. Output written for
                    // a record that is not done (its observer failed or was cancelled) is past the mark, so a resume writes it once.
                    _summary.Add(result);
                    if (_telemetry.Records.Enabled)
                    {
                        var tags = _tags;
                        BatchTelemetry.AddOutcome(ref tags, result);
                        _telemetry.Records.Add(1, tags);
                    }

                    if (checkpoint is not null)
                    {
                        _uncommitted.Add(result);
                        _resumable?.Mark();
                    }
                    else if (_grouping is not null)
                    {
                        _ungrouped++;
                    }

                    if (_options.RejectLimit?.Exceeded(_summary.Rejected, _summary.Input) is { } reason)
                    {
                        _stoppedByLimit = true;
                        _summary.StoppedReason = reason;
                        await stop.CancelAsync().ConfigureAwait(false);
                        return false;
                    }

                    var now = clock.GetTimestamp();
                    if (checkpoint is not null && (_uncommitted.Count >= BatchCheckpoint.CommitEvery || clock.GetElapsedTime(_lastCommit, now) >= TimeSpan.FromSeconds(1)))
                    {
                        try
                        {
                            await CommitAsync(checkpoint, completed: false).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (BatchFault.Note(ex, result.Number, result.Id, "checkpoint"))
                        {
                            throw;
                        }

                        _lastCommit = now;
                    }
                    else if (_grouping is not null && checkpoint is null && (_ungrouped >= BatchCheckpoint.CommitEvery || clock.GetElapsedTime(_lastCommit, now) >= TimeSpan.FromSeconds(1)))
                    {
                        // No checkpoint to follow: the observer's groups keep its cadence all the same.
                        _grouping.Flush();
                        _ungrouped = 0;
                        _lastCommit = now;
                    }

                    if (_options.Progress is not null && clock.GetElapsedTime(_lastReport, now) >= _options.ProgressInterval)
                    {
                        Report();
                        _lastReport = now;
                    }
                }

                return true;
            }
            finally
            {
                slice.Dispose();
            }
        }

        private async Task CommitAsync(BatchCheckpoint checkpoint, bool completed)
        {
            if (_uncommitted.Count == 0 && !completed)
            {
                return;
            }

            // The observer's group (the records' contacts) is stored before the checkpoint records those records as done, and
            // before the sink's flush sends their output on: a run killed between the two stores the group again on resume
            // (a contact history keys it, so it counts once), and one killed before it renders those records again.
            _grouping?.Flush();

            // The sink's bytes reach the operating system before the checkpoint says they are there: the state is that of the last
            // record done, and any output after it (a record not done) is cut off on resume.
            await _sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (_options.Durable)
            {
                // On the disk before the checkpoint says so: a power loss after the commit finds every file it counts.
                if (_syncFailure is not null)
                {
                    return;
                }

                try
                {
                    _resumable?.SyncToDisk();
                }
                catch (IOException ex)
                {
                    _syncFailure = ex;
                    throw;
                }
            }

            var state = _resumable?.SaveState();
            checkpoint.Commit(_uncommitted, state, _savedSinks ??= SinkList.Save(_sinks), _summary.SaveCounts(), completed);
            _uncommitted.Clear();
        }

        public void Dispose()
        {
            _reading.Dispose();
            _room.Dispose();
            _options.Checkpoint?.Release();
            _grouping?.Release();
        }

        private void Report()
        {
            if (_options.Progress is not { } progress)
            {
                return;
            }

            var elapsed = _options.TimeProvider.GetElapsedTime(_started);
            var doneHere = _summary.Input - _summary.Resumed;
            var rate = elapsed > TimeSpan.Zero ? doneHere / elapsed.TotalSeconds : 0;
            progress.Report(new BatchProgress(_summary.Input + Interlocked.Read(ref _otherShards), _summary.Rendered, _summary.Suppressed, _summary.Rejected, elapsed, rate, _options.TotalRecords));
        }
    }
}
