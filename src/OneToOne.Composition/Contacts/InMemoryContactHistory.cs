namespace OneToOne.Composition.Contacts;

/// <summary>
/// A contact history in memory: for tests, previews and single-process runs. Thread-safe. Contacts are kept by
/// recipient, so a count reads only that recipient's contacts however many the run has recorded.
/// </summary>
public sealed class InMemoryContactHistory : IContactHistory
{
    private readonly Dictionary<string, Dictionary<(string Message, string Run), ContactRecord>> _byRecipient = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Gets the number of contacts recorded.</summary>
    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _byRecipient.Values.Sum(static contacts => contacts.Count);
            }
        }
    }

    /// <inheritdoc/>
    public int Count(ContactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            if (!_byRecipient.TryGetValue(query.RecipientId, out var contacts))
            {
                return 0;
            }

            var count = 0;
            foreach (var contact in contacts.Values)
            {
                if (query.Matches(contact))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public void Record(ContactRecord contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        lock (_lock)
        {
            if (!_byRecipient.TryGetValue(contact.RecipientId, out var contacts))
            {
                contacts = [];
                _byRecipient.Add(contact.RecipientId, contacts);
            }

            contacts.TryAdd((contact.MessageId, contact.RunId), contact);
        }
    }
}
