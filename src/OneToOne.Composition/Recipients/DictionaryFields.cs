namespace OneToOne.Composition.Recipients;

/// <summary>Fields from a dictionary.</summary>
internal sealed class DictionaryFields(IReadOnlyDictionary<string, object?> fields) : IRecipientFields
{
    public IEnumerable<string> Names => fields.Keys;

    public bool TryGetValue(string name, out object? value)
    {
        if (fields.TryGetValue(name, out var raw))
        {
            value = ValueConverter.ToScriptValue(raw);
            return true;
        }

        value = null;
        return false;
    }
}
