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

    /// <summary>Gets every contact recorded for one recipient, oldest first (then by message and run): all this history holds about them.</summary>
    /// <param name="recipientId">The recipient's id.</param>
    /// <returns>The contacts; empty when none is recorded.</returns>
    public IReadOnlyList<ContactRecord> Contacts(string recipientId)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        lock (_lock)
        {
            return _byRecipient.TryGetValue(recipientId, out var contacts)
                ? [.. contacts.Values.OrderBy(static c => c.At).ThenBy(static c => c.MessageId, StringComparer.Ordinal).ThenBy(static c => c.RunId, StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>Forgets every contact of one recipient; their caps then start from zero.</summary>
    /// <param name="recipientId">The recipient's id, forgotten as written and in its other Unicode forms (<c>José</c> with <c>é</c>, and with <c>e</c> + U+0301), as <c>SqliteContactHistory.Forget</c> does.</param>
    /// <returns>How many contacts were forgotten.</returns>
    public int Forget(string recipientId)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        lock (_lock)
        {
            var forgotten = 0;
            foreach (var form in IdForms.Written(recipientId))
            {
                forgotten += _byRecipient.Remove(form, out var contacts) ? contacts.Count : 0;
            }

            return forgotten;
        }
    }

    /// <summary>Forgets every contact made before an instant (to the millisecond, as <c>SqliteContactHistory.Prune</c> does).</summary>
    /// <param name="before">The cutoff: contacts made before it are forgotten, one made at it is kept.</param>
    /// <returns>How many contacts were forgotten.</returns>
    public int Prune(DateTimeOffset before)
    {
        var cutoff = before.ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var pruned = 0;
            foreach (var (recipient, contacts) in _byRecipient)
            {
                pruned += contacts.Count;
                foreach (var key in contacts.Where(c => c.Value.At.ToUnixTimeMilliseconds() < cutoff).Select(static c => c.Key).ToList())
                {
                    contacts.Remove(key);
                }

                pruned -= contacts.Count;
                if (contacts.Count == 0)
                {
                    _byRecipient.Remove(recipient);
                }
            }

            return pruned;
        }
    }
}
