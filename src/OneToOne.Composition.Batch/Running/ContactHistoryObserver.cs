using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Records every rendered record in a contact history, so the next run's frequency caps count it. Set it as
/// <see cref="BatchOptions.Observer"/> with the same history the catalog decides against
/// (<see cref="CompositionOptions.ContactHistory"/>).
/// </summary>
/// <remarks>
/// Recording is keyed on (recipient, message, run), so a resumed run that observes records again does not count them
/// twice: give a resumed run the same <paramref name="runId"/> (for example <see cref="BatchCheckpoint.RunId"/>), and
/// every new run a new one.
/// </remarks>
/// <param name="history">The contact history.</param>
/// <param name="sentAt">The instant the run sends at: its "now" (the CLI's <c>--as-of</c>, or the start of the run).</param>
/// <param name="runId">The run's id.</param>
/// <param name="channel">The channel the run renders for; a decision routed by the customer's say records its own channel.</param>
public sealed class ContactHistoryObserver(IContactHistory history, DateTimeOffset sentAt, string runId, BatchChannel channel) : IBatchObserver, IResultBorrower
{
    /// <inheritdoc/>
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc/>
    public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == BatchStatus.Rendered && result.Decision is { RecipientId: not null } decision)
        {
            history.Record(ContactRecord.FromDecision(decision, sentAt, runId, decision.Channel ?? ChannelSettings.ContactChannel(channel)));
        }

        return ValueTask.CompletedTask;
    }
}
