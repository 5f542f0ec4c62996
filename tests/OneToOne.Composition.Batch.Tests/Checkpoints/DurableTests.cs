namespace OneToOne.Composition.Batch.Tests.Checkpoints;

/// <summary>
/// <see cref="BatchOptions.Durable"/>: each checkpoint commit comes after the output it records is synced to the disk, so
/// a power loss never leaves the checkpoint counting a record whose file the disk does not have.
/// </summary>
public sealed class DurableTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Fact]
    public async Task Durable_EachCommitFollowsASyncOfWhatItRecords()
    {
        using var temp = new TempDirectory();
        using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        var sink = new SyncRecordingSink(checkpoint);

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Durable = true, MaxDegreeOfParallelism = 2 })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 2500).ToArray())), sink);

        Assert.True(summary.Completed);
        Assert.True(sink.Syncs.Count >= 3, $"2,500 records commit at least three times (every 1,000 and at the end), each after a sync; synced {sink.Syncs.Count} times");

        // At each sync the checkpoint still holds the commit before: this commit's records are synced before it is made.
        var committedBefore = 0L;
        foreach (var (written, committed) in sink.Syncs)
        {
            Assert.Equal(committedBefore, committed);
            committedBefore = written;
        }

        Assert.Equal(2500, sink.Syncs[^1].Written);
        Assert.Equal(2500, checkpoint.RecordsDone);
    }

    [Fact]
    public async Task Durable_ASyncThatFails_StopsTheRun_AndTheCheckpointKeepsOnlyWhatWasSynced()
    {
        using var temp = new TempDirectory();
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var sink = new SyncRecordingSink(checkpoint) { FailFromSync = 2 };
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Durable = true, MaxDegreeOfParallelism = 1 });

            var error = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 2500).ToArray())), sink));

            Assert.Equal("the disk failed", error.Message);
            Assert.True(sink.Written > sink.Syncs[0].Written, "records were written after the one sync that succeeded");
        }

        using var reopened = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        Assert.False(reopened.IsCompleted);
        Assert.True(reopened.RecordsDone is > 0 and < 2500, $"the checkpoint should hold the first sync's records, not {reopened.RecordsDone}");
        Assert.Equal(reopened.RecordsDone, reopened.LastNumber);
    }

    [Fact]
    public async Task Durable_ASyncThatFailsOnce_IsNotFollowedByACommitOfWhatItFailedToWrite()
    {
        // Linux reports a write-back error to one syncfs only: the next one succeeds although the pages that failed are
        // gone. The commit after the failure (the run's last, in its finally) must not count the records the failed sync held.
        using var temp = new TempDirectory();
        long synced;
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var sink = new SyncRecordingSink(checkpoint) { FailOnlySync = 2 };
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Durable = true, MaxDegreeOfParallelism = 1 });

            var error = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 2500).ToArray())), sink));

            Assert.Equal("the disk failed", error.Message);
            synced = sink.Syncs[0].Written;
            Assert.True(sink.Written > synced, "records were written after the one sync that succeeded");
        }

        using var reopened = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        Assert.False(reopened.IsCompleted);
        Assert.Equal(synced, reopened.RecordsDone);
    }

    [Fact]
    public async Task Durable_ASyncThatFailsInTheLastCommit_DoesNotHideWhyTheRunFailed()
    {
        using var temp = new TempDirectory();
        using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        var sink = new SyncRecordingSink(checkpoint) { FailFromSync = 1 };
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Durable = true, MaxDegreeOfParallelism = 1 });

        // The input breaks after its third record, before any commit: the last commit's sync then fails too.
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => runner.RunAsync(BreakingAfter(3, TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 5).ToArray()))), sink));

        Assert.Equal("the input broke", error.Message);
        Assert.Equal(0, checkpoint.RecordsDone);
    }

    private static IEnumerable<RecipientRecord> BreakingAfter(int count, IEnumerable<RecipientRecord> records)
    {
        foreach (var record in records.Take(count))
        {
            yield return record;
        }

        throw new InvalidDataException("the input broke");
    }

    [Fact]
    public async Task NotDurable_NeverSyncs()
    {
        using var temp = new TempDirectory();
        using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        var sink = new SyncRecordingSink(checkpoint);

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 1500).ToArray())), sink);

        Assert.True(summary.Completed);
        Assert.Empty(sink.Syncs);
        Assert.Equal(1500, checkpoint.RecordsDone);
    }

    [Fact]
    public void Durable_WithoutACheckpoint_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Durable = true }));

        Assert.StartsWith("BatchOptions.Durable makes checkpoint commits wait for the disk: set BatchOptions.Checkpoint too, or leave Durable out.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Durable_ToAFolderAndARejectsList_SyncsTheRealFileSystem_AndWritesWhatARunWithoutItWrites()
    {
        using var temp = new TempDirectory();
        var kinds = Enumerable.Range(0, 1200).Select(static i => i % 50 == 7 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good).ToArray();
        var jsonl = TestCampaign.Jsonl(kinds);

        foreach (var (folder, durable) in new[] { ("plain", false), ("durable", true) })
        {
            using var checkpoint = BatchCheckpoint.Open(temp.File(folder + ".db"), "test-run");
            await using var sink = new CompositeMessageSink(new DirectorySink(temp.File(folder), Text), new RejectsSink(temp.File(folder + "-rejects.jsonl")));
            var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Durable = durable })
                .RunAsync(TestCampaign.Records(jsonl), sink);
            Assert.True(summary.Completed);
            Assert.Equal(24, summary.Rejected);
        }

        Assert.Equal(File.ReadAllBytes(temp.File("plain-rejects.jsonl")), File.ReadAllBytes(temp.File("durable-rejects.jsonl")));
        Assert.Equal(1177, Directory.GetFiles(temp.File("plain")).Length); // 1,176 letters and results.jsonl
        Running.BatchRunnerTests.AssertSameFolder(temp.File("plain"), temp.File("durable"));
    }

    [Fact]
    public void SyncOfAFileSystem_OnARealFile_CallsTheOperatingSystem()
    {
        using var temp = new TempDirectory();
        using var file = new FileStream(temp.File("a.txt"), FileMode.Create, FileAccess.Write);
        file.WriteByte((byte)'a');

        DiskSync.FileSystemOf(file); // a real syncfs of the temp folder's file system

        Assert.Equal(1, new FileInfo(temp.File("a.txt")).Length);
    }

    /// <summary>A resumable sink that notes, at each sync, how many records it has and how many the checkpoint has committed.</summary>
    private sealed class SyncRecordingSink(BatchCheckpoint checkpoint) : IMessageSink, IResumableSink
    {
        private long _marked;

        public List<(long Written, long Committed)> Syncs { get; } = [];

        public long Written { get; private set; }

        public int FailFromSync { get; init; } = int.MaxValue;

        /// <summary>The one sync that fails (as Linux's syncfs reports a write-back error once), or 0.</summary>
        public int FailOnlySync { get; init; }

        private int _syncCalls;

        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            Written++;
            return ValueTask.CompletedTask;
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public void Mark() => _marked = Written;

        public string SaveState() => _marked.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Restore(string? state)
        {
        }

        public void SyncToDisk()
        {
            if (Syncs.Count + 1 >= FailFromSync || ++_syncCalls == FailOnlySync)
            {
                throw new IOException("the disk failed");
            }

            Syncs.Add((_marked, checkpoint.RecordsDone));
        }
    }
}
