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
}
