using System.Text.Json;

namespace OneToOne.Composition.Recipients;

/// <summary>Fields read out of a JSON object by <see cref="RecipientJsonParser"/>: names and values of their own, nested objects and arrays as parsed JSON.</summary>
internal sealed class ParsedFields(ParsedFields.Field[] fields) : IRecipientFields
{
    public IEnumerable<string> Names => fields.Select(static f => f.Name);

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out object? value)
    {
        var at = IndexOf(name);
        if (at < 0)
        {
            value = null;
            return false;
        }

        value = fields[at].Value is JsonElement nested ? ValueConverter.FromJson(nested) : fields[at].Value;
        return true;
    }

    /// <summary>How many fields are looked through one by one; a record with more finds a name in a dictionary.</summary>
    private const int ScannedFields = 32;

    /// <summary>
    /// The index of each field by name, made at the first look-up of a record with more than <see cref="ScannedFields"/>:
    /// with one look-up per field (the search for the field that holds a value, in an error), a record of 300,000 keys
    /// took minutes. Threads that read the record at once may each make one; they are equal, and one is kept.
    /// </summary>
    private Dictionary<string, int>? _byName;

    private int IndexOf(string name)
    {
        if (fields.Length > ScannedFields)
        {
            var byName = Volatile.Read(ref _byName) ?? ByName();
            return byName.TryGetValue(name, out var at) ? at : -1;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private Dictionary<string, int> ByName()
    {
        var byName = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            // The parser refuses a name twice; the first would be the one found, as one by one.
            byName.TryAdd(fields[i].Name, i);
        }

        return Interlocked.CompareExchange(ref _byName, byName, null) ?? byName;
    }

    /// <summary>One field: its name and its value (a string, number, boolean or null as read; a nested object or array as a <see cref="JsonElement"/>).</summary>
    internal readonly record struct Field(string Name, object? Value);
}
