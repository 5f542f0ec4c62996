using System.Globalization;

namespace OneToOne.Composition;

/// <summary>
/// Reads an ISO 8601 date or date and time, year-month-day only: <c>1/2/2026</c> is the 2nd of January to some readers
/// and the 1st of February to others, so it is no date. One reading for the catalog's dates, <c>--schema</c>'s
/// <c>date</c> type and the CLI's <c>--as-of</c>; compiled into each package that reads dates (<c>src/Shared</c>).
/// </summary>
internal static class IsoInstant
{
    /// <summary>Reads a date (midnight UTC) or a date and time (UTC unless it names an offset); null when the text is neither.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant, or null.</returns>
    public static DateTimeOffset? Parse(string text)
    {
        if (text.Length < 10 || !DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        if (text.Length == 10)
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return text[10] is 'T' or 't' or ' ' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;
    }
}
