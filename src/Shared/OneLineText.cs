using System.Globalization;
using System.Text;

namespace OneToOne.Composition;

/// <summary>
/// Makes text that quotes data (a recipient's value or id, a file name) safe to show on one line of a terminal or a log
/// (<c>src/Shared</c>): an error message is read there, and data must not end its line, start a terminal's escape
/// sequence, or turn the rest of the line around.
/// </summary>
internal static class OneLineText
{
    /// <summary>
    /// Whether a character cannot be shown as it is: a control character (C0, DEL, C1: a line break, a terminal's
    /// escape), a line or paragraph separator, or a bidirectional formatting character (marks, embeddings, overrides,
    /// isolates), which would reorder the characters around it.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether <see cref="Escape"/> writes it as an escape.</returns>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Shortens a value quoted in an error to its first characters and '…', cutting between grapheme clusters: a cut
    /// at a fixed UTF-16 length split an emoji's surrogate pair (the error then showed U+FFFD where the recipient's 😀
    /// was), a flag, a skin tone or a letter from its marks.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most UTF-16 code units kept (a cluster longer than that is kept whole when it comes first).</param>
    /// <returns>The text itself when it is no longer than <paramref name="max"/>, else its whole clusters that fit and '…'.</returns>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = end + Math.Max(StringInfo.GetNextTextElementLength(text.AsSpan(end)), 1);
            if (next > max && end > 0)
            {
                break;
            }

            end = next;
        }

        return end >= text.Length ? text : string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>
    /// Writes the characters <see cref="IsUnsafe"/> finds as escapes, the way a double-quoted YAML or JSON string writes
    /// them (<c>\n</c>, <c>\u001B</c>, <c>\u202E</c>); every other character stays as it is.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text on one line; the same instance when nothing needed escaping.</returns>
    public static string Escape(string text)
    {
        var first = 0;
        while (first < text.Length && !IsUnsafe(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = c switch
            {
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\t' => line.Append("\\t"),
                '\0' => line.Append("\\0"),
                _ when IsUnsafe(c) => line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => line.Append(c),
            };
        }

        return line.ToString();
    }
}
