using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// A run's view of the contact history: caps count every contact but the run's own. A resumed run decides again the
/// records after its checkpoint's last commit, whose contacts it may have recorded before it stopped; counted, they
/// would suppress ("cap reached") records the first attempt rendered, and the resumed output would differ from the
/// uninterrupted run's.
/// </summary>
/// <param name="history">The history.</param>
internal sealed class RunContactHistory(IContactHistory history) : IContactHistory
{
    /// <summary>Gets or sets the run's id. Set it only before anything decides on other threads (a resumed run takes its checkpoint's).</summary>
    public string? RunId { get; set; }

    /// <inheritdoc/>
    public int Count(ContactQuery query) => history.Count(RunId is null ? query : query with { ExceptRunId = RunId });

    /// <inheritdoc/>
    public void Record(ContactRecord contact) => history.Record(contact);

    /// <inheritdoc/>
    public void RecordMany(IReadOnlyList<ContactRecord> contacts) => history.RecordMany(contacts);
}
