using System.Text.Json;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary><c>render --history</c>: caps judged against a SQLite history that the run records into; routing and arms in the output.</summary>
public sealed class RenderHistoryTests
{
    private const string Catalog = """
        catalog: bank
        experiments:
          offer_test:
            salt: s
            arms: { control: 50, rich: 50 }
        policy:
          consent: { email: email_opt_in, print: "!mail_suppressed" }
          caps:
            - { max: 1 per 7d, per: channel }
        modules:
          card: { content: "Card for {{ id }}" }
        slots:
          offer: { pick: first, from: [card] }
        messages:
          offer:
            channels: [email, print]
            subject: "An offer"
            email: { from: "Bank <offers@bank.example>" }
            body: '{{ slot "offer" }}'
        """;

    private const string Recipients = """
        {"id":"k1","email":"k1@example.com","email_opt_in":true,"mail_suppressed":false}
        {"id":"k2","email":"k2@example.com","email_opt_in":false,"mail_suppressed":false}
        {"id":"k3","email":"k3@example.com","email_opt_in":false,"mail_suppressed":true}
        """;

    [Fact]
    public void Render_MessageWithCaps_WithoutHistory_ExitsOneBeforeRenderingAnything()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "email", "-o", temp.File("out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("message 'offer' has frequency caps", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--history FILE", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")) && Directory.EnumerateFiles(temp.File("out"), "*.eml").Any());

        // The refusal names the cap and where it is written, and comes before the recipients are opened: a file that is
        // not there is not what the run says.
        var unread = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("missing.jsonl"), "-c", "email", "-o", temp.File("out"), "--summary", temp.File("summary.json"));
        Assert.Equal(1, unread.ExitCode);
        Assert.Equal(
            $"error: message 'offer' has frequency caps (max 1 per 7d per channel at {temp.File("catalog.yaml")}(9,14)), which are judged against a contact history, and this run has none, so every record that reaches them (one not suppressed before caps are checked) would be rejected: add --history FILE (a SQLite file, created when missing; keep the same file from run to run). No record was read.\n",
            unread.Stderr.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(temp.File("summary.json")));
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void Render_ForAChannelTheMessageIsNeverRoutedTo_ExitsOneNamingItsChannels_BeforeWritingAnything()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "web", "-o", temp.File("out"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-01");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("message 'offer' goes out only on its channels (email, print), so a web run would suppress every recipient", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Give --channel email or --channel print (one run each), --channel text", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.File("out"), "results.jsonl")));
    }

    [Fact]
    public void Catalog_Channels_AreTheMessagesOwn_AndNoneForAMessageThatNamesNone()
    {
        var catalog = new CatalogLoader().Parse(Catalog.Replace("    channels: [email, print]\n", "", StringComparison.Ordinal).Replace("per: channel", "per: message", StringComparison.Ordinal) + "\n  other:\n    channels: [print, web]\n    body: hi\n");

        Assert.Empty(catalog.Channels("offer"));
        Assert.Equal(["print", "web"], catalog.Channels("other"));
    }

    [Fact]
    public void Render_WithHistory_RecordsWhatItSends_AndTheNextRunIsCappedOnThatChannel()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);

        var first = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "email", "-o", temp.File("day1"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-01");
        var second = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "email", "-o", temp.File("day3"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-03");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var day1 = Results(temp.File("day1"));
        Assert.Equal("rendered", day1["k1"].GetProperty("status").GetString());
        Assert.Matches("^offer_test=(control|rich)$", day1["k1"].GetProperty("arms").GetString());
        Assert.Equal("suppressed", day1["k2"].GetProperty("status").GetString());
        Assert.Equal("routed to print", day1["k2"].GetProperty("reason").GetString());
        Assert.Equal("suppressed", day1["k3"].GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(temp.File("day1"), "k1.eml")));
        Assert.False(File.Exists(Path.Combine(temp.File("day1"), "k2.eml")));

        // Two days later k1's email cap (1 per 7d) is used up, so the message falls through to print: not sent by email.
        var day3 = Results(temp.File("day3"));
        Assert.Equal("suppressed", day3["k1"].GetProperty("status").GetString());
        Assert.Equal("routed to print", day3["k1"].GetProperty("reason").GetString());
        Assert.False(File.Exists(Path.Combine(temp.File("day3"), "k1.eml")));

        using var history = new SqliteContactHistory(temp.File("contacts.db"));
        var window = new ContactQuery("k1", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, history.Count(window));
        Assert.Equal(1, history.Count(window with { Channel = "email" }));
        Assert.Equal(0, history.Count(window with { RecipientId = "k2" }));
    }

    [Fact]
    public void Render_Text_WithHistory_SaysWhichChannelEachRecordWasRoutedTo_AndRecordsItThere()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File("out"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = Results(temp.File("out"));
        Assert.Equal("email", results["k1"].GetProperty("channel").GetString());
        Assert.Equal("print", results["k2"].GetProperty("channel").GetString());
        Assert.False(results["k3"].TryGetProperty("channel", out _));
        using var history = new SqliteContactHistory(temp.File("contacts.db"));
        var window = new ContactQuery("k2", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, history.Count(window with { Channel = "print" }));
    }

    [Fact]
    public void Render_WithHistory_ResumedFromACheckpoint_DoesNotCountARecordTwice()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);
        string[] args = ["render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "email", "-o", temp.File("out"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-01", "--checkpoint", temp.File("run.ckpt")];

        var first = CliRun.Of(args);
        var again = CliRun.Of(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        using var history = new SqliteContactHistory(temp.File("contacts.db"));
        Assert.Equal(1, history.Count(new ContactQuery("k1", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void Render_AHistoryThatCannotRecordMidRun_IsAnErrorWithTheCountsSoFar_AndTheRunResumesOnceItIsFixed()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);
        string[] args = ["render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File("out"), "--history", temp.File("contacts.db"), "--as-of", "2025-03-01", "--checkpoint", temp.File("run.ckpt")];
        new SqliteContactHistory(temp.File("contacts.db")).Dispose();

        // The history opens, then fails to record k2 once k1 is written (a disk error, say): played by a trigger.
        Sql(temp.File("contacts.db"), "CREATE TRIGGER fail BEFORE INSERT ON contacts WHEN NEW.recipient = 'k2' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
        var failed = CliRun.Of(args);
        Sql(temp.File("contacts.db"), "DROP TRIGGER fail");
        var resumed = CliRun.Of(args);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.StartsWith($"error: Cannot write the contact history '{temp.File("contacts.db")}'", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", failed.Stderr, StringComparison.Ordinal);
        // The counts the checkpoint holds: contacts are stored a group at a time, before the checkpoint holds their records,
        // so k2's group failing leaves k1 done only when it was stored in an earlier group (a commit a second into the run).
        Assert.True(failed.SummaryLine is null or "1 record: 1 rendered, 0 suppressed, 0 rejected", failed.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["k1", "k2", "k3"], Results(temp.File("out")).Keys);
        using var history = new SqliteContactHistory(temp.File("contacts.db"));
        Assert.Equal(["k1", "k2"], new[] { "k1", "k2", "k3" }.Where(id => history.Contacts(id).Count == 1));
        Assert.Empty(history.Contacts("k3"));
    }

    /// <summary>
    /// A run that stops after recording a record's contact but before its checkpoint holds the record (a kill, here a
    /// checkpoint that fails) decides that record again on resume: its own contact must not count against its cap. It
    /// did, so k1 and k2, rendered by the uninterrupted run, were suppressed ("cap reached") by the resumed one.
    /// </summary>
    [Fact]
    public void Render_WithHistory_ResumedAfterStoppingBetweenRecordingAndCheckpointing_DecidesAsTheUninterruptedRun()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), Recipients);
        string[] Args(string name) => ["render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File(name), "--history", temp.File(name + ".db"), "--as-of", "2025-03-01", "--checkpoint", temp.File(name + ".ckpt")];
        var uninterrupted = CliRun.Of(Args("whole"));

        Sql(temp.File("cut.ckpt"), """
            CREATE TABLE run(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE records(number INTEGER PRIMARY KEY, id TEXT, status TEXT NOT NULL, detail TEXT, file TEXT);
            CREATE TRIGGER stop BEFORE INSERT ON records WHEN NEW.id = 'k2' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;
            """);
        var stopped = CliRun.Of(Args("cut"));
        Sql(temp.File("cut.ckpt"), "DROP TRIGGER stop");
        var resumed = CliRun.Of(Args("cut"));

        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using (var history = new SqliteContactHistory(temp.File("cut.db")))
        {
            // The stopped run recorded k2's contact before its checkpoint failed to hold k2.
            Assert.Equal(1, history.Count(new ContactQuery("k2", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero))));
        }

        var expected = Results(temp.File("whole"));
        var actual = Results(temp.File("cut"));
        Assert.Equal(["rendered", "rendered", "suppressed"], expected.Values.Select(static r => r.GetProperty("status").GetString()));
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, e => Assert.Equal(e.Value.GetProperty("status").GetString(), actual[e.Key].GetProperty("status").GetString()));
        Assert.Equal(File.ReadAllText(temp.File("whole/k2.txt")), File.ReadAllText(temp.File("cut/k2.txt")));
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, JsonElement> Results(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "results.jsonl"))
            .Select(static line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(static r => r.GetProperty("id").GetString()!, StringComparer.Ordinal);
}
