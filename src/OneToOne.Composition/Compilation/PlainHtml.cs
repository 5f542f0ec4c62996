using System.Collections.Frozen;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Tells, without parsing a document, when a reading's HTML leaves <see cref="BrowserValueCheck"/> nothing to find: every
/// <c>&lt;</c> starts a well-formed tag of an element a browser builds as written (paragraphs, headings, lists, emphasis,
/// links, quotes, code), with only quoted attribute values holding no token mark, no <c>&amp;</c> and no <c>&lt;</c>;
/// every token mark starts a whole token (its number and end mark), and no numeric character reference could write one.
/// Then no value's token is in a tag: each is in the characters between tags, which a browser's tokenizer reads as
/// text in these elements (none of them switches it to raw text, script data or foreign content) and whose tree builder
/// writes them, whole, into a text node of an element that is not a script or a style. A value in text is the least
/// strict place there is, so the check could refuse nothing. The HTML Markdig writes for ordinary Markdown is of this
/// kind; anything else (a comment, a table, an unquoted or encoded attribute, a token in a tag) is parsed as before.
/// </summary>
internal static class PlainHtml
{
    /// <summary>Elements whose start and end tags leave the tokenizer reading text, outside any table, form or foreign content.</summary>
    private static readonly FrozenSet<string> Elements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark",
        "small", "code", "kbd", "ul", "ol", "li", "blockquote", "br", "hr", "span", "div", "a", "pre", "img");

    /// <summary>The same, looked up by a slice of the HTML (no string per tag).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ElementNames = Elements.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether every value's token in <paramref name="html"/> stands in text that a browser keeps as text (see the type).</summary>
    /// <param name="html">A reading's HTML, with a token per value.</param>
    /// <returns>True when the browser's reading could refuse no value; false when it must be asked.</returns>
    public static bool OnlyTextValues(string html)
    {
        // A character reference could write a token's mark the template never wrote as one, and a mark not followed by a
        // number and its end mark is a token in pieces: the browser's reading refuses either, even in text.
        if (html.Contains("&#", StringComparison.Ordinal))
        {
            return false;
        }

        for (var at = html.IndexOf('\uE002', StringComparison.Ordinal); at >= 0; at = html.IndexOf('\uE002', at + 1))
        {
            var digits = at + 1;
            while (digits < html.Length && char.IsAsciiDigit(html[digits]))
            {
                digits++;
            }

            if (digits == at + 1 || digits == html.Length || html[digits] != '\uE003')
            {
                return false;
            }
        }

        for (var at = html.IndexOf('<', StringComparison.Ordinal); at >= 0; at = html.IndexOf('<', at))
        {
            at = TagEnd(html, at);
            if (at < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the well-formed tag of a listed element that starts at <paramref name="at"/> ends (after its '&gt;'); -1 when it is no such tag.</summary>
    private static int TagEnd(string html, int at)
    {
        var i = at + 1;
        if (i < html.Length && html[i] == '/')
        {
            i++;
        }

        var name = i;
        while (i < html.Length && char.IsAsciiLetterOrDigit(html[i]))
        {
            i++;
        }

        if (i == name || !char.IsAsciiLetter(html[name]) || !ElementNames.Contains(html.AsSpan(name, i - name)))
        {
            return -1;
        }

        while (i < html.Length)
        {
            var spaced = i;
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length)
            {
                return -1;
            }

            if (html[i] == '>')
            {
                return i + 1;
            }

            if (html[i] == '/' && i + 1 < html.Length && html[i + 1] == '>')
            {
                return i + 2;
            }

            // An attribute: a name after white space, then a quoted value or none.
            var attribute = i;
            while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or '_' or ':' or '.'))
            {
                i++;
            }

            if (i == attribute || spaced == attribute || !char.IsAsciiLetter(html[attribute]))
            {
                return -1;
            }

            if (i < html.Length && html[i] == '=')
            {
                i++;
                if (i >= html.Length || html[i] is not ('"' or '\''))
                {
                    return -1;
                }

                var close = html.IndexOf(html[i], i + 1);
                if (close < 0 || html.AsSpan(i + 1, close - i - 1).IndexOfAny("<&\uE002\uE003") >= 0)
                {
                    return -1;
                }

                i = close + 1;
            }
        }

        return -1;
    }

    /// <summary>The white space of HTML's tokenizer between attributes.</summary>
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
