using System.Globalization;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Gives Outlook on Windows the widths it cannot read: Word's engine ignores <c>max-width</c>, so the example's
/// <c>.sheet { max-width: 600px; margin: 0 auto }</c> was as wide as the reading pane there. Each block whose style (its
/// own, or the layout's, inlined) sets a <c>max-width</c> in pixels is put in a table of that width that only Outlook
/// sees (a "ghost" table, in <c>&lt;!--[if mso]&gt;</c> conditional comments, which every other client takes for
/// comments), centred when its side margins are <c>auto</c>, right-aligned when only its left one is, left-aligned when
/// only its right one is in a right-to-left message (where it would otherwise start at the right).
/// </summary>
/// <remarks>
/// A body with a pixel <c>max-width</c> has its content put in such a table, unless that content is one block with a
/// table of its own (the Gmail wrapper, which repeats the body's width: <see cref="BodyWrapper"/>).
/// The table is as wide as the box is elsewhere, and its cell carries the block's background colour and side padding,
/// which Word does not draw on a <c>&lt;div&gt;</c> (see <see cref="Cell"/>). Lengths count in the units CSS fixes in
/// pixels (<c>pt</c>, <c>rem</c>, <c>em</c> of a known font size: <see cref="CssLength"/>), summed exactly and rounded
/// once. A width in other units (<c>%</c>, <c>em</c> of the client's font size) is left, as the composer cannot tell its
/// pixels, and so are inline blocks
/// (<c>display: inline-block</c>, the columns of a "hybrid" layout, which need one table with a cell per column) and
/// elements that cannot stand in a table cell's place (a <c>&lt;td&gt;</c>, a <c>&lt;span&gt;</c>).
/// <para>
/// A layout that writes its own conditional comments for Outlook has the elements they wrap left to it, but only those
/// (<see cref="IsLayoutsOwn"/>): an element after a comment among its or an ancestor's earlier siblings that opens more
/// elements than it closes (<c>&lt;!--[if mso]&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;![endif]--&gt;</c>, MJML's
/// <c>[if mso | IE]</c>, a VML <c>&lt;v:rect&gt;</c>) and not yet closed by a later one, or whose own first comment
/// child does so (the layout's table inside it), is in the layout's table already; one in a
/// <c>&lt;!--[if !mso]&gt;&lt;!--&gt;</c> … <c>&lt;!--&lt;![endif]--&gt;</c> part is hidden from Outlook, and a
/// table's <c>&lt;![endif]</c> there would end that part early (conditional comments do not nest). Comments that open
/// nothing they leave open — the <c>&lt;o:OfficeDocumentSettings&gt;</c> block in <c>&lt;head&gt;</c>, an
/// Outlook-only <c>&lt;style&gt;</c>, a whole VML button — and those in <c>&lt;head&gt;</c> stop no table. Only
/// conditions that name <c>mso</c> count; one with a <c>!</c> is taken as one Outlook does not read.
/// </para>
/// </remarks>
internal static class OutlookWidths
{
    /// <summary>The elements put in a ghost table: blocks that can stand in a table cell.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "div", "table", "section", "article", "main", "header", "footer", "aside", "nav", "center", "form", "figure", "blockquote",
    };

    /// <summary>The elements that have no end tag, which markup opens without leaving them open.</summary>
    private static readonly string[] VoidElements = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

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
        List<(IElement Element, string Opening)>? found = null;
        for (var node = document.FirstChild; node is not null; node = Next(node, document))
        {
            if (node is IElement element && Blocks.Contains(element.LocalName) && element.GetAttribute("style") is { } style
                && Ghost(element, style, bare: element.LocalName == "table") is { } opening && body.Contains(element) && element != body && !IsLayoutsOwn(element))
            {
                (found ??= []).Add((element, opening));
            }
        }

        // The body's own max-width: its content in one table (a bare cell: the body's background and padding Word draws),
        // unless that content is one block with a table of its own, as the Gmail wrapper that repeats the width is.
        var bodyOpening = body.GetAttribute("style") is { } bodyStyle && Ghost(body, bodyStyle, bare: true) is { } opened
            && !IsOneGhostedBlock(body, found) && !IsLayoutsOwn(body) ? opened : null;
        if (found is null && bodyOpening is null)
        {
            return false;
        }

        foreach (var (element, opening) in found ?? [])
        {
            element.Before(document.CreateComment(opening));
            element.After(document.CreateComment(Closing));
        }

        if (bodyOpening is not null)
        {
            body.Prepend(document.CreateComment(bodyOpening));
            body.AppendChild(document.CreateComment(Closing));
        }

        return true;
    }

    /// <summary>The text of the comment that opens a ghost table (a comment's text, between <c>&lt;!--</c> and <c>--&gt;</c>).</summary>
    /// <param name="width">The table's width in pixels.</param>
    /// <param name="align">Its <c>align</c>, or null.</param>
    /// <param name="cell">The cell's attributes, each after a space, or empty.</param>
    internal static string Opening(string width, string? align, string cell) =>
        "[if mso]><table role=\"presentation\" width=\"" + width + "\"" + (align is null ? string.Empty : " align=\"" + align + "\"")
        + " cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td" + cell + "><![endif]";

    /// <summary>The text of the comment that closes a ghost table.</summary>
    internal const string Closing = "[if mso]></td></tr></table><![endif]";

    /// <summary>
    /// The opening comment of the ghost table a style asks for, or null: its width and alignment, and, for a block other
    /// than a table, the cell's background colour and side padding (see <see cref="Cell"/>). Lengths count in any unit
    /// <see cref="CssLength"/> tells in pixels; logical properties (<c>padding-inline</c>, <c>border-inline-start</c>,
    /// <c>margin-inline</c>) stand for the sides the element's direction gives them (<see cref="IsRightToLeft"/>); and a
    /// declaration CSS drops as invalid (a negative padding or border width) is no declaration.
    /// </summary>
    private static string? Ghost(IElement element, string style, bool bare)
    {
        Declared width = default, left = default, right = default, background = default, paddingLeft = default, paddingRight = default, boxSizing = default;
        Declared borderLeftWidth = default, borderRightWidth = default, borderLeftStyle = default, borderRightStyle = default;
        bool? rightToLeft = null;
        var directionRead = false;
        bool? vertical = null;
        foreach (var (name, value, isImportant) in StyleSheetCache.Current.Declaration(style))
        {
            switch (name)
            {
                case "max-width" when !CssLength.IsNegative(value):
                    width.Set(value.Trim(), isImportant);
                    break;
                case "display" when value.Trim().StartsWith("inline", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase):
                    return null;
                case "mso-hide" when value.Trim().Equals("all", StringComparison.OrdinalIgnoreCase):
                    // Hidden from Outlook (a block for other clients only): its table, outside it, would show there empty.
                    return null;
                case "margin" when HorizontalSides(value) is var (marginRight, marginLeft):
                    right.Set(marginRight, isImportant);
                    left.Set(marginLeft, isImportant);
                    break;
                case "margin-left":
                    left.Set(value.Trim(), isImportant);
                    break;
                case "margin-right":
                    right.Set(value.Trim(), isImportant);
                    break;
                case "margin-inline" or "margin-inline-start" or "margin-inline-end" when !Vertical():
                    Logical(ref left, ref right, name, value, isImportant, Direction());
                    break;
                case "background" or "background-color":
                    background.Set(value.Trim(), isImportant);
                    break;
                case "padding" when !CssLength.AnyNegative(value) && HorizontalSides(value) is var (sideRight, sideLeft):
                    paddingRight.Set(sideRight, isImportant);
                    paddingLeft.Set(sideLeft, isImportant);
                    break;
                case "padding-left" when !CssLength.IsNegative(value):
                    paddingLeft.Set(value.Trim(), isImportant);
                    break;
                case "padding-right" when !CssLength.IsNegative(value):
                    paddingRight.Set(value.Trim(), isImportant);
                    break;
                case "padding-inline" or "padding-inline-start" or "padding-inline-end" when !CssLength.AnyNegative(value) && !Vertical():
                    Logical(ref paddingLeft, ref paddingRight, name, value, isImportant, Direction());
                    break;
                case "box-sizing":
                    boxSizing.Set(value.Trim(), isImportant);
                    break;
                case "border" or "border-left" or "border-right" or "border-inline" or "border-inline-start" or "border-inline-end":
                    // A border shorthand sets its sides' width and style, each to its initial value (medium, none) when not given.
                    var (sideWidth, sideStyle) = Border.Shorthand(value);
                    if (CssLength.IsNegative(sideWidth) || (name.StartsWith("border-inline", StringComparison.Ordinal) && Vertical()))
                    {
                        break;
                    }

                    var (setsLeft, setsRight) = name switch
                    {
                        "border" or "border-inline" => (true, true),
                        "border-left" => (true, false),
                        "border-right" => (false, true),
                        _ => Sides(name.EndsWith("-start", StringComparison.Ordinal), Direction()),
                    };
                    if (setsLeft)
                    {
                        borderLeftWidth.Set(sideWidth, isImportant);
                        borderLeftStyle.Set(sideStyle, isImportant);
                    }

                    if (setsRight)
                    {
                        borderRightWidth.Set(sideWidth, isImportant);
                        borderRightStyle.Set(sideStyle, isImportant);
                    }

                    if (!setsLeft && !setsRight)
                    {
                        // One side, but which the composer cannot tell (dir="auto"): neither is known.
                        borderLeftWidth.Set(Unknown, isImportant);
                        borderRightWidth.Set(Unknown, isImportant);
                    }

                    break;
                case "border-width" when !CssLength.AnyNegative(value) && HorizontalSides(value) is var (widthRight, widthLeft):
                    borderRightWidth.Set(widthRight, isImportant);
                    borderLeftWidth.Set(widthLeft, isImportant);
                    break;
                case "border-style" when HorizontalSides(value) is var (styleRight, styleLeft):
                    borderRightStyle.Set(styleRight, isImportant);
                    borderLeftStyle.Set(styleLeft, isImportant);
                    break;
                case "border-left-width" when !CssLength.IsNegative(value):
                    borderLeftWidth.Set(value.Trim(), isImportant);
                    break;
                case "border-right-width" when !CssLength.IsNegative(value):
                    borderRightWidth.Set(value.Trim(), isImportant);
                    break;
                case "border-inline-width" or "border-inline-start-width" or "border-inline-end-width" when !CssLength.AnyNegative(value) && !Vertical():
                    Logical(ref borderLeftWidth, ref borderRightWidth, name, value, isImportant, Direction());
                    break;
                case "border-left-style":
                    borderLeftStyle.Set(value.Trim(), isImportant);
                    break;
                case "border-right-style":
                    borderRightStyle.Set(value.Trim(), isImportant);
                    break;
                case "border-inline-style" or "border-inline-start-style" or "border-inline-end-style" when !Vertical():
                    Logical(ref borderLeftStyle, ref borderRightStyle, name, value, isImportant, Direction());
                    break;
            }
        }

        // The font sizes em and rem are of, read only for a length that needs them.
        double? em = null, rem = null;
        if (CssLength.IsFontRelative(width.Value) || CssLength.IsFontRelative(paddingLeft.Value) || CssLength.IsFontRelative(paddingRight.Value)
            || CssLength.IsFontRelative(borderLeftWidth.Value) || CssLength.IsFontRelative(borderRightWidth.Value))
        {
            rem = CssLength.RootFontSize(element.Owner!);
            em = CssLength.FontSize(element, rem);
        }

        if (width.Value is null || CssLength.Pixels(width.Value, em, rem) is not { } maxWidth || Math.Round(maxWidth, MidpointRounding.AwayFromZero) <= 0)
        {
            return null;
        }

        var leftAuto = IsAuto(left.Value);
        var rightAuto = IsAuto(right.Value);

        // Only the right margin auto: at the left, which in a right-to-left message is not where a table goes by itself.
        // The ghost table goes where the block is, so it is its parent's direction that counts, not the block's own (a
        // direction: ltr block in a dir="rtl" message); the body's own table is inside it, in the body's direction.
        var align = leftAuto && rightAuto ? "center" : leftAuto ? "right"
            : rightAuto && (element.LocalName == "body" ? element : element.ParentElement) is { } context && IsRightToLeft(context) == true ? "left" : null;
        if (bare)
        {
            // A table's own background and cells Word draws (the ghost cell would paint past a table narrower than it), as it does the body's.
            return Opening(Whole(maxWidth), align, string.Empty);
        }

        var borders = Border.Pixels(borderLeftWidth.Value, borderLeftStyle.Value, em, rem) + Border.Pixels(borderRightWidth.Value, borderRightStyle.Value, em, rem);
        var (tableWidth, cell) = Cell(maxWidth, background.Value, paddingLeft.Value, paddingRight.Value, borders, string.Equals(boxSizing.Value, "border-box", StringComparison.OrdinalIgnoreCase), em, rem);
        return Opening(tableWidth, align, cell);

        // The right and left values of a margin or padding shorthand of one to four values (top right bottom left), or null.
        static (string Right, string Left)? HorizontalSides(string value)
        {
            Span<Range> values = stackalloc Range[5];
            var count = BoxShorthand.Split(value, values);
            return count == 0 ? null : (value[values[BoxShorthand.Index(1, count)]], value[values[BoxShorthand.Index(3, count)]]);
        }

        static bool IsAuto(string? value) => string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase);

        bool? Direction()
        {
            if (!directionRead)
            {
                (rightToLeft, directionRead) = (IsRightToLeft(element), true);
            }

            return rightToLeft;
        }

        // In a vertical writing mode the inline sides are the top and bottom: a logical inline property sets no width.
        bool Vertical() => vertical ??= IsVertical(element);
    }

    /// <summary>
    /// Whether an element's writing mode, its style's <c>writing-mode</c> or else its parent's (inherited), is vertical
    /// (<c>vertical-rl</c>, <c>sideways-lr</c>, the SVG <c>tb-rl</c>), where the inline axis runs top to bottom.
    /// </summary>
    private static bool IsVertical(IElement element)
    {
        for (var at = element; at is not null; at = at.ParentElement)
        {
            if (OwnValue(at, "writing-mode") is { } mode && !mode.Equals("inherit", StringComparison.OrdinalIgnoreCase) && !mode.Equals("unset", StringComparison.OrdinalIgnoreCase))
            {
                return mode.StartsWith("vertical-", StringComparison.OrdinalIgnoreCase) || mode.StartsWith("sideways-", StringComparison.OrdinalIgnoreCase)
                    || mode.StartsWith("tb", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    /// <summary>
    /// The value, trimmed, that an element's own <c>style</c> gives <paramref name="property"/>: the last declaration, or
    /// the last <c>!important</c> one; null when it declares none.
    /// </summary>
    private static string? OwnValue(IElement element, string property)
    {
        string? declared = null;
        var important = false;
        if (element.GetAttribute("style") is { } style)
        {
            foreach (var (name, value, isImportant) in StyleSheetCache.Current.Declaration(style))
            {
                if (name == property && (isImportant || !important))
                {
                    (declared, important) = (value.Trim(), isImportant);
                }
            }
        }

        return declared;
    }

    /// <summary>What stands for a side whose value the composer cannot tell (a logical one where the direction is unknown).</summary>
    private const string Unknown = "unknown";

    /// <summary>A table width in whole pixels, rounded as an image's pixel size is (half away from zero).</summary>
    private static string Whole(double pixels) => Math.Round(pixels, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    /// <summary>Which physical sides an inline-start (or inline-end) side is: left and right in that order; neither when the direction is unknown.</summary>
    private static (bool Left, bool Right) Sides(bool start, bool? rightToLeft) => rightToLeft switch
    {
        null => (false, false),
        true => (!start, start),
        false => (start, !start),
    };

    /// <summary>
    /// Sets the left and right sides a logical property gives a value: <c>*-inline</c> (one value for both, or start and
    /// end), <c>*-inline-start</c> or <c>*-inline-end</c> (one side), as the direction maps them; where it is unknown, both
    /// are unknown unless both get one value.
    /// </summary>
    private static void Logical(ref Declared left, ref Declared right, string name, string value, bool isImportant, bool? rightToLeft)
    {
        string start, end;
        if (name.EndsWith("-start", StringComparison.Ordinal) || name.EndsWith("-start-width", StringComparison.Ordinal) || name.EndsWith("-start-style", StringComparison.Ordinal))
        {
            (start, end) = (value.Trim(), string.Empty);
        }
        else if (name.EndsWith("-end", StringComparison.Ordinal) || name.EndsWith("-end-width", StringComparison.Ordinal) || name.EndsWith("-end-style", StringComparison.Ordinal))
        {
            (start, end) = (string.Empty, value.Trim());
        }
        else
        {
            Span<Range> values = stackalloc Range[3];
            var count = value.AsSpan().Split(values, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (count is not (1 or 2))
            {
                return; // invalid: dropped
            }

            start = value[values[0]];
            end = count == 2 ? value[values[1]] : start;
        }

        if (rightToLeft is null)
        {
            if (start.Length > 0 && start == end)
            {
                left.Set(start, isImportant);
                right.Set(end, isImportant);
            }
            else
            {
                left.Set(Unknown, isImportant);
                right.Set(Unknown, isImportant);
            }

            return;
        }

        var (leftValue, rightValue) = rightToLeft.Value ? (end, start) : (start, end);
        if (leftValue.Length > 0)
        {
            left.Set(leftValue, isImportant);
        }

        if (rightValue.Length > 0)
        {
            right.Set(rightValue, isImportant);
        }
    }

    /// <summary>
    /// Whether an element's direction is right to left: its style's <c>direction</c>, else its <c>dir</c> (<c>ltr</c>,
    /// <c>rtl</c>), else its parent's, left to right at the root. Null when it depends on the text (<c>dir="auto"</c>) or
    /// on what the composer cannot read.
    /// </summary>
    private static bool? IsRightToLeft(IElement element)
    {
        for (var at = element; at is not null; at = at.ParentElement)
        {
            switch (OwnValue(at, "direction")?.ToLowerInvariant())
            {
                case "ltr" or "initial":
                    return false;
                case "rtl":
                    return true;
                case null or "inherit" or "unset":
                    break;
                default:
                    return null;
            }

            switch (at.GetAttribute("dir")?.Trim().ToLowerInvariant())
            {
                case "ltr":
                    return false;
                case "rtl":
                    return true;
                case "auto":
                    return null;
            }
        }

        return false;
    }

    /// <summary>A property's value as a style declares it: a later declaration wins, unless an earlier one is !important and it is not.</summary>
    private struct Declared
    {
        public string? Value { get; private set; }

        private bool _important;

        public void Set(string value, bool important)
        {
            if (important || !_important)
            {
                Value = value;
                _important = important;
            }
        }
    }

    /// <summary>
    /// The width of a block's ghost table and its cell's attributes. Word paints a <c>&lt;div&gt;</c>'s background only
    /// behind its content and ignores its side padding (its top and bottom padding it keeps), so the cell carries the
    /// background colour as <c>bgcolor</c> and the side padding in pixels, which Outlook then applies once: the div's own
    /// is ignored there. The table is then as wide as the box is elsewhere: the <c>max-width</c>, the side padding and the
    /// side borders (<c>box-sizing: content-box</c>), or the <c>max-width</c> alone (<c>border-box</c>, where it holds
    /// them). The border Word draws on the div itself, inside the cell (see <see cref="Border"/>). The padding is written in
    /// pixels to a thousandth whatever its unit (<c>10pt</c> is <c>13.333px</c>); one the composer cannot tell in pixels is
    /// left, as is a translucent colour (<c>rgba(…, .5)</c>), which a <c>bgcolor</c> would paint solid: an opaque one is
    /// written as <c>#rrggbb</c> whatever its notation (<see cref="CssColor"/>).
    /// </summary>
    private static (string Width, string Cell) Cell(double maxWidth, string? background, string? paddingLeft, string? paddingRight, double borders, bool borderBox, double? em, double? rem)
    {
        var cell = string.Empty;
        var outside = borders;
        if (CssLength.Pixels(paddingLeft ?? "0", em, rem) is { } leftPixels and >= 0 && CssLength.Pixels(paddingRight ?? "0", em, rem) is { } rightPixels and >= 0
            && (leftPixels, rightPixels) is not (0, 0))
        {
            cell = " style=\"padding:0 " + Length(rightPixels) + " 0 " + Length(leftPixels) + "\"";
            outside += leftPixels + rightPixels;
        }

        var width = Whole(borderBox ? maxWidth : maxWidth + outside);

        if (background is not null && CssColor.Background(background) is { } color)
        {
            cell += " bgcolor=\"" + color + "\"";
        }

        return (width, cell);

        // In pixels, to a thousandth (10pt is 13.333px): Word keeps a cell's padding in twentieths of a point.
        static string Length(double pixels) => pixels == 0 ? "0" : Math.Round(pixels, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture) + "px";
    }

    /// <summary>Whether the body's content is one element (and no text) that has a ghost table of its own.</summary>
    private static bool IsOneGhostedBlock(IElement body, List<(IElement Element, string Opening)>? found)
    {
        if (found is null || body.ChildElementCount != 1 || body.FirstElementChild is not { } only)
        {
            return false;
        }

        foreach (var node in body.ChildNodes)
        {
            if (node is IText text && !string.IsNullOrWhiteSpace(text.Data))
            {
                return false;
            }
        }

        foreach (var (element, _) in found)
        {
            if (element == only)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// Whether the layout's own conditional comments already put an element in a table for Outlook, or hide it from Outlook:
    /// a comment opening a table (or anything else) among its first children, or, before it or one of its ancestors
    /// among their siblings, comments opening more than they close, or a <c>[if !mso]&gt;&lt;!</c> not yet ended.
    /// </summary>
    private static bool IsLayoutsOwn(IElement element)
    {
        for (var child = element.FirstChild; child is not null && child is not IElement; child = child.NextSibling)
        {
            if (child is IComment comment && Read(comment.Data) is { Open: > 0 })
            {
                return true;
            }
        }

        for (INode at = element; at.Parent is { } parent && parent is not IDocument; at = parent)
        {
            var open = 0;
            var hidden = false;
            for (var sibling = parent.FirstChild; sibling is not null && sibling != at; sibling = sibling.NextSibling)
            {
                if (sibling is IComment comment && Read(comment.Data) is { } read)
                {
                    open += read.Open;
                    hidden = read.Hides ?? hidden;
                }
            }

            if (open > 0 || hidden)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a comment does in Outlook: how many more elements its conditional markup opens than it closes, and whether it
    /// starts (<c>[if !mso]&gt;&lt;!</c>) or ends (<c>&lt;![endif]</c>) a part hidden from Outlook; null for a comment
    /// that is no conditional for Outlook.
    /// </summary>
    private static (int Open, bool? Hides)? Read(string data)
    {
        var text = data.AsSpan().Trim();
        if (text is "<![endif]")
        {
            return (0, false);
        }

        var close = text.IndexOf(']');
        if (!text.StartsWith("[if", StringComparison.OrdinalIgnoreCase) || close < 0
            || !text[..close].Contains("mso", StringComparison.OrdinalIgnoreCase) || close + 1 >= text.Length || text[close + 1] != '>')
        {
            return null;
        }

        var notForOutlook = text[..close].Contains('!');
        var markup = text[(close + 2)..];
        if (markup is "<!")
        {
            // Downlevel-revealed: what follows, up to <!--<![endif]-->, is for everyone but Outlook when the condition is negated.
            return (0, notForOutlook ? true : null);
        }

        if (notForOutlook)
        {
            return null;
        }

        var end = markup.LastIndexOf("<![endif]", StringComparison.OrdinalIgnoreCase);
        return (Balance(end < 0 ? markup : markup[..end]), null);
    }

    /// <summary>The elements a piece of markup opens less those it closes (void and self-closed elements open none).</summary>
    private static int Balance(ReadOnlySpan<char> markup)
    {
        var open = 0;
        for (var i = 0; i + 1 < markup.Length; i++)
        {
            if (markup[i] != '<')
            {
                continue;
            }

            var closing = markup[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            if (nameStart >= markup.Length || !char.IsAsciiLetter(markup[nameStart]))
            {
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < markup.Length && markup[nameEnd] is not ('>' or '/') && !char.IsWhiteSpace(markup[nameEnd]))
            {
                nameEnd++;
            }

            // The tag's end, past quoted attribute values.
            var end = nameEnd;
            for (var quote = '\0'; end < markup.Length; end++)
            {
                var c = markup[end];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '>')
                {
                    break;
                }
            }

            if (closing)
            {
                open--;
            }
            else if (!(end < markup.Length && markup[end - 1] == '/') && !IsVoid(markup[nameStart..nameEnd]))
            {
                open++;
            }

            i = end;
        }

        return open;
    }

    private static bool IsVoid(ReadOnlySpan<char> name)
    {
        foreach (var empty in VoidElements)
        {
            if (name.Equals(empty, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
