using System.Globalization;

namespace OneToOne.Composition;

/// <summary>
/// Reads an amount written as text in recipient data (<c>{{ price | money }}</c>), as it reads one way only: plainly
/// (<c>1234.5</c>, '.' for decimals, as the CSV reader reads numbers), or with one of ',' and '.' grouping thousands and the
/// other as the decimal point (<c>1,234.50</c>, <c>1.234,50</c>, <c>1,234,567</c>, <c>1.234.567</c>, and <c>500,00</c>,
/// whose comma can only be a decimal point). Never by the recipient's culture: the data's format is its export's, not the
/// reader's. Text that reads two ways (<c>1,234</c>: 1234 grouped, or 1.234 with a decimal comma) is refused, saying so.
/// Thousands grouped by a space (<c>1 234,50</c>, as French, Norwegian and Swedish exports write them, with a no-break
/// space too) or an apostrophe (Swiss <c>1'234.50</c>) read one way: the ',' or '.' is then the decimal point.
/// Where the input's decimal mark is declared (<c>--schema amount:number(decimal-comma)</c>), <see cref="TryParse(string, char, out decimal)"/>
/// reads by it alone, so <c>1.234</c> is 1234 in a German export. One reader for <c>money</c>, <c>number</c> and the schema's
/// <c>number</c> type; compiled into each package that reads amounts (<c>src/Shared</c>).
/// </summary>
internal static class TextNumber
{
    /// <summary>
    /// The marks that group thousands and nothing else, so a number grouped by one reads one way whatever its ',' or '.'
    /// (the decimal point then): a space, a no-break space (fr-FR, nb, sv), a narrow no-break space (French as .NET and
    /// Excel write it) and an apostrophe, straight or typographic (de-CH, fr-CH).
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> SpaceGroups = System.Buffers.SearchValues.Create(" \u00A0\u202F'\u2019");

