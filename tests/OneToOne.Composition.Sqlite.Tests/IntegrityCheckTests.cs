using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite.Tests;

/// <summary>
/// What checks a history's pages when: opening for writing (a run, forget, prune) checks every page before anything is
/// written; a read-only open (explain, export) checks none up front, and a page it reads that is corrupt fails the read
/// with what to do; <see cref="SqliteContactHistory.Check"/> checks the whole file on demand.
/// </summary>
public sealed class IntegrityCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-check-").FullName;

    private string File => Path.Combine(_directory, "contacts.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Check_ASoundFile_FindsNothing_ReadOnlyOrNot()
    {
        Fill();

        using (var reader = SqliteContactHistory.OpenReadOnly(File))
        {
            Assert.Empty(reader.Check());
        }

        using var writer = new SqliteContactHistory(File);
        Assert.Empty(writer.Check());
    }

    /// <summary>
    /// A read-only open read the whole file (PRAGMA quick_check), 1.5 s of processor time at a year's 775 MB, to answer
    /// for one recipient: now it opens, a read of an intact recipient answers, a read of a corrupt page says so with what
    /// to do, and <see cref="SqliteContactHistory.Check"/> finds the page.
    /// </summary>
    [Fact]
    public void OpenReadOnly_ACorruptPage_IsFoundByTheReadThatReadsIt_AndByCheck()
    {
        var ids = Fill();
        CorruptAPage();

        using var reader = SqliteContactHistory.OpenReadOnly(File);
        var answered = 0;
        var failures = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                Assert.Equal("offer", Assert.Single(reader.Contacts(id)).MessageId);
                Assert.Equal(1, reader.Count(new ContactQuery(id, Now.AddDays(-30), Now)));
                answered++;
            }
            catch (ContactHistoryException ex)
            {
                failures.Add(ex.Message);
            }
        }

        Assert.InRange(answered, 1, ids.Count - 1);
        Assert.All(failures, message => Assert.StartsWith($"Cannot read the contact history '{File}': it is not a valid SQLite database or is corrupt. Restore it from a backup", message, StringComparison.Ordinal));
        var problems = reader.Check();
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void OpeningForWriting_ACorruptPage_FailsBeforeAnythingIsWritten()
    {
        Fill();
        CorruptAPage();

        var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(File));

        Assert.StartsWith($"The contact history '{File}' is corrupt (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Restore it from a backup, or move it away to start an empty history (caps then start from zero).", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>3,000 recipients with one contact each, spread over many pages; the file closed, its log emptied into it.</summary>
    private List<string> Fill()
    {
        var ids = Enumerable.Range(0, 3000).Select(static i => $"recipient-{i:D5}").ToList();
        using (var history = new SqliteContactHistory(File))
        {
            history.RecordMany(ids.Select(static id => new ContactRecord(id, "offer", "email", null, Now, "run-1")));
        }

        SqliteConnection.ClearAllPools();
        return ids;
    }

    /// <summary>
    /// Overwrites two pages in the middle of the file with bytes no page starts with: the table's leaves and its index's
    /// alternate there, so one is a leaf of the index, which a recipient's reads go through (the index holds every column,
    /// so they never reach the table's pages).
    /// </summary>
    private void CorruptAPage()
    {
        long pages;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count;";
            pages = (long)command.ExecuteScalar()!;
        }

        Assert.True(pages > 20, $"{pages} pages");
        using var file = new FileStream(File, FileMode.Open, FileAccess.Write);
        file.Position = ((pages / 2) - 1) * 4096;
        file.Write(Enumerable.Repeat((byte)0xFF, 2 * 4096).ToArray());
    }
}
