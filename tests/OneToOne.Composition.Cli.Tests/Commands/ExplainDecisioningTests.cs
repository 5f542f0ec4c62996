using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class ExplainDecisioningTests
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
          card: { score: uplift * 100, content: "Card" }
          loan: { score: uplift * 50, content: "Loan" }
        slots:
          offer: { pick: best, from: [card, loan] }
        messages:
          offer:
            channels: [email, print]
            body: '{{ slot "offer" }}'
        """;

    private const string Recipient = """{"id":"k1","email_opt_in":true,"mail_suppressed":false,"uplift":0.1}""";

    [Fact]
    public void Explain_ShowsTheArmScoresConsentAndCapChecks_AgainstTheHistory()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        using (var history = new SqliteContactHistory(temp.File("contacts.db")))
        {
            history.Record(new ContactRecord("k1", "other", "email", null, new DateTimeOffset(2025, 2, 27, 0, 0, 0, TimeSpan.Zero), "r1"));
        }

        var run = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", Recipient, "--history", temp.File("contacts.db"), "--as-of", "2025-03-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"experiment offer_test: (control|rich)   \(bucket \d+\)", run.Stdout);
        Assert.Contains("✔ consent email: email_opt_in is true", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("✘ cap email: max 1 per 7d per channel (email): 1 contact in the 7d", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("channel → print", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("card  — chosen: eligible, score 10, priority 0", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ReadsTheHistory_WhileARunHoldsItsWriteLock()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        using (var history = new SqliteContactHistory(temp.File("contacts.db")))
        {
            history.Record(new ContactRecord("k1", "other", "email", null, new DateTimeOffset(2025, 2, 27, 0, 0, 0, TimeSpan.Zero), "r1"));
        }

        using var writer = new SqliteConnection($"Data Source={temp.File("contacts.db")};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);

        var run = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", Recipient, "--history", temp.File("contacts.db"), "--as-of", "2025-03-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("✘ cap email: max 1 per 7d per channel (email): 1 contact in the 7d", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WithAMissingOrCorruptHistory_StopsWithAClearError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        var missing = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", Recipient, "--history", temp.File("none.db"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);

        File.WriteAllText(temp.File("bad.db"), new string('x', 5000));
        var corrupt = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", Recipient, "--history", temp.File("bad.db"));
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("not a valid SQLite database or is corrupt", corrupt.Stderr, StringComparison.Ordinal);
    }
}
