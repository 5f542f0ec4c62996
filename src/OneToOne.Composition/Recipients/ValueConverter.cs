using System.Collections;
using System.Text.Json;
using Scriban.Runtime;

namespace OneToOne.Composition.Recipients;

/// <summary>Converts recipient values to the forms Scriban reads natively (numbers, strings, lists, objects).</summary>
internal static class ValueConverter
{
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => JsonStrings.Read(element),
        JsonValueKind.Number => element.TryGetInt32(out var i) ? i
            : element.TryGetInt64(out var l) ? l
            : element.TryGetDecimal(out var d) ? d
            : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => new JsonObjectScope(element),
        JsonValueKind.Array => ToArray(element),
        _ => null,
    };

    public static object? ToScriptValue(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal or DateTime or DateTimeOffset => value,
        JsonElement json => FromJson(json),

        // Scriban reads lists and string-keyed dictionaries in place: no copy per read.
        IDictionary<string, object?> or IDictionary<string, object> or IList => value,
        IReadOnlyDictionary<string, object?> dictionary => DictionaryToObject(dictionary),
        IDictionary dictionary => LegacyDictionaryToObject(dictionary),
        IEnumerable sequence and not string => ToArray(sequence),
        _ => value,
    };

    private static ScriptArray ToArray(JsonElement element)
    {
        var array = new ScriptArray(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            array.Add(FromJson(item));
        }

        return array;
    }

    private static ScriptArray ToArray(IEnumerable sequence)
    {
        var array = new ScriptArray();
        foreach (var item in sequence)
        {
            array.Add(ToScriptValue(item));
        }

        return array;
    }

    private static ScriptObject DictionaryToObject(IReadOnlyDictionary<string, object?> dictionary)
    {
        var result = new ScriptObject(dictionary.Count);
        foreach (var (key, item) in dictionary)
        {
            result[key] = ToScriptValue(item);
        }

        return result;
    }

    private static ScriptObject LegacyDictionaryToObject(IDictionary dictionary)
    {
        var result = new ScriptObject(dictionary.Count);
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = ToScriptValue(entry.Value);
        }

        return result;
    }
}
