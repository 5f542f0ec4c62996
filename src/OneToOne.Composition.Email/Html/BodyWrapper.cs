using System.Buffers;
using System.Text;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Puts the content of <c>&lt;body&gt;</c> in a <c>&lt;div&gt;</c> that carries what Gmail (web and apps) drops with the
/// <c>&lt;html&gt;</c> and <c>&lt;body&gt;</c> elements: their <c>lang</c> and <c>dir</c>, and the part of their style that
/// the content inherits or shows through (background colour, text colour, fonts, alignment). A right-to-left message kept
/// its <c>dir="rtl"</c> only on <c>&lt;html&gt;</c>, so Gmail laid out Hebrew and Arabic text left to right; a layout's
/// <c>body { background: #f4efe6 }</c> showed as white.
/// </summary>
/// <remarks>
/// <para>
/// Clients that keep <c>&lt;body&gt;</c> (Apple Mail, Outlook, Thunderbird) show the message as before: the wrapper
/// repeats what it would inherit from the body anyway, and a background colour on a block inside the body, of the body's
/// own colour, shows as the body's. So it carries nothing that could differ there: no margin but the
/// <c>auto</c> side margins of a body with a pixel <c>max-width</c>, which it carries too (see <see cref="AddWidth"/>),
/// no background image (it would tile from the wrapper's corner, not the page's; then no background colour either, as it
/// would cover the image), no translucent background colour (<c>rgba(0, 0, 0, .5)</c>: painted over the body's, it would
/// be twice as dense), no font size relative to the parent's (<c>1.2em</c>, <c>120%</c>, <c>larger</c>), which would
/// apply twice. The body's padding, which Gmail drops too, is moved rather than repeated, where moving it changes no box
/// (see <see cref="BodyPadding"/>): the body loses it as the wrapper gains it, so it applies once everywhere.
/// </para>
/// <para>
/// It is added after the CSS is inlined, so the layout's rules do not style it. Only the rules that stay in
/// <c>&lt;style&gt;</c> (<c>@media</c>, <c>:hover</c>, or all of them when inlining is off) could: when one of them
/// matches the wrapper (a <c>div</c> or <c>*</c> selector), or would match other elements of the body once it is wrapped
/// (<c>body &gt; .sheet</c> no longer, <c>div &gt; p</c> the body's own paragraphs too), the body is left as it is; when one matches the body and sets
/// a property the wrapper would carry (a dark-mode <c>body { background: #111 }</c>), the wrapper carries only
/// <c>lang</c> and <c>dir</c>, as an inline background on it would hide the body's dark one.
/// </para>
/// </remarks>
internal static class BodyWrapper
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Wraps the body's content, when there is anything to carry.</summary>
    /// <param name="document">The document, its CSS already inlined (or not, when inlining is off).</param>
    /// <returns>Whether the document changed.</returns>
    public static bool Wrap(IDocument document)
    {
        if (document.Body is not { } body || document.DocumentElement is not { } root || !HasContent(body))
        {
            return false;
        }

        // The body's own, which its content reads before the root's.
        var lang = body.GetAttribute("lang") ?? root.GetAttribute("lang");
        var dir = body.GetAttribute("dir") ?? root.GetAttribute("dir");
        var padding = BodyPadding.Movable(Declarations(body));
        var style = Style(root, body, padding);
        if (lang is null && dir is null && style is null)
        {
            return false;
        }

        var wrapper = document.CreateElement("div");
        if (lang is not null)
        {
            wrapper.SetAttribute("lang", lang);
        }

        if (dir is not null)
        {
            wrapper.SetAttribute("dir", dir);
        }

        // What the rules left in <style> match in the body before it is wrapped: a selector that reads the body's children
        // (body > .sheet) would stop matching them, and one that reads a div above them (div > p, div p) would start to.
        var rules = KeptRules(document);
        var matched = rules.Count == 0 ? null : Matches(rules, body, wrapper);

        // Placed before the rules are matched, so that a selector sees the wrapper where it will be (body > div:first-child).
        while (body.FirstChild is { } child)
        {
            wrapper.AppendChild(child);
        }

        body.AppendChild(wrapper);
        if (matched is not null && !matched.SequenceEqual(Matches(rules, body, wrapper)))
        {
            Unwrap(body, wrapper);
            return false;
        }

        switch (KeptRulesTouch(rules, root, body, wrapper))
        {
            case Touch.Wrapper:
                Unwrap(body, wrapper);
                return false;
            case Touch.None:
                // A rule left in <style> that sizes or pads the body would still apply to it there: its padding stays.
                if (padding is not null && KeptRulesSizeBody(rules, body))
                {
                    padding = null;
                    style = Style(root, body, padding: null);
                }

                if (style is not null)
                {
                    wrapper.SetAttribute("style", style);
                }

                break;
            case Touch.BodyStyle:
                padding = null;
                break;
        }

        if (lang is null && dir is null && !wrapper.HasAttribute("style"))
        {
            Unwrap(body, wrapper);
            return false;
        }

        if (padding is not null)
        {
            padding.RemoveFrom(body);
        }

        return true;
    }

    /// <summary>Whether a rule left in <c>&lt;style&gt;</c> matches the body and sets its padding, size, border or box sizing.</summary>
    private static bool KeptRulesSizeBody(List<ICssStyleRule> rules, IElement body)
    {
        foreach (var rule in rules)
        {
            if (!rule.TryMatch(body, null, out _))
            {
                continue;
            }

            foreach (var property in rule.Style)
            {
                if (BodyPadding.SizesTheBox(property.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Unwrap(IElement body, IElement wrapper)
    {
        while (wrapper.FirstChild is { } child)
        {
            body.InsertBefore(child, wrapper);
        }

        wrapper.Remove();
    }

    private enum Touch
    {
        None,
        BodyStyle,
        Wrapper,
    }

    private static bool HasContent(IElement body)
    {
        foreach (var node in body.ChildNodes)
        {
            if (node is IElement || (node is IText text && !string.IsNullOrWhiteSpace(text.Data)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The declarations the wrapper carries: the root's, then the body's (which win in the body, and, written after them,
    /// in the wrapper's style too); null when there are none.
    /// </summary>
    private static string? Style(IElement root, IElement body, BodyPadding? padding)
    {
        var rootStyle = Declarations(root);
        var bodyStyle = Declarations(body);

        // A body with a background of its own paints over the root's; one with an image or a translucent colour carries no background at all.
        var bodyBackground = Background.None;
        var carried = new List<(string Name, string Value)>();
        AddBackground(body, bodyStyle, carried, ref bodyBackground);
        if (bodyBackground == Background.None)
        {
            var rootBackground = Background.None;
            AddBackground(root, rootStyle, carried, ref rootBackground);
            if (rootBackground is Background.Image or Background.Translucent)
            {
                carried.Clear();
            }
        }
        else if (bodyBackground is Background.Image or Background.Translucent)
        {
            carried.Clear();
        }

        // Backgrounds first; then the inherited properties, the root's unless the body sets the same one. A root's length
        // relative to its font (line-height: 1.5em) is inherited as the length it computes to there: on the wrapper it would
        // be computed against the body's font size instead, so it is left when the body sets one.
        var bodySize = Sets(bodyStyle, "font-size");
        foreach (var (name, value, _) in rootStyle)
        {
            if (IsInherited(name, value) && !Sets(bodyStyle, name)
                && !(bodySize && name is "line-height" or "letter-spacing" or "word-spacing" && IsRelativeSize(value)))
            {
                carried.Add((name, value));
            }
        }

        foreach (var (name, value, _) in bodyStyle)
        {
            if (IsInherited(name, value))
            {
                carried.Add((name, value));
            }
        }

        AddWidth(bodyStyle, carried, padding);
        if (padding is not null)
        {
            carried.Add(("padding", padding.Shorthand));
        }

        if (carried.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in carried)
        {
            text.Append(text.Length == 0 ? string.Empty : "; ").Append(name).Append(": ").Append(value);
        }

        return text.ToString();
    }

    /// <summary>
    /// Adds the body's <c>max-width</c> in pixels, and its <c>auto</c> side margins, which centre it: without them Gmail
    /// showed the body's content as wide as its window. Where the body is kept they change nothing, as the wrapper fills
    /// the body's content box, which is no wider than the <c>max-width</c> (auto margins of a block that fills its
    /// container are 0). One in <c>pt</c> (or <c>in</c>, <c>cm</c>, …) is carried in pixels, as CSS fixes it. A width in
    /// <c>%</c>, <c>em</c> or <c>rem</c> is left: it would be read against another box or font size.
    /// </summary>
    private static void AddWidth((string Name, string Value, bool IsImportant)[] style, List<(string Name, string Value)> carried, BodyPadding? padding)
    {
        string? width = null;
        string? left = null;
        string? right = null;
        foreach (var (name, value, _) in style)
        {
            switch (name)
            {
                case "max-width":
                    width = value.Trim();
                    break;
                case "margin":
                    var sides = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sides.Length is >= 1 and <= 4)
                    {
                        right = sides[sides.Length == 1 ? 0 : 1];
                        left = sides[sides.Length switch { 1 => 0, 4 => 3, _ => 1 }];
                    }

                    break;
                case "margin-left":
                    left = value.Trim();
                    break;
                case "margin-right":
                    right = value.Trim();
                    break;
            }
        }

        // In pixels, or in an absolute unit CSS fixes in pixels (450pt is 600px, 451pt 601.333px), to a thousandth as the
        // body has it (600.5px, not 601); not rem, of the root Gmail drops.
        if (width is null || Absolute(width) is not { } pixels)
        {
            return;
        }

        // With the body's padding moved onto it, the wrapper is as wide as the body's content box: with box-sizing:
        // border-box that is the max-width less the padding (the body's own max-width is then widened by it: see BodyPadding).
        carried.Add(("max-width", (padding is null ? pixels : padding.ContentWidth(pixels)) + "px"));
        if (string.Equals(left, "auto", StringComparison.OrdinalIgnoreCase))
        {
            carried.Add(("margin-left", "auto"));
        }

        if (string.Equals(right, "auto", StringComparison.OrdinalIgnoreCase))
        {
            carried.Add(("margin-right", "auto"));
        }

        static string? Absolute(string width) => CssLength.Pixels(width, em: null, rem: null) is { } pixels && Math.Round(pixels, 3, MidpointRounding.AwayFromZero) is var exact and > 0
            ? exact.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private enum Background
    {
        None,
        Color,
        Image,

        /// <summary>A colour with an alpha below 1: repeated on the wrapper, it would paint over the body's, twice as dense.</summary>
        Translucent,
    }

    /// <summary>Adds an element's background colour (its style's, else its <c>bgcolor</c>), or notes that it has an image.</summary>
    private static void AddBackground(IElement element, (string Name, string Value, bool IsImportant)[] style, List<(string Name, string Value)> carried, ref Background background)
    {
        var start = carried.Count;
        foreach (var (name, value, _) in style)
        {
            if (name is "background-image" or "background" && HasImage(value))
            {
                background = Background.Image;
                return;
            }

            if (name is "background" or "background-color" && CssColor.IsTranslucent(value))
            {
                background = Background.Translucent;
                return;
            }

            if (name is "background" or "background-color")
            {
                carried.Add((name, value));
                background = Background.Color;
            }
        }

        // A presentational bgcolor loses to any style, so it goes first; one CSS cannot read (a colour without its '#') is left.
        if (element.GetAttribute("bgcolor")?.Trim() is { Length: > 0 } bgcolor && IsCssColor(bgcolor))
        {
            carried.Insert(start, ("background-color", bgcolor));
            background = background == Background.None ? Background.Color : background;
        }
    }

    private static bool HasImage(string value) =>
        !value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
        && (value.Contains("url(", StringComparison.OrdinalIgnoreCase)
            || value.Contains("gradient(", StringComparison.OrdinalIgnoreCase)
            || value.Contains("image", StringComparison.OrdinalIgnoreCase));

    private static bool IsCssColor(string value)
    {
        if (value[0] == '#')
        {
            return value.Length is 4 or 7 && !value.AsSpan(1).ContainsAnyExcept(HexDigits);
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a declaration is of an inherited property the wrapper can repeat without a change where the body is kept: a
    /// font size relative to the parent's (<c>em</c>, <c>ex</c>, <c>ch</c>, <c>%</c>, <c>larger</c>, <c>smaller</c>) or a
    /// relative weight (<c>bolder</c>, <c>lighter</c>) would apply twice.
    /// </summary>
    private static bool IsInherited(string name, string value) => name switch
    {
        "color" or "direction" or "font-family" or "font-style" or "font-variant" or "letter-spacing" or "line-height"
            or "text-align" or "text-transform" or "word-spacing" => true,
        "font-weight" => !IsRelativeWeight(value),
        "font" => !IsRelativeSize(value) && !IsRelativeWeight(value),
        "font-size" => !IsRelativeSize(value),
        _ => false,
    };

    private static bool IsRelativeWeight(string value) =>
        value.Contains("bolder", StringComparison.OrdinalIgnoreCase) || value.Contains("lighter", StringComparison.OrdinalIgnoreCase);

    private static bool IsRelativeSize(string value)
    {
        if (value.Contains('%', StringComparison.Ordinal)
            || value.Contains("larger", StringComparison.OrdinalIgnoreCase)
            || value.Contains("smaller", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A number followed by em, ex or ch (rem, relative to the root, is the same in both places).
        for (var i = 1; i + 1 < value.Length; i++)
        {
            if ((char.IsAsciiDigit(value[i - 1]) || value[i - 1] == '.')
                && char.ToLowerInvariant(value[i]) is 'e' or 'c'
                && char.ToLowerInvariant(value[i + 1]) is 'm' or 'x' or 'h')
            {
                return true;
            }
        }

        return false;
    }

    private static bool Sets((string Name, string Value, bool IsImportant)[] style, string name)
    {
        foreach (var declaration in style)
        {
            if (declaration.Name == name || (name.StartsWith("font-", StringComparison.Ordinal) && declaration.Name == "font"))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Name, string Value, bool IsImportant)[] Declarations(IElement element) =>
        element.GetAttribute("style") is { } style ? StyleSheetCache.Current.Declaration(style) : [];

    /// <summary>The style rules left in the document's <c>&lt;style&gt;</c> elements, those within <c>@media</c> included.</summary>
    private static List<ICssStyleRule> KeptRules(IDocument document)
    {
        var rules = new List<ICssStyleRule>();
        var cache = StyleSheetCache.Current;
        // A walk of the elements rather than a query, which allocates its selector's match state and list for each message.
        for (var element = document.DocumentElement; element is not null; element = NextWithin(element, scope: null))
        {
            if (element.LocalName != "style")
            {
                continue;
            }

            var sheet = cache.Sheet(element.TextContent);
            foreach (var parsed in sheet.Rules)
            {
                rules.Add(parsed.Rule);
            }

            rules.AddRange(sheet.KeptRules);
        }

        return rules;
    }

    /// <summary>
    /// Whether a rule left in the document's <c>&lt;style&gt;</c> elements matches the wrapper, or matches the body or the root
    /// and sets a property the wrapper would carry.
    /// </summary>
    private static Touch KeptRulesTouch(List<ICssStyleRule> rules, IElement root, IElement body, IElement wrapper)
    {
        var touch = Touch.None;
        foreach (var rule in rules)
        {
            touch = Max(touch, Touches(rule, root, body, wrapper));
        }

        return touch;

        static Touch Max(Touch a, Touch b) => a > b ? a : b;
    }

    /// <summary>Whether each rule matches each element of the body (the body first, the wrapper left out), rule by rule in document order.</summary>
    private static List<bool> Matches(List<ICssStyleRule> rules, IElement body, IElement wrapper)
    {
        var matches = new List<bool>();
        for (IElement? element = body; element is not null; element = NextWithin(element, body))
        {
            if (element == wrapper)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                matches.Add(rule.TryMatch(element, null, out _));
            }
        }

        return matches;
    }

    /// <summary>The element after <paramref name="element"/> in document order within <paramref name="scope"/> (the whole document when null), or null.</summary>
    private static IElement? NextWithin(IElement element, IElement? scope)
    {
        if (element.FirstElementChild is { } child)
        {
            return child;
        }

        for (var at = element; at is not null && at != scope; at = at.ParentElement)
        {
            if (at.NextElementSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    private static Touch Touches(ICssStyleRule rule, IElement root, IElement body, IElement wrapper)
    {
        if (rule.TryMatch(wrapper, null, out _))
        {
            return Touch.Wrapper;
        }

        if (!rule.TryMatch(body, null, out _) && !rule.TryMatch(root, null, out _))
        {
            return Touch.None;
        }

        foreach (var property in rule.Style)
        {
            if (property.Name.StartsWith("background", StringComparison.Ordinal) || IsInherited(property.Name, string.Empty))
            {
                return Touch.BodyStyle;
            }
        }

        return Touch.None;
    }
}
