namespace OneToOne.Composition.Contacts;

/// <summary>
/// The record of contacts made, against which frequency caps are judged. Set it in
/// <see cref="CompositionOptions.ContactHistory"/>; record each send with <see cref="Record"/> after it is written
/// (<see cref="ContactRecord.FromDecision"/> builds the record). Implementations must be thread-safe.
/// </summary>
public interface IContactHistory
{
    /// <summary>Counts a recipient's contacts in a window, optionally only on one channel, of one message or of one topic.</summary>
    /// <param name="query">The recipient, the window and the filters.</param>
    /// <returns>The number of distinct contacts.</returns>
    /// <exception cref="ContactHistoryException">The history cannot be read.</exception>
    int Count(ContactQuery query);

    /// <summary>Records a contact. Recording the same (recipient, message, run) again changes nothing, so a re-run does not double-count.</summary>
    /// <param name="contact">The contact.</param>
    /// <exception cref="ContactHistoryException">The history cannot be written.</exception>
    void Record(ContactRecord contact);

    /// <summary>
    /// Records a group of contacts: what <c>ContactHistoryObserver</c> (package <c>OneToOne.Composition.Batch</c>) stores of
    /// a batch run, up to a checkpoint commit's worth at a time, before the checkpoint records those records as done. The
    /// default records each with <see cref="Record"/>; a history that stores over a connection should override it to store
    /// the group in one transaction (one round trip), which is what makes a batch run's recording fast.
    /// </summary>
    /// <remarks>
    /// When it returns, every contact of the group must be stored as <see cref="Record"/> stores one. When it throws, any
    /// part of the group may have been stored (all or none is better, not required): the caller stores the same group
    /// again, whole, and recording a (recipient, message, run) again must change nothing, so none is counted twice.
    /// </remarks>
    /// <param name="contacts">The contacts, in the order they were made; the caller may reuse the list once the call returns.</param>
    /// <exception cref="ContactHistoryException">The history cannot be written.</exception>
    void RecordMany(IReadOnlyList<ContactRecord> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        for (var i = 0; i < contacts.Count; i++)
        {
            Record(contacts[i]);
        }
    }
}
