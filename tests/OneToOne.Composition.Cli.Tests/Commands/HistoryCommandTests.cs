using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary><c>history forget|prune|export</c>: a DPO's erasure, storage limitation and access requests on a <c>--history</c> file.</summary>
public sealed class HistoryCommandTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Catalog = """
        catalog: shop
        policy:
          caps:
            - { max: 1 per 7d, per: channel }
        messages:
          offer:
            channels: [email]
            caps: [{ max: 3 per 30d, per: message }]
            subject: "An offer"
            email: { from: "Shop <offers@shop.example>" }
            body: "Hello {{ id }}"
        """;

    private static void Seed(string path, params ContactRecord[] contacts)
    {
        using (var history = new SqliteContactHistory(path))
        {
            history.RecordMany(contacts);
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Every row left in the file, as recipient/message/run/days before <see cref="Day"/>, in key order.</summary>
    private static List<string> Rows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT recipient, message, run, at_ms FROM contacts ORDER BY recipient, message, run;";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var days = (Day - DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))).TotalDays;
            rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}/{reader.GetString(2)}/{days:0.###}");
        }

        return rows;
    }

    private static bool InFile(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new[] { path, path + "-wal" }.Any(p => File.Exists(p) && File.ReadAllBytes(p).AsSpan().IndexOf(bytes) >= 0);
    }

    private static ContactRecord Contact(string id, double daysAgo, string run = "run-1", string message = "offer") =>
        new(id, message, "email", null, Day.AddDays(-daysAgo), run);

    [Fact]
    public void Forget_ABatchFromOptionsAndAFile_ErasesThoseRecipientsOnly_PrintsACountPerId_AndLeavesNoTraceInTheFile()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna@example.org", 1), Contact("anna@example.org", 9, "run-0"), Contact("bert@example.org", 2), Contact("carl@example.org", 3));
        File.WriteAllText(temp.File("requests.txt"), "bert@example.org\r\n\r\nnobody@example.org\n");

        var run = CliRun.Of("history", "forget", db, "--recipient", "anna@example.org", "--recipients-file", temp.File("requests.txt"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                """{"recipient":"anna@example.org","erased":2}""",
                """{"recipient":"bert@example.org","erased":1}""",
                """{"recipient":"nobody@example.org","erased":0}""",
            ],
            run.StdoutLines);
        Assert.Contains("Erased 3 contacts of 3 recipients (1 had none)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["carl@example.org/offer/run-1/3"], Rows(db));
        Assert.False(InFile(db, "anna@example.org"));
        Assert.False(InFile(db, "bert@example.org"));
        Assert.True(InFile(db, "carl@example.org"));
    }

    [Fact]
    public void Forget_AfterARender_StartsThatRecipientsCapsFromZero_AndTheNextRunSendsAgain()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"k1\",\"email\":\"k1@example.com\"}\n{\"id\":\"k2\",\"email\":\"k2@example.com\"}\n");
        string[] Render(string day, string outDir) => ["render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File(outDir), "--history", temp.File("contacts.db"), "--as-of", day];

        Assert.Equal(0, CliRun.Of(Render("2025-03-01", "day1")).ExitCode);
        var forget = CliRun.Of("history", "forget", temp.File("contacts.db"), "-r", "k1");
        var day2 = CliRun.Of(Render("2025-03-02", "day2"));

        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.Equal(["""{"recipient":"k1","erased":1}"""], forget.StdoutLines);
        Assert.True(day2.ExitCode == 0, day2.ToString());
        Assert.True(File.Exists(Path.Combine(temp.File("day2"), "k1.txt")));
        Assert.False(File.Exists(Path.Combine(temp.File("day2"), "k2.txt")));
    }

    [Fact]
    public void Export_PrintsEveryContactOfTheRecipients_AsJsonLines_OldestFirst_AndChangesNothing()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db,
            Contact("anna", 1),
            new ContactRecord("anna", "winback", "print", "loans", Day.AddDays(-40).AddMilliseconds(250), "run-0"),
            Contact("bert", 2));

        var run = CliRun.WithInput("anna\n", "history", "export", db, "--recipients-file", "-");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                """{"recipient":"anna","message":"winback","channel":"print","topic":"loans","at":"2025-01-20T00:00:00.250Z","run":"run-0"}""",
                """{"recipient":"anna","message":"offer","channel":"email","topic":null,"at":"2025-02-28T00:00:00.000Z","run":"run-1"}""",
            ],
            run.StdoutLines);
        Assert.Contains("Exported 2 contacts of 1 recipient", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, Rows(db).Count);
    }

    [Fact]
    public void Export_OfAnIdGivenInBothUnicodeForms_PrintsEachContactOnce()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("Jos\u00e9", 1), Contact("Jose\u0301", 2), Contact("Jose", 3));

        var run = CliRun.Of("history", "export", db, "--recipient", "Jos\u00e9", "--recipient", "Jose\u0301");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["Jose\u0301", "Jos\u00e9"], run.StdoutLines.Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("recipient").GetString()));
        Assert.Contains("Exported 2 contacts of 1 recipient", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forget")]
    [InlineData("export")]
    [InlineData("prune")]
    public void AMissingHistory_IsAnError_NotAnEmptyHistory_AndIsNotCreated(string command)
    {
        using var temp = new TempDirectory();
        var db = temp.File("typo.db");
        string[] args = command == "prune" ? ["history", command, db, "--older-than", "30d"] : ["history", command, db, "-r", "anna"];

        var run = CliRun.Of(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains($"the contact history '{db}' does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void ForgetOrExport_WithoutARecipient_ExitsOneSayingHowToGiveThem()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 1));

        var run = CliRun.Of("history", "forget", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: no recipient given. Give --recipient ID", run.Stderr, StringComparison.Ordinal);
        Assert.Single(Rows(db));
    }

    [Fact]
    public void Prune_OlderThan_DeletesOnlyOlderContacts_JudgedAsOf()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 1), Contact("anna", 399, "run-0"), Contact("anna", 401, "run-old"), Contact("bert", 500, "run-older"));

        var run = CliRun.Of("history", "prune", db, "--older-than", "400d", "--as-of", "2025-03-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["""{"before":"2024-01-26T00:00:00.000Z","pruned":2}"""], run.StdoutLines);
        Assert.Equal(["anna/offer/run-0/399", "anna/offer/run-1/1"], Rows(db));
        Assert.False(InFile(db, "bert"));
        Assert.False(InFile(db, "run-old"));
    }

    [Fact]
    public void Prune_OlderThan_WithoutAsOf_JudgesTheAgeAtTheToolsClock()
    {
        // The age was judged at the machine's wall clock (DateTimeOffset.UtcNow), which no test or caller could set.
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 1), Contact("anna", 399, "run-0"), Contact("anna", 401, "run-old"), Contact("bert", 500, "run-older"));

        var run = CliRun.At(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), "history", "prune", db, "--older-than", "400d");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["""{"before":"2024-01-26T00:00:00.000Z","pruned":2}"""], run.StdoutLines);
        Assert.Equal(["anna/offer/run-0/399", "anna/offer/run-1/1"], Rows(db));
    }

    [Fact]
    public void Prune_Before_DeletesContactsBeforeThatInstant()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 1), Contact("anna", 10, "run-0"));

        var run = CliRun.Of("history", "prune", db, "--before", "2025-02-25");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["""{"before":"2025-02-25T00:00:00.000Z","pruned":1}"""], run.StdoutLines);
        Assert.Equal(["anna/offer/run-1/1"], Rows(db));
    }

    [Fact]
    public void Prune_ToTheCatalogsLongestCapWindow_KeepsEveryContactACapCanStillCount()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 6), Contact("anna", 29, "run-0"), Contact("anna", 31, "run-old"));

        var run = CliRun.Of("history", "prune", db, "--catalog", temp.File("catalog.yaml"), "--as-of", "2025-03-01");

        // The catalog's caps: 1 per 7d (policy) and 3 per 30d (the message's): the 30-day window is kept.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["""{"before":"2025-01-30T00:00:00.000Z","pruned":1}"""], run.StdoutLines);
        Assert.Equal(["anna/offer/run-0/29", "anna/offer/run-1/6"], Rows(db));
        Assert.Equal(TimeSpan.FromDays(30), new CatalogLoader().Parse(Catalog).LongestCapWindow);
    }

    [Fact]
    public void Prune_Vacuum_ShrinksTheFileToWhatItKeeps_AndSaysByHowMuch()
    {
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, [.. Enumerable.Range(0, 3_000).Select(i => Contact($"c{i:D5}", 40, "run-old")), Contact("anna", 1), Contact("bert", 2, "run-0")]);
        var full = new FileInfo(db).Length;

        var run = CliRun.Of("history", "prune", db, "--older-than", "30d", "--as-of", "2025-03-01", "--vacuum");

        Assert.True(run.ExitCode == 0, run.ToString());
        var after = new FileInfo(db).Length;
        Assert.True(after < full, $"{after} bytes after vacuum of {full}");
        Assert.Equal([$$"""{"before":"2025-01-30T00:00:00.000Z","pruned":3000,"reclaimedBytes":{{full - after}}}"""], run.StdoutLines);
        Assert.Contains($"Vacuumed: the file shrank by {full - after:N0} bytes to {after:N0}.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["anna/offer/run-1/1", "bert/offer/run-0/2"], Rows(db));
    }

    [Fact]
    public void Prune_ToACatalogWithoutCaps_IsRefused_ForItWouldEmptyTheHistory()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("plain.yaml"), "catalog: plain\nmessages:\n  hi: { body: hello }\n");
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 100));

        var run = CliRun.Of("history", "prune", db, "--catalog", temp.File("plain.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("catalog 'plain'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("has no frequency caps", run.Stderr, StringComparison.Ordinal);
        Assert.Null(new CatalogLoader().Parse("catalog: plain\nmessages:\n  hi: { body: hello }\n").LongestCapWindow);
        Assert.Single(Rows(db));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--older-than 30d --before 2025-01-01")]
    public void Prune_WithoutExactlyOneCutoff_ExitsOneAndDeletesNothing(string options)
    {
        var cutoff = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var temp = new TempDirectory();
        var db = temp.File("contacts.db");
        Seed(db, Contact("anna", 100));

        var run = CliRun.Of(["history", "prune", db, .. cutoff]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: give exactly one cutoff", run.Stderr, StringComparison.Ordinal);
        Assert.Single(Rows(db));
    }

    [Fact]
    public void Prune_AnAgeThatIsNotOne_IsAParseError()
    {
        var run = CliRun.Of("history", "prune", "contacts.db", "--older-than", "400");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --older-than: '400' is not an age. Write a number with h, d or w", run.Stderr, StringComparison.Ordinal);
    }
}
