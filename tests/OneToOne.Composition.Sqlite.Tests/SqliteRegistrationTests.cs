using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.DependencyInjection;

namespace OneToOne.Composition.Sqlite.Tests;

/// <summary>
/// A web service that registered the SQLite history asks the container for it by its own type too, for what only it
/// does (a data protection endpoint's Contacts and Forget, a worker's Prune): it gets the one history the caps count in.
/// </summary>
public sealed class SqliteRegistrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-sqlite-di-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AddSqliteContactHistory_ServesTheSameHistory_AsItsOwnType_AsTheContactHistory_AndToTheCatalogsOptions()
    {
        var file = Path.Combine(_directory, "contacts.db");
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddSqliteContactHistory(file).AddSqliteContactHistory(Path.Combine(_directory, "second.db"));

        using (var provider = services.BuildServiceProvider())
        {
            var sqlite = provider.GetRequiredService<SqliteContactHistory>();
            Assert.Same(sqlite, provider.GetRequiredService<IContactHistory>());
            Assert.Same(sqlite, provider.GetRequiredService<OneToOneCompositionOptions>().Composition.ContactHistory);
            Assert.Equal(file, sqlite.Path);

            provider.GetRequiredService<IContactHistory>().Record(new ContactRecord("ann", "offer", "email", null, Now, "r1"));
            Assert.Equal("offer", Assert.Single(sqlite.Contacts("ann")).MessageId);
            Assert.Equal(1, sqlite.Forget("ann"));
        }

        Assert.False(File.Exists(Path.Combine(_directory, "second.db")));
        using var reopened = new SqliteContactHistory(file);
        Assert.Empty(reopened.Contacts("ann"));
    }

    [Fact]
    public void AskingForTheSqliteHistory_WhenAnotherContactHistoryWasRegisteredFirst_SaysWhichOneTheCapsCountIn_AndOpensNoFile()
    {
        // The caps count in the first history registered; a SqliteContactHistory made apart from it was a second file,
        // which a data protection endpoint's Forget or a worker's Prune emptied while the caps' own contacts stayed.
        var file = Path.Combine(_directory, "contacts.db");
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddContactHistory(new InMemoryContactHistory()).AddSqliteContactHistory(file);

        using var provider = services.BuildServiceProvider();
        Assert.IsType<InMemoryContactHistory>(provider.GetRequiredService<OneToOneCompositionOptions>().Composition.ContactHistory);
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SqliteContactHistory>());

        Assert.Equal(
            $"AddSqliteContactHistory(\"{file}\") was not used: the contact history registered first, an InMemoryContactHistory, is the one frequency caps count in. Register one contact history: remove AddSqliteContactHistory, or the other registration.",
            error.Message);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void AContactHistoryRegisteredAfter_ThatWrapsTheSqliteHistory_WrapsTheOneInstance_WhichForgetEmpties()
    {
        // The usual way to decorate a registration: replace it with one that wraps the service. It was a circular
        // dependency (IContactHistory -> SqliteContactHistory -> IContactHistory) while the SQLite history was made by the
        // IContactHistory registration and asked the container for it.
        var file = Path.Combine(_directory, "contacts.db");
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddSqliteContactHistory(file);
        services.AddSingleton<IContactHistory>(provider => new Wrapping(provider.GetRequiredService<SqliteContactHistory>()));

        using var provider = services.BuildServiceProvider();
        var caps = provider.GetRequiredService<OneToOneCompositionOptions>().Composition.ContactHistory;
        caps!.Record(new ContactRecord("ann", "offer", "email", null, Now, "r1"));
        var sqlite = provider.GetRequiredService<SqliteContactHistory>();

        Assert.Same(sqlite, Assert.IsType<Wrapping>(caps).Inner);
        Assert.Equal(file, sqlite.Path);
        var query = new ContactQuery("ann", Now.AddDays(-1), Now.AddDays(1));
        Assert.Equal(1, caps.Count(query));
        Assert.Equal("offer", Assert.Single(sqlite.Contacts("ann")).MessageId);
        Assert.Equal(1, sqlite.Forget("ann"));
        Assert.Equal(0, caps.Count(query));
    }

    private sealed class Wrapping(IContactHistory inner) : IContactHistory
    {
        public IContactHistory Inner => inner;

        public int Count(ContactQuery query) => Inner.Count(query);

        public void Record(ContactRecord contact) => Inner.Record(contact);
    }
}
