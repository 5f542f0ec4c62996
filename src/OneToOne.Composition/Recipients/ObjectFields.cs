using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace OneToOne.Composition.Recipients;

/// <summary>Fields from a plain object's public properties, by their own name and by their snake_case name.</summary>
internal sealed class ObjectFields(object value) : IRecipientFields
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Accessors = new();

    private readonly Dictionary<string, PropertyInfo> _properties = Accessors.GetOrAdd(value.GetType(), Describe);

    public IEnumerable<string> Names => _properties.Keys;

    public bool TryGetValue(string name, out object? result)
    {
        if (_properties.TryGetValue(name, out var property))
        {
            result = ValueConverter.ToScriptValue(property.GetValue(value));
            return true;
        }

        result = null;
        return false;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Recipient POCOs are the caller's own types; their public properties are read by design.")]
    private static Dictionary<string, PropertyInfo> Describe(Type type)
    {
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            properties.TryAdd(property.Name, property);
            properties.TryAdd(ToSnakeCase(property.Name), property);
        }

        return properties;
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
