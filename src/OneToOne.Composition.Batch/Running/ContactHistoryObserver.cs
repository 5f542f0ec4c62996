using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Records every rendered record in a contact history, so the next run's frequency caps count it. Set it as
/// <see cref="BatchOptions.Observer"/> with the same history the catalog decides against
/// (<see cref="CompositionOptions.ContactHistory"/>).
/// </summary>
/// <remarks>
/// <para>Set as <see cref="BatchOptions.Observer"/> itself, it holds the contacts and stores them a group at a time with
/// <see cref="IContactHistory.RecordMany"/>, when the <see cref="BatchRunner"/> says so: before each checkpoint commit (so
/// the checkpoint never holds a record as done whose contact is not stored), every <see cref="BatchCheckpoint.CommitEvery"/>
/// records or second when the run has no checkpoint, and when the run ends, however it ends. A group that fails to be
/// stored is kept and stored again, whole, by the next call; the run stops and its checkpoint stays at its last commit.
/// Without a checkpoint, a run killed between two groups leaves up to a group's worth of written records unrecorded.
/// Runs that share it at once (shards of one input in one process) share its group.</para>
/// <para>Called any other way (from an observer of your own that forwards to it, which the runner does not see through),
/// it stores each contact when it observes it, one <see cref="IContactHistory.RecordMany"/> call each (with any contacts
/// a failed group left), so none is held unstored.</para>
/// <para>Recording is keyed on (recipient, message, run), so a group stored again, or a resumed run that observes
/// records again, does not count them twice: give a resumed run the same run id (for example
/// <see cref="BatchCheckpoint.RunId"/>), and every new run a new one.</para>
/// </remarks>
public sealed class ContactHistoryObserver : IBatchObserver, IResultBorrower, IGroupingObserver
{
    private readonly IContactHistory _history;
    private readonly DateTimeOffset _sentAt;
    private readonly string _runId;
    private readonly string _channel;

    // The contacts observed since the last group was stored, and how many runs hold them until they say to store them
    // (more than one when runs share the observer at once: their writing workers then take turns under the lock).
    private readonly List<ContactRecord> _group = [];
    private readonly Lock _lock = new();
    private int _runs;

    /// <summary>Initializes an observer that records each rendered record in <paramref name="history"/>, a group at a time.</summary>
    /// <param name="history">The contact history; it stores each group with <see cref="IContactHistory.RecordMany"/>.</param>
    /// <param name="sentAt">The instant the run sends at: its "now" (the CLI's <c>--as-of</c>, or the start of the run).</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="channel">The channel the run renders for; a decision routed by the customer's say records its own channel.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="runId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is none of <see cref="BatchChannel"/>'s.</exception>
    public ContactHistoryObserver(IContactHistory history, DateTimeOffset sentAt, string runId, BatchChannel channel)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        _history = history;
        _sentAt = sentAt;
        _runId = runId;
        _channel = ChannelSettings.ContactChannel(channel);
    }

    /// <inheritdoc/>
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc/>
    public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == BatchStatus.Rendered && result.Decision is { RecipientId: not null } decision)
        {
            var contact = ContactRecord.FromDecision(decision, _sentAt, _runId, decision.Channel ?? _channel);
            lock (_lock)
            {
                _group.Add(contact);
                if (_runs == 0)
                {
                    // No runner holds the group (an observer of the caller's own forwards to this one): stored now.
                    Store();
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    void IGroupingObserver.Hold()
    {
        lock (_lock)
        {
            _runs++;
        }
    }

    /// <inheritdoc/>
    void IGroupingObserver.Release()
    {
        lock (_lock)
        {
            _runs--;
        }
    }

    /// <inheritdoc/>
    void IGroupingObserver.Flush()
    {
        lock (_lock)
        {
            Store();
        }
    }

    private void Store()
    {
        if (_group.Count > 0)
        {
            // Cleared once stored: a group that failed is stored again, whole, by the next call (a history keys its contacts).
            _history.RecordMany(_group);
            _group.Clear();
        }
    }
}
