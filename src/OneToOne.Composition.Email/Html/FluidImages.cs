using System.Globalization;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// The <c>width</c> attribute Outlook on Windows needs for a fluid image (<c>width: 100%; max-width: 600px</c>): Word's
/// engine reads neither a percentage nor <c>max-width</c> on an image and draws it at the size of its file, so a
/// 1200-pixel-wide image made for high-density screens came out twice the width of the message. The image gets the
/// pixels it has elsewhere at most: its percentage of the width its container is known to have, bounded by its
/// <c>max-width</c>; or, where no container's width is known, its <c>max-width</c> when its width is <c>100%</c>. Other
/// clients keep following the CSS, which wins over the attribute.
/// </summary>
/// <remarks>
/// The container's width is that of the nearest ancestor with a width or <c>max-width</c> in pixels (its <c>style</c>,
/// inlined, or its <c>width</c> attribute), less its side padding where <c>box-sizing: border-box</c> holds it, less the
/// side padding of the ancestors in between; an ancestor in between with a percentage width (a <c>td width="50%"</c>
/// column) takes that share of it, and one with a width the composer cannot tell leaves it unknown. A padding the composer cannot tell in pixels (a percentage, an <c>em</c> of
/// the client's font size) makes the container's width unknown. Borders of the ancestors are not counted (an image one
/// or two pixels wider than its cell widens the cell in Outlook, and nothing else). An image without a percentage width
/// (<c>max-width</c> alone, <c>width: auto</c>) is left: the size of its file, which the composer does not read, may be
/// below its <c>max-width</c>, and a <c>width</c> attribute would enlarge it.
/// </remarks>
internal static class FluidImages
{
    /// <summary>The <c>width</c> attribute of an image with a percentage width, or null.</summary>
    /// <param name="image">The image, its CSS inlined.</param>
    /// <param name="width">Its CSS <c>width</c>.</param>
    /// <param name="maxWidth">Its CSS <c>max-width</c>, or null.</param>
    public static string? Width(IElement image, string width, string? maxWidth)
    {
        if (!CssLength.TryRead(width, out var percent, out var unit) || !unit.Equals("%", StringComparison.Ordinal) || percent <= 0)
        {
            return null;
        }

        double? bound = maxWidth is null ? null : Length(image, maxWidth);
        if (bound is <= 0)
        {
            bound = null;
        }

        var container = ContainerWidth(image);
        double? pixels = container is { } known ? known * percent / 100 : percent == 100 ? bound : null;
        if (pixels is not { } fluid)
        {
            return null;
        }

        fluid = bound is { } most ? Math.Min(fluid, most) : fluid;
        var whole = Math.Round(fluid, MidpointRounding.AwayFromZero);
        return whole > 0 ? whole.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The width in pixels of the content box of an element's nearest sized ancestor, less the padding in between, or null.</summary>
    private static double? ContainerWidth(IElement image)
    {
        // The width sought is share × (content width of the ancestor reached) − inside: an ancestor with a percentage
        // width takes that share of its own container's, so a column of half a 600-pixel table is 300, not 600.
        double inside = 0, share = 1;
        Span<Range> values = stackalloc Range[5];
        for (var at = image.ParentElement; at is not null; at = at.ParentElement)
        {
            string? width = null, maxWidth = null, padding = null, paddingLeft = null, paddingRight = null, boxSizing = null;
            bool widthImportant = false, maxImportant = false, paddingImportant = false, leftImportant = false, rightImportant = false, boxImportant = false;
            if (at.GetAttribute("style") is { } style)
            {
                foreach (var (name, value, isImportant) in StyleSheetCache.Current.Declaration(style))
                {
                    switch (name)
                    {
                        case "width" when !CssLength.IsNegative(value):
                            Set(ref width, ref widthImportant, value, isImportant);
                            break;
                        case "max-width" when !CssLength.IsNegative(value):
                            Set(ref maxWidth, ref maxImportant, value, isImportant);
                            break;
                        case "padding" when !CssLength.AnyNegative(value):
                            // The shorthand resets both sides, whatever came before it of equal weight.
                            if (isImportant || !leftImportant)
                            {
                                (paddingLeft, leftImportant) = (null, isImportant);
                            }

                            if (isImportant || !rightImportant)
                            {
                                (paddingRight, rightImportant) = (null, isImportant);
                            }

                            Set(ref padding, ref paddingImportant, value, isImportant);
                            break;
                        case "padding-left" when !CssLength.IsNegative(value):
                            Set(ref paddingLeft, ref leftImportant, value, isImportant);
                            break;
                        case "padding-right" when !CssLength.IsNegative(value):
                            Set(ref paddingRight, ref rightImportant, value, isImportant);
                            break;
                        case "box-sizing":
                            Set(ref boxSizing, ref boxImportant, value, isImportant);
                            break;
                    }
                }
            }

            // The sides, from the longhands where given, else from the shorthand.
            string? left = paddingLeft, right = paddingRight;
            if (padding is not null && (left is null || right is null))
            {
                var count = BoxShorthand.Split(padding, values);
                if (count == 0)
                {
                    return null;
                }

                left ??= padding[values[BoxShorthand.Index(3, count)]];
                right ??= padding[values[BoxShorthand.Index(1, count)]];
            }

            if (Length(at, left ?? "0") is not { } leftPixels || Length(at, right ?? "0") is not { } rightPixels)
            {
                return null;
            }

            double? box = width is null ? null : Length(at, width);
            double? percent = null;
            if (width is not null && box is null)
            {
                if (CssLength.TryRead(width, out var declared, out var widthUnit) && widthUnit.Equals("%", StringComparison.Ordinal))
                {
                    percent = declared;
                }
                else if (!width.Equals("auto", StringComparison.OrdinalIgnoreCase))
                {
                    // A width the composer cannot tell (calc(), an unknown em): the width of an ancestor further out is not this one's.
                    return null;
                }
            }

            if (width is null && at.LocalName is "table" or "td" or "th" && at.GetAttribute("width") is { } attribute
                && CssLength.TryRead(attribute, out var number, out var attributeUnit) && number > 0)
            {
                if (attributeUnit.Length is 0)
                {
                    box = number;
                }
                else if (attributeUnit.Equals("%", StringComparison.Ordinal))
                {
                    percent = number;
                }
            }

            if (maxWidth is not null && Length(at, maxWidth) is { } most)
            {
                box = box is { } known ? Math.Min(known, most) : most;
            }

            var ownPadding = string.Equals(boxSizing?.Trim(), "border-box", StringComparison.OrdinalIgnoreCase) ? leftPixels + rightPixels : 0;
            if (box is { } sized)
            {
                var content = share * (sized - ownPadding) - inside;
                return content > 0 ? content : null;
            }

            if (percent is { } part)
            {
                // Its content is its share of its container's, less its padding under border-box, and in a table always
                // (a cell of width="100%" in a 600-pixel table is 600 wide with its padding, not beyond the table).
                inside += share * (at.LocalName is "table" or "td" or "th" ? leftPixels + rightPixels : ownPadding);
                share *= part / 100;
                continue;
            }

            inside += share * (leftPixels + rightPixels);
        }

        return null;
    }

    /// <summary>A length in pixels, with the element's font sizes for <c>em</c> and <c>rem</c>, or null.</summary>
    private static double? Length(IElement element, string value)
    {
        double? em = null, rem = null;
        if (CssLength.IsFontRelative(value))
        {
            rem = CssLength.RootFontSize(element.Owner!);
            em = CssLength.FontSize(element, rem);
        }

        return CssLength.Pixels(value, em, rem) is { } pixels and >= 0 ? pixels : null;
    }

    /// <summary>Sets a declared value: a later one wins unless an earlier one is !important and it is not.</summary>
    private static void Set(ref string? value, ref bool important, string declared, bool isImportant)
    {
        if (isImportant || !important)
        {
            (value, important) = (declared.Trim(), isImportant);
        }
    }
}
