using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
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
            : element.TryGetDecimal(out var d) ? ExactOrText(d, JsonMarshal.GetRawUtf8Value(element))
            : BeyondDecimal(JsonMarshal.GetRawUtf8Value(element)) ?? element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => new JsonObjectScope(element),
        JsonValueKind.Array => ToArray(element),
        _ => null,
    };

    /// <summary>
    /// A JSON number too large for <see cref="decimal"/>, written without an exponent, as written: an integer (at most
    /// <see cref="MaxIntegerDigits"/> digits) as the <see cref="BigInteger"/> it writes, every digit kept, so a 60-digit
    /// account number prints as written and compares exactly; a longer one, or one with a fraction, as its text (no
    /// longer a number to compare). Null for any other, read as a double.
    /// </summary>
    internal static object? BeyondDecimal(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            return null;
        }

        if (utf8.IndexOf((byte)'.') >= 0)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        // Longer than the bound (sign aside): its text, as a CSV cell that long stays, never an infinite double.
        if (utf8.Length - (utf8[0] == (byte)'-' ? 1 : 0) > MaxIntegerDigits)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        return BigInteger.TryParse(System.Text.Encoding.ASCII.GetString(utf8), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
            ? big
            : null;
    }

    /// <summary>
    /// <paramref name="value"/>, read from <paramref name="utf8"/>, when it holds every digit written there; else the
    /// text as written. A decimal holds 28 significant digits: a longer literal (<c>1234567890123456789012345678.05</c>)
    /// was rounded, silently, and prints as written instead (text, no longer a number to compare). Literals of at most
    /// 29 characters are always held exactly, and cost one comparison.
    /// </summary>
    internal static object ExactOrText(decimal value, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 29)
        {
            return value;
        }

        Span<byte> written = stackalloc byte[32];
        return value.TryFormat(written, out var length, default, CultureInfo.InvariantCulture) && SameValue(written[..length], utf8)
            ? value
            : System.Text.Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// Whether a decimal, formatted, writes the value of a literal: the same digits but for zeros ending a fraction
    /// (<c>1.500000000000000000000000000000</c>, beyond decimal's 28 places, is 1.5 exactly: a number to compare still).
    /// </summary>
    private static bool SameValue(ReadOnlySpan<byte> formatted, ReadOnlySpan<byte> literal) =>
        WithoutTrailingZeros(formatted).SequenceEqual(WithoutTrailingZeros(literal));

    private static ReadOnlySpan<byte> WithoutTrailingZeros(ReadOnlySpan<byte> number) =>
        number.IndexOf((byte)'.') < 0 || number.IndexOfAny((byte)'e', (byte)'E') >= 0 ? number : number.TrimEnd((byte)'0').TrimEnd((byte)'.');

    /// <summary>The most digits an integer literal read as a <see cref="BigInteger"/> may have (parsing costs grow faster than its length).</summary>
    internal const int MaxIntegerDigits = 1000;

    public static object? ToScriptValue(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal or BigInteger or DateTime or DateTimeOffset => value,
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
