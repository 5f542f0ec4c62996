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

    private int IndexOf(string name)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One field: its name and its value (a string, number, boolean or null as read; a nested object or array as a <see cref="JsonElement"/>).</summary>
    internal readonly record struct Field(string Name, object? Value);
}
