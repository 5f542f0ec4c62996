using System.Globalization;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The dates a culture's calendar can write. Some cultures count years in another calendar (fa-IR the Persian, from
/// 622; ar-SA the Umm al-Qura, 1900 to 2077; ja-JP with <c>-u-ca-japanese</c> the eras, from 1868), and .NET throws an
/// <see cref="ArgumentOutOfRangeException"/> for a date outside it: a recipient's 0001-01-01 failed as no error of ours.
/// </summary>
internal static class CalendarRange
{
    /// <summary>Says why a value cannot be written as a date in a culture, or returns null when it can (or is no date).</summary>
    /// <param name="value">A value about to be written.</param>
    /// <param name="culture">The recipient's culture.</param>
    /// <returns>"the date 0001-01-01, which the culture 'fa-IR' cannot write: …", or null.</returns>
    public static string? Problem(object? value, CultureInfo culture)
    {
        DateTime date;
        switch (value)
        {
            case DateTime dateTime:
                date = dateTime;
                break;
            case DateTimeOffset instant:
                date = instant.DateTime;
                break;
            case DateOnly day:
                date = day.ToDateTime(TimeOnly.MinValue);
                break;
            default:
                return null;
        }

        var calendar = culture.DateTimeFormat.Calendar;
        return date >= calendar.MinSupportedDateTime && date <= calendar.MaxSupportedDateTime
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"the date {date:yyyy-MM-dd}, which the culture '{culture.Name}' cannot write: its calendar ({calendar.GetType().Name}) covers {calendar.MinSupportedDateTime:yyyy-MM-dd} to {calendar.MaxSupportedDateTime:yyyy-MM-dd}. Correct the date in the recipient data, or the recipient's locale");
    }
}
