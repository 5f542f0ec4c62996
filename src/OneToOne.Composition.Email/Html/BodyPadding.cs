using System.Globalization;
using System.Text;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// The body's padding, moved onto the Gmail wrapper (<see cref="BodyWrapper"/>): Gmail drops <c>&lt;body&gt;</c> with its
/// padding, so a <c>body { padding: 24px }</c> layout lost its margin round the content there. Copied, it would apply twice
/// where the body is kept (the body's, then the wrapper's); moved, it applies once in both.
/// </summary>
/// <remarks>
/// <para>
/// Moving is the same box where the body is kept: the wrapper is the body's only child, a block that fills its content
/// box, so its padding puts the content where the body's did, its background (the body's colour, carried) paints the same
/// place, and the body's margins still collapse as before (neither then has a border or padding between them and the
/// content's margins, which the wrapper's padding now stops as the body's did). A body with a pixel <c>max-width</c> has
/// it widened by the side padding it loses (<c>box-sizing: content-box</c>), so the wrapper's <c>max-width</c> plus its
/// padding fills it as the body's content and padding did; with <c>border-box</c> the body keeps its <c>max-width</c> and
/// the wrapper's is the content's, the <c>max-width</c> less the padding.
/// </para>
/// <para>
/// It moves only what is exact: padding of whole pixels, in any unit CSS fixes in pixels (<c>18pt</c> is 24; a percentage is of a wider box on the body than on the wrapper),
/// from <c>padding</c> and <c>padding-top</c>/<c>-right</c>/<c>-bottom</c>/<c>-left</c>; not from a body that also sets
/// a <c>width</c>, <c>height</c>, <c>min-</c>/<c>max-height</c>, <c>min-width</c>, a <c>max-width</c> other than whole
/// pixels, their logical forms (<c>max-inline-size</c>, <c>min-block-size</c>), an <c>aspect-ratio</c> (of the content
/// box), a border or logical padding (<c>padding-inline</c>), whose boxes would change, nor when a rule left in
/// <c>&lt;style&gt;</c> (<c>@media</c>) pads or sizes the body, which would then pad it as well.
/// </para>
/// </remarks>
internal sealed class BodyPadding
{
    private readonly int _top;
    private readonly int _right;
    private readonly int _bottom;
    private readonly int _left;
    private readonly int? _maxWidth;
    private readonly bool _borderBox;

    private BodyPadding(int top, int right, int bottom, int left, int? maxWidth, bool borderBox)
    {
        (_top, _right, _bottom, _left, _maxWidth, _borderBox) = (top, right, bottom, left, maxWidth, borderBox);
    }

    /// <summary>The padding as the wrapper's <c>padding</c> shorthand (<c>24px</c>, <c>0 16px</c>, …).</summary>
    public string Shorthand
    {
        get
        {
            var (top, right, bottom, left) = (Length(_top), Length(_right), Length(_bottom), Length(_left));
            return (_top == _bottom, _right == _left) switch
            {
                (true, true) when _top == _right => top,
                (true, true) => top + " " + right,
                (false, true) => top + " " + right + " " + bottom,
                _ => top + " " + right + " " + bottom + " " + left,
            };

            static string Length(int pixels) => pixels == 0 ? "0" : pixels.ToString(CultureInfo.InvariantCulture) + "px";
        }
    }

    /// <summary>Whether a property in a rule that matches the body would pad or size it.</summary>
    public static bool SizesTheBox(string name) =>
        name.StartsWith("padding", StringComparison.Ordinal) || name.StartsWith("border", StringComparison.Ordinal)
        || name is "width" or "min-width" or "max-width" or "height" or "min-height" or "max-height" or "box-sizing" or "all"
            or "inline-size" or "min-inline-size" or "max-inline-size" or "block-size" or "min-block-size" or "max-block-size" or "aspect-ratio";

