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
    /// Where the slot written at <paramref name="html"/>[<paramref name="start"/>..<paramref name="end"/>) stands, for a slot
    /// that is not a paragraph of its own: directly in a paragraph (<see cref="InParagraph"/>); within a line that cannot
    /// hold paragraphs (a heading, a link's text, emphasis, a table cell or list item it shares with other text); or
    /// elsewhere (alone in a list item or an HTML table's cell, in a <c>div</c>), where blocks may stand.
    /// </summary>
    /// <param name="html">The HTML the slot is written in.</param>
    /// <param name="start">Where the slot's placeholder begins.</param>
    /// <param name="end">Where it ends.</param>
    /// <param name="markdown">Whether the HTML was converted from Markdown: a Markdown table's cell is one line, even alone.</param>
    public static SlotPlace PlaceOf(ReadOnlySpan<char> html, int start, int end, bool markdown)
    {
        if (html[..start].EndsWith(Open, StringComparison.Ordinal) && html[end..].StartsWith(Close, StringComparison.Ordinal))
        {
            return SlotPlace.Flow;
        }

        if (InParagraph(html, start, end))
        {
            return SlotPlace.Paragraph;
        }

        var (phrasing, innermost, contentStart) = OpenElements(html[..start]);
        if (phrasing is not null)
        {
            return SlotPlace.Inline;
        }

        // A pipe table's cell is written on its row's line (<td>…</td>); a cell of an HTML table written in the Markdown,
        // with the slot on a line of its own, is no line of words, and is read as an html override's cell is.
        if (markdown && innermost is "td" or "th" && !OnALineOfItsOwn(html, contentStart, start, end, innermost))
        {
            return SlotPlace.Inline;
        }

        if (innermost is "td" or "th" or "li" or "dd" or "dt")
        {
            // Shares its cell or item with other text: the modules are that line's words.
            if (!html[contentStart..start].IsWhiteSpace() || !html[end..].TrimStart().StartsWith($"</{innermost}", StringComparison.OrdinalIgnoreCase))
            {
                return SlotPlace.Inline;
            }
        }

        return SlotPlace.Flow;
    }

    /// <summary>Whether a line break stands between the element's start tag and the slot, or between the slot and its end tag.</summary>
    private static bool OnALineOfItsOwn(ReadOnlySpan<char> html, int contentStart, int start, int end, string element)
    {
        var close = html[end..].IndexOf($"</{element}", StringComparison.OrdinalIgnoreCase);
        return html[contentStart..start].ContainsAny('\n', '\r') || (close >= 0 && html.Slice(end, close).ContainsAny('\n', '\r'));
    }

    /// <summary>
    /// The outermost open element of <paramref name="html"/> that holds only phrasing content (a paragraph, heading, link,
    /// emphasis, …; null when none is open), with the innermost open element and where its content starts.
    /// </summary>
    public static (string? Phrasing, string? Innermost, int ContentStart) OpenElements(ReadOnlySpan<char> html)
    {
        var open = OpenIn(html);
        var phrasing = open.Find(static e => PhrasingOnly.Contains(e.Name)).Name;
        return open.Count == 0 ? (phrasing, null, 0) : (phrasing, open[^1].Name, open[^1].ContentStart);
    }

    /// <summary>
    /// The outermost open element of <paramref name="html"/> that a browser ends before a block written in it: a
    /// paragraph (any block start tag closes it) or a heading (null when none is open). Other elements that hold only
    /// words by the content model (<c>font</c>, <c>span</c>, <c>a</c>, <c>em</c>) stay open around blocks as browsers
    /// parse them, and old email layouts put the message in them (<c>&lt;td&gt;&lt;font face="Arial"&gt;</c>).
    /// </summary>
    public static string? EndedBeforeABlock(ReadOnlySpan<char> html) =>
        OpenIn(html).Find(static e => e.Name is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6").Name;

    /// <summary>The elements open at the end of <paramref name="html"/>, outermost first, with where each one's content starts.</summary>
    private static List<(string Name, int ContentStart)> OpenIn(ReadOnlySpan<char> html)
    {
        var open = new List<(string Name, int ContentStart)>();
        var at = 0;
        while (at < html.Length && html[at..].IndexOf('<') is var next and >= 0)
        {
            at += next;
            if (html[at..].StartsWith("<!--", StringComparison.Ordinal))
            {
                var close = html[(at + 4)..].IndexOf("-->", StringComparison.Ordinal);
                at = close < 0 ? html.Length : at + 4 + close + 3;
                continue;
            }

            var end = html[at..].IndexOf('>');
            if (end < 0)
            {
                break;
            }

            var tag = html.Slice(at + 1, end - 1);
            at += end + 1;
            var closing = tag.StartsWith('/');
            var nameSpan = closing ? tag[1..] : tag;
            var length = 0;
            while (length < nameSpan.Length && (char.IsAsciiLetterOrDigit(nameSpan[length]) || nameSpan[length] == '-'))
            {
                length++;
            }

            if (length == 0 || !char.IsAsciiLetter(nameSpan[0]))
            {
                continue;
            }

            var name = nameSpan[..length].ToString().ToLowerInvariant();
            if (closing)
            {
                var index = open.FindLastIndex(e => e.Name == name);
                if (index >= 0)
                {
                    open.RemoveRange(index, open.Count - index);
                }
            }
            else if (name is "script" or "style" or "textarea" or "title")
            {
                // Raw text up to its end tag: 'i<a.length' in a script opens no element.
                var endTag = html[at..].IndexOf($"</{name}", StringComparison.OrdinalIgnoreCase);
                at = endTag < 0 ? html.Length : at + endTag;
            }
            else if (!tag.EndsWith('/') && !IsVoid(name))
            {
                open.Add((name, at));
            }
        }

        return open;
    }

    /// <summary>
    /// Fits the modules' HTML written at <paramref name="output"/>[<paramref name="start"/>..] to where they stand. In a
    /// paragraph, the line's paragraph is split around them: their first paragraph's <c>&lt;p&gt;</c> and last one's
    /// <c>&lt;/p&gt;</c> are dropped (the line's own open and close them), or, where they begin or end with another
    /// block (a list), the line's paragraph is closed before it or opened again after it. Within a line that cannot hold
    /// paragraphs (a heading, a link, emphasis, a table cell) their paragraphs become that line's words, one space
    /// between each (as text and print write them); a block other than a paragraph (a list, a table) cannot stand there,
    /// and false is returned, the output as it was. Elsewhere one module that is one paragraph loses its
    /// <c>&lt;p&gt;</c>; anything else stays as it is.
    /// </summary>
    /// <param name="output">The HTML, ending with the modules'.</param>
    /// <param name="start">Where the modules' HTML begins.</param>
    /// <param name="place">Where the slot stands (<see cref="PlaceOf"/>).</param>
    /// <param name="oneModule">Whether the slot placed one module.</param>
    public static bool Fit(StringBuilder output, int start, SlotPlace place, bool oneModule)
    {
        var length = output.Length - start;
        if (length == 0)
        {
            return true;
        }

        if (place == SlotPlace.Inline)
        {
            if (JoinInline(output.ToString(start, length)) is not { } joined)
            {
                return false;
            }

            output.Length = start;
            output.Append(joined);
            return true;
        }

        if (place != SlotPlace.Paragraph)
        {
            if (oneModule && StartsWith(output, start, Open) && EndsWith(output, Close) && length >= Open.Length + Close.Length
                && output.ToString(start + Open.Length, length - Open.Length - Close.Length).IndexOf(Close, StringComparison.Ordinal) < 0)
            {
                output.Remove(output.Length - Close.Length, Close.Length).Remove(start, Open.Length);
            }

            return true;
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

        return true;
    }

    /// <summary>
    /// Writes modules' HTML as words within a line: each paragraph's content, and any text or inline markup between
    /// them, one space apart. Null when it holds a block other than a paragraph (a list, a table, a heading, a quote).
    /// </summary>
    public static string? JoinInline(string html)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        var depth = 0;
        var inParagraph = false;
        var at = 0;
        while (at < html.Length)
        {
            var c = html[at];
            if (c != '<' || at + 1 >= html.Length || !(char.IsAsciiLetter(html[at + 1]) || html[at + 1] is '/' or '!'))
            {
                piece.Append(depth == 0 && !inParagraph && c is '\n' or '\r' or '\t' ? ' ' : c);
                at++;
                continue;
            }

            var end = html.IndexOf('>', at);
            if (end < 0)
            {
                piece.Append(html, at, html.Length - at);
                break;
            }

            var tag = html.AsSpan(at + 1, end - at - 1);
            var closing = tag.StartsWith('/');
            var nameSpan = closing ? tag[1..] : tag;
            var length = 0;
            while (length < nameSpan.Length && char.IsAsciiLetterOrDigit(nameSpan[length]))
            {
                length++;
            }

            var name = nameSpan[..length].ToString().ToLowerInvariant();
            if (depth == 0 && name == "p" && !closing && !inParagraph)
            {
                Flush(pieces, piece);
                inParagraph = true;
            }
            else if (depth == 0 && name == "p" && closing && inParagraph)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
                inParagraph = false;
            }
            else if (!closing && Blocks.Contains(name))
            {
                return null;
            }
            else
            {
                piece.Append(html, at, end + 1 - at);
                if (name.Length > 0 && !tag.StartsWith('!'))
                {
                    depth += closing ? -1 : tag.EndsWith('/') || IsVoid(name) ? 0 : 1;
                    depth = Math.Max(depth, 0);
                }
            }

            at = end + 1;
        }

        Flush(pieces, piece);
        return string.Join(' ', pieces.Where(static p => !string.IsNullOrWhiteSpace(p)));

        static void Flush(List<string> pieces, StringBuilder piece)
        {
            var text = piece.ToString().Trim();
            if (text.Length > 0)
            {
                pieces.Add(text);
            }

            piece.Clear();
        }
    }

    /// <summary>
    /// What a line that goes on within the list item or quote a slot's line starts (<c>- </c>, <c>1. </c>, <c>&gt; </c>,
    /// <c>&gt; - </c>) begins with: its quote marks, and spaces for its list markers; null when the line starts none.
    /// </summary>
    /// <param name="line">The line from its start to the slot.</param>
    public static string? ContinuationOf(ReadOnlySpan<char> line)
    {
        var continuation = new StringBuilder();
        var marker = false;
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                continuation.Append(' ');
                i++;
            }
            else if (line[i] == '>')
            {
                continuation.Append('>');
                marker = true;
                i++;
            }
            else if (line[i] is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] == ' ')
            {
                continuation.Append(' ', 2);
                marker = true;
                i += 2;
            }
            else if (char.IsAsciiDigit(line[i]))
            {
                var j = i;
                while (j < line.Length && char.IsAsciiDigit(line[j]))
                {
                    j++;
                }

                if (j - i > 9 || j + 1 >= line.Length || line[j] is not ('.' or ')') || line[j + 1] != ' ')
                {
                    break;
                }

                continuation.Append(' ', j - i + 2);
                marker = true;
                i = j + 2;
            }
            else
            {
                break;
            }
        }

        return marker ? continuation.ToString() : null;
    }

    /// <summary>
    /// Writes modules' text or Markdown on within the list item or quote their line starts: each line after the first
    /// begins with <paramref name="continuation"/> (<see cref="ContinuationOf"/>); a blank line stays blank in a list
    /// item (text output drops it, as it does in an item's own paragraphs, when <paramref name="dropBlank"/>), and is
    /// the quote's marks in a quote. Returns also where each position of <paramref name="text"/> (and its end) lands.
    /// </summary>
    public static (string Text, int[] Map) Continue(string text, string continuation, bool dropBlank)
    {
        var map = new int[text.Length + 1];
        var quote = continuation.Contains('>', StringComparison.Ordinal);
        var blank = quote ? continuation.TrimEnd() : string.Empty;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            map[i] = builder.Length;
            builder.Append(text[i]);
            if (text[i] != '\n' || i + 1 >= text.Length)
            {
                continue;
            }

            var isBlank = text[i + 1] == '\n';
            if (!isBlank)
            {
                builder.Append(continuation);
            }
            else if (quote)
            {
                builder.Append(blank);
            }
            else if (dropBlank)
            {
                // The line break that ended the line before stands for the blank one too.
                map[i + 1] = builder.Length;
                i++;
                if (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    builder.Append(continuation);
                }
            }
        }

        map[text.Length] = builder.Length;
        return (builder.ToString(), map);
    }

    /// <summary>Writes modules' text as words within a line: every run of white space that holds a line break becomes one space.</summary>
    public static string JoinText(IEnumerable<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            var text = part.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var i = 0;
            while (i < text.Length)
            {
                if (char.IsWhiteSpace(text[i]))
                {
                    var j = i;
                    var lineBreak = false;
                    while (j < text.Length && char.IsWhiteSpace(text[j]))
                    {
                        lineBreak |= text[j] is '\n' or '\r';
                        j++;
                    }

                    builder.Append(lineBreak ? " " : text[i..j]);
                    i = j;
                }
                else
                {
                    builder.Append(text[i++]);
                }
            }
        }

        return builder.ToString();
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
        return IsVoid(name.ToString().ToLowerInvariant());
    }

    /// <summary>Whether an element (by its lower-case name) has no end tag.</summary>
    public static bool IsVoid(string name) => name is "br" or "img" or "hr" or "wbr" or "input" or "meta" or "link" or "area" or "base" or "col" or "embed" or "source" or "track";

    /// <summary>Elements that hold only phrasing content (words and inline markup): no paragraph, list or table may stand in them.</summary>
    private static readonly HashSet<string> PhrasingOnly =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "code", "span", "small",
        "mark", "sub", "sup", "label", "button", "q", "cite", "abbr", "dfn", "kbd", "samp", "var", "time", "caption", "pre",
        "summary", "legend", "font", "big", "strike", "tt",
    ];

    /// <summary>Elements that are blocks: none can be written within a line.</summary>
    /// <summary>Whether an element (by its lower-case name) is a block, which cannot stand within a line.</summary>
    public static bool IsBlock(string name) => Blocks.Contains(name);

    private static readonly HashSet<string> Blocks =
    [
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "dd", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav",
        "ol", "p", "pre", "section", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "summary", "center",
    ];
}

/// <summary>Where a slot stands in web HTML when it is not a paragraph of its own (see <see cref="InlineSlot.PlaceOf"/>).</summary>
internal enum SlotPlace
{
    /// <summary>Where blocks may stand: the modules go in as they are (one module of one paragraph loses its <c>&lt;p&gt;</c>).</summary>
    Flow,

    /// <summary>Directly in a paragraph: the modules split it.</summary>
    Paragraph,

    /// <summary>Within a line that cannot hold paragraphs: the modules' paragraphs become its words.</summary>
    Inline,
}
