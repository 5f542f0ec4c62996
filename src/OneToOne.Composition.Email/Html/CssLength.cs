using System.Globalization;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// CSS lengths in pixels, for the ghost tables of <see cref="OutlookWidths"/>: those CSS fixes exactly. The absolute units
/// are a fixed number of pixels (<c>1pt</c> is 4/3, <c>1pc</c> 16, <c>1in</c> 96, <c>1cm</c> 96/2.54, <c>1mm</c> and
/// <c>1Q</c> a tenth and a fortieth of that); <c>rem</c> is of the root's font size, the one the layout gives
/// <c>&lt;html&gt;</c> or else 16 pixels, the default of browsers; <c>em</c> of the element's own font size, known when
/// its style or an ancestor's sets one in such units (<c>font-size: 20px</c>, <c>font: 15px Georgia</c>, and below it
/// <c>1.2em</c> or <c>120%</c>). Where none does, the size is the client's (Gmail's web page writes messages smaller
/// than a browser's 16 pixels), as it is where an element between chooses its own (a heading, <c>&lt;small&gt;</c>,
/// <c>&lt;font size&gt;</c>, a keyword such as <c>large</c>): then <c>em</c> is left. Percentages, viewport units, <c>ex</c>/<c>ch</c>, <c>calc()</c> and <c>var()</c> are left.
/// </summary>
internal static class CssLength
{
    /// <summary>The font size of <c>medium</c>, the initial one, in pixels: every browser's default.</summary>
    public const double Medium = 16;

