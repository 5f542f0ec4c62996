using System.Collections.Concurrent;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Watches one run's recipients for the fields the message's conditions read (<see cref="Catalog.ConditionFields"/>): a
/// condition reads a field the recipient lacks as null, so one misspelt in the catalog (<c>gendr == "female"</c>) is
/// false for everyone, record after record, without an error. At the end it tells those no record had, each with the
/// close name the records did have. Thread-safe: the run's workers share one; once every field was seen it costs a read.
/// </summary>
internal sealed class ConditionFieldCheck
{
    /// <summary>The most distinct field names kept to suggest from: records with ever new names (a source's own keys) cannot fill memory.</summary>
    private const int MaxNames = 1024;

    private readonly string[] _fields;

    /// <summary>Per field, 1 once a record had it.</summary>
    private readonly int[] _seen;

    /// <summary>The field names records had, gathered while a field is still unseen (to suggest from).</summary>
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);
    private int _nameCount;
    private int _unseen;

    /// <summary>Whether any recipient was observed: set once, so the workers do not contend for a counter.</summary>
    private volatile bool _observed;

    /// <summary>Initializes a check for the fields the message's conditions read.</summary>
    /// <param name="fields">The fields.</param>
    public ConditionFieldCheck(IReadOnlyList<string> fields)
    {
        _fields = [.. fields];
        _seen = new int[_fields.Length];
        _unseen = _fields.Length;
    }

    /// <summary>Notes the fields one recipient has.</summary>
    /// <param name="recipient">A recipient about to be decided.</param>
    public void Observe(Recipient recipient)
    {
        if (!_observed)
        {
            _observed = true;
        }

        if (Volatile.Read(ref _unseen) == 0)
        {
            return;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (Volatile.Read(ref _seen[i]) == 0 && recipient.HasField(_fields[i]) && Interlocked.Exchange(ref _seen[i], 1) == 0)
            {
                Interlocked.Decrement(ref _unseen);
            }
        }

        if (Volatile.Read(ref _unseen) == 0 || Volatile.Read(ref _nameCount) >= MaxNames)
        {
            return;
        }

        foreach (var name in recipient.FieldNames)
        {
            // Looked up first: a name known already (nearly all) takes no lock.
            if (!_names.ContainsKey(name) && _names.TryAdd(name, 0))
            {
                Interlocked.Increment(ref _nameCount);
            }
        }
    }

    /// <summary>
    /// The fields no recipient observed had, each with the closest name a recipient
    /// had (a misspelling's likely meaning) or null; empty when no recipient was observed (nothing to judge by).
    /// </summary>
    /// <returns>Field to close name, by field name.</returns>
    public SortedDictionary<string, string?> Missing()
    {
        var missing = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (!_observed)
        {
            return missing;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (Volatile.Read(ref _seen[i]) == 0)
            {
                missing[_fields[i]] = Suggest.Closest(_fields[i], _names.Keys.Order(StringComparer.Ordinal));
            }
        }

        return missing;
    }
}
