using System.Collections;

namespace OneToOne.Composition.Recipients;

/// <summary>Fields from a dictionary known only as <see cref="IDictionary"/>: a <c>Dictionary&lt;string, T&gt;</c> of any value type, a <see cref="Hashtable"/>.</summary>
internal sealed class UntypedDictionaryFields : IRecipientFields
{
    private readonly IDictionary _fields;

    /// <summary>Initializes the fields.</summary>
    /// <param name="fields">The dictionary.</param>
    /// <param name="parameterName">The caller's parameter that holds <paramref name="fields"/>, which the exception names.</param>
    /// <exception cref="ArgumentException">A key is not a string.</exception>
    public UntypedDictionaryFields(IDictionary fields, string parameterName)
    {
        foreach (var key in fields.Keys)
        {
            if (key is not string)
            {
                throw new ArgumentException($"A recipient's field names must be strings, but this dictionary has the key {key} ({key.GetType().Name}).", parameterName);
            }
        }

        _fields = fields;
    }

    public IEnumerable<string> Names => _fields.Keys.Cast<string>();

    public bool TryGetValue(string name, out object? value)
    {
        if (_fields.Contains(name))
        {
            value = ValueConverter.ToScriptValue(_fields[name]);
            return true;
        }

        value = null;
        return false;
    }
}
