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