    /// <summary>The body's padding, when it can move to the wrapper without a change where the body is kept; else null.</summary>
    public static BodyPadding? Movable((string Name, string Value, bool IsImportant)[] style)
    {
        Span<int> sides = stackalloc int[4];
        Span<bool> important = stackalloc bool[4];
        Span<Range> values = stackalloc Range[5];
        var padded = false;
        int? maxWidth = null;
        var borderBox = false;
        foreach (var (name, value, isImportant) in style)
        {
            switch (name)
            {
                case "padding":
                    // Read in place, not split into copies (this runs for each message).
                    var count = BoxShorthand.Split(value, values);
                    if (count == 0)
                    {
                        return null;
                    }

                    for (var side = 0; side < 4; side++)
                    {
                        if (!Set(sides, important, side, value.AsSpan()[values[BoxShorthand.Index(side, count)]], isImportant))
                        {
                            return null;
                        }
                    }

                    padded = true;
                    break;
                case "padding-top" or "padding-right" or "padding-bottom" or "padding-left":
                    var at = name switch { "padding-top" => 0, "padding-right" => 1, "padding-bottom" => 2, _ => 3 };
                    if (!Set(sides, important, at, value, isImportant))
                    {
                        return null;
                    }

                    padded = true;
                    break;
                case "max-width":
                    if (value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
                    {
                        maxWidth = null;
                    }
                    else if (Whole(value) is { } pixels)
                    {
                        maxWidth = pixels;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                case "box-sizing":
                    borderBox = value.Trim().Equals("border-box", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    if (SizesTheBox(name))
                    {
                        return null;
                    }

                    break;
            }
        }

        if (!padded || (sides[0] == 0 && sides[1] == 0 && sides[2] == 0 && sides[3] == 0))
        {
            return null;
        }

        // With border-box the content is the max-width less the side padding: none left, and there is nothing to move into.
        if (borderBox && maxWidth is { } width && width - sides[1] - sides[3] <= 0)
        {
            return null;
        }

        return new BodyPadding(sides[0], sides[1], sides[2], sides[3], maxWidth, borderBox);

        static bool Set(Span<int> sides, Span<bool> important, int side, ReadOnlySpan<char> value, bool isImportant)
        {
            if (Whole(value) is not { } pixels)
            {
                return false;
            }

            if (isImportant || !important[side])
            {
                sides[side] = pixels;
                important[side] = isImportant;
            }

            return true;
        }
    }

    /// <summary>The wrapper's <c>max-width</c> in pixels, given the body's: the body's content width.</summary>
    public string ContentWidth(string bodyMaxWidth) => _borderBox
        ? (int.Parse(bodyMaxWidth, CultureInfo.InvariantCulture) - _right - _left).ToString(CultureInfo.InvariantCulture)
        : bodyMaxWidth;

    /// <summary>
    /// Removes the padding from the body's style; a content-box <c>max-width</c> grows by the side padding. The other
    /// declarations stay as written, repeated ones too (<c>background: #eee; background: linear-gradient(…)</c>, where the
    /// first is the fallback of clients that cannot read the second), which reading the style would have merged.
    /// </summary>
    public void RemoveFrom(IElement body)
    {
        var style = body.GetAttribute("style") ?? string.Empty;
        var text = new StringBuilder();
        for (var start = 0; start < style.Length;)
        {
            // One declaration: up to a semicolon outside quotes, parentheses and comments.
            var end = DeclarationEnd(style, start);
            var declaration = style.AsSpan(start, end - start).Trim();
            start = end + 1;

            // Its name and value read without its comments (/* x */ padding: 20px is padding), the declaration kept as written.
            var read = declaration.Contains("/*", StringComparison.Ordinal) ? CssComments.Remove(declaration.ToString()).AsSpan().Trim() : declaration;
            var colon = read.IndexOf(':');
            var name = colon < 0 ? read : read[..colon].Trim();
            if (declaration.IsEmpty || name.StartsWith("padding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : "; ");
            var value = colon < 0 ? default : read[(colon + 1)..].Trim();
            var important = value.EndsWith("!important", StringComparison.OrdinalIgnoreCase);
            if (name.Equals("max-width", StringComparison.OrdinalIgnoreCase) && !_borderBox && _maxWidth is not null
                && Whole(important ? value[..^"!important".Length] : value) is { } width)
            {
                text.Append("max-width: ").Append((width + _left + _right).ToString(CultureInfo.InvariantCulture)).Append("px").Append(important ? " !important" : string.Empty);
            }
            else
            {
                text.Append(declaration);
            }
        }

        if (text.Length == 0)
        {
            body.RemoveAttribute("style");
        }
        else
        {
            body.SetAttribute("style", text.ToString());
        }
    }

    /// <summary>Where the declaration that starts at <paramref name="start"/> ends: at a semicolon outside strings, parentheses and comments.</summary>
    private static int DeclarationEnd(string style, int start)
    {
        var depth = 0;
        for (var i = start; i < style.Length; i++)
        {
            switch (style[i])
            {
                case ';' when depth == 0:
                    return i;
                case '\\':
                    i++;
                    break;
                case '"' or '\'':
                    i = CssComments.StringEnd(style, i) - 1;
                    break;
                case '/' when i + 1 < style.Length && style[i + 1] == '*':
                    var close = style.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? style.Length : close + 1;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return style.Length;
    }

    /// <summary>
    /// A length that is a whole number of pixels (<c>24px</c>, <c>0</c>, or in a unit CSS fixes in pixels: <c>18pt</c>
    /// and <c>0.25in</c> are 24), or null: <c>10pt</c> (13.333 pixels), a percentage, <c>em</c> and <c>rem</c> stay on the body.
    /// </summary>
    private static int? Whole(ReadOnlySpan<char> value)
    {
        var number = value.Trim();
        if (number is "0")
        {
            return 0;
        }

        if (number.EndsWith("px", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(number[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pixels) && pixels < 100_000)
        {
            return pixels;
        }

        // Any other way of writing a whole number of pixels (24.0px as well as 18pt). Fixed units only (no font size is passed): the wrapper's box is the body's, so their pixels are the same there.
        return CssLength.Pixels(number, em: null, rem: null) is { } fixedPixels and >= 0 and < 100_000
            && Math.Abs(fixedPixels - Math.Round(fixedPixels)) < 1e-9
            ? (int)Math.Round(fixedPixels)
            : null;
    }
}
