using System.Globalization;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Gives Outlook on Windows the widths it cannot read: Word's engine ignores <c>max-width</c>, so the example's
/// <c>.sheet { max-width: 600px; margin: 0 auto }</c> was as wide as the reading pane there. Each block whose style (its
/// own, or the layout's, inlined) sets a <c>max-width</c> in pixels is put in a table of that width that only Outlook
/// sees (a "ghost" table, in <c>&lt;!--[if mso]&gt;</c> conditional comments, which every other client takes for
/// comments), centred when its side margins are <c>auto</c>, right-aligned when only its left one is.
/// </summary>
/// <remarks>
/// The table is the <c>max-width</c> wide, as the box's content is elsewhere (as <c>box-sizing: content-box</c> has it);
/// Word ignores a <c>&lt;div&gt;</c>'s side padding, so there the content fills the table. A width in other units
/// (<c>%</c>, <c>em</c>) is left, as the composer cannot tell its pixels, and so are inline blocks
/// (<c>display: inline-block</c>, the columns of a "hybrid" layout, which need one table with a cell per column) and
/// elements that cannot stand in a table cell's place (a <c>&lt;td&gt;</c>, a <c>&lt;span&gt;</c>). A layout that writes
/// conditional comments for Outlook itself (<c>&lt;!--[if mso]&gt;</c>) has its widths left to it: another table in
/// its own would be one too many.
/// </remarks>
internal static class OutlookWidths
{
    /// <summary>The elements put in a ghost table: blocks that can stand in a table cell.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "div", "table", "section", "article", "main", "header", "footer", "aside", "nav", "center", "form", "figure", "blockquote",
    };

    /// <summary>Puts each block with a pixel <c>max-width</c> in a ghost table.</summary>
    /// <param name="document">The document, its CSS inlined.</param>
    /// <returns>Whether the document changed.</returns>
    public static bool AddGhostTables(IDocument document)
    {
        if (document.Body is not { } body)
        {
            return false;
        }

        // One walk of the tree, without the enumerators and lists a query would allocate for each message.
        List<(IElement Element, string Width, string? Align)>? found = null;
        for (var node = document.FirstChild; node is not null; node = Next(node, document))
        {
            if (node is IComment comment && IsConditional(comment))
            {
                return false;
            }

            if (node is IElement element && Blocks.Contains(element.LocalName) && element.GetAttribute("style") is { } style
                && Ghost(style) is { } ghost && body.Contains(element) && element != body)
            {
                (found ??= []).Add((element, ghost.Width, ghost.Align));
            }
        }

        if (found is null)
        {
            return false;
        }

        foreach (var (element, width, align) in found)
        {
            element.Before(document.CreateComment(Opening(width, align)));
            element.After(document.CreateComment(Closing));
        }

        return true;
    }

    /// <summary>The text of the comment that opens a ghost table (a comment's text, between <c>&lt;!--</c> and <c>--&gt;</c>).</summary>
    internal static string Opening(string width, string? align) =>
        "[if mso]><table role=\"presentation\" width=\"" + width + "\"" + (align is null ? string.Empty : " align=\"" + align + "\"")
        + " cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]";

    /// <summary>The text of the comment that closes a ghost table.</summary>
    internal const string Closing = "[if mso]></td></tr></table><![endif]";

    /// <summary>The width and alignment of the ghost table a style asks for, or null.</summary>
    private static (string Width, string? Align)? Ghost(string style)
    {
        string? width = null;
        string? left = null;
        string? right = null;
        var widthImportant = false;
        var leftImportant = false;
        var rightImportant = false;
        foreach (var (name, value, isImportant) in StyleSheetCache.Current.Declaration(style))
        {
            switch (name)
            {
                case "max-width":
                    Set(ref width, ref widthImportant, value.Trim(), isImportant);
                    break;
                case "display" when value.Trim().StartsWith("inline", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase):
                    return null;
                case "margin":
                    var sides = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sides.Length is >= 1 and <= 4)
                    {
                        Set(ref right, ref rightImportant, sides[sides.Length == 1 ? 0 : 1], isImportant);
                        Set(ref left, ref leftImportant, sides[sides.Length switch { 1 => 0, 4 => 3, _ => 1 }], isImportant);
                    }

                    break;
                case "margin-left":
                    Set(ref left, ref leftImportant, value.Trim(), isImportant);
                    break;
                case "margin-right":
                    Set(ref right, ref rightImportant, value.Trim(), isImportant);
                    break;
            }
        }

        if (width is null || HtmlPreparer.Pixels(width) is not { } pixels || pixels == "0")
        {
            return null;
        }

        var leftAuto = IsAuto(left);
        return (pixels, leftAuto && IsAuto(right) ? "center" : leftAuto ? "right" : null);

        // A later declaration wins, unless an earlier one is !important and it is not.
        static void Set(ref string? side, ref bool important, string value, bool isImportant)
        {
            if (isImportant || !important)
            {
                side = value;
                important = isImportant;
            }
        }

        static bool IsAuto(string? value) => string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The node after <paramref name="node"/> in document order, or null.</summary>
    private static INode? Next(INode node, IDocument document)
    {
        if (node.FirstChild is { } child)
        {
            return child;
        }

        for (var at = node; at is not null && at != document; at = at.Parent)
        {
            if (at.NextSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    /// <summary>Whether a comment is a conditional comment for Outlook (<c>&lt;!--[if mso]&gt;</c>, <c>&lt;!--[if !mso]&gt;</c>, <c>&lt;!--[if gte mso 9]&gt;</c>).</summary>
    private static bool IsConditional(IComment comment)
    {
        var text = comment.Data.AsSpan().TrimStart();
        return text.StartsWith("[if", StringComparison.OrdinalIgnoreCase) && text.Contains("mso", StringComparison.OrdinalIgnoreCase);
    }
}