    /// <summary>How a plain number is read: '.' for decimals, a sign, no grouping.</summary>
    private const NumberStyles Plain = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Reads the text as a number.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number read.</param>
    /// <param name="ambiguity">When the text reads as two numbers, what they are and how to write either; else null.</param>
    /// <returns>Whether the text reads as one number.</returns>
    public static bool TryParse(string text, out decimal value, out string? ambiguity)
    {
        ambiguity = null;
        if (decimal.TryParse(text, Plain, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var body = Body(text, out var sign);
        if (body.IndexOfAny(SpaceGroups) is >= 0 and var spaceAt)
        {
            // "1 234,50", "1 234.50", "1'234.50": the space groups, so the one ',' or '.' can only be the decimal point.
            var mark = body.IndexOf(',') >= 0 ? ',' : '.';
            return body.IndexOf(mark == ',' ? '.' : ',') < 0 && TryParse(sign, body, mark, body[spaceAt], out value);
        }

        var lastComma = body.LastIndexOf(',');
        var lastDot = body.LastIndexOf('.');
        if (lastComma < 0 && lastDot < 0)
        {
            // Digits after a sign the plain reading does not take ('−', U+2212, as .NET writes nb-NO's and sv-SE's minus).
            return sign.Length > 0 && !body.IsEmpty && !body.ContainsAnyExceptInRange('0', '9')
                && decimal.TryParse(string.Concat(sign, body), Plain, CultureInfo.InvariantCulture, out value);
        }

        // The separator written last is the decimal point if it is written once; the other one (or a separator written
        // more than once) groups. "1.234.567" fell to here because '.' is written twice: it groups.
        var (last, other) = lastComma > lastDot ? (',', '.') : ('.', ',');
        var lastAt = Math.Max(lastComma, lastDot);
        var decimalAt = body.Count(last) == 1 ? lastAt : -1;
        var group = decimalAt < 0 ? last : other;
        var whole = decimalAt < 0 ? body : body[..decimalAt];
        var fraction = decimalAt < 0 ? [] : body[(decimalAt + 1)..];
        if ((decimalAt >= 0 && fraction.IsEmpty) || fraction.ContainsAnyExceptInRange('0', '9') || !Grouped(whole, group, out var digits))
        {
            return false;
        }

        if (decimalAt >= 0 && whole.IndexOf(group) < 0 && fraction.Length == 3 && whole.Length <= 3 && whole[0] != '0')
        {
            // One separator, three digits after it: a thousands group as much as a decimal part.
            var grouped = string.Concat(sign, whole, fraction);
            var point = string.Concat(sign, whole, ".", fraction);
            ambiguity = $"which reads as {grouped} with '{last}' grouping thousands and as {point} with '{last}' as the decimal point. Write it without grouping: {grouped} or {point}";
            value = 0;
            return false;
        }

        return decimal.TryParse(string.Concat(sign, digits, fraction.IsEmpty ? "" : ".", fraction), Plain, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Reads the text as a number whose decimal mark is declared: <paramref name="decimalMark"/> ('.' or ',') is the decimal
    /// point, written at most once, and the other mark may group the whole part in threes (<c>1.234,50</c>, <c>1.234</c>,
    /// <c>1234,5</c>, <c>-12</c> with ','; <c>1,234.50</c> with '.'). Anything else, <c>12.5</c> with ',' among them, is not
    /// a number of that input.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="decimalMark">The decimal mark, '.' or ','.</param>
    /// <param name="value">The number read.</param>
    /// <returns>Whether the text is a number written so.</returns>
    public static bool TryParse(string text, char decimalMark, out decimal value)
    {
        value = 0;
        var body = Body(text, out var sign);
        return TryParse(sign, body, decimalMark, body.IndexOfAny(SpaceGroups) is >= 0 and var spaceAt ? body[spaceAt] : decimalMark == ',' ? '.' : ',', out value);
    }

    /// <summary>Reads a number's digits (after its sign) with <paramref name="decimalMark"/> written at most once and <paramref name="group"/> grouping the whole part in threes.</summary>
    private static bool TryParse(string sign, ReadOnlySpan<char> body, char decimalMark, char group, out decimal value)
    {
        value = 0;
        var decimalAt = body.IndexOf(decimalMark);
        if (decimalAt >= 0 && body[(decimalAt + 1)..].Contains(decimalMark))
        {
            return false;
        }

        var whole = decimalAt < 0 ? body : body[..decimalAt];
        var fraction = decimalAt < 0 ? [] : body[(decimalAt + 1)..];
        if ((decimalAt >= 0 && fraction.IsEmpty) || fraction.ContainsAnyExceptInRange('0', '9') || !Grouped(whole, group, out var digits))
        {
            return false;
        }

        return decimal.TryParse(string.Concat(sign, digits, fraction.IsEmpty ? "" : ".", fraction), Plain, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The text without white space around it and without its sign: '-', '+', or '−' (U+2212, as .NET writes a minus in nb-NO and sv-SE), given as "-" or "+".</summary>
    private static ReadOnlySpan<char> Body(string text, out string sign)
    {
        var body = text.AsSpan().Trim();
        sign = body.IsEmpty ? string.Empty : body[0] switch
        {
            '-' or '\u2212' => "-",
            '+' => "+",
            _ => string.Empty,
        };
        return body[(sign.Length == 0 ? 0 : 1)..];
    }

    /// <summary>Whether a whole part is digits, grouped by <paramref name="separator"/> in threes after a first group of one to three digits (or not grouped at all).</summary>
    private static bool Grouped(ReadOnlySpan<char> whole, char separator, out string digits)
    {
        digits = string.Empty;
        if (whole.IsEmpty)
        {
            return false;
        }

        var first = whole.IndexOf(separator);
        if (first < 0)
        {
            digits = whole.ToString();
            return !whole.ContainsAnyExceptInRange('0', '9');
        }

        if (first is 0 or > 3 || whole[0] == '0' || whole[..first].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var collected = new System.Text.StringBuilder(whole.Length).Append(whole[..first]);
        for (var at = first; at < whole.Length; at += 4)
        {
            if (whole[at] != separator || at + 4 > whole.Length || whole.Slice(at + 1, 3).ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            collected.Append(whole.Slice(at + 1, 3));
        }

        digits = collected.ToString();
        return true;
    }
}
