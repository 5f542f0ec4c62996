using System.Text;

namespace OneToOne.Composition.Rendering;

/// <summary>
/// Fits a slot's modules, as web HTML, where the slot stands within a line of text (<c>Try {{ slot "offers" }} today.</c>)
/// rather than in a paragraph of its own. The text and print channels read such a line as Markdown with the modules
/// written in, so their first paragraph joins the words before the slot and their last joins the words after it; the
/// web output does the same. (A paragraph in a paragraph is no HTML: browsers end the line before the modules, and
/// write an empty paragraph after them.)
/// </summary>
internal static class InlineSlot
{
    private const string Open = "<p>";
    private const string Close = "</p>";

    /// <summary>
    /// Whether <paramref name="html"/>[<paramref name="start"/>..<paramref name="end"/>) stands directly in a
    /// paragraph: after its <c>&lt;p&gt;</c> and before its <c>&lt;/p&gt;</c>, with no element left open on either side
    /// (in <c>&lt;p&gt;&lt;em&gt;Try …&lt;/em&gt;&lt;/p&gt;</c> it does not).
    /// </summary>
    public static bool InParagraph(ReadOnlySpan<char> html, int start, int end)
    {
        var open = html[..start].LastIndexOf(Open, StringComparison.Ordinal);
        if (open < 0 || !Balanced(html[(open + Open.Length)..start]))
        {
            return false;
        }

        var close = html[end..].IndexOf(Close, StringComparison.Ordinal);
        return close >= 0 && Balanced(html.Slice(end, close));
    }

    /// <summary>
    /// Fits the modules' HTML written at <paramref name="output"/>[<paramref name="start"/>..] to where they stand. In a
    /// paragraph, the line's paragraph is split around them: their first paragraph's <c>&lt;p&gt;</c> and last one's
    /// <c>&lt;/p&gt;</c> are dropped (the line's own open and close them), or, where they begin or end with another
    /// block (a list), the line's paragraph is closed before it or opened again after it. Elsewhere (a list item, a
    /// heading, emphasis) one module that is one paragraph loses its <c>&lt;p&gt;</c>; anything else stays as it is.
    /// </summary>
    /// <param name="output">The HTML, ending with the modules'.</param>
    /// <param name="start">Where the modules' HTML begins.</param>
    /// <param name="inParagraph">Whether the slot stands directly in a paragraph (<see cref="InParagraph"/>).</param>
    /// <param name="oneModule">Whether the slot placed one module.</param>
    public static void Fit(StringBuilder output, int start, bool inParagraph, bool oneModule)
    {
        var length = output.Length - start;
        if (length == 0)
        {
            return;
        }

        if (!inParagraph)
        {
            if (oneModule && StartsWith(output, start, Open) && EndsWith(output, Close) && length >= Open.Length + Close.Length
                && output.ToString(start + Open.Length, length - Open.Length - Close.Length).IndexOf(Close, StringComparison.Ordinal) < 0)
            {
                output.Remove(output.Length - Close.Length, Close.Length).Remove(start, Open.Length);
            }

            return;
        }

        // The end first, so that start stays where it is.
        if (EndsWith(output, Close) && length >= Open.Length + Close.Length)
        {
            output.Remove(output.Length - Close.Length, Close.Length);
        }
        else
        {
            output.Append('\n').Append(Open);
        }

        if (StartsWith(output, start, Open))
        {
            output.Remove(start, Open.Length);
        }
        else
        {
            output.Insert(start, Close + "\n");
        }
    }

    private static bool StartsWith(StringBuilder output, int start, string text) =>
        output.Length - start >= text.Length && output.ToString(start, text.Length) == text;

    private static bool EndsWith(StringBuilder output, string text) =>
        output.Length >= text.Length && output.ToString(output.Length - text.Length, text.Length) == text;

    /// <summary>Whether every element opened in <paramref name="html"/> is closed in it and none is closed that it did not open (void elements aside).</summary>
    private static bool Balanced(ReadOnlySpan<char> html)
    {
        var depth = 0;
        for (var at = html.IndexOf('<'); at >= 0 && at < html.Length - 1; at = html[(at + 1)..].IndexOf('<') is var next and >= 0 ? at + 1 + next : -1)
        {
            var end = html[at..].IndexOf('>');
            if (end < 0)
            {
                return false;
            }

            var tag = html.Slice(at + 1, end - 1);
            if (tag.StartsWith('/'))
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
            else if (tag.Length > 0 && char.IsAsciiLetter(tag[0]) && !tag.EndsWith('/') && !IsVoid(tag))
            {
                depth++;
            }
        }

        return depth == 0;
    }

    /// <summary>Whether the tag (its text between the angle brackets) opens an element that has no end tag: <c>br</c>, <c>img</c> and the like.</summary>
    private static bool IsVoid(ReadOnlySpan<char> tag)
    {
        var name = tag[..(tag.IndexOfAny(' ', '\t', '\n') is var space and >= 0 ? space : tag.Length)];
        return name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("img", StringComparison.OrdinalIgnoreCase)
            || name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("wbr", StringComparison.OrdinalIgnoreCase)
            || name.Equals("input", StringComparison.OrdinalIgnoreCase);
    }
}
