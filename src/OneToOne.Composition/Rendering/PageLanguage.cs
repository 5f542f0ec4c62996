using System.Globalization;

namespace OneToOne.Composition.Rendering;

/// <summary>
/// Gives a rendered <c>web: layout</c> page the recipient's language and direction where its <c>&lt;html&gt;</c> tag
/// gives none, as the email package does for an email layout. Without <c>lang</c>, a screen reader reads a German page
/// with an English voice (WCAG 2.2 success criterion 3.1.1, Language of Page); without <c>dir="rtl"</c>, Arabic or
/// Hebrew text is laid out left to right.
/// </summary>
/// <remarks>
/// Only an <c>&lt;html&gt;</c> start tag at the head of the page counts (after white space, a byte-order mark, comments,
/// the doctype and processing instructions), which is where HTML allows it; a layout that is a fragment
/// (<c>&lt;main&gt;…&lt;/main&gt;</c>) is left as written, since its page is someone else's. Recipient values cannot
/// make a tag: every value in a layout is HTML-escaped, so a <c>&lt;</c> in the output is the layout's own.
/// </remarks>
internal static class PageLanguage
{
    /// <summary>Returns the page with <c>lang</c> (and <c>dir="rtl"</c> for a right-to-left culture) on its <c>&lt;html&gt;</c> tag when missing.</summary>
    /// <param name="page">The rendered page.</param>
    /// <param name="culture">The recipient's culture.</param>
    /// <param name="language">The language tag to write (the culture's name, or a stand-in for the invariant culture).</param>
    /// <returns>The page, unchanged when it has no leading <c>&lt;html&gt;</c> tag or the tag declares both already.</returns>
    public static string Label(string page, CultureInfo culture, string language)
    {
        var tag = HtmlTagStart(page);
        if (tag < 0)
        {
            return page;
        }

        var (hasLang, hasDir) = ReadAttributes(page, tag + 5);
        var rightToLeft = culture.TextInfo.IsRightToLeft;
        var add = (hasLang ? string.Empty : " lang=\"" + System.Net.WebUtility.HtmlEncode(language) + "\"")
            + (rightToLeft && !hasDir ? " dir=\"rtl\"" : string.Empty);
        return add.Length == 0 ? page : page.Insert(tag + 5, add);
    }

    /// <summary>Finds a leading <c>&lt;html</c> start tag: the index of its <c>&lt;</c>, or -1.</summary>
    private static int HtmlTagStart(string page)
    {
        var i = 0;
        while (i < page.Length)
        {
            var c = page[i];
            if (c == '\uFEFF' || char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (string.CompareOrdinal(page, i, "<!--", 0, 4) == 0)
            {
                var end = page.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return -1;
                }

                i = end + 3;
            }
            else if (c == '<' && i + 1 < page.Length && (page[i + 1] == '!' || page[i + 1] == '?'))
            {
                var end = page.IndexOf('>', i + 2);
                if (end < 0)
                {
                    return -1;
                }

                i = end + 1;
            }
            else
            {
                var isHtml = i + 5 <= page.Length
                    && string.Compare(page, i, "<html", 0, 5, StringComparison.OrdinalIgnoreCase) == 0
                    && (i + 5 == page.Length || page[i + 5] is '>' or '/' || char.IsWhiteSpace(page[i + 5]));
                return isHtml ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>Reads the attribute names of a start tag from just after its name up to its <c>&gt;</c>.</summary>
    private static (bool Lang, bool Dir) ReadAttributes(string page, int i)
    {
        bool lang = false, dir = false;
        while (i < page.Length)
        {
            while (i < page.Length && (char.IsWhiteSpace(page[i]) || page[i] == '/'))
            {
                i++;
            }

            if (i >= page.Length || page[i] == '>')
            {
                break;
            }

            var start = i;
            while (i < page.Length && page[i] != '=' && page[i] != '>' && page[i] != '/' && !char.IsWhiteSpace(page[i]))
            {
                i++;
            }

            var name = page.AsSpan(start, i - start);
            lang |= name.Equals("lang", StringComparison.OrdinalIgnoreCase);
            dir |= name.Equals("dir", StringComparison.OrdinalIgnoreCase);
            while (i < page.Length && char.IsWhiteSpace(page[i]))
            {
                i++;
            }

            if (i < page.Length && page[i] == '=')
            {
                i++;
                while (i < page.Length && char.IsWhiteSpace(page[i]))
                {
                    i++;
                }

                if (i < page.Length && page[i] is '"' or '\'')
                {
                    var close = page.IndexOf(page[i], i + 1);
                    i = close < 0 ? page.Length : close + 1;
                }
                else
                {
                    while (i < page.Length && page[i] != '>' && !char.IsWhiteSpace(page[i]))
                    {
                        i++;
                    }
                }
            }
        }

        return (lang, dir);
    }
}
