using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Recipients;

/// <summary>
/// Reads JSON strings as they are written, whatever their <c>\u</c> escapes hold. JSON may escape a lone surrogate
/// (<c>"\ud800"</c>, as JavaScript's <c>JSON.stringify</c> writes one); System.Text.Json refuses to read such a string
/// (an <see cref="InvalidOperationException"/>), so a recipient file holding one would fail as no error of ours. Read
/// here, it becomes the same .NET string a dictionary could hold, and goes where such text goes: each channel escapes
/// it, or refuses it with the recipient's error.
/// </summary>
internal static class JsonStrings
{
    /// <summary>Reads a JSON string value.</summary>
    /// <param name="element">A string element.</param>
    /// <returns>Its text, lone surrogates kept.</returns>
    public static string Read(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = element.GetRawText();
            return Unescape(raw.AsSpan(1, raw.Length - 2));
        }
    }

    /// <summary>Reads the string (a value or a property name) under a reader.</summary>
    /// <param name="reader">A reader on a string or property name token.</param>
    /// <returns>Its text, lone surrogates kept.</returns>
    public static string Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The reader has checked the escapes' form, not the bytes' UTF-8: bytes that are not UTF-8 are the caller's error
            // (not read with U+FFFD for them); else only what the escapes make is not valid UTF-16.
            var utf8 = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            if (!System.Text.Unicode.Utf8.IsValid(utf8))
            {
                throw;
            }

            return Unescape(Encoding.UTF8.GetString(utf8));
        }
    }

    /// <summary>Decodes the escapes of a JSON string's content (quotes removed), each <c>\u</c> escape as the one UTF-16 unit it names.</summary>
    private static string Unescape(ReadOnlySpan<char> escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                builder.Append(escaped[i]);
                continue;
            }

            var escape = escaped[++i];
            if (escape == 'u')
            {
                builder.Append((char)ushort.Parse(escaped.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            builder.Append(escape switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => escape,
            });
        }

        return builder.ToString();
    }
}
