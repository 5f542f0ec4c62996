using System.Data;
using Microsoft.Data.Sqlite;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// The same calendar day, 6 December 2026 on the recipient's clock (de-DE, Europe/Berlin), given as every .NET date type
/// and as ISO text, from every source: written bare, through date.local, through Scriban's date functions, and compared in
/// a template and in a condition.
/// </summary>
public sealed class RecipientDateTests
{
    /// <summary>What the template writes for each form, joined by '|'.</summary>
    private const string Template =
        "bare={{ d }}|local={{ d | date.local }}|next={{ d | date.add_days 1 }}|iso={{ d | date.to_string '%F' }}"
        + "|on={{ d >= '2026-12-06' && d < '2026-12-07' }}|before={{ d < '2026-12-06' }}|parsed={{ (d | date.parse) < ('2026-12-07' | date.parse) }}|when={{ slot 's' }}";

    private static readonly Catalog Catalog = new CatalogLoader(TestOptions.Untimed).Parse($$$"""
        catalog: dates
        modules:
          on-the-day: { when: 'd >= "2026-12-06" && d < "2026-12-07"', content: on }
          other-day: { content: other }
        slots:
          s: { from: [on-the-day, other-day] }
        messages:
          m:
            subject: "Bestellt am {{ d }}"
            body: "{{{Template}}}"
        """);

