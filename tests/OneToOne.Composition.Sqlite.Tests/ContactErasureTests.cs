using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite.Tests;

/// <summary>Access, erasure and pruning for data protection: what the file holds about a recipient, and that forgotten contacts are gone from its bytes.</summary>
public sealed class ContactErasureTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-erasure-").FullName;

    private string File => Path.Combine(_directory, "contacts.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Whether the text occurs in the database file or its write-ahead log, as any program reading the disk would find it.</summary>
    private bool OnDisk(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new[] { File, File + "-wal" }.Any(path => System.IO.File.Exists(path) && System.IO.File.ReadAllBytes(path).AsSpan().IndexOf(bytes) >= 0);
    }

    private static ContactRecord[] ManyRecipients(int recipients) =>
        [.. Enumerable.Range(0, recipients * 3).Select(static i => new ContactRecord($"customer-{i / 3:D6}", "monthly", "email", "offers", Now.AddDays(-(i % 3) * 40), $"run-{i % 3}"))];

    [Fact]
    public void Forget_ErasesEveryContactOfThatRecipientOnly_AndItsIdIsNoLongerInTheFileOrItsLog()
    {
        using var history = new SqliteContactHistory(File);
        history.RecordMany(ManyRecipients(2_000));
        history.Record(new ContactRecord("erase-me@example.org", "monthly", "email", "offers", Now.AddDays(-1), "run-0"));
        history.Record(new ContactRecord("erase-me@example.org", "winback", "print", null, Now.AddDays(-90), "run-1"));
        Assert.True(OnDisk("erase-me@example.org"));

        Assert.Equal(2, history.Forget("erase-me@example.org"));

        Assert.Empty(history.Contacts("erase-me@example.org"));
        Assert.Equal(0, history.Count(new ContactQuery("erase-me@example.org", Now.AddYears(-1), Now)));
        Assert.False(OnDisk("erase-me@example.org"));
        Assert.False(System.IO.File.Exists(File + "-wal") && new FileInfo(File + "-wal").Length > 0);
        Assert.Equal(3, history.Contacts("customer-000123").Count);
        Assert.True(OnDisk("customer-000123"));
        Assert.Equal(0, history.Forget("erase-me@example.org"));
    }

    [Fact]
    public void ForgetMany_ErasesABatchInOneGo_CountingEachIdOnce_AndNothingOfTheOthers()
    {
        using var history = new SqliteContactHistory(File);
        history.RecordMany(ManyRecipients(500));

        var erased = history.ForgetMany(["customer-000007", "customer-000400", "never-seen", "customer-000007"]);

        Assert.Equal(["customer-000007", "customer-000400", "never-seen"], erased.Keys);
        Assert.Equal([3, 3, 0], erased.Values);
        Assert.False(OnDisk("customer-000007"));
        Assert.False(OnDisk("customer-000400"));
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT recipient) FROM contacts;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((1_494L, 498L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Theory]
    [InlineData("Jos\u00e9")]
    [InlineData("Jose\u0301")]
    public void Forget_ErasesTheIdInEveryUnicodeForm_ThatExportsFromDifferentSystemsRecorded_AndReadsThemAll(string asked)
    {
        using var history = new SqliteContactHistory(File);
        history.Record(new ContactRecord("Jos\u00e9", "monthly", "email", "offers", Now.AddDays(-1), "run-windows"));
        history.Record(new ContactRecord("Jose\u0301", "monthly", "email", "offers", Now.AddDays(-2), "run-mac"));
        history.Record(new ContactRecord("Jose\u0301", "winback", "print", null, Now.AddDays(-3), "run-mac"));
        history.Record(new ContactRecord("Jose", "monthly", "email", "offers", Now.AddDays(-1), "run-windows"));

        Assert.Equal(["run-mac", "run-mac", "run-windows"], history.Contacts(asked).Select(static c => c.RunId));
        Assert.Equal(3, history.Forget(asked));

        Assert.Empty(history.Contacts("Jos\u00e9"));
        Assert.Empty(history.Contacts("Jose\u0301"));
        Assert.False(OnDisk("Jos\u00e9"));
        Assert.False(OnDisk("Jose\u0301"));
        Assert.Single(history.Contacts("Jose"));
        Assert.Equal(new Dictionary<string, int> { ["Jose\u0301"] = 0, ["Jose"] = 1 }, history.ForgetMany(["Jose\u0301", "Jose"]));
    }

    [Fact]
    public void InMemoryHistory_ForgetsTheIdInEveryUnicodeForm_AsTheFileDoes()
    {
        var history = new InMemoryContactHistory();
        history.Record(new ContactRecord("Jos\u00e9", "monthly", "email", "offers", Now.AddDays(-1), "run-windows"));
        history.Record(new ContactRecord("Jose\u0301", "monthly", "email", "offers", Now.AddDays(-2), "run-mac"));
        history.Record(new ContactRecord("Jose", "monthly", "email", "offers", Now.AddDays(-1), "run-windows"));

        Assert.Equal(2, history.Forget("Jose\u0301"));

        Assert.Equal(0, history.Count(new ContactQuery("Jos\u00e9", Now.AddYears(-1), Now)));
        Assert.Equal(1, history.Count(new ContactQuery("Jose", Now.AddYears(-1), Now)));
    }

    [Fact]
    public void Prune_DeletesContactsBeforeTheCutoff_KeepsOneAtIt_AndWipesThem()
    {
        using var history = new SqliteContactHistory(File);
        history.RecordMany(ManyRecipients(300));
        history.Record(new ContactRecord("old-only", "monthly", "email", null, Now.AddDays(-400), "run-old"));
        history.Record(new ContactRecord("at-cutoff", "monthly", "email", null, Now.AddDays(-60), "run-old"));

        // ManyRecipients made contacts 0, 40 and 80 days ago: the 80-day-old ones go, with the 400-day-old one.
        Assert.Equal(301, history.Prune(Now.AddDays(-60)));

        Assert.Empty(history.Contacts("old-only"));
        Assert.False(OnDisk("old-only"));
        Assert.Single(history.Contacts("at-cutoff"));
        Assert.Equal([Now.AddDays(-40), Now], history.Contacts("customer-000042").Select(static c => c.At));
        Assert.Equal(0, history.Prune(Now.AddDays(-60)));
    }

    [Fact]
    public void Contacts_ReadsOneRecipientsContactsOldestFirst_WithEveryField_AlsoFromAReadOnlyHistory()
    {
        using (var history = new SqliteContactHistory(File))
        {
            history.Record(new ContactRecord("a", "winback", "print", null, Now.AddDays(-3), "run-2"));
            history.Record(new ContactRecord("a", "monthly", "email", "offers", Now.AddDays(-30).AddTicks(12_345), "run-1"));
            history.Record(new ContactRecord("b", "monthly", "email", "offers", Now, "run-1"));
        }

        using var reader = SqliteContactHistory.OpenReadOnly(File);
        Assert.Equal(
            [
                new ContactRecord("a", "monthly", "email", "offers", Now.AddDays(-30).AddMilliseconds(1), "run-1"),
                new ContactRecord("a", "winback", "print", null, Now.AddDays(-3), "run-2"),
            ],
            reader.Contacts("a"));
        Assert.Empty(reader.Contacts("A"));
        var ex = Assert.Throws<ContactHistoryException>(() => reader.Forget("a"));
        Assert.Contains("Cannot erase contacts in the contact history", ex.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, reader.Contacts("a").Count);
    }

    [Fact]
    public void AReaderOfAnOlderSnapshot_KeepsTheErasedBytesInTheLog_WhichIsReported_AndForgettingAgainFinishesTheWiping()
    {
        using var history = new SqliteContactHistory(File, TimeSpan.FromMilliseconds(100));
        history.RecordMany(ManyRecipients(200));
        history.Record(new ContactRecord("erase-me", "monthly", "email", null, Now, "run-0"));
        using (var reader = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            reader.Open();
            using var read = reader.CreateCommand();
            read.CommandText = "BEGIN; SELECT COUNT(*) FROM contacts;";
            read.ExecuteScalar();

            var ex = Assert.Throws<ContactHistoryException>(() => history.Forget("erase-me"));
            Assert.Contains("1 contact was erased", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"'{File}-wal'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Run the same command again", ex.Message, StringComparison.Ordinal);
            Assert.True(OnDisk("erase-me"));
        }

        Assert.Equal(0, history.Forget("erase-me"));
        Assert.False(OnDisk("erase-me"));
    }

    [Fact]
    public void AReaderOfAnOlderSnapshot_DuringForgetManyAndPrune_TheReportCountsEveryContactErased()
    {
        // ForgetMany reports the contacts of all its ids together (1 + 2 here, not the most of one id), and Prune says it pruned.
        using var history = new SqliteContactHistory(File, TimeSpan.FromMilliseconds(100));
        history.RecordMany(ManyRecipients(200));
        history.RecordMany(
        [
            new ContactRecord("erase-me", "monthly", "email", null, Now, "run-0"),
            new ContactRecord("erase-too", "monthly", "email", null, Now, "run-0"),
            new ContactRecord("erase-too", "monthly", "email", null, Now, "run-1"),
        ]);
        using var reader = new SqliteConnection($"Data Source={File};Pooling=False");
        reader.Open();
        using var read = reader.CreateCommand();
        read.CommandText = "BEGIN; SELECT COUNT(*) FROM contacts;";
        read.ExecuteScalar();

        var forgot = Assert.Throws<ContactHistoryException>(() => history.ForgetMany(["erase-me", "erase-too"]));
        Assert.StartsWith($"3 contacts were erased from the contact history '{File}', but another process kept reading it", forgot.Message, StringComparison.Ordinal);

        // ManyRecipients' contacts of run-2 are 80 days old: one per recipient.
        var pruned = Assert.Throws<ContactHistoryException>(() => history.Prune(Now.AddDays(-50)));
        Assert.StartsWith($"200 contacts were pruned from the contact history '{File}', but another process kept reading it", pruned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordMany_ReturnsHowManyWereNew_LeavingOutTheOnesAlreadyRecorded()
    {
        using var history = new SqliteContactHistory(File);
        var a = new ContactRecord("a", "offer", "email", null, Now, "r1");
        var b = new ContactRecord("b", "offer", "email", null, Now, "r1");

        // The same (recipient, message, run) twice in one call is one contact; so is one recorded by an earlier call.
        Assert.Equal(2, history.RecordMany([a, b, a with { At = Now.AddMinutes(1) }]));
        Assert.Equal(0, history.RecordMany([b, a]));
        Assert.Equal(1, history.RecordMany([a, a with { RunId = "r2" }]));
        Assert.Equal([Now, Now], history.Contacts("a").Select(static c => c.At));
    }

    [Fact]
    public void AfterDispose_ContactsForgetAndPrune_ThrowObjectDisposedException()
    {
        var history = new SqliteContactHistory(File);
        history.Dispose();
        Assert.Throws<ObjectDisposedException>(() => history.Contacts("a"));
        Assert.Throws<ObjectDisposedException>(() => history.Forget("a"));
        Assert.Throws<ObjectDisposedException>(() => history.ForgetMany(["a"]));
        Assert.Throws<ObjectDisposedException>(() => history.Prune(Now));
    }

    [Fact]
    public void TheFileAndMemory_AgreeOnWhatTheyHold_AfterAnyForgetAndPrune()
    {
        var runNumber = 0;
        var contact =
            from recipient in Gen.Elements("a", "b", "c")
            from message in Gen.Elements("m1", "m2")
            from run in Gen.Choose(0, 5)
            from ticks in Gen.Choose(-200_000, 200_000)
            select new ContactRecord(recipient, message, "email", null, Now.AddTicks(ticks * 5L), $"r{run}");
        Prop.ForAll(contact.ArrayOf().ToArbitrary(), Gen.Elements("a", "b", "z").ToArbitrary(), Gen.Choose(-200_000, 200_000).ToArbitrary(), (contacts, forget, cutoff) =>
        {
            var memory = new InMemoryContactHistory();
            using var file = new SqliteContactHistory(Path.Combine(_directory, $"prop-{runNumber++}.db"));
            foreach (var c in contacts)
            {
                memory.Record(c);
                file.Record(c);
            }

            // Times within 0.1 s of each other and of the cutoff, to the half microsecond: many share a millisecond with it.
            var before = Now.AddTicks(cutoff * 5L);
            var same = memory.Forget(forget) == file.Forget(forget) && memory.Prune(before) == file.Prune(before);
            foreach (var id in new[] { "a", "b", "c", "z" })
            {
                var held = file.Contacts(id);
                // The file keeps milliseconds, so two contacts within one may come in another order than memory's.
                var kept = memory.Contacts(id).Select(static c => c with { At = DateTimeOffset.FromUnixTimeMilliseconds(c.At.ToUnixTimeMilliseconds()) })
                    .OrderBy(static c => c.At).ThenBy(static c => c.MessageId, StringComparer.Ordinal).ThenBy(static c => c.RunId, StringComparer.Ordinal);
                same &= held.SequenceEqual(kept)
                    && held.All(c => c.RecipientId == id && id != forget && c.At.ToUnixTimeMilliseconds() >= before.ToUnixTimeMilliseconds());
            }

            return same && memory.Total == new[] { "a", "b", "c" }.Sum(id => file.Contacts(id).Count);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }
}
