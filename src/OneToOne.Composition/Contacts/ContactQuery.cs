namespace OneToOne.Composition.Contacts;

/// <summary>A count of a recipient's contacts made after <paramref name="Since"/> and at or before <paramref name="Until"/>.</summary>
/// <param name="RecipientId">The recipient.</param>
/// <param name="Since">The window's start (exclusive).</param>
/// <param name="Until">The window's end (inclusive): the decision's "now".</param>
/// <param name="Channel">Only contacts on this channel, or null for any.</param>
/// <param name="MessageId">Only contacts of this message, or null for any.</param>
/// <param name="Topic">Only contacts of this topic, or null for any.</param>
public sealed record ContactQuery(string RecipientId, DateTimeOffset Since, DateTimeOffset Until, string? Channel = null, string? MessageId = null, string? Topic = null)
{
    /// <summary>
    /// Gets the run whose own contacts do not count, or null to count every run's. A run that is resumed decides its
    /// last records again, after it may have recorded their contacts: leaving its own out decides them as the first
    /// time did, so the resumed output is the uninterrupted one (the <c>onetoone</c> tool sets it to the run's id).
    /// </summary>
    public string? ExceptRunId { get; init; }

    /// <summary>Gets whether a contact falls in the window and matches every filter.</summary>
    /// <param name="contact">The contact.</param>
    /// <returns>Whether it counts.</returns>
    public bool Matches(ContactRecord contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.RecipientId == RecipientId
            && contact.At > Since && contact.At <= Until
            && (Channel is null || contact.Channel == Channel)
            && (MessageId is null || contact.MessageId == MessageId)
            && (Topic is null || contact.Topic == Topic)
            && (ExceptRunId is null || contact.RunId != ExceptRunId);
    }
}
