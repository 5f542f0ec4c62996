using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Records every rendered record in a contact history, so the next run's frequency caps count it. Set it as
/// <see cref="BatchOptions.Observer"/> with the same history the catalog decides against
/// (<see cref="CompositionOptions.ContactHistory"/>).
/// </summary>
/// <remarks>
/// Recording is keyed on (recipient, message, run), so a resumed run that observes records again does not count them
/// twice: give a resumed run the same run id (for example <see cref="BatchCheckpoint.RunId"/>), and
/// every new run a new one.
/// </remarks>
public sealed class ContactHistoryObserver : IBatchObserver, IResultBorrower, IGroupingObserver
{
    private readonly IContactHistory _history;
    private readonly DateTimeOffset _sentAt;
    private readonly string _runId;
    private readonly string _channel;

    // Grouping (the tool's): contacts held until the runner has them stored, all in one call; null records each at once.
    private readonly Action<IReadOnlyList<ContactRecord>>? _recordGroup;
    private readonly List<ContactRecord> _group = [];

    /// <summary>Initializes an observer that records each rendered record in <paramref name="history"/>.</summary>
    /// <param name="history">The contact history.</param>
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

    /// <summary>
    /// An observer that holds the contacts and stores them in groups through <paramref name="recordGroup"/> (one
    /// transaction each): the runner has it store a group before the checkpoint records its records as done, every
    /// <see cref="BatchCheckpoint.CommitEvery"/> records or second without a checkpoint, and when the run ends. One
    /// contact at a time, a SQLite history spent a transaction on each (about 225 µs of processor time).
    /// </summary>
    /// <param name="history">The contact history.</param>
    /// <param name="sentAt">The instant the run sends at.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="channel">The channel the run renders for.</param>
    /// <param name="recordGroup">Stores a group of contacts, all or none (<c>SqliteContactHistory.RecordMany</c>).</param>
    internal ContactHistoryObserver(IContactHistory history, DateTimeOffset sentAt, string runId, BatchChannel channel, Action<IReadOnlyList<ContactRecord>> recordGroup)
        : this(history, sentAt, runId, channel)
    {
        ArgumentNullException.ThrowIfNull(recordGroup);
        _recordGroup = recordGroup;
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
            if (_recordGroup is null)
            {
                _history.Record(contact);
            }
            else
            {
                _group.Add(contact);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    void IGroupingObserver.Flush()
    {
        if (_group.Count > 0)
        {
            // Cleared once stored: a group that failed is stored again, whole, by the next call (a history keys its contacts).
            _recordGroup!(_group);
            _group.Clear();
        }
    }
}
