using System.Globalization;
using System.Text;

namespace OneToOne.Composition;

/// <summary>
/// The invisible formatting characters a one-line label does without (<c>src/Shared</c>): an email header (the subject, a
/// display name), a page's <c>&lt;title&gt;</c>, a PDF's title and the lines of a postal address. One rule wherever a
/// recipient's value becomes such a label, so that the text a reader sees is the text that sorts, matches and is checked
/// (see <see cref="IsHidden(string, int, bool)"/>).
/// </summary>
internal static class InvisibleText
{
    /// <summary>Drops the invisible formatting characters a label does without (see <see cref="IsHidden(string, int, bool)"/>).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The text without them; the same instance when it has none.</returns>
    public static string Strip(string value)
    {
        var rightToLeft = HasRightToLeftLetters(value);
        var first = FirstHidden(value, rightToLeft);
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            if (!IsHidden(value, i, rightToLeft))
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Gets the invisible formatting characters <see cref="Strip"/> drops from the text, each once, as <c>U+200B</c>.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The characters, in the order they first occur; empty when there are none.</returns>
    public static IReadOnlyList<string> Hidden(string value)
    {
        var rightToLeft = HasRightToLeftLetters(value);
        List<char>? found = null;
        for (var i = FirstHidden(value, rightToLeft); i >= 0 && i < value.Length; i++)
        {
            // A few kinds at most, however many times the text repeats them: a list is the set.
            if (IsHidden(value, i, rightToLeft) && !(found ??= []).Contains(value[i]))
            {
                found.Add(value[i]);
            }
        }

        return found is null ? [] : found.ConvertAll(static c => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}"));
    }

    /// <summary>The index of the first character <see cref="Strip"/> drops, or -1.</summary>
    private static int FirstHidden(string value, bool rightToLeft)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (IsHidden(value, i, rightToLeft))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the character at <paramref name="index"/> is an invisible formatting character a one-line label does without (a header, a title, an address line): the
    /// zero-width space U+200B, the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
    /// zero-width no-break space U+FEFF, and the marks U+200E and U+200F in text without right-to-left letters (see
    /// <see cref="HasRightToLeftLetters"/>). None shows, so the text a reader sees is the same without them, but in a
    /// display name, a subject, a page title or an address they make it read as something else or hide from a check on what it says (<c>"support@bank.example"</c> shown by a name reversed with U+202E, or <c>pay&#x200B;pal</c> passing a
    /// filter for the brand). The joiners U+200C and U+200D are dropped too, except between two characters of a script
    /// or emoji sequence that uses them: Persian writes a word's parts with U+200C between them (<c>می‌خواهم</c>), Indic scripts
    /// choose letter forms with both, and an emoji such as a family is joined by U+200D. Between Latin, Greek or Cyrillic
    /// letters, digits, punctuation and ASCII, the look of an address, they change nothing a reader sees.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="index">The character's index.</param>
    /// <param name="rightToLeft">Whether the text has right-to-left letters (<see cref="HasRightToLeftLetters"/>), found once per text.</param>
    private static bool IsHidden(string value, int index, bool rightToLeft) => value[index] switch
    {
        '\u200B' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => true,
        '\u200E' or '\u200F' => !rightToLeft,
        '\u200C' or '\u200D' => !(index > 0 && index + 1 < value.Length
            && UsesJoiners(CodePointBefore(value, index)) && UsesJoiners(CodePointAt(value, index + 1))),
        _ => false,
    };

    /// <summary>
    /// Whether the text has a Hebrew, Arabic, Syriac, Thaana or N'Ko letter (or their presentation forms): its writers set
    /// the direction of punctuation and digits beside mixed-direction text with U+200E and U+200F ("‏50%‏ הנחה"), which a
    /// label keeps for them. In other text the marks show nothing and only split words (<c>pay&#x200E;pal</c>).
    /// </summary>
    private static bool HasRightToLeftLetters(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0590', '\u08FF') >= 0
        || value.AsSpan().IndexOfAnyInRange('\uFB1D', '\uFDFF') >= 0
        || value.AsSpan().IndexOfAnyInRange('\uFE70', '\uFEFC') >= 0;

    /// <summary>Whether a character is of a script, or an emoji, written with the zero-width joiners (see <see cref="IsHidden(string, int, bool)"/>).</summary>
    private static bool UsesJoiners(int codePoint) => codePoint >= 0x0590
        && codePoint is not ((>= 0x1D00 and <= 0x1FFF) // phonetic extensions, Latin Extended Additional, Greek Extended
            or (>= 0x2000 and <= 0x25FF) // punctuation, letterlike symbols, arrows, shapes
            or (>= 0x27C0 and <= 0x2BFF) // mathematical symbols, more arrows
            or (>= 0x2C60 and <= 0x2C7F) // Latin Extended-C
            or (>= 0xA720 and <= 0xA7FF) // Latin Extended-D
            or (>= 0xAB30 and <= 0xAB6F) // Latin Extended-E
            or (>= 0xFB00 and <= 0xFB06) // Latin ligatures
            or 0xFEFF // the zero-width no-break space, itself removed
            or (>= 0xFF00 and <= 0xFFEF) // full-width forms, look-alikes of ASCII
            or (>= 0xFFF0 and <= 0xFFFF));

    /// <summary>The code point at an index, or the UTF-16 unit itself where it is half of no pair.</summary>
    private static int CodePointAt(string value, int index) =>
        index + 1 < value.Length && char.IsSurrogatePair(value[index], value[index + 1]) ? char.ConvertToUtf32(value[index], value[index + 1]) : value[index];

    /// <summary>The code point that ends before an index, or the UTF-16 unit itself where it is half of no pair.</summary>
    private static int CodePointBefore(string value, int index) =>
        index >= 2 && char.IsSurrogatePair(value[index - 2], value[index - 1]) ? char.ConvertToUtf32(value[index - 2], value[index - 1]) : value[index - 1];

}
