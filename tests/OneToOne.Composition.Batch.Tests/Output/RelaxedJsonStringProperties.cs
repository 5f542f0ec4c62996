using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>The body escaper writes exactly what <see cref="Utf8JsonWriter"/> writes with the relaxed encoder.</summary>
public sealed class RelaxedJsonStringProperties
{
    // Plain text, line breaks, the characters JSON escapes, non-ASCII letters and signs, an emoji (a surrogate pair),
    // unassigned and noncharacter code points, and the lone surrogates the escaper leaves to the writer.
    private static readonly string[] Pieces =
    [
        "Hello, Name1", "\n", "\r\n", "\t", "\"", "\\", "\u0000", "\u001F", "\u007F", "<a href='x'>&</a>", "+", "`",
        "é", "Łódź", "—", "’", "€", "✓", "\u00A0", "\u2028", "\u0378", "\uFFFE", "\uFDD0", "🍺", "𝔘", "\uD800", "\uDC00",
        "x\uD83Cy", " ",
    ];

    [Property(MaxTest = 500)]
    public bool Escape_EqualsTheWriters(int[] picks)
    {
        var text = string.Concat(picks.Select(static p => Pieces[(int)((uint)p % (uint)Pieces.Length)]));

        var expected = WithWriter(text);
        var escaper = new RelaxedJsonString();
        if (!escaper.TryEscape(text, out var escaped))
        {
            // Only a lone surrogate sends the text back to the writer.
            return HasLoneSurrogate(text);
        }

        return !HasLoneSurrogate(text) && escaped.SequenceEqual(expected);
    }

    [Fact]
    public void Escape_ReusesItsBuffers_ForALongerThenAShorterText()
    {
        var escaper = new RelaxedJsonString();
        var longText = string.Concat(Enumerable.Repeat("line \"one\"\n🍺", 500));

        Assert.True(escaper.TryEscape(longText, out var first));
        Assert.Equal(WithWriter(longText), first.ToArray());
        Assert.True(escaper.TryEscape("short\n", out var second));
        Assert.Equal("\"short\\n\"", Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void Escape_LeavesALoneSurrogateToTheWriter()
    {
        Assert.False(new RelaxedJsonString().TryEscape("a\uD800b", out _));
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] WithWriter(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(text);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
