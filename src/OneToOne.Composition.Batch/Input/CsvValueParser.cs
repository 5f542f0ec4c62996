using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Gives a CSV cell a type, the way a JSON value would have one: <c>true</c>/<c>false</c> (any case) are
/// booleans, integers are <see cref="int"/> (or <see cref="long"/> when larger), invariant-culture
/// decimals (<c>12.50</c>) are <see cref="decimal"/>, an empty cell is null, and everything else is text.
/// </summary>
/// <remarks>
/// Numbers with leading zeros (<c>00123</c>, <c>007.5</c>), a leading <c>+</c>, thousands separators or
/// exponents stay text: those are usually codes (postcodes, phone numbers, ids) whose digits matter.
/// </remarks>
internal static class CsvValueParser
{
    /// <summary>Converts one cell.</summary>
    /// <param name="cell">The cell's text, unquoted.</param>
    /// <returns>The typed value.</returns>
    public static object? Parse(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return null;
        }

        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (cell.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        switch (Shape(cell))
        {
            case NumberShape.Integer:
                if (int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    return i;
                }

                if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                goto case NumberShape.Decimal;
            case NumberShape.Decimal:
                return decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : cell;
            default:
                return cell;
        }
    }

    private static NumberShape Shape(string cell)
    {
        var span = cell.AsSpan();
        if (span[0] == '-')
        {
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        if (!AllDigits(whole) || (whole.Length > 1 && whole[0] == '0'))
        {
            return NumberShape.None;
        }

        if (dot < 0)
        {
            return NumberShape.Integer;
        }

        return AllDigits(span[(dot + 1)..]) ? NumberShape.Decimal : NumberShape.None;
    }

    private static bool AllDigits(ReadOnlySpan<char> span) => !span.IsEmpty && !span.ContainsAnyExceptInRange('0', '9');

    private enum NumberShape
    {
        None,
        Integer,
        Decimal,
    }
}
