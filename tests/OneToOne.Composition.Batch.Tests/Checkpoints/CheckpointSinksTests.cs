using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OneToOne.Composition.Batch.Tests.Checkpoints;

/// <summary>
/// A checkpoint keeps each sink's resume state by its position in the run's list of sinks: a resume with another list
/// (an embedder's code changed between the crash and the restart) is refused before anything is written, instead of
/// handing each sink another's state.
/// </summary>
public sealed class CheckpointSinksTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    private static readonly string Jsonl = TestCampaign.Jsonl(Enumerable.Range(0, 2000)
        .Select(static i => TestCampaign.KindOf(i * 7 + 3) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.Good : TestCampaign.KindOf(i * 7 + 3)).ToArray());

    [Fact]
    public async Task Resume_WithTheSinksReorderedAddedOrRemoved_IsRefusedBeforeWritingAnything_AndWithTheSameSinksCarriesOn()
    {
        using var temp = new TempDirectory();
        await Run(temp.File("whole"), null, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)]);
        var checkpointPath = temp.File("run.db");
        var folder = temp.File("resumed");
        var rejects = Path.Combine(folder, "rejects.jsonl");
        var stopped = await Run(folder, checkpointPath, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)], stopAfter: 1200);
        Assert.False(stopped.Completed);
        var results = File.ReadAllBytes(Path.Combine(folder, DirectorySink.ResultsFileName));
        var rejected = File.ReadAllBytes(rejects);
        var made = $"[DirectorySink '{folder}', RejectsSink '{rejects}']";
        var fix = "A resumed run carries each sink on from its own output, so it must write to the same sinks, in the same order: resume with the sinks the checkpoint was made with, or start a new run with a new checkpoint file (and empty outputs).";

        var reordered = await Assert.ThrowsAsync<BatchCheckpointException>(() => Run(folder, checkpointPath, static (folder, rejects) => [new RejectsSink(rejects), new DirectorySink(folder, Text)]));
        Assert.Equal($"The checkpoint '{checkpointPath}' was made by a run writing to the sinks {made}, and this run writes to [RejectsSink '{rejects}', DirectorySink '{folder}']. {fix}", reordered.Message);

        var added = await Assert.ThrowsAsync<BatchCheckpointException>(() => Run(folder, checkpointPath, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects), new JsonLinesSink(TextWriter.Null)]));
        Assert.Equal($"The checkpoint '{checkpointPath}' was made by a run writing to the sinks {made}, and this run writes to [DirectorySink '{folder}', RejectsSink '{rejects}', {typeof(JsonLinesSink).FullName}]. {fix}", added.Message);

        var removed = await Assert.ThrowsAsync<BatchCheckpointException>(() => Run(folder, checkpointPath, static (_, rejects) => [new RejectsSink(rejects)]));
        Assert.Equal($"The checkpoint '{checkpointPath}' was made by a run writing to the sinks {made}, and this run writes to [RejectsSink '{rejects}']. {fix}", removed.Message);

        // Nothing was cut back or written by the refused runs, and the run resumes with its own sinks to the whole output.
        Assert.Equal(results, File.ReadAllBytes(Path.Combine(folder, DirectorySink.ResultsFileName)));
        Assert.Equal(rejected, File.ReadAllBytes(rejects));
        var resumed = await Run(folder, checkpointPath, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)]);
        Assert.True(resumed.Completed);
        Assert.True(resumed.Resumed >= 1200, $"resumed after {resumed.Resumed} records");
        Running.BatchRunnerTests.AssertSameFolder(temp.File("whole"), folder);
    }

    [Fact]
    public async Task Resume_WithACompositeInsideTheComposite_HandsEachNestedSinkItsOwnState_ToTheUninterruptedOutput()
    {
        // The runner's composite holds a composite of a rejects file then the folder: the saved state is one entry per
        // sink, nested ones included, so the resume must hand the folder its own entry, not restart it from nothing
        // (which cut results.jsonl to 0 bytes).
        static IMessageSink[] Nested(string folder, string rejects) =>
            [new JsonLinesSink(TextWriter.Null), new CompositeMessageSink(new RejectsSink(rejects), new DirectorySink(folder, Text))];

        using var temp = new TempDirectory();
        await Run(temp.File("whole"), null, Nested);
        var checkpointPath = temp.File("run.db");
        var folder = temp.File("resumed");
        var stopped = await Run(folder, checkpointPath, Nested, stopAfter: 1200);
        Assert.False(stopped.Completed);
        Assert.NotEqual(0, new FileInfo(Path.Combine(folder, DirectorySink.ResultsFileName)).Length);
        using (var saved = BatchCheckpoint.Open(checkpointPath, "test-run"))
        {
            // One state per sink the list records, nested ones included: the JSON lines, the rejects file, the folder.
            var states = saved.SinkState!.Split('\n');
            Assert.Equal(3, SinkList.Load(saved.Sinks!)!.Count);
            Assert.Equal(3, states.Length);
            Assert.Equal(string.Empty, states[0]);
            Assert.InRange(long.Parse(states[1], CultureInfo.InvariantCulture), 1, new FileInfo(Path.Combine(folder, "rejects.jsonl")).Length);
            Assert.InRange(long.Parse(states[2], CultureInfo.InvariantCulture), 1, new FileInfo(Path.Combine(folder, DirectorySink.ResultsFileName)).Length);
        }


        var resumed = await Run(folder, checkpointPath, Nested);
        Assert.True(resumed.Completed);
        Assert.True(resumed.Resumed >= 1200, $"resumed after {resumed.Resumed} records");
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("whole"), DirectorySink.ResultsFileName)), File.ReadAllBytes(Path.Combine(folder, DirectorySink.ResultsFileName)));
        Running.BatchRunnerTests.AssertSameFolder(temp.File("whole"), folder);
    }

    [Fact]
    public async Task Resume_OfACheckpointFromBeforeSinksWereRecorded_CarriesOnWithTheSameSinks_AndRefusesAnotherNumberOfThem()
    {
        // The earlier version's checkpoint is this version's without the "sinks" entry in its run table (the tables and every
        // other entry are the same): made here by stopping a run, then deleting that entry as the old code never wrote it.
        using var temp = new TempDirectory();
        await Run(temp.File("whole"), null, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)]);
        var checkpointPath = temp.File("run.db");
        var folder = temp.File("resumed");
        var rejects = Path.Combine(folder, "rejects.jsonl");
        await Run(folder, checkpointPath, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)], stopAfter: 1200);
        Assert.Equal(1, Execute(checkpointPath, "DELETE FROM run WHERE key = 'sinks'"));

        var removed = await Assert.ThrowsAsync<BatchCheckpointException>(() => Run(folder, checkpointPath, static (folder, _) => [new DirectorySink(folder, Text)]));
        Assert.Equal($"The checkpoint '{checkpointPath}' was made by a run writing to 2 sinks, and this run writes to 1: [DirectorySink '{folder}']. A resumed run carries each sink on from its own output, so it must write to the same sinks, in the same order: resume with the sinks the checkpoint was made with, or start a new run with a new checkpoint file (and empty outputs).", removed.Message);

        var resumed = await Run(folder, checkpointPath, static (folder, rejects) => [new DirectorySink(folder, Text), new RejectsSink(rejects)]);
        Assert.True(resumed.Completed);
        Assert.True(resumed.Resumed >= 1200, $"resumed after {resumed.Resumed} records");
        Running.BatchRunnerTests.AssertSameFolder(temp.File("whole"), folder);
        using var reopened = BatchCheckpoint.Open(checkpointPath, "test-run");
        Assert.Equal([new($"DirectorySink '{folder}'", true), new($"RejectsSink '{rejects}'", true)], SinkList.Load(reopened.Sinks!)!);
    }

    private static async Task<BatchSummary> Run(string folder, string? checkpointPath, Func<string, string, IMessageSink[]> sinks, int stopAfter = 0)
    {
        using var checkpoint = checkpointPath is null ? null : BatchCheckpoint.Open(checkpointPath, "test-run");
        using var cancel = new CancellationTokenSource();
        await using var sink = new CompositeMessageSink(sinks(folder, Path.Combine(folder, "rejects.jsonl")));
        return await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Observer = stopAfter > 0 ? new CancelAfter(stopAfter, cancel) : null, MaxDegreeOfParallelism = 2 })
            .RunAsync(TestCampaign.Records(Jsonl), sink, cancel.Token);
    }

    private static int Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private sealed class CancelAfter(int count, CancellationTokenSource cancel) : IBatchObserver
    {
        private int _seen;

        public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
        {
            if (++_seen == count)
            {
                cancel.Cancel();
            }

            return ValueTask.CompletedTask;
        }
    }
}
