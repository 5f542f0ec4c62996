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
public sealed class ContactHistoryObserver : IBatchObserver, IResultBorrower
{
    private readonly IContactHistory _history;
    private readonly DateTimeOffset _sentAt;
    private readonly string _runId;
    private readonly string _channel;

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

    /// <inheritdoc/>
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc/>
    public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == BatchStatus.Rendered && result.Decision is { RecipientId: not null } decision)
        {
            _history.Record(ContactRecord.FromDecision(decision, _sentAt, _runId, decision.Channel ?? _channel));
        }

        return ValueTask.CompletedTask;
    }
}
