namespace OneToOne.Composition.Contacts;

/// <summary>A contact history in memory: for tests, previews and single-process runs. Thread-safe.</summary>
public sealed class InMemoryContactHistory : IContactHistory
{
    private readonly Dictionary<(string Recipient, string Message, string Run), ContactRecord> _contacts = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the number of contacts recorded.</summary>
    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _contacts.Count;
            }
        }
    }

    /// <inheritdoc/>
    public int Count(ContactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var count = 0;
            foreach (var contact in _contacts.Values)
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
            _contacts.TryAdd((contact.RecipientId, contact.MessageId, contact.RunId), contact);
        }
    }
}
