using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite.Tests;

/// <summary>
/// What a year of nightly runs asks of the file (benchmarks/history-year.sh): a cap's count that reads its window from
/// one index, and a file that a first prune after a year can shrink.
/// </summary>
public sealed class HistoryMaintenanceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 5, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-maintenance-").FullName;

    private string File => Path.Combine(_directory, "contacts.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<string> Column(SqliteConnection connection, string sql, int column = 0, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(column).ToString()!);
        }

        return values;
    }

    /// <summary>The plan of a cap's count, for each kind of cap (per channel, message, topic; a resumed run's own contacts left out).</summary>
    public static TheoryData<string?, string?, string?, string?> CapQueries => new()
    {
        { "email", null, null, null },
        { null, "monthly", null, null },
        { null, null, "offers", null },
        { "email", null, null, "night-2025-02-28" },
    };

    [Theory]
    [MemberData(nameof(CapQueries))]
    public void ACapsCount_ReadsOnlyTheRecipientsWindowInOneCoveringIndex_NeverTheTable(string? channel, string? message, string? topic, string? run)
    {
        using (var history = new SqliteContactHistory(File))
        {
            history.Record(new ContactRecord("c1", "monthly", "email", "offers", Now, "night-2025-03-01"));
        }

        using var connection = Connect();
        var plan = Column(connection, "EXPLAIN QUERY PLAN " + SqliteContactHistory.CountSql, 3,
            ("$recipient", "c1"), ("$since", 0L), ("$until", Now.ToUnixTimeMilliseconds()), ("$channel", channel), ("$message", message), ("$topic", topic), ("$run", run));

        Assert.Equal(["SEARCH contacts USING COVERING INDEX contacts_for_caps (recipient=? AND at_ms>? AND at_ms<?)"], plan);
    }

    [Fact]
    public void OpeningAFileOfAnEarlierVersion_ReplacesItsIndexWithTheCoveringOne_InItsPages_AndCountsStayTheSame()
    {
        // The schema as earlier versions created it, with a year's worth of two recipients' nightly contacts.
        string pages;
        using (var connection = Connect())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE contacts (
                    recipient TEXT NOT NULL, message TEXT NOT NULL, run TEXT NOT NULL, channel TEXT NOT NULL, topic TEXT NULL,
                    at_ms INTEGER NOT NULL, PRIMARY KEY (recipient, message, run)) WITHOUT ROWID;
                CREATE INDEX contacts_by_recipient_time ON contacts (recipient, at_ms);
                """;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO contacts VALUES ($r, 'monthly', $run, $channel, 'offers', $at);";
            var night = 0;
            foreach (var recipient in new[] { "c1", "c2" })
            {
                for (var day = 0; day < 365; day++, night++)
                {
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$r", recipient);
                    command.Parameters.AddWithValue("$run", $"night-{day:D3}");
                    command.Parameters.AddWithValue("$channel", night % 3 == 0 ? "print" : "email");
                    command.Parameters.AddWithValue("$at", Now.AddDays(-day).ToUnixTimeMilliseconds());
                    command.ExecuteNonQuery();
                }
            }

            pages = Column(connection, "PRAGMA page_count;")[0];
        }

        using var history = new SqliteContactHistory(File);

        using (var connection = Connect())
        {
            Assert.Equal(["contacts_for_caps"], Column(connection, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name;"));

            // The old index is dropped before the new one is built, which reuses its pages: none is left free, and the
            // file grows by the new index's extra columns only, not by a second index.
            Assert.Equal(["0"], Column(connection, "PRAGMA freelist_count;"));
            Assert.True(int.Parse(Column(connection, "PRAGMA page_count;")[0], System.Globalization.CultureInfo.InvariantCulture) < int.Parse(pages, System.Globalization.CultureInfo.InvariantCulture) + 4, pages);
        }

        // c1's nights 0..29 in the 30 days to now: 10 by print (night 0, 3, …, 27), 20 by email; c2's start at night 365.
        Assert.Equal(30, history.Count(new ContactQuery("c1", Now.AddDays(-30), Now, MessageId: "monthly")));
        Assert.Equal(20, history.Count(new ContactQuery("c1", Now.AddDays(-30), Now, Channel: "email")));
        Assert.Equal(10, history.Count(new ContactQuery("c1", Now.AddDays(-30), Now, Channel: "print")));
        Assert.Equal(30, history.Count(new ContactQuery("c2", Now.AddDays(-30), Now, Topic: "offers")));
        Assert.Equal(29, history.Count(new ContactQuery("c2", Now.AddDays(-30), Now, Topic: "offers") { ExceptRunId = "night-000" }));
        Assert.Equal(365, history.Contacts("c2").Count);
    }

    [Fact]
    public void Prune_FreesPagesTheFileKeeps_AndVacuumShrinksItToWhatItHolds_KeepingExactlyTheKeptContacts()
    {
        using var history = new SqliteContactHistory(File);
        for (var night = 0; night < 40; night++)
        {
            var at = Now.AddDays(-night);
            history.RecordMany(Enumerable.Range(0, 500).Select(i => new ContactRecord($"c{i:D7}", "monthly", "email", null, at, $"night-{night:D2}")));
        }

        // A prune that deletes nothing still checkpoints the log into the file, so the file holds every page.
        Assert.Equal(0, history.Prune(Now.AddYears(-1)));
        var full = new FileInfo(File).Length;
        Assert.Equal(19_000, history.Prune(Now.AddDays(-1)));
        Assert.Equal(full, new FileInfo(File).Length);
        using (var connection = Connect())
        {
            Assert.True(long.Parse(Column(connection, "PRAGMA freelist_count;")[0], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }

        var reclaimed = history.Vacuum();

        var after = new FileInfo(File).Length;
        Assert.Equal(full - after, reclaimed);
        Assert.True(after * 10 < full, $"{after} bytes after vacuum of {full}");
        Assert.Equal(0, new FileInfo(File + "-wal").Length);
        using (var connection = Connect())
        {
            Assert.Equal(["0"], Column(connection, "PRAGMA freelist_count;"));
            Assert.Equal(["ok"], Column(connection, "PRAGMA integrity_check;"));
            Assert.Equal(["night-00 500", "night-01 500"], Column(connection, "SELECT run || ' ' || COUNT(*) FROM contacts GROUP BY run ORDER BY run;"));
        }

        Assert.Equal([Now.AddDays(-1), Now], history.Contacts("c0000042").Select(static c => c.At));
        Assert.Equal(2, history.Count(new ContactQuery("c0000499", Now.AddDays(-7), Now, MessageId: "monthly")));
        Assert.Equal(0, history.Vacuum());
    }
}
