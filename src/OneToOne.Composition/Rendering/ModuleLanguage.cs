using System.Text;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Rendering;

/// <summary>
/// Marks a module's web HTML with its language (<c>lang:</c>) where it differs from the language of the text around it,
/// so a screen reader reads a German greeting in an English message with a German voice (WCAG 2.2 success criterion
/// 3.1.2, Language of Parts). A module placed as a block (a slot in a paragraph of its own) gets the attribute on its one
/// element, or a <c>&lt;div lang&gt;</c> around its elements; a module written within a line or an element
/// (<c>Hello {{ slot "greeting" }},</c>, a slot in a list item or an <c>html</c> override's <c>&lt;td&gt;</c>) gets a
/// <c>&lt;span lang&gt;</c> inside each of its paragraphs, and the attribute on its other elements, before the slot's
/// paragraphs are joined into the line (<see cref="InlineSlot.Fit"/>), so the span is what joins it.
/// </summary>
/// <remarks>
/// A module without <c>lang:</c> is taken to be in the document's language, as before: it is marked only where it stands
/// within a module in another language, so its text is not read with that module's voice. An element the module's own
/// HTML gives a <c>lang</c> keeps it. Only web HTML is marked (web fragments and pages, the email's HTML part, the
/// decision JSON's modules); text and print Markdown have no way to say it.
/// </remarks>
internal static class ModuleLanguage
{
    /// <summary>The tag to mark a module's HTML with where it is written within text in <paramref name="enclosing"/>, or null for none.</summary>
    /// <param name="module">The chosen module (its locale variant, if any).</param>
    /// <param name="document">The document's language, or null when it declares none.</param>
    /// <param name="enclosing">The language of the text around the module: the document's, or that of the module it stands in.</param>
    public static string? ToMark(CompiledModule module, string? document, string? enclosing)
    {
        var language = module.Language ?? document;
        return language is not null && LanguageTag.Differs(language, enclosing) ? language : null;
    }

    /// <summary>Marks the module HTML at <paramref name="output"/>[<paramref name="start"/>..] as a block of its own.</summary>
    public static void MarkBlock(StringBuilder output, int start, string language)
    {
        var html = output.ToString(start, output.Length - start);
        if (html.AsSpan().IsWhiteSpace())
        {
            return;
        }

        var items = TopLevel(html);
        var elements = items?.FindAll(static i => i.Name is not null);
        if (items is not null && elements!.Count == 1 && items.TrueForAll(static i => i.Name is not null || i.Blank))
        {
            var root = elements[0];
            if (!root.HasLang)
            {
                output.Insert(start + root.NameEnd, Attribute(language));
            }

            return;
        }

        output.Length = start;
        output.Append("<div").Append(Attribute(language)).Append(">\n").Append(html).Append("\n</div>");
    }

    /// <summary>
    /// Marks the module HTML at <paramref name="output"/>[<paramref name="start"/>..] for a place within a line or an
    /// element: each paragraph's content and each run of words between elements in a <c>&lt;span lang&gt;</c>, the
    /// attribute on other elements. HTML whose elements cannot be told apart (a tag left open) goes in one span.
    /// </summary>
    public static void MarkInline(StringBuilder output, int start, string language)
    {
        var html = output.ToString(start, output.Length - start);
        if (html.AsSpan().IsWhiteSpace())
        {
            return;
        }

        var open = "<span" + Attribute(language) + ">";
        if (TopLevel(html) is not { } items)
        {
            output.Length = start;
            output.Append(open).Append(html).Append("</span>");
            return;
        }

        var marked = new StringBuilder(html.Length + 64);
        var at = 0;
        var runStart = -1;
        var runEnd = -1;
        foreach (var item in items)
        {
            if (item.Name is null || !InlineSlot.IsBlock(item.Name))
            {
                // Words and phrasing elements (a link, emphasis, an image) run together into one span, white space at its edges left out.
                if (!item.Blank)
                {
                    runStart = runStart < 0 ? item.Start + LeadingSpace(html, item) : runStart;
                    runEnd = item.End - TrailingSpace(html, item);
                }

                continue;
            }

            at = FlushRun(marked, html, at, ref runStart, runEnd, open);
            if (item.Name == "p" && !item.HasLang && item.ContentEnd > item.ContentStart && !html.AsSpan(item.ContentStart, item.ContentEnd - item.ContentStart).IsWhiteSpace())
            {
                marked.Append(html, at, item.ContentStart - at).Append(open).Append(html, item.ContentStart, item.ContentEnd - item.ContentStart).Append("</span>");
                at = item.ContentEnd;
            }
            else if (!item.HasLang)
            {
                marked.Append(html, at, item.NameEnd - at).Append(Attribute(language));
                at = item.NameEnd;
            }
        }

        at = FlushRun(marked, html, at, ref runStart, runEnd, open);
        marked.Append(html, at, html.Length - at);
        output.Length = start;
        output.Append(marked);
    }

