using System.Buffers;
using System.Globalization;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Reads an opaque CSS colour as the six-digit hex colour an HTML <c>bgcolor</c> attribute needs: Word's engine (Outlook
/// on Windows) and the HTML colour parsing of a <c>bgcolor</c> read <c>#rrggbb</c>, while <c>rgb()</c>, <c>hsl()</c> and
/// three-digit hex there come out as other colours (often black).
/// </summary>
/// <remarks>
/// <para>
/// Read: <c>#rgb</c>, <c>#rrggbb</c>, <c>#rgba</c> and <c>#rrggbbaa</c>; <c>rgb()</c>/<c>rgba()</c> and
/// <c>hsl()</c>/<c>hsla()</c> in the comma syntax (all numbers or all percentages for rgb, percentages for saturation and
/// lightness) and the space syntax (<c>rgb(244 239 230 / 1)</c>, numbers and percentages mixed, <c>none</c> as 0); the
/// named colours of CSS Color 4 (<c>white</c>, <c>papayawhip</c>), in any case.
/// </para>
/// <para>
/// Rounding is that of CSS Color 4's serialization, which browsers show: a channel is clamped to 0–255 and rounded to the
/// nearest integer, a half up (<c>rgb(50%, 50%, 50%)</c> is 127.5 each, <c>#808080</c>); a percentage is of 255; an hsl
/// colour is converted to red, green and blue in double precision (hue in degrees modulo 360, or in <c>rad</c>,
/// <c>grad</c>, <c>turn</c>; saturation and lightness clamped to 0–100%) and each channel then rounded the same way.
/// </para>
/// <para>
/// Not read, so null: a translucent colour (alpha below 1: <c>rgba(0, 0, 0, .5)</c>, <c>#ffffff80</c>,
/// <c>transparent</c>), as a <c>bgcolor</c> is opaque and would paint a solid colour where others show what is behind it;
/// <c>currentcolor</c> and the system colours (<c>Canvas</c>, <c>window</c>), which depend on the reader's settings;
/// <c>color-mix()</c>, <c>lab()</c> and other colour spaces, <c>var()</c>, and anything malformed.
/// </para>
/// <para>
/// Not AngleSharp.Css's colour parsing (its default declaration factory, <c>CssColorValue</c>), though the package has
/// it: in 1.4.2 it rounds hsl otherwise than CSS Color 4 (<c>hsl(36 45% 93%)</c> is 246, 239, 230 there, 245, 239, 229
/// in browsers; <c>hsl(90 50 50)</c> has green 192, not 191), rejects fractional numbers (<c>rgb(12.5 0 0)</c>), accepts
/// the comma syntax's mix browsers drop (<c>rgb(255, 50%, 0)</c>), and its names include the system colours
/// (<c>window</c> is white there), which it reads only from a string, a copy per message.
/// </para>
/// </remarks>
internal static class CssColor
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The 148 named colours of CSS Color 4 (<c>transparent</c>, <c>currentcolor</c> and the system colours are not among them).</summary>
    private static readonly Dictionary<string, string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aliceblue"] = "#f0f8ff", ["antiquewhite"] = "#faebd7", ["aqua"] = "#00ffff", ["aquamarine"] = "#7fffd4",
        ["azure"] = "#f0ffff", ["beige"] = "#f5f5dc", ["bisque"] = "#ffe4c4", ["black"] = "#000000",
        ["blanchedalmond"] = "#ffebcd", ["blue"] = "#0000ff", ["blueviolet"] = "#8a2be2", ["brown"] = "#a52a2a",
        ["burlywood"] = "#deb887", ["cadetblue"] = "#5f9ea0", ["chartreuse"] = "#7fff00", ["chocolate"] = "#d2691e",
        ["coral"] = "#ff7f50", ["cornflowerblue"] = "#6495ed", ["cornsilk"] = "#fff8dc", ["crimson"] = "#dc143c",
        ["cyan"] = "#00ffff", ["darkblue"] = "#00008b", ["darkcyan"] = "#008b8b", ["darkgoldenrod"] = "#b8860b",
        ["darkgray"] = "#a9a9a9", ["darkgreen"] = "#006400", ["darkgrey"] = "#a9a9a9", ["darkkhaki"] = "#bdb76b",
        ["darkmagenta"] = "#8b008b", ["darkolivegreen"] = "#556b2f", ["darkorange"] = "#ff8c00", ["darkorchid"] = "#9932cc",
        ["darkred"] = "#8b0000", ["darksalmon"] = "#e9967a", ["darkseagreen"] = "#8fbc8f", ["darkslateblue"] = "#483d8b",
        ["darkslategray"] = "#2f4f4f", ["darkslategrey"] = "#2f4f4f", ["darkturquoise"] = "#00ced1",
        ["darkviolet"] = "#9400d3", ["deeppink"] = "#ff1493", ["deepskyblue"] = "#00bfff", ["dimgray"] = "#696969",
        ["dimgrey"] = "#696969", ["dodgerblue"] = "#1e90ff", ["firebrick"] = "#b22222", ["floralwhite"] = "#fffaf0",
        ["forestgreen"] = "#228b22", ["fuchsia"] = "#ff00ff", ["gainsboro"] = "#dcdcdc", ["ghostwhite"] = "#f8f8ff",
        ["gold"] = "#ffd700", ["goldenrod"] = "#daa520", ["gray"] = "#808080", ["green"] = "#008000",
        ["greenyellow"] = "#adff2f", ["grey"] = "#808080", ["honeydew"] = "#f0fff0", ["hotpink"] = "#ff69b4",
        ["indianred"] = "#cd5c5c", ["indigo"] = "#4b0082", ["ivory"] = "#fffff0", ["khaki"] = "#f0e68c",
        ["lavender"] = "#e6e6fa", ["lavenderblush"] = "#fff0f5", ["lawngreen"] = "#7cfc00", ["lemonchiffon"] = "#fffacd",
        ["lightblue"] = "#add8e6", ["lightcoral"] = "#f08080", ["lightcyan"] = "#e0ffff", ["lightgoldenrodyellow"] = "#fafad2",
        ["lightgray"] = "#d3d3d3", ["lightgreen"] = "#90ee90", ["lightgrey"] = "#d3d3d3", ["lightpink"] = "#ffb6c1",
        ["lightsalmon"] = "#ffa07a", ["lightseagreen"] = "#20b2aa", ["lightskyblue"] = "#87cefa",
        ["lightslategray"] = "#778899", ["lightslategrey"] = "#778899", ["lightsteelblue"] = "#b0c4de",
        ["lightyellow"] = "#ffffe0", ["lime"] = "#00ff00", ["limegreen"] = "#32cd32", ["linen"] = "#faf0e6",
        ["magenta"] = "#ff00ff", ["maroon"] = "#800000", ["mediumaquamarine"] = "#66cdaa", ["mediumblue"] = "#0000cd",
        ["mediumorchid"] = "#ba55d3", ["mediumpurple"] = "#9370db", ["mediumseagreen"] = "#3cb371",
        ["mediumslateblue"] = "#7b68ee", ["mediumspringgreen"] = "#00fa9a", ["mediumturquoise"] = "#48d1cc",
        ["mediumvioletred"] = "#c71585", ["midnightblue"] = "#191970", ["mintcream"] = "#f5fffa", ["mistyrose"] = "#ffe4e1",
        ["moccasin"] = "#ffe4b5", ["navajowhite"] = "#ffdead", ["navy"] = "#000080", ["oldlace"] = "#fdf5e6",
        ["olive"] = "#808000", ["olivedrab"] = "#6b8e23", ["orange"] = "#ffa500", ["orangered"] = "#ff4500",
        ["orchid"] = "#da70d6", ["palegoldenrod"] = "#eee8aa", ["palegreen"] = "#98fb98", ["paleturquoise"] = "#afeeee",
        ["palevioletred"] = "#db7093", ["papayawhip"] = "#ffefd5", ["peachpuff"] = "#ffdab9", ["peru"] = "#cd853f",
        ["pink"] = "#ffc0cb", ["plum"] = "#dda0dd", ["powderblue"] = "#b0e0e6", ["purple"] = "#800080",
        ["rebeccapurple"] = "#663399", ["red"] = "#ff0000", ["rosybrown"] = "#bc8f8f", ["royalblue"] = "#4169e1",
        ["saddlebrown"] = "#8b4513", ["salmon"] = "#fa8072", ["sandybrown"] = "#f4a460", ["seagreen"] = "#2e8b57",
        ["seashell"] = "#fff5ee", ["sienna"] = "#a0522d", ["silver"] = "#c0c0c0", ["skyblue"] = "#87ceeb",
        ["slateblue"] = "#6a5acd", ["slategray"] = "#708090", ["slategrey"] = "#708090", ["snow"] = "#fffafa",
        ["springgreen"] = "#00ff7f", ["steelblue"] = "#4682b4", ["tan"] = "#d2b48c", ["teal"] = "#008080",
        ["thistle"] = "#d8bfd8", ["tomato"] = "#ff6347", ["turquoise"] = "#40e0d0", ["violet"] = "#ee82ee",
        ["wheat"] = "#f5deb3", ["white"] = "#ffffff", ["whitesmoke"] = "#f5f5f5", ["yellow"] = "#ffff00",
        ["yellowgreen"] = "#9acd32",
    };

    /// <summary>What a colour read with an alpha below 1 is, in place of its <c>#rrggbb</c>.</summary>
    private const string Translucent = "";

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamedBySpan = Named.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The colour of a <c>background</c> or <c>background-color</c> value as <c>#rrggbb</c>, or null when it has none that
    /// is opaque and read (see the remarks). In a shorthand the colour is a top-level value (<c>url(…)</c>'s content is not
    /// read), of the last layer.
    /// </summary>
    public static string? Background(string value) => LastLayers(value) is { Length: > 0 } hex ? hex : null;

    /// <summary>
    /// Whether a <c>background</c> or <c>background-color</c> value's colour (read as <see cref="Background"/> reads it) is
    /// translucent: alpha below 1, or <c>transparent</c>.
    /// </summary>
    public static bool IsTranslucent(string value) => LastLayers(value) is { Length: 0 };

    /// <summary>The last layer's colour as <c>#rrggbb</c>, <see cref="Translucent"/>, or null.</summary>
    private static string? LastLayers(string value)
    {
        // The common case, a layout's #rrggbb as it is, without a copy (this runs for each message).
        if (value.Length == 7 && value[0] == '#' && !value.AsSpan(1).ContainsAnyExcept(HexDigits))
        {
            return value;
        }

        string? color = null;
        var text = value.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] is ',' or '/')
            {
                // A comma starts another layer: only the last one's colour is painted.
                color = text[i] == ',' ? null : color;
                i++;
                continue;
            }

            // One value: up to white space, a comma or a slash at the top level, with a function's parentheses and quotes.
            var start = i;
            var depth = 0;
            for (var quote = '\0'; i < text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (depth == 0 && (char.IsWhiteSpace(c) || c is ',' or '/'))
                {
                    break;
                }
            }

            if (Hex(text[start..i]) is { } read)
            {
                color = read;
            }
        }

        return color;
    }

    /// <summary>One CSS colour value (<c>#fff</c>, <c>rgb(…)</c>, <c>hsl(…)</c>, a name) as <c>#rrggbb</c>, <see cref="Translucent"/>, or null.</summary>
    private static string? Hex(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value[0] == '#')
        {
            return FromHex(value[1..]);
        }

        var open = value.IndexOf('(');
        if (open < 0)
        {
            return FromName(value);
        }

        if (value[^1] != ')')
        {
            return null;
        }

        var name = value[..open];
        var arguments = value[(open + 1)..^1];
        if (name.Equals("rgb", StringComparison.OrdinalIgnoreCase) || name.Equals("rgba", StringComparison.OrdinalIgnoreCase))
        {
            return Function(arguments, hsl: false);
        }

        if (name.Equals("hsl", StringComparison.OrdinalIgnoreCase) || name.Equals("hsla", StringComparison.OrdinalIgnoreCase))
        {
            return Function(arguments, hsl: true);
        }

        return null;
    }

    private static string? FromHex(ReadOnlySpan<char> digits)
    {
        if (digits.ContainsAnyExcept(HexDigits))
        {
            return null;
        }

        return digits.Length switch
        {
            3 => Format(Nibble(digits[0]) * 17, Nibble(digits[1]) * 17, Nibble(digits[2]) * 17),
            4 when Nibble(digits[3]) == 15 => Format(Nibble(digits[0]) * 17, Nibble(digits[1]) * 17, Nibble(digits[2]) * 17),
            6 => string.Concat("#", digits),
            8 when Nibble(digits[6]) == 15 && Nibble(digits[7]) == 15 => string.Concat("#", digits[..6]),
            4 or 8 => Translucent,
            _ => null,
        };

        static int Nibble(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static string? FromName(ReadOnlySpan<char> name) =>
        NamedBySpan.TryGetValue(name, out var hex) ? hex : name.Equals("transparent", StringComparison.OrdinalIgnoreCase) ? Translucent : null;

    /// <summary>The arguments of <c>rgb()</c> or <c>hsl()</c> (and their <c>a</c> aliases), in the comma or the space syntax.</summary>
    private static string? Function(ReadOnlySpan<char> arguments, bool hsl)
    {
        Span<Range> parts = stackalloc Range[5];
        var legacy = arguments.Contains(',');
        int count;
        ReadOnlySpan<char> alpha = default;
        if (legacy)
        {
            count = arguments.Split(parts, ',', StringSplitOptions.TrimEntries);
            if (count is not (3 or 4))
            {
                return null;
            }

            alpha = count == 4 ? arguments[parts[3]] : default;
        }
        else
        {
            // rgb(r g b / a): the alpha after a slash.
            var slash = arguments.IndexOf('/');
            var channels = slash < 0 ? arguments : arguments[..slash];
            alpha = slash < 0 ? default : arguments[(slash + 1)..].Trim();
            if (slash >= 0 && alpha.Length == 0)
            {
                return null;
            }

            count = channels.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (count != 3)
            {
                return null;
            }

            arguments = channels;
        }

        var opacity = 1.0;
        if (alpha.Length != 0)
        {
            if (!Number(alpha, legacy, out opacity, out var isPercent))
            {
                return null;
            }

            opacity = isPercent ? opacity / 100 : opacity;
        }

        Span<double> values = stackalloc double[3];
        Span<bool> percents = stackalloc bool[3];
        for (var i = 0; i < 3; i++)
        {
            var part = arguments[parts[i]];
            if (hsl && i == 0)
            {
                if (Hue(part, legacy) is not { } hue)
                {
                    return null;
                }

                values[0] = hue;
                continue;
            }

            if (!Number(part, legacy, out values[i], out percents[i]))
            {
                return null;
            }
        }

        if (hsl)
        {
            // The comma syntax takes saturation and lightness as percentages only; the space syntax takes numbers too (the same scale).
            if (legacy && !(percents[1] && percents[2]))
            {
                return null;
            }

            return opacity < 1 ? Translucent : FromHsl(values[0], values[1], values[2]);
        }

        // The comma syntax takes all numbers or all percentages, not a mix.
        if (legacy && !(percents[0] == percents[1] && percents[1] == percents[2]))
        {
            return null;
        }

        return opacity < 1 ? Translucent : Format(Channel(values[0], percents[0]), Channel(values[1], percents[1]), Channel(values[2], percents[2]));

        static int Channel(double value, bool isPercent) => Round(isPercent ? value * 255 / 100 : value);
    }

    /// <summary>A number or a percentage (the number before the <c>%</c>); <c>none</c> is 0 in the space syntax.</summary>
    private static bool Number(ReadOnlySpan<char> text, bool legacy, out double value, out bool isPercent)
    {
        isPercent = text.EndsWith('%');
        if (!legacy && text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            return true;
        }

        return double.TryParse(isPercent ? text[..^1] : text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A hue in degrees: a number, or an angle in <c>deg</c>, <c>rad</c>, <c>grad</c> or <c>turn</c>.</summary>
    private static double? Hue(ReadOnlySpan<char> text, bool legacy)
    {
        var (unit, scale) = text.EndsWith("grad", StringComparison.OrdinalIgnoreCase) ? (4, 0.9)
            : text.EndsWith("deg", StringComparison.OrdinalIgnoreCase) ? (3, 1.0)
            : text.EndsWith("rad", StringComparison.OrdinalIgnoreCase) ? (3, 180 / Math.PI)
            : text.EndsWith("turn", StringComparison.OrdinalIgnoreCase) ? (4, 360.0)
            : (0, 1.0);
        if (!Number(text[..^unit], legacy, out var value, out var isPercent) || isPercent)
        {
            return null;
        }

        return value * scale;
    }

    /// <summary>CSS Color 4's hsl-to-rgb, each channel then rounded (see the remarks).</summary>
    private static string FromHsl(double hue, double saturation, double lightness)
    {
        hue %= 360;
        hue = hue < 0 ? hue + 360 : hue;
        saturation = Math.Clamp(saturation, 0, 100) / 100;
        lightness = Math.Clamp(lightness, 0, 100) / 100;
        return Format(Round(255 * F(0)), Round(255 * F(8)), Round(255 * F(4)));

        double F(int n)
        {
            var k = (n + (hue / 30)) % 12;
            var a = saturation * Math.Min(lightness, 1 - lightness);
            return lightness - (a * Math.Max(-1, Math.Min(Math.Min(k - 3, 9 - k), 1)));
        }
    }

    /// <summary>Clamped to 0–255, to the nearest integer, a half up.</summary>
    private static int Round(double value) => (int)Math.Floor(Math.Clamp(value, 0, 255) + 0.5);

    private static string Format(int red, int green, int blue) =>
        string.Create(CultureInfo.InvariantCulture, $"#{red:x2}{green:x2}{blue:x2}");
}
