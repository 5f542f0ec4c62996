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

    /// <summary>The fields, lower-cased, as <see cref="Suggest"/> compares them.</summary>
    private readonly string[] _lowerFields;

    /// <summary>
    /// Field names records had that were judged as close names already (so a name every record has is judged once), while a
    /// field is still unseen; bounded, so records with ever new names cannot fill memory: a name past the bound is judged again
    /// each time a record has it.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    /// <summary>Per field, the closest name a record had so far (fewest edits, then first in ordinal order, as <see cref="Suggest.Closest"/> chooses), or null; guarded by <see cref="_closestLock"/>.</summary>
    private readonly (string? Name, int Distance)[] _closest;
    private readonly Lock _closestLock = new();
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
        _lowerFields = Array.ConvertAll(_fields, static f => f.ToLowerInvariant());
        _closest = new (string?, int)[_fields.Length];
        Array.Fill(_closest, (null, int.MaxValue));
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

        if (Volatile.Read(ref _unseen) == 0)
        {
            return;
        }

        foreach (var name in recipient.FieldNames)
        {
            // Looked up first: a name known already (nearly all) takes no lock. Every name is judged, past the bound too: the
            // close name is the one of all the records had, whatever order the workers observe them in. (Only the names of the
            // first thousand or so records observed were kept, so which ones depended on the workers' timing.)
            if (_names.ContainsKey(name))
            {
                continue;
            }

            Judge(name);
            if (Volatile.Read(ref _nameCount) < MaxNames && _names.TryAdd(name, 0))
            {
                Interlocked.Increment(ref _nameCount);
            }
        }
    }

    /// <summary>Keeps a name as the close name of each unseen field it is closer to than the one kept so far.</summary>
    private void Judge(string name)
    {
        string? lower = null;
        for (var i = 0; i < _fields.Length; i++)
        {
            // A field seen has nothing to suggest; one never seen was unseen when every name was judged.
            var allowed = Suggest.Allowed(_fields[i]);
            if (Volatile.Read(ref _seen[i]) != 0 || Math.Abs(name.Length - _fields[i].Length) > allowed)
            {
                continue;
            }

            var distance = Suggest.Distance(_lowerFields[i], lower ??= name.ToLowerInvariant());
            if (distance > allowed)
            {
                continue;
            }

            lock (_closestLock)
            {
                var (best, bestDistance) = _closest[i];
                if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(name, best) < 0))
                {
                    _closest[i] = (name, distance);
                }
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

        lock (_closestLock)
        {
            for (var i = 0; i < _fields.Length; i++)
            {
                if (Volatile.Read(ref _seen[i]) == 0)
                {
                    missing[_fields[i]] = _closest[i].Name;
                }
            }
        }

        return missing;
    }
}