    /// <summary>The elements whose font size the browser's own style sheet sets when the layout does not.</summary>
    private static readonly HashSet<string> SizedByBrowser = new(StringComparer.Ordinal)
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "small", "big", "sub", "sup", "code", "kbd", "samp", "tt", "pre", "input", "select", "textarea", "button",
    };

    /// <summary>The system font keywords of the <c>font</c> shorthand, whose size is the system's.</summary>
    private static readonly string[] SystemFonts = ["caption", "icon", "menu", "message-box", "small-caption", "status-bar"];

    /// <summary>A length's number and unit (<c>1.5em</c>: 1.5 and <c>em</c>; <c>0</c>: 0 and no unit), or false.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out double number, out ReadOnlySpan<char> unit)
    {
        text = text.Trim();
        var end = 0;
        if (end < text.Length && text[end] is '+' or '-')
        {
            end++;
        }

        var digits = 0;
        for (; end < text.Length && char.IsAsciiDigit(text[end]); end++)
        {
            digits++;
        }

        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            for (end++; end < text.Length && char.IsAsciiDigit(text[end]); end++)
            {
                digits++;
            }
        }

        // An exponent only where digits follow: the e of 1em is its unit.
        if (digits > 0 && end + 1 < text.Length && text[end] is 'e' or 'E')
        {
            var at = end + 1 + (text[end + 1] is '+' or '-' ? 1 : 0);
            if (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                for (end = at; end < text.Length && char.IsAsciiDigit(text[end]); end++)
                {
                }
            }
        }

        unit = text[end..];
        if (digits == 0 || !double.TryParse(text[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number)
            || !double.IsFinite(number))
        {
            number = 0;
            return false;
        }

        foreach (var c in unit)
        {
            if (!char.IsAsciiLetter(c) && c != '%')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a value is a length or number below zero, which a width, padding or border width cannot be (CSS drops the declaration).</summary>
    public static bool IsNegative(ReadOnlySpan<char> value) => TryRead(value, out var number, out _) && number < 0;

    /// <summary>Whether any of a shorthand's space-separated values is below zero.</summary>
    public static bool AnyNegative(string value)
    {
        foreach (var range in value.AsSpan().SplitAny(' ', '\t', '\n'))
        {
            if (IsNegative(value.AsSpan()[range]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a length is in <c>em</c> or <c>rem</c>, which need font sizes.</summary>
    public static bool IsFontRelative(string? value) =>
        value is not null && TryRead(value, out _, out var unit) && (unit.Equals("em", StringComparison.OrdinalIgnoreCase) || unit.Equals("rem", StringComparison.OrdinalIgnoreCase));

    /// <summary>A length in pixels, exactly as CSS defines it, or null (a percentage, an unknown font size, anything else).</summary>
    /// <param name="value">The length.</param>
    /// <param name="em">The element's font size in pixels, or null when unknown.</param>
    /// <param name="rem">The root's font size in pixels, or null when unknown.</param>
    public static double? Pixels(ReadOnlySpan<char> value, double? em, double? rem)
    {
        if (!TryRead(value, out var number, out var unit))
        {
            return null;
        }

        double? pixels = unit.Length == 0 ? (number == 0 ? 0 : null)
            : unit.Equals("px", StringComparison.OrdinalIgnoreCase) ? number
            : unit.Equals("pt", StringComparison.OrdinalIgnoreCase) ? number * 4 / 3
            : unit.Equals("pc", StringComparison.OrdinalIgnoreCase) ? number * 16
            : unit.Equals("in", StringComparison.OrdinalIgnoreCase) ? number * 96
            : unit.Equals("cm", StringComparison.OrdinalIgnoreCase) ? number * 96 / 2.54
            : unit.Equals("mm", StringComparison.OrdinalIgnoreCase) ? number * 96 / 25.4
            : unit.Equals("q", StringComparison.OrdinalIgnoreCase) ? number * 96 / 101.6
            : unit.Equals("em", StringComparison.OrdinalIgnoreCase) ? number * em
            : unit.Equals("rem", StringComparison.OrdinalIgnoreCase) ? number * rem
            : null;
        return pixels is { } known && Math.Abs(known) < 100_000 ? known : null;
    }

    /// <summary>The root's font size in pixels (for <c>rem</c>), or null when the layout gives one the composer cannot tell.</summary>
    public static double? RootFontSize(IDocument document) =>
        document.DocumentElement is { } root ? Own(root, Medium, Medium, Medium, quirks: false) : Medium;

    /// <summary>An element's font size in pixels (for <c>em</c>), or null when the browser chooses it (see the class).</summary>
    public static double? FontSize(IElement element, double? rem)
    {
        var chain = new List<IElement>();
        for (var at = element; at is not null; at = at.ParentElement)
        {
            chain.Add(at);
        }

        // From the root down: each element's size is its own, else its parent's (in quirks mode a table's is medium).
        var quirks = element.Owner is { } owner && owner.CompatMode == "BackCompat";
        double? size = null;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            size = Own(chain[i], size, i == chain.Count - 1 ? Medium : rem, initial: null, quirks);
        }

        return size;
    }

    /// <summary>An element's font size given its parent's: its style's <c>font-size</c> or <c>font</c>, else the parent's.</summary>
    /// <param name="element">The element.</param>
    /// <param name="parent">The parent's font size, or null when unknown.</param>
    /// <param name="rem">The root's font size.</param>
    /// <param name="initial">What <c>medium</c>, the initial size, is taken for: 16 for <c>rem</c>, unknown for <c>em</c>.</param>
    /// <param name="quirks">Whether the document is in quirks mode.</param>
    private static double? Own(IElement element, double? parent, double? rem, double? initial, bool quirks)
    {
        string? declared = null;
        var important = false;
        if (element.GetAttribute("style") is { } style)
        {
            foreach (var (name, value, isImportant) in StyleSheetCache.Current.Declaration(style))
            {
                var size = name switch { "font-size" => value.Trim(), "font" => ShorthandSize(value), _ => null };
                if (size is not null && (isImportant || !important))
                {
                    (declared, important) = (size, isImportant);
                }
            }
        }

        if (declared is null)
        {
            // The browser's own size for headings and the like (quirks mode: a table's is medium, not its parent's).
            return SizedByBrowser.Contains(element.LocalName) || (element.LocalName == "font" && element.HasAttribute("size")) ? null
                : quirks && element.LocalName == "table" ? initial
                : parent;
        }

        if (declared.Equals("inherit", StringComparison.OrdinalIgnoreCase) || declared.Equals("unset", StringComparison.OrdinalIgnoreCase))
        {
            return parent;
        }

        if (declared.Equals("initial", StringComparison.OrdinalIgnoreCase) || declared.Equals("medium", StringComparison.OrdinalIgnoreCase))
        {
            return initial;
        }

        if (TryRead(declared, out var number, out var unit) && unit is "%")
        {
            return number >= 0 ? number / 100 * parent : null;
        }

        return Pixels(declared, parent, rem) is { } pixels && pixels >= 0 ? pixels : null;
    }

    /// <summary>
    /// The size a <c>font</c> shorthand sets (<c>bold 14px/1.4 Arial</c>: <c>14px</c>), <c>inherit</c> and the like as
    /// written, <c>unknown</c> for a system font or a size the composer cannot read (<c>var()</c>, <c>calc()</c>), or null for a value without a size, which CSS drops.
    /// </summary>
    private static string? ShorthandSize(string value)
    {
        var text = value.Trim();
        foreach (var keyword in (ReadOnlySpan<string>)["inherit", "initial", "unset"])
        {
            if (text.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return keyword;
            }
        }

        foreach (var system in SystemFonts)
        {
            if (text.Equals(system, StringComparison.OrdinalIgnoreCase))
            {
                return "unknown";
            }
        }

        // A variable's value is known only in the client (font: var(--f) may set any size): no size the composer can tell.
        if (text.Contains("var(", StringComparison.OrdinalIgnoreCase))
        {
            return "unknown";
        }

        foreach (var range in text.AsSpan().SplitAny(' ', '\t', '\n'))
        {
            var token = text.AsSpan()[range];
            if (token.Length > 0 && token[0] is '"' or '\'')
            {
                break; // the family: no size came before it
            }

            if (token.StartsWith("calc(", StringComparison.OrdinalIgnoreCase) || token.StartsWith("min(", StringComparison.OrdinalIgnoreCase)
                || token.StartsWith("max(", StringComparison.OrdinalIgnoreCase) || token.StartsWith("clamp(", StringComparison.OrdinalIgnoreCase))
            {
                return "unknown"; // a size by calc() and the like: unread, not dropped
            }

            var slash = token.IndexOf('/');
            var size = slash < 0 ? token : token[..slash];
            if (TryRead(size, out _, out var unit) && unit.Length > 0)
            {
                return size.ToString();
            }

            if (size.EndsWith("small", StringComparison.OrdinalIgnoreCase) || size.EndsWith("large", StringComparison.OrdinalIgnoreCase)
                || size.Equals("medium", StringComparison.OrdinalIgnoreCase) || size.Equals("larger", StringComparison.OrdinalIgnoreCase)
                || size.Equals("smaller", StringComparison.OrdinalIgnoreCase))
            {
                return size.ToString();
            }
        }

        return null;
    }
}
