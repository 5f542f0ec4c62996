using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary><c>history check</c>: the whole file checked on demand, as no other command does.</summary>
public sealed class HistoryCheckCommandTests
{
    [Fact]
    public void Check_ASoundHistory_ExitsZero_SayingSo()
    {
        using var temp = new TempDirectory();
        Fill(temp.File("contacts.db"));

        var run = CliRun.Of("history", "check", temp.File("contacts.db"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"The contact history '{temp.File("contacts.db")}' is sound: every page and every index entry checked.", run.Stderr.Trim());
    }

    /// <summary>A page overwritten in the middle of the file: the check lists what SQLite found and says what to do; export, which reads other pages, still answers.</summary>
    [Fact]
    public void Check_ACorruptPage_ExitsOne_ListingTheProblems_AndWhatToDo()
    {
        using var temp = new TempDirectory();
        var path = temp.File("contacts.db");
        Fill(path);
        CorruptTheMiddlePage(path);

        var run = CliRun.Of("history", "check", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"error: the contact history '{path}' is corrupt (", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Restore it from a backup, or move it away to start an empty history (caps then start from zero):", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length >= 2, run.ToString());
        Assert.All(lines[1..], static line => Assert.StartsWith("  ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AMissingFile_ExitsOne_AndCreatesNothing()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("history", "check", temp.File("nothing.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: the contact history '{temp.File("nothing.db")}' does not exist.", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("nothing.db")));
    }

    private static void Fill(string path)
    {
        using (var history = new SqliteContactHistory(path))
        {
            history.RecordMany(Enumerable.Range(0, 3000).Select(static i => new ContactRecord($"recipient-{i:D5}", "offer", "email", null, new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero), "run-1")));
        }

        SqliteConnection.ClearAllPools();
    }

    private static void CorruptTheMiddlePage(string path)
    {
        long pages;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count;";
            pages = (long)command.ExecuteScalar()!;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = (pages / 2) * 4096;
        file.Write(Enumerable.Repeat((byte)0xFF, 4096).ToArray());
    }
}
