using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Escapes a long string (a message body) as a JSON string value, byte for byte as <see cref="System.Text.Json.Utf8JsonWriter"/>
/// does with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, at a fraction of the cost: the text is encoded to
/// UTF-8 in one vectorised pass, then copied in runs between the characters that may need escaping. The writer instead
/// escapes character by character from the first such character on, and a body has a line break on every line.
/// </summary>
/// <remarks>Not thread-safe: each instance keeps its buffers.</remarks>
internal sealed class RelaxedJsonString
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The escape of each ASCII character the encoder escapes (the control characters, the quote, the backslash), as UTF-8; null for the others.</summary>
    private static readonly byte[]?[] AsciiEscapes = BuildAsciiEscapes();

    /// <summary>The bytes to stop at: the ASCII characters the encoder escapes, and every byte of a character beyond ASCII (the encoder is asked about those).</summary>
    private static readonly SearchValues<byte> Stops = SearchValues.Create([.. Enumerable.Range(0, 0x100).Where(static b => b >= 0x80 || AsciiEscapes[b] is not null).Select(static b => (byte)b)]);

    private byte[] _utf8 = [];
    private byte[] _escaped = [];

    /// <summary>Escapes <paramref name="value"/>, quotes included.</summary>
    /// <param name="value">The string.</param>
    /// <param name="escaped">The JSON string value, valid until the next call.</param>
    /// <returns>False when the string holds a lone surrogate, which the writer must escape itself.</returns>
    public bool TryEscape(ReadOnlySpan<char> value, out ReadOnlySpan<byte> escaped)
    {
        escaped = default;
        var maxUtf8 = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < maxUtf8)
        {
            _utf8 = new byte[Math.Max(maxUtf8, _utf8.Length * 2)];
        }

        if (Utf8.FromUtf16(value, _utf8, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        // The longest escape, \uXXXX, is six bytes for a one-byte character; a four-byte character becomes twelve.
        var maxEscaped = (length * 6) + 2;
        if (_escaped.Length < maxEscaped)
        {
            _escaped = new byte[Math.Max(maxEscaped, _escaped.Length * 2)];
        }

        var source = _utf8.AsSpan(0, length);
        var destination = _escaped.AsSpan();
        Span<char> chars = stackalloc char[2];
        Span<char> escape = stackalloc char[16];
        destination[0] = (byte)'"';
        var written = 1;
        while (!source.IsEmpty)
        {
            var at = source.IndexOfAny(Stops);
            if (at < 0)
            {
                source.CopyTo(destination[written..]);
                written += source.Length;
                break;
            }

            source[..at].CopyTo(destination[written..]);
            written += at;
            if (source[at] < 0x80)
            {
                var ascii = AsciiEscapes[source[at]]!;
                ascii.CopyTo(destination[written..]);
                written += ascii.Length;
                source = source[(at + 1)..];
                continue;
            }

            // A character beyond ASCII: most are written as they are; the encoder says which are escaped (an unassigned
            // one, one outside the basic plane) and how.
            Rune.DecodeFromUtf8(source[at..], out var rune, out var consumed);
            var character = source.Slice(at, consumed);
            if (Encoder.FindFirstCharacterToEncodeUtf8(character) < 0)
            {
                character.CopyTo(destination[written..]);
                written += consumed;
            }
            else
            {
                var count = rune.EncodeToUtf16(chars);
                Encoder.Encode(chars[..count], escape, out _, out var escapeLength);
                written += Encoding.UTF8.GetBytes(escape[..escapeLength], destination[written..]);
            }

            source = source[(at + consumed)..];
        }

        destination[written++] = (byte)'"';
        escaped = destination[..written];
        return true;
    }

    private static byte[]?[] BuildAsciiEscapes()
    {
        var escapes = new byte[]?[0x80];
        Span<char> escape = stackalloc char[16];
        for (var c = 0; c < escapes.Length; c++)
        {
            var one = (char)c;
            Encoder.Encode(new ReadOnlySpan<char>(in one), escape, out _, out var length);
            if (length != 1 || escape[0] != one)
            {
                escapes[c] = Encoding.UTF8.GetBytes(escape[..length].ToArray());
            }
        }

        return escapes;
    }
}