    /// <summary>A date value of each .NET type, all on 6 December 2026 in Berlin.</summary>
    public static TheoryData<string, object> Values() => new()
    {
        { "DateOnly", new DateOnly(2026, 12, 6) },
        { "DateTime (unspecified kind: the recipient's clock)", new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Unspecified) },
        { "DateTime (UTC, 09:00 in Berlin)", new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc) },
        { "DateTime (the host's local time)", new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc).ToLocalTime() },
        { "DateTimeOffset (+05:00, 06:00 in Berlin)", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(5)) },
    };

    public sealed record Customer(string Id, string Locale, string TimeZone, object D);

    public sealed record DatedCustomer(string Id, string Locale, string TimeZone, DateOnly D);

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateValue_IsWrittenAndComparedAlike_FromADictionary(string kind, object value)
    {
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["locale"] = "de-DE", ["time_zone"] = "Europe/Berlin", ["d"] = value });

        Assert.Equal(Expected("06.12.2026"), Body(recipient), ignoreLineEndingDifferences: false);
        Assert.True(kind.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateValue_IsWrittenAndComparedAlike_FromAPoco(string kind, object value)
    {
        Assert.Equal(Expected("06.12.2026"), Body(Recipient.FromObject(new Customer("r", "de-DE", "Europe/Berlin", value))));
        Assert.True(kind.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateValue_IsWrittenAndComparedAlike_FromADataReader(string kind, object value)
    {
        using var table = new DataTable();
        table.Columns.Add("id", typeof(string));
        table.Columns.Add("locale", typeof(string));
        table.Columns.Add("time_zone", typeof(string));
        table.Columns.Add("d", value.GetType());
        table.Rows.Add("r", "de-DE", "Europe/Berlin", value);
        using var reader = table.CreateDataReader();

        Assert.Equal(Expected("06.12.2026"), Body(RecipientReader.Read(reader).Single().Recipient!));
        Assert.True(kind.Length > 0);
    }

    [Fact]
    public void ADateOnlyProperty_WorksWithScribansDateFunctions()
    {
        // A POCO's DateOnly failed every date.* function: "Unable to convert type `DateOnly` to `DateTime`".
        Assert.Equal(Expected("06.12.2026"), Body(Recipient.FromObject(new DatedCustomer("r", "de-DE", "Europe/Berlin", new DateOnly(2026, 12, 6)))));
    }

    [Theory]
    [InlineData("2026-12-06")]
    [InlineData("2026-12-06T10:00:00+05:00")]
    [InlineData("2026-12-06T18:30")]
    public async Task ISOText_IsWrittenAsItIs_AndOtherwiseReadAsTheDateItWrites_FromEverySource(string text)
    {
        // JSON Lines and CSV have no date type: their dates are text, written bare as they are, and read as dates by
        // date.local, Scriban's date functions and comparisons, as a date value is.
        var expected = Expected(text);
        var dictionary = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["locale"] = "de-DE", ["time_zone"] = "Europe/Berlin", ["d"] = text });
        var poco = Recipient.FromObject(new Customer("r", "de-DE", "Europe/Berlin", text));
        var jsonl = RecipientReader.Read(new StringReader($$"""{"id":"r","locale":"de-DE","time_zone":"Europe/Berlin","d":"{{text}}"}"""), RecipientFormat.JsonLines).Single().Recipient!;
        Assert.True(RecipientSchema.TryParse("d:date", out var schema, out _));
        var csv = RecipientReader.Read(new StringReader($"id,locale,time_zone,d\nr,de-DE,Europe/Berlin,{text}\n"), RecipientFormat.Csv, "id", schema).Single().Recipient!;

        Assert.Equal(expected, Body(dictionary));
        Assert.Equal(expected, Body(poco));
        Assert.Equal(expected, Body(jsonl));
        Assert.Equal(expected, Body(csv));
        Assert.Equal(expected, Body(await FromSqlite(text)));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateValue_IsWrittenAlike_InEveryChannelAndTheSubject(string kind, object value)
    {
        var recipient = Recipient.FromObject(new Customer("r", "de-DE", "Europe/Berlin", value));
        var decision = Catalog.Decide(recipient, "m");

        Assert.Equal("Bestellt am 06.12.2026", Catalog.Render(decision, Channel.Text).Subject);
        WrittenAsDateLocal(Catalog.Render(decision, Channel.Web).Body);
        WrittenAsDateLocal(Catalog.Render(decision, Channel.Print).Body);
        Assert.True(kind.Length > 0);
    }

    [Theory]
    [InlineData("en-US", "12/6/2026")]
    [InlineData("de-DE", "06.12.2026")]
    [InlineData("fr-FR", "06/12/2026")]
    public void ABareDate_IsTheRecipientsCulturesShortDate_WhateverItsType(string locale, string expected)
    {
        // Before: a DateOnly wrote the culture's short date, a DateTime Scriban's "06 Dec 2026", a DateTimeOffset "12/6/2026 10:00:00 AM +05:00".
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: '{{ a }}|{{ b }}|{{ c }}'\n");
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["id"] = "r", ["locale"] = locale, ["time_zone"] = "Europe/Berlin",
            ["a"] = new DateOnly(2026, 12, 6), ["b"] = new DateTime(2026, 12, 6, 14, 0, 0, DateTimeKind.Unspecified), ["c"] = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(5)),
        });

        Assert.Equal($"{expected}|{expected}|{expected}", catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData(null, "05.12.2026")]
    [InlineData("Europe/Berlin", "05.12.2026")]
    [InlineData("Asia/Tokyo", "06.12.2026")]
    public void ABareDateTimeOffset_IsTheDateInTheRecipientsTimeZone_UtcWithoutOne(string? zone, string expected)
    {
        // 2026-12-06T00:30+02:00 is 2026-12-05 22:30 UTC, 23:30 in Berlin and 07:30 on the 6th in Tokyo; bare, it was written with its own offset.
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: '{{ at }}|{{ at | date.local }}|{{ at | date.to_string \"%F\" }}'\n");
        var fields = new Dictionary<string, object?> { ["id"] = "r", ["locale"] = "de-DE", ["at"] = new DateTimeOffset(2026, 12, 6, 0, 30, 0, TimeSpan.FromHours(2)) };
        if (zone is not null)
        {
            fields["time_zone"] = zone;
        }

        var iso = $"{expected[6..]}-{expected[3..5]}-{expected[..2]}";
        Assert.Equal($"{expected}|{expected}|{iso}", catalog.Render(catalog.Decide(Recipient.FromDictionary(fields), "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData("de-DE", "18:30")]
    [InlineData("en-US", "6:30 PM")]
    public void ABareTimeOnly_IsTheCulturesShortTime(string locale, string expected)
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: '{{ t }}'\n");
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["locale"] = locale, ["t"] = new TimeOnly(18, 30) });

        Assert.Equal(expected, catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim().Replace('\u202F', ' '));
    }

    [Theory]
    [InlineData("2025-12-31", "true")]
    [InlineData("2026-01-01", "false")]
    public void ADateComparedWithText_IsComparedAsADate_NotAsTheTextItWrites(string day, string expected)
    {
        // 31.12.2025 was compared as the text it writes, "31 Dec 2025" (or "31.12.2025"), which comes after "2026-01-01".
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: '{{ a < \"2026-01-01\" }}|{{ b < \"2026-01-01\" }}|{{ a == b }}'\n");
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["locale"] = "de-DE", ["a"] = date, ["b"] = date.ToDateTime(TimeOnly.MinValue) });

        Assert.Equal($"{expected}|{expected}|true", catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateInCaseWhen_MatchesAsItEqualsWithEquals(string kind, object value)
    {
        // 'd == "2026-12-06"' held, but 'case d when "2026-12-06"' went to its else: case compared the date as Scriban writes it.
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: c\nmessages:\n  m:\n    body: '{{ d == \"2026-12-06\" }}|{{ case d }}{{ when \"2026-12-05\", \"2026-12-06\" }}on{{ else }}other{{ end }}|{{ case \"2026-12-06\" }}{{ when d }}on{{ else }}other{{ end }}'\n");
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["locale"] = "de-DE", ["time_zone"] = "Europe/Berlin", ["d"] = value });

        var expected = value is DateTime { Kind: DateTimeKind.Unspecified } or DateOnly ? "true|on|on" : "false|other|other";
        Assert.Equal(expected, catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
        Assert.True(kind.Length > 0);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    public void TwoInstants_AreComparedAsInstants_AlsoInTheHourTheRecipientsClockRepeats(DateTimeKind kind)
    {
        // On 25 October 2026 Berlin's clocks go back from 03:00 to 02:00: 00:30 UTC is 02:30 there, 01:10 UTC 02:10, 01:30
        // UTC 02:30 again. Compared as the recipient's wall clock, the earlier instant came after the later one, and two
        // instants an hour apart were equal (a PostgreSQL timestamptz reads as a UTC DateTime; they compared right before).
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: c
            modules:
              earlier: { when: 'a < b && a != c && b > a', content: earlier }
              not-earlier: { content: not-earlier }
            slots:
              s: { from: [earlier, not-earlier] }
            messages:
              m:
                body: "{{ a < b }}|{{ a == c }}|{{ b > a }}|{{ ao < bo }}|{{ ao == co }}|{{ slot 's' }}"
            """);
        DateTime At(int hour, int minute) => kind == DateTimeKind.Utc
            ? new DateTime(2026, 10, 25, hour, minute, 0, DateTimeKind.Utc)
            : new DateTime(2026, 10, 25, hour, minute, 0, DateTimeKind.Utc).ToLocalTime();
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["id"] = "r", ["locale"] = "de-DE", ["time_zone"] = "Europe/Berlin",
            ["a"] = At(0, 30), ["b"] = At(1, 10), ["c"] = At(1, 30),
            ["ao"] = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)),
            ["bo"] = new DateTimeOffset(2026, 10, 25, 2, 10, 0, TimeSpan.FromHours(1)),
            ["co"] = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1)),
        });

        Assert.Equal("true|false|true|true|false|earlier", catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
    }

    /// <summary>What <see cref="Template"/> writes for the day, <paramref name="bare"/> being what <c>{{ d }}</c> writes.</summary>
    private static string Expected(string bare) =>
        $"bare={bare}|local=06.12.2026|next=07.12.2026|iso=2026-12-06|on=true|before=false|parsed=true|when=on";

    /// <summary>Asserts that a channel's body writes the bare date as it writes date.local's (each channel escapes both its own way: HTML writes '.' as "&amp;#46;").</summary>
    private static void WrittenAsDateLocal(string body)
    {
        var written = System.Text.RegularExpressions.Regex.Match(body, @"bare=(.*?)\|local=(.*?)\|", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(10));
        Assert.True(written.Success, body);
        Assert.Equal(written.Groups[2].Value, written.Groups[1].Value);
        Assert.Contains("2026", written.Groups[1].Value, StringComparison.Ordinal);
    }

    private static string Body(Recipient recipient) => Catalog.Render(Catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();

    private static async Task<Recipient> FromSqlite(string text)
    {
        // SQLite keeps dates as text, whatever the column is declared.
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE c(id TEXT, locale TEXT, time_zone TEXT, d DATE); INSERT INTO c VALUES ('r', 'de-DE', 'Europe/Berlin', $d);";
            create.Parameters.AddWithValue("$d", text);
            await create.ExecuteNonQueryAsync();
        }

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT id, locale, time_zone, d FROM c";
        await using var reader = await query.ExecuteReaderAsync();
        return RecipientReader.Read(reader).Single().Recipient!;
    }
}
