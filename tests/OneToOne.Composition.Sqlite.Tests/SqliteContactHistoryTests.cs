using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Sqlite.Tests;

public sealed class SqliteContactHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oto-sqlite-").FullName;

    private string File(string name = "contacts.db") => Path.Combine(_directory, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AddSqliteContactHistory_OpensTheFileWhenFirstNeeded_AndTheContainerClosesIt()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddSqliteContactHistory(File());
        var query = new ContactQuery("a", Now.AddDays(-7), Now);

        SqliteContactHistory history;
        using (var provider = services.BuildServiceProvider())
        {
            Assert.False(System.IO.File.Exists(File()));
            var options = provider.GetRequiredService<DependencyInjection.OneToOneCompositionOptions>();
            history = Assert.IsType<SqliteContactHistory>(options.Composition.ContactHistory);
            Assert.Equal(File(), history.Path);
            history.Record(new ContactRecord("a", "offer", "email", null, Now.AddDays(-1), "r1"));
            Assert.Equal(1, history.Count(query));
        }

        Assert.ThrowsAny<InvalidOperationException>(() => history.Count(query));
        using var reopened = new SqliteContactHistory(File());
        Assert.Equal(1, reopened.Count(query));
    }

    [Fact]
    public void AfterDispose_CountRecordAndRecordMany_ThrowObjectDisposedException_NotTheDriversClosedConnectionError()
    {
        var history = new SqliteContactHistory(File());
        history.Dispose();
        history.Dispose();
        var contact = new ContactRecord("a", "offer", "email", null, Now, "r1");

        var count = Assert.Throws<ObjectDisposedException>(() => history.Count(new ContactQuery("a", Now.AddDays(-7), Now)));
        Assert.Throws<ObjectDisposedException>(() => history.Record(contact));
        Assert.Throws<ObjectDisposedException>(() => history.RecordMany([contact]));
        Assert.Equal(typeof(SqliteContactHistory).FullName, count.ObjectName);
    }

    [Fact]
    public void Record_AndCount_ByWindowChannelMessageAndTopic_SurvivingReopen()
    {
        using (var history = new SqliteContactHistory(File()))
        {
            history.Record(new ContactRecord("a", "offer", "email", "cards", Now.AddDays(-1), "r1"));
            history.Record(new ContactRecord("a", "news", "print", null, Now.AddDays(-3), "r1"));
            history.Record(new ContactRecord("a", "offer", "email", "cards", Now.AddDays(-9), "r0"));
            history.Record(new ContactRecord("b", "offer", "email", "cards", Now, "r1"));
        }

        using var reopened = new SqliteContactHistory(File());
        Assert.Equal(2, reopened.Count(new ContactQuery("a", Now.AddDays(-7), Now)));
        Assert.Equal(1, reopened.Count(new ContactQuery("a", Now.AddDays(-7), Now, Channel: "email")));
        Assert.Equal(2, reopened.Count(new ContactQuery("a", Now.AddDays(-30), Now, MessageId: "offer")));
        Assert.Equal(2, reopened.Count(new ContactQuery("a", Now.AddDays(-30), Now, Topic: "cards")));
        Assert.Equal(1, reopened.Count(new ContactQuery("b", Now.AddDays(-1), Now)));   // 'until' is inclusive
        Assert.Equal(0, reopened.Count(new ContactQuery("b", Now, Now.AddDays(1))));    // 'since' is exclusive
        using var connection = new SqliteConnection($"Data Source={File()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void AContactInsideTheWindow_Counts_ThoughTheFileKeepsTimesToTheMillisecond()
    {
        // A run without --as-of decides and records at the clock's now, to the tick; the file keeps milliseconds. A
        // contact 0.3 ms into a millisecond, in a window opening 0.1 ms into it, was not counted: a send past the cap.
        var at = Now.AddTicks(3_000);
        var since = Now.AddTicks(1_000);
        var memory = new InMemoryContactHistory();
        using var history = new SqliteContactHistory(File());
        foreach (var h in new IContactHistory[] { memory, history })
        {
            h.Record(new ContactRecord("a", "offer", "email", null, at, "r1"));
        }

        var query = new ContactQuery("a", since, Now.AddDays(1));
        Assert.Equal(1, memory.Count(query));
        Assert.Equal(1, history.Count(query));

        // A whole-millisecond window start stays exclusive.
        Assert.Equal(0, history.Count(query with { Since = Now.AddMilliseconds(1) }));
        Assert.Equal(0, memory.Count(query with { Since = Now.AddMilliseconds(1) }));
    }

    [Fact]
    public void ExceptRunId_LeavesThatRunsContactsOut_InTheFileAsInMemory()
    {
        var memory = new InMemoryContactHistory();
        using var history = new SqliteContactHistory(File());
        foreach (var h in new IContactHistory[] { memory, history })
        {
            h.Record(new ContactRecord("a", "offer", "email", null, Now.AddDays(-1), "r1"));
            h.Record(new ContactRecord("a", "offer", "email", null, Now.AddDays(-2), "r0"));
        }

        var query = new ContactQuery("a", Now.AddDays(-7), Now);
        foreach (var h in new IContactHistory[] { memory, history })
        {
            Assert.Equal(2, h.Count(query));
            Assert.Equal(1, h.Count(query with { ExceptRunId = "r1" }));
            Assert.Equal(2, h.Count(query with { ExceptRunId = "r9" }));
        }
    }

    [Fact]
    public void TwoWritersOnOneFile_NeitherCorruptNorDoubleCount()
    {
        using var first = new SqliteContactHistory(File());
        using var second = new SqliteContactHistory(File());
        var contacts = Enumerable.Range(0, 400).Select(static i => new ContactRecord($"r{i % 50}", "offer", "email", null, Now.AddMinutes(-i), $"run-{i / 50}")).ToArray();
        Parallel.Invoke(
            () => { foreach (var c in contacts) { first.Record(c); } },
            () => { foreach (var c in contacts.Reverse()) { second.Record(c); } },
            () => second.RecordMany(contacts));
        var total = Enumerable.Range(0, 50).Sum(i => first.Count(new ContactQuery($"r{i}", Now.AddDays(-1), Now)));
        Assert.Equal(400, total);
        Assert.Equal(0, second.RecordMany(contacts));
    }

    [Fact]
    public void ACorruptFile_FailsFastWithWhatToDo()
    {
        System.IO.File.WriteAllBytes(File(), [.. Enumerable.Range(0, 8192).Select(static i => (byte)(i * 7))]);
        var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(File()));
        Assert.Contains("not a valid SQLite database or is corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(File(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALockedFile_FailsFastInsteadOfSkippingCaps()
    {
        using (new SqliteContactHistory(File()))
        {
        }

        using var holder = new SqliteConnection($"Data Source={File()};Pooling=False");
        holder.Open();
        using var command = holder.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE; INSERT INTO contacts VALUES ('x', 'm', 'r', 'email', NULL, 0);";
        command.ExecuteNonQuery();
        var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(File(), TimeSpan.FromMilliseconds(200)));
        Assert.Contains("locked by another process", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInfiniteBusyTimeout_WaitsForTheOtherWriter_AndANegativeOneIsRefused()
    {
        using (new SqliteContactHistory(File()))
        {
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteContactHistory(File(), TimeSpan.FromSeconds(-1)));
        using var holder = new SqliteConnection($"Data Source={File()};Pooling=False");
        holder.Open();
        using var command = holder.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE; INSERT INTO contacts VALUES ('x', 'm', 'r', 'email', NULL, 0);";
        command.ExecuteNonQuery();

        // Timeout.InfiniteTimeSpan was busy_timeout = -1, which SQLite reads as "do not wait": the open failed after the
        // driver's own retries, one second.
        var open = Task.Run(() => new SqliteContactHistory(File(), Timeout.InfiniteTimeSpan));
        Assert.NotSame(open, await Task.WhenAny(open, Task.Delay(2_500)));
        command.CommandText = "COMMIT;";
        command.ExecuteNonQuery();
        using var history = await open;
        Assert.Equal(1, history.Count(new ContactQuery("x", DateTimeOffset.UnixEpoch.AddDays(-1), DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void AFileThatCannotBeCreated_FailsFast()
    {
        var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(Path.Combine(_directory, "no-such-folder", "contacts.db")));
        Assert.Contains("cannot be opened or created", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file the run cannot write stops it when opened, in a folder it can write (so the -wal and -shm files can be made:
    /// only the file itself is read-only). Without root the file's mode makes it read-only; root ignores modes (and the
    /// tests run as root on this project's machines and CI), so there the file is made immutable ('chattr +i'), which
    /// binds root too. Only where neither binds (no chattr, or a file system without the attribute) is there nothing to observe.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyFile_FailsFast()
    {
        using (new SqliteContactHistory(File()))
        {
        }

        SqliteConnection.ClearAllPools();
        System.IO.File.SetUnixFileMode(File(), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var immutable = false;
        try
        {
            if (CanWrite(File()))
            {
                immutable = Chattr("+i", File());
                if (!immutable || CanWrite(File()))
                {
                    return;   // root where the immutable attribute is not to be had: no file mode binds, nothing to observe
                }
            }

            var ex = Assert.Throws<ContactHistoryException>(() => new SqliteContactHistory(File()));
            Assert.Contains($"Cannot open the contact history '{File()}'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("': it is read-only. Give the run write access to the file and its folder", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (immutable)
            {
                Chattr("-i", File());
            }

            System.IO.File.SetUnixFileMode(File(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Sets or clears a file attribute with chattr; false where chattr is missing or the file system refuses.</summary>
    private static bool Chattr(string change, string path)
    {
        try
        {
            using var chattr = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [change, path]) { UseShellExecute = false, RedirectStandardError = true })!;
            chattr.StandardError.ReadToEnd();
            chattr.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool CanWrite(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private const string Catalog = """
        catalog: caps
        policy:
          consent: { email: email_opt_in, print: "!mail_suppressed" }
          caps:
            - { max: 2 per 7d, per: channel }
        messages:
          offer:
            channels: [email, print]
            caps: [{ max: 3 per 30d, per: message }]
            body: "Hello"
        """;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void ACappedRecipient_IsNeverSentPastTheCap_AcrossRunsSharingOneSqliteFile()
    {
        var runNumber = 0;
        Prop.ForAll(Gen.Choose(0, 3).ArrayOf().Where(static d => d.Length is > 1 and < 10).ToArbitrary(), gaps =>
        {
            var path = File($"prop-{runNumber++}.db");
            var now = Now;
            var sent = new List<(string Channel, DateTimeOffset At)>();
            for (var run = 0; run < gaps.Length; run++)
            {
                now = now.AddDays(gaps[run]);
                // Each run opens the file afresh, as a separate batch process would.
                using var history = new SqliteContactHistory(path);
                var catalog = new CatalogLoader(CompositionOptions.Default with { ContactHistory = history, TimeProvider = new FixedTime(now) }).Parse(Catalog);
                var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r", ["email_opt_in"] = true, ["mail_suppressed"] = false });
                var decision = catalog.Decide(recipient, "offer");
                if (!decision.IsSuppressed)
                {
                    history.Record(ContactRecord.FromDecision(decision, now, $"run-{run}"));
                    history.Record(ContactRecord.FromDecision(decision, now, $"run-{run}"));   // a retried write
                    sent.Add((decision.Channel!, now));
                }
            }

            return sent.TrueForAll(s => sent.Count(o => o.Channel == s.Channel && o.At > s.At.AddDays(-7) && o.At <= s.At) <= 2
                && sent.Count(o => o.At > s.At.AddDays(-30) && o.At <= s.At) <= 3);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
