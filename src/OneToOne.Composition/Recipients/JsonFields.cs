using System.Text.Json;

namespace OneToOne.Composition.Recipients;

/// <summary>Fields from a JSON object, read in place.</summary>
internal sealed class JsonFields(JsonElement element) : IRecipientFields
{
    public IEnumerable<string> Names
    {
        get
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return property.Name;
            }
        }
    }

    public bool Contains(string name) => element.TryGetProperty(name, out _);

    public bool TryGetValue(string name, out object? value)
    {
        if (element.TryGetProperty(name, out var property))
        {
            value = ValueConverter.FromJson(property);
            return true;
        }

        value = null;
        return false;
    }
}
