using System.Buffers;
using System.Text;

namespace OneToOne.Composition;

/// <summary>Finds where bytes stop being UTF-8, wherever a package reads text it was handed as bytes (<c>src/Shared</c>).</summary>
internal static class Utf8Bytes
{
    /// <summary>Finds the first byte that does not belong to valid UTF-8 (a file saved as Windows-1252 or Latin-1 has one for 'é').</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="column">The 1-based column, in UTF-16 characters, the bad byte would be read at; 0 when there is none.</param>
    /// <returns>The byte's index, or -1 when all the bytes are valid UTF-8 (one vectorised scan then).</returns>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes, out int column)
    {
        column = 0;
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var at = 0;
        column = 1;
        while (Rune.DecodeFromUtf8(bytes[at..], out var rune, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
            column += rune.Utf16SequenceLength;
        }

        return at;
    }
}
