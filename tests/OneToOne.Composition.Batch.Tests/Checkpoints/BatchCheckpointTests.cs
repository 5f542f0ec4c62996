namespace OneToOne.Composition.Batch.Tests.Checkpoints;

public sealed class BatchCheckpointTests
{
    [Fact]
    public void Open_AReuseNotDefined_IsRefusedBeforeTheFileIsTouched()
    {
        using var temp = new TempDirectory();

        Assert.Throws<ArgumentOutOfRangeException>("reuse", () => BatchCheckpoint.Open(temp.File("run.checkpoint"), "test-run", TimeProvider.System, (CheckpointReuse)2));
        Assert.False(File.Exists(temp.File("run.checkpoint")));
    }

    [Fact]
    public void Open_AFileThatIsNotADatabase_IsRefusedInOneSentenceSayingWhatToDo()
    {
        using var temp = new TempDirectory();
        var path = temp.File("run.checkpoint");
        File.WriteAllText(path, "hello\n");

        var error = Assert.Throws<BatchCheckpointException>(() => BatchCheckpoint.Open(path, "test-run"));

        Assert.Equal($"'{path}' cannot be used as a checkpoint: SQLite Error 26: 'file is not a database'. Give a new file name, or delete the file to start over.", error.Message);
    }

    [Fact]
    public async Task ARunGivenADisposedCheckpoint_IsRefusedBeforeItWritesAnything()
    {
        // A hosted service that keeps its BatchOptions between runs and disposed the last run's checkpoint: the run rendered
        // and wrote every record, then failed at its first commit with SQLite's "BeginTransaction can only be called when
        // the connection is open", its output written but recorded nowhere (and the file's lock already given up).
        using var temp = new TempDirectory();
        var checkpoint = BatchCheckpoint.Open(temp.File("run.checkpoint"), "test-run");
        checkpoint.Dispose();
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { Checkpoint = checkpoint });
        var output = new StringWriter();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl([TestCampaign.Kind.Good, TestCampaign.Kind.Good])), new JsonLinesSink(output)));

        Assert.Equal(typeof(BatchCheckpoint).FullName, error.ObjectName);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task Commit_OnAFullDisk_StopsTheRunSayingWhatToDo_AndTheCheckpointKeepsItsLastCommit()
    {
        // The database stops growing once 1,500 records are written, as it would on a full disk (SQLITE_FULL): the commit
        // after record 2,000 cannot be made. The run stops with an error naming the checkpoint and the fix, not SQLite's.
        using var temp = new TempDirectory();
        var path = temp.File("run.db");
        using (var checkpoint = BatchCheckpoint.Open(path, "test-run"))
        {
            var sink = new FillingSink(checkpoint, fullAfter: 1500);
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { Checkpoint = checkpoint, MaxDegreeOfParallelism = 1 });

            var error = await Assert.ThrowsAsync<BatchCheckpointException>(() => runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 2500).ToArray())), sink));

            Assert.Equal($"The checkpoint '{path}' could not record the records written since its last commit: SQLite Error 13: 'database or disk is full'. Free space on the disk that holds it, then run the same command again: it carries on after record 1000, the last one it recorded.", error.Message);
        }

        using var reopened = BatchCheckpoint.Open(path, "test-run");
        Assert.Equal(1000, reopened.LastNumber);
        Assert.False(reopened.IsCompleted);
    }

    /// <summary>A sink that stops the checkpoint's database from growing after a number of records, as a disk filling up would.</summary>
    private sealed class FillingSink(BatchCheckpoint checkpoint, int fullAfter) : IMessageSink
    {
        private int _written;

        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            if (++_written == fullAfter)
            {
                checkpoint.StopGrowing();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
