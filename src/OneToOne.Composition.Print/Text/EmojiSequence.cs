using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Print.Text;

/// <summary>
/// Finds emoji sequences: characters that an emoji font draws as one picture, and that must therefore be given one font
/// and shaped as one run. Chosen character by character, <c>1</c> + U+FE0F + U+20E3 (the keycap 1️⃣) took the digit from
/// DejaVu Sans and the keycap from the emoji font, and a ZWJ sequence was cut at its U+FE0F (which DejaVu Sans has).
/// </summary>
internal static class EmojiSequence
{
    /// <summary>
    /// Gets the length of the emoji sequence starting at an index: the extended grapheme cluster there (UAX #29, which
    /// keeps ZWJ sequences, flags and modifiers together) when it has more than one character and one of them marks
    /// it as emoji — the presentation selector U+FE0F, the keycap U+20E3, a skin tone (U+1F3FB–U+1F3FF), a regional
    /// indicator (a flag is a pair of them), a tag (subdivision flags), or a zero-width joiner after a symbol or
    /// pictograph (so a joiner inside Devanagari or Arabic is not one). Otherwise 0.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="index">Where a character starts.</param>
    /// <returns>The sequence's length in UTF-16 code units, or 0.</returns>
    public static int Length(string text, int index)
    {
        var span = text.AsSpan(index);
        if (span.Length < 2 || !Rune.TryGetRuneAt(text, index, out var first))
        {
            return 0;
        }

        // Most text is letters followed by letters: a character below the symbol blocks starts a sequence only when
        // the presentation selector or the keycap follows it (1️⃣, ©️), so the cluster is not looked for at every letter.
        var pictographic = first.Value is >= 0x2000 and <= 0x2BFF or >= 0x1F000;
        if (!pictographic && first.IsBmp && span[1] is not ('\uFE0F' or '\u20E3'))
        {
            return 0;
        }

        var length = StringInfo.GetNextTextElementLength(span);
        if (length <= first.Utf16SequenceLength)
        {
            return 0;
        }

        foreach (var rune in span[..length].EnumerateRunes())
        {
            if (rune.Value is 0xFE0F or 0x20E3 or >= 0x1F3FB and <= 0x1F3FF or >= 0x1F1E6 and <= 0x1F1FF or >= 0xE0020 and <= 0xE007F
                || (rune.Value == 0x200D && pictographic))
            {
                return length;
            }
        }

        return 0;
    }
}
