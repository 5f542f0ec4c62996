namespace OneToOne.Composition.Email.Html;

/// <summary>The box shorthands of one to four values (margin, padding, border-width, border-style), read in place.</summary>
internal static class BoxShorthand
{
    /// <summary>The shorthand's values, space-separated, into <paramref name="values"/> (room for five, so a fifth shows).</summary>
    /// <param name="shorthand">The shorthand's value.</param>
    /// <param name="values">The ranges of its values.</param>
    /// <returns>The number of values, 1 to 4; 0 when there are none or more than four.</returns>
    public static int Split(ReadOnlySpan<char> shorthand, Span<Range> values)
    {
        var count = shorthand.Split(values, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return count is >= 1 and <= 4 ? count : 0;
    }

    /// <summary>Which of <paramref name="count"/> values gives a side (0 top, 1 right, 2 bottom, 3 left), as CSS fills the missing ones: bottom from top, left from right.</summary>
    /// <param name="side">The side.</param>
    /// <param name="count">The number of values, 1 to 4.</param>
    /// <returns>The value's index.</returns>
    public static int Index(int side, int count) => side < count ? side : side == 3 && count > 1 ? 1 : 0;
}
