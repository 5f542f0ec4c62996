namespace OneToOne.Composition.Email.Html;

/// <summary>
/// The width a side's border adds to a block, for the ghost table of <see cref="OutlookWidths"/>: a
/// <c>max-width: 600px; padding: 0 24px; border: 1px solid</c> box is 650 pixels wide in a browser (content-box).
/// </summary>
/// <remarks>
/// A side's width is its <c>border-*-width</c> (initially <c>medium</c>) in pixels, or the keyword's as browsers draw it:
/// <c>thin</c> 1, <c>medium</c> 3, <c>thick</c> 5 (CSS leaves these to the browser; Chrome, Firefox and Safari agree). It
/// counts only when the side's style shows a border (<c>solid</c>, <c>dashed</c>, …): with <c>none</c> or <c>hidden</c>
/// (the initial style, so <c>border: 1px</c> draws nothing, and <c>border-style: initial</c> or <c>unset</c> neither) the
/// width is 0. A width in units the composer cannot tell in pixels (<c>%</c> is no border width; <c>calc()</c>, an
/// <c>em</c> of an unknown font size), or a width or style it cannot read (<c>var()</c>, <c>inherit</c>), counts as 0,
/// as such padding is left.
/// </remarks>
internal static class Border
{
    private static readonly HashSet<string> Styles = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StylesBySpan = Styles.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The styles that draw a border.</summary>
    private static readonly HashSet<string> Drawn = new(StringComparer.OrdinalIgnoreCase)
    {
        "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
    };

    /// <summary>
    /// The width and style a <c>border</c>, <c>border-left</c> or <c>border-right</c> shorthand sets: <c>medium</c> and
    /// <c>none</c> unless given. Read in place (this runs for each message): a style or keyword is returned as the set's
    /// own string, and only a width in units is copied.
    /// </summary>
    public static (string Width, string Style) Shorthand(string value)
    {
        var width = "medium";
        var style = "none";
        var text = value.AsSpan();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            // One value, with a colour function's parentheses (rgb(0, 0, 0)).
            var start = i;
            for (var depth = 0; i < text.Length && (depth > 0 || !char.IsWhiteSpace(text[i])); i++)
            {
                depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            }

            var token = text[start..i];
            if (StylesBySpan.TryGetValue(token, out var named))
            {
                style = named;
            }
            else if (KeywordName(token) is { } keyword)
            {
                width = keyword;
            }
            else if (token.Length > 0 && (char.IsAsciiDigit(token[0]) || token[0] is '.' or '+' or '-' || IsFunction(token)))
            {
                // A length, signed too (a negative one makes the declaration invalid: the caller drops it), or calc() and the like.
                width = token.ToString();
            }
            else if (token.StartsWith("var(", StringComparison.OrdinalIgnoreCase))
            {
                // The whole value is the variable's, known only in the client: neither width nor style can be read.
                return (token.ToString(), token.ToString());
            }
        }

        return (width, style);
    }

    /// <summary>
    /// A side's border width in pixels as browsers draw it (0 when its style draws none or the width cannot be read): a
    /// length (<see cref="CssLength"/>) snapped as CSS Values 4 snaps a border width, at one device pixel a CSS pixel (a
    /// width above 1 rounded down to whole pixels, a width between 0 and 1 up to 1: <c>1.5px</c> is 1, <c>0.75pt</c> 1).
    /// </summary>
    /// <param name="width">The side's width, or null for the initial <c>medium</c>.</param>
    /// <param name="style">The side's style, or null for the initial <c>none</c>.</param>
    /// <param name="em">The element's font size in pixels, or null when unknown.</param>
    /// <param name="rem">The root's font size in pixels, or null when unknown.</param>
    public static double Pixels(string? width, string? style, double? em, double? rem)
    {
        if (style is null || !Drawn.Contains(style))
        {
            return 0;
        }

        width ??= "medium";
        return KeywordName(width) switch
        {
            "thin" => 1,
            "medium" => 3,
            "thick" => 5,
            _ => CssLength.Pixels(width, em, rem) is { } pixels and > 0 ? (pixels < 1 ? 1 : Math.Floor(pixels)) : 0,
        };
    }

    /// <summary>Whether a value is a math function (<c>calc()</c>, <c>min()</c>, <c>max()</c>, <c>clamp()</c>), a width the composer cannot read.</summary>
    private static bool IsFunction(ReadOnlySpan<char> token) =>
        token.StartsWith("calc(", StringComparison.OrdinalIgnoreCase) || token.StartsWith("min(", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("max(", StringComparison.OrdinalIgnoreCase) || token.StartsWith("clamp(", StringComparison.OrdinalIgnoreCase);

    /// <summary>A width keyword in lower case (<c>thin</c>, <c>medium</c>, <c>thick</c>), or null.</summary>
    private static string? KeywordName(ReadOnlySpan<char> width) =>
        width.Equals("thin", StringComparison.OrdinalIgnoreCase) ? "thin"
        : width.Equals("medium", StringComparison.OrdinalIgnoreCase) ? "medium"
        : width.Equals("thick", StringComparison.OrdinalIgnoreCase) ? "thick"
        : null;
}
