using System.Text;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// CSS comments (<c>/* … */</c>), which CSS ignores wherever they stand outside a string or an unquoted <c>url()</c>:
/// <c>padding: 0 /* sides */ 24px</c> is <c>padding: 0 24px</c>, and <c>/* x */ padding: 20px</c> declares
/// <c>padding</c>. The composer reads values and names as text, so it reads them with their comments left out.
/// </summary>
internal static class CssComments
{
    /// <summary>
    /// The text with each comment left out: one space stands for it between two other characters (CSS reads
    /// <c>1px/**/solid</c> as two tokens), and the spaces round it are kept once. A comment left open runs to the end, as in CSS.
    /// </summary>
    /// <param name="text">CSS text: a value, a declaration, a style attribute.</param>
    /// <returns>The text itself when it has no comment.</returns>
    public static string Remove(string text)
    {
        if (!text.Contains("/*", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                // An escaped character is itself, never the start of a comment or a string.
                result.Append(c).Append(text[i + 1]);
                i += 2;
            }
            else if (c is '"' or '\'')
            {
                var end = StringEnd(text, i);
                result.Append(text, i, end - i);
                i = end;
            }
            else if (IsUnquotedUrl(text, i))
            {
                // url(a/*b*/c): an unquoted URL is read to its ')' as it is written.
                var end = text.IndexOf(')', i);
                end = end < 0 ? text.Length : end + 1;
                result.Append(text, i, end - i);
                i = end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
                if (result.Length == 0 || char.IsWhiteSpace(result[^1]))
                {
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }
                }
                else if (i < text.Length && !char.IsWhiteSpace(text[i]) && !(text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*'))
                {
                    result.Append(' ');
                }
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>Where the string that opens at <paramref name="start"/> ends (past its closing quote, or the text's end).</summary>
    internal static int StringEnd(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    /// <summary>Whether an unquoted <c>url(</c> opens at <paramref name="at"/>.</summary>
    private static bool IsUnquotedUrl(string text, int at)
    {
        if (at + 4 > text.Length || !text.AsSpan(at, 4).Equals("url(", StringComparison.OrdinalIgnoreCase)
            || (at > 0 && (char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] is '-' or '_')))
        {
            return false;
        }

        var next = at + 4;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next < text.Length && text[next] is not ('"' or '\'');
    }
}
