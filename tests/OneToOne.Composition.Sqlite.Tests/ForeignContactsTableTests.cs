using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite.Tests;

/// <summary>
/// A database that already has a <c>contacts</c> table of another shape (another program's, or an older tool's):
/// <c>CREATE TABLE IF NOT EXISTS</c> left it as it was and opening succeeded, so the run went on to fail at its first
/// count (once rendering had begun), or, with the columns but not the (recipient, message, run) key, at its first record,
/// after the message had been written. Opening checks that the history's own statements compile against the table.
/// </summary>
public sealed class ForeignContactsTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-sqlite-").FullName;

    private string File => Path.Combine(_directory, "contacts.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, sent_at TEXT);")]
    [InlineData("CREATE TABLE contacts (recipient TEXT, message TEXT, run TEXT, channel TEXT, topic TEXT, at_ms INTEGER);")]
    public void AContactsTableOfAnotherShape_FailsOpeningWithWhatToDo(string table)
    {
        using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = table;
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(File));

        Assert.Contains($"The contact history '{File}' is not a contact history: its 'contacts' table is missing or of another shape", ex.Message, StringComparison.Ordinal);
        if (table.Contains("at_ms", StringComparison.Ordinal))
        {
            // Reading needs no key: explain can still read such a table.
            using var reader = SqliteContactHistory.OpenReadOnly(File);
            Assert.Equal(0, reader.Count(new ContactQuery("a", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1))));
        }
        else
        {
            var readOnly = Assert.Throws<ContactHistoryException>(() => SqliteContactHistory.OpenReadOnly(File));
            Assert.Contains("is not a contact history", readOnly.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ADatabaseWithoutAContactsTable_IsNoHistoryToReadOnly()
    {
        using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE other (x INTEGER);";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<ContactHistoryException>(() => SqliteContactHistory.OpenReadOnly(File));

        Assert.Contains("is not a contact history: its 'contacts' table is missing or of another shape (SQLite Error 1: 'no such table: contacts'.)", ex.Message, StringComparison.Ordinal);
    }
}
