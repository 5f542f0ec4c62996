using Microsoft.Data.Sqlite;
using System.Globalization;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// <see cref="ContactHistoryObserver"/> storing contacts in groups through <see cref="IContactHistory.RecordMany"/> (an
/// embedder's own store, or SQLite's one transaction a group): a group is stored before the checkpoint holds its records
/// as done, so a resumed run never skips a record whose contact is missing, and every rendered record's contact is
/// stored once, whether the run ends, fails or is resumed.
/// </summary>
public sealed class ContactHistoryObserverTests
{
    private static readonly ChannelSettings Text = new(BatchChannel.Text);
    private static readonly DateTimeOffset SentAt = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);

    /// <summary>2,500 records over several checkpoint commits: every fifth suppressed (no contact), the others rendered.</summary>
    private static readonly string Jsonl = TestCampaign.Jsonl(Enumerable.Range(1, 2500).Select(static i => i % 5 == 0 ? TestCampaign.Kind.Suppressed : TestCampaign.Kind.Good));

    private static readonly string[] Rendered = [.. Enumerable.Range(1, 2500).Where(static i => i % 5 != 0).Select(static i => $"r{i}")];

    [Fact]
    public async Task Grouped_WithACheckpoint_EachGroupIsStoredBeforeTheCheckpointHoldsItsRecords_AndEveryContactOnce()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<int>();
        var heldUnstored = new List<string>();
        void Store(IReadOnlyList<ContactRecord> group)
        {
            // What the checkpoint holds as rendered when a group comes to be stored: each must have its contact stored already.
            heldUnstored.AddRange(RenderedIn(temp.File("run.db")).Where(id => !stored.Contains(id)));
            groups.Add(group.Count);
            foreach (var contact in group)
            {
                history.Record(contact);
                stored.Add(contact.RecipientId);
            }
        }

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await Run(temp.File("out"), checkpoint, new ContactHistoryObserver(new EmbedderHistory(history, Store), SentAt, "run-1", BatchChannel.Email));
            Assert.True(summary.Completed);
        }

        Assert.Empty(heldUnstored);
        Assert.Equal(Rendered.Length, groups.Sum());
        Assert.InRange(groups.Count, 2, Rendered.Length / 2);
        Assert.True(groups.Max() <= BatchCheckpoint.CommitEvery, $"a group of {groups.Max()}");
        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Equal("run-1", Assert.Single(history.Contacts(id)).RunId));
        Assert.Empty(history.Contacts("r5"));
    }

    [Fact]
    public async Task Grouped_WithoutACheckpoint_EveryContactIsStoredOnce_ByTheEndOfTheRun()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        var groups = new List<int>();

        await Run(temp.File("out"), null, new ContactHistoryObserver(new EmbedderHistory(history, group =>
        {
            groups.Add(group.Count);
            foreach (var contact in group)
            {
                history.Record(contact);
            }
        }), SentAt, "run-1", BatchChannel.Email));

        Assert.Equal(Rendered.Length, groups.Sum());
        Assert.True(groups.Max() <= BatchCheckpoint.CommitEvery, $"a group of {groups.Max()}");
        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Equal(SentAt, Assert.Single(history.Contacts(id)).At));
    }

    /// <summary>
    /// The history fails on its second group (as a process killed before that group's commit would leave it): the
    /// checkpoint must stop at the first group's records, and the resumed run, under the same run id, stores the rest:
    /// none lost, none twice.
    /// </summary>
    [Fact]
    public async Task Grouped_AGroupThatFailsToBeStored_LeavesItsRecordsToTheResume_NoneLostNoneTwice()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        var calls = 0;
        var firstGroup = new List<string>();
        void FailSecond(IReadOnlyList<ContactRecord> group)
        {
            if (++calls >= 2)
            {
                throw new ContactHistoryException("the disk failed");
            }

            firstGroup.AddRange(group.Select(static c => c.RecipientId));
            foreach (var contact in group)
            {
                history.Record(contact);
            }
        }

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            await Assert.ThrowsAsync<ContactHistoryException>(() => Run(temp.File("out"), checkpoint, new ContactHistoryObserver(new EmbedderHistory(history, FailSecond), SentAt, "run-1", BatchChannel.Email)));
        }

        Assert.NotEmpty(firstGroup);
        Assert.Equal(firstGroup, RenderedIn(temp.File("run.db")));
        Assert.Equal(firstGroup.Count, history.Total);

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await Run(temp.File("out"), checkpoint, new ContactHistoryObserver(new EmbedderHistory(history, group =>
            {
                foreach (var contact in group)
                {
                    history.Record(contact);
                }
            }), SentAt, "run-1", BatchChannel.Email));
            Assert.True(summary.Completed);
            Assert.Equal(2500, summary.Input);
        }

        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Single(history.Contacts(id)));
        Assert.Equal(Rendered, RenderedIn(temp.File("run.db")));
    }

    /// <summary>A history that stores only <see cref="IContactHistory.Record"/>, as an embedder's first version would: the default group method records each contact of every group.</summary>
    [Fact]
    public async Task AHistoryThatStoresOneContactAtATime_GetsEveryContactOnce_ThroughTheDefaultGroupMethod()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await Run(temp.File("out"), checkpoint, new ContactHistoryObserver(history, SentAt, "run-1", BatchChannel.Email));
            Assert.True(summary.Completed);
        }

        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Equal("run-1", Assert.Single(history.Contacts(id)).RunId));
    }

    /// <summary>
    /// The SQLite history through the public observer: a group is one transaction, so a group whose store fails (a
    /// trigger refuses r1207's contact, after the first group) leaves none of its contacts in the file; the file then holds
    /// exactly what the checkpoint holds as rendered, and the resume stores the rest: one contact each, none twice.
    /// One transaction a contact (the default group method) would leave the second group's contacts before r1207 stored.
    /// </summary>
    [Fact]
    public async Task Sqlite_AGroupIsOneTransaction_AFailedGroupLeavesNoneOfItsContacts_AndTheResumeStoresEachOnce()
    {
        using var temp = new TempDirectory();
        var file = temp.File("contacts.db");
        using (var history = new SqliteContactHistory(file))
        {
            Sql(file, "CREATE TRIGGER refuse BEFORE INSERT ON contacts WHEN NEW.recipient = 'r1207' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
            using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
            await Assert.ThrowsAsync<ContactHistoryException>(() => Run(temp.File("out"), checkpoint, new ContactHistoryObserver(history, SentAt, "run-1", BatchChannel.Email)));
        }

        var done = RenderedIn(temp.File("run.db"));
        Assert.NotEmpty(done);
        Assert.DoesNotContain("r1207", done);
        Assert.Equal(done, StoredIn(file));

        Sql(file, "DROP TRIGGER refuse;");
        using (var history = new SqliteContactHistory(file))
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await Run(temp.File("out"), checkpoint, new ContactHistoryObserver(history, SentAt, "run-1", BatchChannel.Email));
            Assert.True(summary.Completed);
        }

        Assert.Equal(Rendered, StoredIn(file));
        Assert.Equal(Rendered.Length, Convert.ToInt32(Sql(file, "SELECT COUNT(*) FROM contacts WHERE run = 'run-1';"), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// An embedder with more than one observer forwards to this one from an observer of their own: the runner cannot have
    /// it store its groups, so it stores each contact as it is observed, and none is held unstored when the run ends.
    /// </summary>
    [Fact]
    public async Task ForwardedToByAnObserverOfTheEmbedders_StoresEveryContact_NoneHeldUnstored()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        var contacts = new ContactHistoryObserver(history, SentAt, "run-1", BatchChannel.Email);
        var seen = 0;

        var summary = await Run(temp.File("out"), null, new FanOut(contacts, _ => seen++));

        Assert.True(summary.Completed);
        Assert.Equal(2500, seen);
        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Equal("run-1", Assert.Single(history.Contacts(id)).RunId));
    }

    /// <summary>
    /// Two shards of one input run at once in one process with the same observer (one <see cref="BatchOptions"/>, its
    /// shard changed): each run's writer adds to the held group and stores it, and no contact is lost between one run's
    /// store and the other's adds. A history that takes its time over each contact widens the window.
    /// </summary>
    [Fact]
    public async Task SharedByTwoRunsAtOnce_StoresEveryContactOfBoth()
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        var observer = new ContactHistoryObserver(new SlowHistory(history), SentAt, "run-1", BatchChannel.Email);

        async Task<BatchSummary> RunShard(int index)
        {
            await using var sink = new DirectorySink(temp.File($"out{index}"), Text);
            return await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Observer = observer, MaxDegreeOfParallelism = 2, Shard = Shard.Of(index, 2) })
                .RunAsync(TestCampaign.Records(Jsonl), sink);
        }

        var summaries = await Task.WhenAll(Task.Run(() => RunShard(1)), Task.Run(() => RunShard(2)));

        Assert.Equal(Rendered.Length, summaries.Sum(static s => s.Rendered));
        Assert.Equal(Rendered.Length, history.Total);
        Assert.All(Rendered, id => Assert.Single(history.Contacts(id)));
    }

    /// <summary>
    /// An input whose closing fails (a database cursor that will not close) ends the run with that failure after every
    /// record was written: the contacts held for the last group are stored all the same, and a checkpoint holds every
    /// record written, as <see cref="BatchRunner.RunAsync(IAsyncEnumerable{RecipientRecord}, IMessageSink, CancellationToken)"/> promises.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnInputThatFailsToClose_EndsTheRun_AfterTheLastGroupIsStored_AndCheckpointed(bool withCheckpoint)
    {
        using var temp = new TempDirectory();
        var history = new InMemoryContactHistory();
        using var checkpoint = withCheckpoint ? BatchCheckpoint.Open(temp.File("run.db"), "test-run") : null;
        await using var sink = new DirectorySink(temp.File("out"), Text);
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Observer = new ContactHistoryObserver(history, SentAt, "run-1", BatchChannel.Email), MaxDegreeOfParallelism = 2 });

        var thrown = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(new FailsToClose(TestCampaign.Records(Jsonl)), sink));

        Assert.Equal("the cursor would not close", thrown.Message);
        Assert.Equal(Rendered.Length, history.Total);
        if (checkpoint is not null)
        {
            Assert.Equal(Rendered, RenderedIn(temp.File("run.db")));
        }
    }

    private static async Task<BatchSummary> Run(string folder, BatchCheckpoint? checkpoint, IBatchObserver observer)
    {
        await using var sink = new DirectorySink(folder, Text);
        return await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Observer = observer, MaxDegreeOfParallelism = 2 })
            .RunAsync(TestCampaign.Records(Jsonl), sink);
    }

    /// <summary>
    /// An embedder's history (their own store behind <see cref="IContactHistory"/>) that stores a group with
    /// <paramref name="storeGroup"/>: a contact recorded one at a time, past the group method, fails the test.
    /// </summary>
    private sealed class EmbedderHistory(InMemoryContactHistory stored, Action<IReadOnlyList<ContactRecord>> storeGroup) : IContactHistory
    {
        public int Count(ContactQuery query) => stored.Count(query);

        public void Record(ContactRecord contact) => throw new InvalidOperationException($"{contact.RecipientId}'s contact was recorded on its own, not in a group");

        public void RecordMany(IReadOnlyList<ContactRecord> contacts) => storeGroup(contacts);
    }

    /// <summary>An embedder's observer that hands each result to the contact history's observer and to one of their own.</summary>
    private sealed class FanOut(IBatchObserver contacts, Action<BatchResult> own) : IBatchObserver
    {
        public async ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
        {
            await contacts.OnRecordWrittenAsync(result, cancellationToken);
            own(result);
        }
    }

    /// <summary>A history that spends a little processor time on each contact it records (a round trip, say), then records it.</summary>
    private sealed class SlowHistory(InMemoryContactHistory stored) : IContactHistory
    {
        public int Count(ContactQuery query) => stored.Count(query);

        public void Record(ContactRecord contact)
        {
            Thread.SpinWait(2000);
            stored.Record(contact);
        }
    }

    /// <summary>Records whose enumerator throws when it is disposed, after giving every record.</summary>
    private sealed class FailsToClose(IEnumerable<RecipientRecord> records) : IAsyncEnumerable<RecipientRecord>
    {
        public IAsyncEnumerator<RecipientRecord> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(records.GetEnumerator());

        private sealed class Enumerator(IEnumerator<RecipientRecord> inner) : IAsyncEnumerator<RecipientRecord>
        {
            public RecipientRecord Current => inner.Current;

            public ValueTask<bool> MoveNextAsync() => ValueTask.FromResult(inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return ValueTask.FromException(new IOException("the cursor would not close"));
            }
        }
    }

    /// <summary>The recipients a SQLite history holds contacts of, in record order (r1, r2, …).</summary>
    private static List<string> StoredIn(string history)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = history, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT recipient FROM contacts ORDER BY CAST(substr(recipient, 2) AS INTEGER)";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static object? Sql(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The ids a checkpoint file holds as rendered, in record order (read beside the run's own connection).</summary>
    private static List<string> RenderedIn(string checkpoint)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = checkpoint, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM records WHERE status = 'rendered' ORDER BY number";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
