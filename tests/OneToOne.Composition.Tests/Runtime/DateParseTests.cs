using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// <c>date.parse</c> reads ISO 8601 text as <c>date.local</c> does, on the recipient's clock, whatever the recipient's
/// culture and the host's time zone: Scriban's own read 03/04/2025 as 3 April for a de-DE recipient and 4 March for an
/// en-US one, and shifted an offset to the host's clock.
/// </summary>
public sealed class DateParseTests
{
    private static readonly string[] Cultures = ["de-DE", "en-US", "en-GB", "fr-FR", "ja-JP", "th-TH", "ar-SA", "tr-TR"];

    [Theory]
    [InlineData(false, "de-DE")]
    [InlineData(false, "en-US")]
    [InlineData(true, "de-DE")]
    [InlineData(true, "en-US")]
    public void DateParse_SlashedDate_FailsTheRecipientInEveryCulture(bool compiled, string locale)
    {
        var ex = Assert.Throws<RecipientException>(() => Text(compiled, "{{ (d | date.parse) | date.to_string '%F' }}", ("d", "03/04/2025"), ("locale", locale)));

        Assert.Equal("r1", ex.RecipientId);
        Assert.Contains("'date.parse' needs an ISO 8601 date", ex.Message, StringComparison.Ordinal);
        Assert.Contains("but got '03/04/2025'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.12.2026")]
    [InlineData("Dec 6 2026")]
    [InlineData("2026-13-01")]
    [InlineData("2016/01/05")]
    public void DateParse_TextThatIsNoIsoDate_FailsTheRecipient(string text)
    {
        var ex = Assert.Throws<RecipientException>(() => Text(false, "{{ (d | date.parse) | date.to_string '%F' }}", ("d", text), ("locale", "en-US")));

        Assert.Contains($"but got '{text}'", ex.Message, StringComparison.Ordinal);

        // Scriban's own example, 2016/01/05, is year-month-day already: the fix is the separator, which the message names.
        Assert.Contains("Write the data's dates as ISO 8601, year-month-day with '-' (2016-01-05, not 2016/01/05)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DateParse_InstantJustBeforeNewYearInUtc_IsNewYearOnABerlinRecipientsClock(bool compiled)
    {
        var text = Text(compiled, "{{ p = d | date.parse }}{{ p.year }}|{{ p | date.to_string '%F %H:%M' }}|{{ d | date.local 'yyyy-MM-dd HH:mm' }}",
            ("d", "2026-12-31T23:30:00Z"), ("time_zone", "Europe/Berlin"));

        Assert.Equal("2027|2027-01-01 00:30|2027-01-01 00:30", text);
    }

    [Theory]
    [InlineData("America/New_York", "old-year")]
    [InlineData("Europe/London", "new-year")]
    public void Condition_DateParseOfAnInstant_IsJudgedOnTheRecipientsClock(string zone, string expected)
    {
        // 2027-01-01T04:30Z is still New Year's Eve in New York (23:30) but New Year's Day in London.
        var catalog = Load(false, """
            catalog: t
            modules:
              old-year:
                when: (d | date.parse) < ("2027-01-01" | date.parse)
                content: old
              new-year: new
            slots:
              s: { from: [old-year, new-year] }
            messages:
              m:
                body: '{{ slot "s" }}'
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("d", "2027-01-01T04:30:00Z"), ("time_zone", zone)), "m");

        Assert.Equal([expected], decision.GetSlot("s")!.ModuleIds);
    }

    [Fact]
    public void Condition_TwoParsedInstantsInTheHourNewYorkRepeats_CompareAsInstants()
    {
        // 01:40 EDT (05:40Z) comes before 01:10 EST (06:10Z): by the clock's reading it would seem later.
        var text = Text(false, "{{ (a | date.parse) < (b | date.parse) }}",
            ("a", "2026-11-01T05:40:00Z"), ("b", "2026-11-01T06:10:00Z"), ("time_zone", "America/New_York"));

        Assert.Equal("true", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DateParse_TheDifferenceOfTwoParsedDates_IsATimeSpan_AlsoForInstants(bool compiled)
    {
        // Scriban documents 'date1 - date2'; its date.parse gave a DateTime for every text, but an instant is now a
        // DateTimeOffset, which Scriban cannot subtract: "Unsupported types … DateTimeOffset for binary operation"
        // failed every recipient whose data held instants. Two instants differ by the time between them (3 hours here,
        // though New York's clock went back in between); a plain date and an instant by the reading of the recipient's clock.
        var text = Text(compiled, "{{ ((b | date.parse) - (a | date.parse)).total_hours }}|{{ ((c | date.parse) - (b | date.parse)).total_hours | math.round 2 }}|{{ ((d | date.parse) - (e | date.parse)).days }}",
            ("a", "2026-11-01T04:10:00Z"), ("b", "2026-11-01T07:10:00Z"), ("c", "2026-11-02"), ("d", "2026-12-06"), ("e", "2026-12-01"), ("time_zone", "America/New_York"));

        Assert.Equal("3|21.83|5", text.Trim());
    }

    [Fact]
    public void DateParse_NullOrEmpty_IsNull()
    {
        Assert.Equal("none|none", Text(false, "{{ (a | date.parse) ?? 'none' }}|{{ (b | date.parse) ?? 'none' }}", ("a", null), ("b", "")));
    }

    [Property(MaxTest = 200)]
    public Property DateParse_AnIsoDate_IsThatDayInEveryCulture()
    {
        var days = Gen.Choose(0, 365 * 200).Select(static n => new DateOnly(1950, 1, 1).AddDays(n));
        var cultures = Gen.Elements(Cultures);
        return Prop.ForAll(days.ToArbitrary(), cultures.ToArbitrary(), static (day, culture) =>
        {
            var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var read = Text(false, "{{ p = d | date.parse }}{{ p.year }}-{{ p.month }}-{{ p.day }}", ("d", iso), ("locale", culture));
            return read == string.Create(CultureInfo.InvariantCulture, $"{day.Year}-{day.Month}-{day.Day}");
        });
    }

    /// <summary>
    /// An instant from a typed recipient field (a POCO's or a data reader's <see cref="DateTimeOffset"/>, a UTC
    /// <see cref="DateTime"/>) is read on the recipient's clock by its members too, as by <c>date.local</c>: its own
    /// offset gave year 2026 beside a written 1 January 2027.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Members_OfATypedInstant_ReadTheRecipientsClock_AsDateLocalDoes(bool compiled)
    {
        const string Body = "{{ d.year }}-{{ d.month }}-{{ d.day }} {{ d.hour }}:{{ d.minute }} {{ d.day_of_week }}|{{ d | date.local 'yyyy-M-d H:m dddd' }}";

        Assert.Equal("2027-1-1 0:30 Friday|2027-1-1 0:30 Friday",
            Text(compiled, Body, ("d", new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)), ("time_zone", "Europe/Berlin")));
        Assert.Equal("2026-6-30 23:0 Tuesday|2026-6-30 23:0 Tuesday",
            Text(compiled, Body, ("d", new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(9)))));
        Assert.Equal("2027-1-1 0:30 Friday|2027-1-1 0:30 Friday",
            Text(compiled, Body, ("d", new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc)), ("time_zone", "Europe/Berlin")));

        // A time without a kind is on the recipient's own clock already: read as it is.
        Assert.Equal("2026-12-31 23:30 Thursday|2026-12-31 23:30 Thursday",
            Text(compiled, Body, ("d", new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Unspecified)), ("time_zone", "Europe/Berlin")));
    }

    private static string Text(bool compiled, string body, params (string Key, object? Value)[] fields)
    {
        var catalog = LoadBody(compiled, body);
        return catalog.Render(catalog.Decide(Person([("id", "r1"), .. fields]), "m"), Channel.Text).Body.Trim();
    }
}