    private static int FlushRun(StringBuilder marked, string html, int at, ref int runStart, int runEnd, string open)
    {
        if (runStart < 0)
        {
            return at;
        }

        marked.Append(html, at, runStart - at).Append(open).Append(html, runStart, runEnd - runStart).Append("</span>");
        runStart = -1;
        return runEnd;
    }

    private static int LeadingSpace(string html, Item item)
    {
        var i = item.Start;
        while (i < item.End && char.IsWhiteSpace(html[i]))
        {
            i++;
        }

        return i - item.Start;
    }

    private static int TrailingSpace(string html, Item item)
    {
        var i = item.End;
        while (i > item.Start && char.IsWhiteSpace(html[i - 1]))
        {
            i--;
        }

        return item.End - i;
    }

    private static string Attribute(string language) => " lang=\"" + System.Net.WebUtility.HtmlEncode(language) + "\"";

    /// <summary>
    /// The HTML's top-level items: its elements (with where the name ends, where the content starts and ends, whether
    /// it has a <c>lang</c>) and the runs of text and comments between them; null when an element is not closed, or an
    /// end tag closes none, which the scan does not guess at.
    /// </summary>
    private static List<Item>? TopLevel(string html)
    {
        var items = new List<Item>();
        var stack = new Stack<string>();
        var textStart = 0;
        Item root = default;
        var at = 0;
        while (at < html.Length)
        {
            var lt = html.IndexOf('<', at);
            if (lt < 0)
            {
                break;
            }

            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                at = close < 0 ? html.Length : close + 3;
                continue;
            }

            var closing = lt + 1 < html.Length && html[lt + 1] == '/';
            var nameStart = lt + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // '<' that starts no tag (a '<!doctype>' or '<?' never stands in a module) is text.
                at = lt + 1;
                continue;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var (tagEnd, hasLang, selfClosing) = ReadTag(html, nameEnd);
            if (tagEnd < 0)
            {
                return null;
            }

            if (closing)
            {
                if (stack.Count == 0 || stack.Pop() != name)
                {
                    return null;
                }

                if (stack.Count == 0)
                {
                    items.Add(root with { ContentEnd = lt, End = tagEnd });
                    textStart = tagEnd;
                }
            }
            else
            {
                if (stack.Count == 0)
                {
                    AddText(items, html, textStart, lt);
                    root = new Item(name, lt, nameEnd, tagEnd, tagEnd, tagEnd, hasLang, Blank: false);
                }

                if (selfClosing || InlineSlot.IsVoid(name))
                {
                    if (stack.Count == 0)
                    {
                        items.Add(root);
                        textStart = tagEnd;
                    }
                }
                else
                {
                    stack.Push(name);
                }
            }

            at = tagEnd;
        }

        if (stack.Count > 0)
        {
            return null;
        }

        AddText(items, html, textStart, html.Length);
        return items;
    }

    private static void AddText(List<Item> items, string html, int start, int end)
    {
        if (end > start)
        {
            var blank = html.AsSpan(start, end - start).IsWhiteSpace() || IsComments(html.AsSpan(start, end - start));
            items.Add(new Item(null, start, start, start, end, end, false, blank));
        }
    }

    private static bool IsComments(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        while (text.StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = text.IndexOf("-->", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            text = text[(close + 3)..].TrimStart();
        }

        return text.IsEmpty;
    }

    /// <summary>Reads a tag's attributes from just after its name: where it ends (after its <c>&gt;</c>; -1 when it does not), whether one is <c>lang</c>, whether it ends <c>/&gt;</c>.</summary>
    private static (int End, bool HasLang, bool SelfClosing) ReadTag(string html, int i)
    {
        var lang = false;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return (i + 1, lang, html[i - 1] == '/');
            }

            if (c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return (-1, lang, false);
                }

                i = close + 1;
                continue;
            }

            if (char.IsWhiteSpace(html[i - 1]) && string.Compare(html, i, "lang", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
                && (i + 4 == html.Length || html[i + 4] is '=' or '>' or '/' || char.IsWhiteSpace(html[i + 4])))
            {
                lang = true;
            }

            i++;
        }

        return (-1, lang, false);
    }

    /// <summary>A top-level element (<see cref="Name"/> set) or run of text of a module's HTML.</summary>
    private readonly record struct Item(string? Name, int Start, int NameEnd, int ContentStart, int ContentEnd, int End, bool HasLang, bool Blank);
}
