using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Gives a CSV cell a type, the way a JSON value would have one: <c>true</c>/<c>false</c> (any case) are
/// booleans, integers are <see cref="int"/> (or <see cref="long"/>, <see cref="decimal"/>, <see cref="System.Numerics.BigInteger"/> when larger), invariant-culture
/// decimals (<c>12.50</c>) are <see cref="decimal"/>, an empty cell is null, and everything else is text.
/// </summary>
/// <remarks>
/// Numbers with leading zeros (<c>00123</c>, <c>007.5</c>), a leading <c>+</c>, thousands separators or
/// exponents stay text: those are usually codes (postcodes, phone numbers, ids) whose digits matter.
/// </remarks>
internal static class CsvValueParser
{
    /// <summary>The longest integer read as a number beyond <see cref="decimal"/> (longer stays text: parsing costs grow faster than its length).</summary>
    private const int MaxIntegerLength = 1000;

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

                if (decimal.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return whole;
                }

                // Beyond decimal (a 30-digit account number): every digit kept, as a JSON integer that long is read.
                return cell.Length - (cell[0] == '-' ? 1 : 0) <= MaxIntegerLength
                    && System.Numerics.BigInteger.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
                    ? big
                    : cell;
            case NumberShape.Decimal:
                return decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                    ? ExactOrText(d, cell)
                    : cell;
            default:
                return cell;
        }
    }

    /// <summary>
    /// <paramref name="value"/>, read from <paramref name="cell"/>, when it holds every digit written there; else the
    /// cell's text. A decimal holds 28 significant digits: a longer one (<c>1234567890123456789012345678.05</c>) was
    /// rounded, silently, and stays text instead, as written. A cell of at most 29 characters is always held exactly.
    /// </summary>
    private static object ExactOrText(decimal value, string cell) =>
        cell.Length <= 29 || WithoutTrailingZeros(value.ToString(CultureInfo.InvariantCulture)).SequenceEqual(WithoutTrailingZeros(cell)) ? value : cell;

    /// <summary>A decimal's digits but for zeros ending its fraction: <c>1.500000000000000000000000000000</c> is 1.5 exactly, beyond decimal's 28 places.</summary>
    private static ReadOnlySpan<char> WithoutTrailingZeros(string number) =>
        number.Contains('.', StringComparison.Ordinal) ? number.AsSpan().TrimEnd('0').TrimEnd('.') : number;

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
