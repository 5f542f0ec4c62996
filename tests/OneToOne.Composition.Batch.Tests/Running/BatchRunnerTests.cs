using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class BatchRunnerTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Fact]
    public async Task OnePercentPoison_GoodRecordsRendered_EveryPoisonListedWithReason_SummaryAddsUp()
    {
        using var temp = new TempDirectory();
        var kinds = Enumerable.Range(0, 600).Select(static i => (i % 100) switch
        {
            17 => TestCampaign.Kind.MissingField,
            42 => TestCampaign.Kind.NonNumericIq,
            77 when i < 100 => TestCampaign.Kind.HugeField,
            77 => TestCampaign.Kind.NotJson,
            5 => TestCampaign.Kind.Suppressed,
            _ => TestCampaign.Kind.Good,
        }).ToArray();
        var rejects = temp.File("rejects.jsonl");
        await using var sink = new CompositeMessageSink(new DirectorySink(temp.File("out"), Text), new RejectsSink(rejects));

        Assert.True(RecipientSchema.TryParse("id:text!,first_name:text!,iq:number", out var schema, out _));
        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Schema = schema }).RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink);

        Assert.Equal(600, summary.Input);
        Assert.Equal(kinds.Count(static k => k == TestCampaign.Kind.Good), summary.Rendered);
        Assert.Equal(6, summary.Suppressed);
        Assert.Equal(18, summary.Rejected);
        Assert.Equal(summary.Input, summary.Rendered + summary.Suppressed + summary.Rejected);
        var listed = File.ReadAllLines(rejects).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(18, listed.Count);
        var byNumber = listed.ToDictionary(static r => r.GetProperty("number").GetInt64());
        for (var i = 0; i < kinds.Length; i++)
        {
            if (TestCampaign.Expected(kinds[i]) != BatchStatus.Rejected)
            {
                Assert.False(byNumber.ContainsKey(i + 1));
                continue;
            }

            var reject = byNumber[i + 1];
            var error = reject.GetProperty("error").GetString()!;
            switch (kinds[i])
            {
                case TestCampaign.Kind.MissingField:
                    Assert.Equal($"r{i + 1}", reject.GetProperty("id").GetString());
                    Assert.Contains("first_name", error, StringComparison.Ordinal);
                    break;
                case TestCampaign.Kind.NonNumericIq:
                    Assert.Equal($"Line {i + 1}: recipient 'r{i + 1}': field 'iq' must be a number, but it is the text \"very high\". Fix the record, or the schema if it is wrong.", error);
                    break;
                case TestCampaign.Kind.HugeField:
                    Assert.Equal("render", reject.GetProperty("stage").GetString());
                    break;
                default:
                    Assert.Equal("read", reject.GetProperty("stage").GetString());
                    Assert.Contains($"Line {i + 1}", error, StringComparison.Ordinal);
                    break;
            }
        }

        var files = Directory.GetFiles(temp.File("out"), "*.txt");
        Assert.Equal(summary.Rendered, files.Length);
        Assert.StartsWith("Subject: Name1, this month", File.ReadAllText(Path.Combine(temp.File("out"), "r1.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectLimit_StopsTheRun_AndSaysWhy()
    {
        var kinds = Enumerable.Range(0, 500).Select(static i => i % 2 == 0 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good);
        var sink = new CollectingSink();

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { RejectLimit = RejectLimit.Count(3) })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink);

        Assert.False(summary.Completed);
        Assert.False(sink.Completed);
        Assert.Equal(4, summary.Rejected);
        Assert.Equal(7, summary.Input);
        Assert.Contains("more than the 3 allowed", summary.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectLimit_OfOne_SaysRecordInTheSingular()
    {
        var kinds = new[] { TestCampaign.Kind.Good, TestCampaign.Kind.MissingField, TestCampaign.Kind.Good };

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { RejectLimit = RejectLimit.Count(0) })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), new CollectingSink());

        Assert.StartsWith("1 record was rejected, more than the 0 allowed (--max-rejects)", summary.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectLimit_AResumedRunThatStopped_StaysStoppedUnderTheSameLimit_AndCarriesOnUnderAHigherOne()
    {
        using var temp = new TempDirectory();
        var kinds = Enumerable.Range(0, 20).Select(static i => i == 4 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good);
        var jsonl = TestCampaign.Jsonl(kinds);
        async Task<BatchSummary> Run(long limit)
        {
            using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
            await using var sink = new DirectorySink(temp.File("out"), Text);
            return await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, RejectLimit = RejectLimit.Count(limit) })
                .RunAsync(TestCampaign.Records(jsonl), sink);
        }

        var first = await Run(0);
        var again = await Run(0);
        var raised = await Run(1);

        Assert.Equal(5, first.Input);
        Assert.Equal(5, again.Input);
        Assert.False(again.Completed);
        Assert.StartsWith("1 record was rejected, more than the 0 allowed", again.StoppedReason, StringComparison.Ordinal);
        Assert.Contains("a run resumed under the same limit stops where it did", again.StoppedReason, StringComparison.Ordinal);
        Assert.True(raised.Completed);
        Assert.Equal("20 records: 19 rendered, 0 suppressed, 1 rejected", raised.ToString());
        Assert.Equal(20, File.ReadAllLines(Path.Combine(temp.File("out"), DirectorySink.ResultsFileName)).Length);
    }

    [Theory]
    [InlineData("[1,2]", "a list")]
    [InlineData("{\"a\":1}", "an object")]
    [InlineData("true", "true")]
    public async Task AnIdThatIsNotTextOrANumber_IsRejectedAtRead(string id, string described)
    {
        var jsonl = "{\"id\":\"r1\",\"first_name\":\"Ann\"}\n{\"id\":" + id + ",\"first_name\":\"Bob\"}\n{\"id\":7,\"first_name\":\"Cy\"}\n";
        var sink = new CollectingSink();

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(jsonl), sink);

        Assert.Equal("3 records: 2 rendered, 0 suppressed, 1 rejected", summary.ToString());
        Assert.Equal(["r1", null, "7"], sink.Results.Select(static r => r.Id));
        var rejected = sink.Results[1];
        Assert.Equal(RejectStage.Read, rejected.Stage);
        Assert.Equal($"Line 2: the id field 'id' holds {described}, but an id must be text or a number: it names the recipient's file and decides its shard. Fix the record, or give the right field with --id-field.", rejected.Error);
    }

    [Fact]
    public async Task AnIdThatIsNotTextOrANumber_IsRejected_QuotingTheIdFieldsNameOnOneLine()
    {
        // The --id-field name is the user's, and may hold a terminal's escape or a line break as any quoted data may.
        const string idField = "i\u001B[2Jd\nx\u202E";
        var jsonl = "{\"i\\u001B[2Jd\\nx\\u202E\":[1],\"first_name\":\"Bob\"}\n";
        var sink = new CollectingSink();

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(RecipientReader.Read(new StringReader(jsonl), RecipientFormat.JsonLines, idField), sink);

        Assert.Equal("Line 1: the id field 'i\\u001B[2Jd\\nx\\u202E' holds a list, but an id must be text or a number: it names the recipient's file and decides its shard. Fix the record, or give the right field with --id-field.", Assert.Single(sink.Results).Error);
    }

    [Fact]
    public void Checkpoint_KeepsWhenTheRunBegan_AndNamesWhatDiffersInAnotherRunsKey()
    {
        using var temp = new TempDirectory();
        var path = temp.File("run.db");
        var began = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        using (var first = BatchCheckpoint.Open(path, "{\"input\":\"a.jsonl\",\"size\":\"10\"}", new FixedClock(began)))
        {
            Assert.Equal(began, first.StartedAt);
        }

        using (var resumed = BatchCheckpoint.Open(path, "{\"input\":\"a.jsonl\",\"size\":\"10\"}", new FixedClock(began.AddDays(1))))
        {
            Assert.Equal(began, resumed.StartedAt);
        }

        var other = Assert.Throws<BatchCheckpointException>(() => BatchCheckpoint.Open(path, "{\"input\":\"a.jsonl\",\"size\":\"12\"}"));
        Assert.Equal($"The checkpoint '{path}' belongs to another run: size was '10' when it began, and is '12' now. Resume with the same command and input, or give a new checkpoint file to start a new run.", other.Message);
    }

    [Fact]
    public async Task RejectRatio_JudgesAfterTheSample()
    {
        var kinds = Enumerable.Range(0, 1000).Select(static i => i % 10 == 0 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good);

        var lenient = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { RejectLimit = RejectLimit.Ratio(0.2) })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), new CollectingSink());
        var strict = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { RejectLimit = RejectLimit.Ratio(0.05) })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), new CollectingSink());

        Assert.True(lenient.Completed);
        Assert.Equal(1000, lenient.Input);
        Assert.False(strict.Completed);
        Assert.Equal(RejectLimit.MinimumSample, strict.Input);
    }

    [Fact]
    public async Task Checkpoint_ResumeAfterCancellation_ProducesTheUninterruptedOutput()
    {
        using var temp = new TempDirectory();
        var kinds = Enumerable.Range(0, 3000).Select(static i => TestCampaign.KindOf(i * 7 + 3) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.Good : TestCampaign.KindOf(i * 7 + 3)).ToArray();
        var jsonl = TestCampaign.Jsonl(kinds);
        await RunToDirectory(jsonl, temp.File("whole"), null, null);

        var stops = 0;
        BatchSummary summary;
        do
        {
            using var cancel = new CancellationTokenSource();
            using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
            summary = await RunToDirectory(jsonl, temp.File("resumed"), checkpoint, new CancelAfter(700 + (stops * 300), cancel), cancel.Token);
            stops++;
        }
        while (!summary.Completed);

        Assert.True(stops > 2, $"the run should have been stopped more than once, but ran {stops} times");
        Assert.Equal(3000, summary.Input);
        Assert.True(summary.Resumed > 0);
        AssertSameFolder(temp.File("whole"), temp.File("resumed"));
        using (var done = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            Assert.True(done.IsCompleted);
            Assert.Equal(3000, done.RecordsDone);
        }

        // The next night's run given the same checkpoint path: told that the run it holds finished, not sent to look for
        // what stopped it.
        var another = Assert.Throws<BatchCheckpointException>(() => BatchCheckpoint.Open(temp.File("run.db"), "another-run"));
        Assert.StartsWith($"The checkpoint '{temp.File("run.db")}' belongs to another run, which finished (3000 records, begun ", another.Message, StringComparison.Ordinal);
        Assert.EndsWith("): it began as 'test-run', not 'another-run'. It has nothing to resume: to start a new run, give it a new checkpoint file and a new output folder (the finished run's files are in its own), or delete this checkpoint and empty that folder first.", another.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Checkpoint_AnObserverThatFailsOrIsCancelledAfterTheSinkWroteARecord_TheResumeWritesThatRecordOnce(bool cancelled)
    {
        // The sink has written record 1500 when the observer fails (its history is locked, say) or, awaiting its own work,
        // is cancelled by Ctrl-C: the record is not done, so the resume writes and observes it again, and results.jsonl and
        // the rejects list must not keep the first attempt's line as well.
        using var temp = new TempDirectory();
        var kinds = Enumerable.Range(0, 3000).Select(static i => i % 7 == 3 ? TestCampaign.Kind.MissingField : TestCampaign.Kind.Good).ToArray();
        kinds[1499] = TestCampaign.Kind.MissingField;
        var jsonl = TestCampaign.Jsonl(kinds);
        await RunToDirectory(jsonl, temp.File("whole"), null, null);

        using var cancel = new CancellationTokenSource();
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var failing = new FailAt(1500, cancelled ? cancel : null);
            if (cancelled)
            {
                var stopped = await RunToDirectory(jsonl, temp.File("resumed"), checkpoint, failing, cancel.Token);
                Assert.False(stopped.Completed);
                Assert.Equal(1499, stopped.Input);
            }
            else
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => RunToDirectory(jsonl, temp.File("resumed"), checkpoint, failing));
            }

            Assert.Equal(1499, checkpoint.LastNumber);
        }

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await RunToDirectory(jsonl, temp.File("resumed"), checkpoint, null);
            Assert.True(summary.Completed);
            Assert.Equal(3000, summary.Input);
        }

        AssertSameFolder(temp.File("whole"), temp.File("resumed"));
    }

    [Fact]
    public async Task Checkpoint_ASinkThatFailsToComplete_LeavesTheRunNotCompleted_SoTheNextRunCompletesIt()
    {
        // Every record is written, then the sink's completion (a merged PDF moved into place, a trailer sent) fails: the
        // checkpoint records the records, but must not say the run is complete, or a caller that trusts it never finishes it.
        using var temp = new TempDirectory();
        var jsonl = TestCampaign.Jsonl([TestCampaign.Kind.Good, TestCampaign.Kind.Good, TestCampaign.Kind.Good]);
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint });
            await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(TestCampaign.Records(jsonl), new FailingToCompleteSink()));

            Assert.Equal(3, checkpoint.LastNumber);
            Assert.False(checkpoint.IsCompleted);
        }

        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            Assert.False(checkpoint.IsCompleted);
            var sink = new CollectingSink();
            var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint }).RunAsync(TestCampaign.Records(jsonl), sink);

            Assert.True(summary.Completed);
            Assert.True(sink.Completed);
            Assert.True(checkpoint.IsCompleted);
        }
    }

    [Fact]
    public async Task Checkpoint_ASecondSinkFailingToComplete_AfterTheFirstCompleted_IsNamed_AndTheCheckpointHoldsEveryRecord()
    {
        // The sinks complete one by one: the first completes, the second fails. The fault names the second, and says the
        // checkpoint's last commit (after the failure) recorded every record, which is what the tool then tells.
        using var temp = new TempDirectory();
        var jsonl = TestCampaign.Jsonl([TestCampaign.Kind.Good, TestCampaign.Kind.Good, TestCampaign.Kind.Good]);
        var first = new CollectingSink();
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint });
            var error = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(TestCampaign.Records(jsonl), new CompositeMessageSink(first, new FailingToCompleteSink())));

            Assert.True(first.Completed);
            var fault = BatchFault.Of(error);
            Assert.NotNull(fault);
            Assert.Equal((BatchFault.Completing, nameof(FailingToCompleteSink), 3L, true, (long?)null), (fault.Stage, fault.Sink, fault.LastRecord, fault.Committed, fault.Record));
            Assert.Equal(3, checkpoint.LastNumber);
            Assert.False(checkpoint.IsCompleted);
        }

        // The same run again renders no record and completes both sinks.
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var again = new CollectingSink();
            var second = new CollectingSink();
            var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint }).RunAsync(TestCampaign.Records(jsonl), new CompositeMessageSink(again, second));

            Assert.True(summary.Completed);
            Assert.Equal((true, true, 0, 0), (again.Completed, second.Completed, again.Results.Count, second.Results.Count));
            Assert.True(checkpoint.IsCompleted);
        }
    }

    /// <summary>A sink that takes every record and then fails to finish the output.</summary>
    private sealed class FailingToCompleteSink : IMessageSink
    {
        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => throw new IOException("No space left on device");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task DuplicateIds_ComposedAndDecomposed_AreOneRecipient_TheSecondSuppressedAsWrittenAnotherWay()
    {
        // A CRM export that typed 'José' once with 'é' (U+00E9) and once with 'e' + U+0301: one customer, one message.
        const string Jsonl = "{\"id\":\"Jos\u00e9\",\"first_name\":\"Ann\",\"iq\":100,\"unsubscribed\":false}\n"
            + "{\"id\":\"Jose\u0301\",\"first_name\":\"Bo\",\"iq\":100,\"unsubscribed\":false}\n"
            + "{\"id\":\"Jos\u00e9\",\"first_name\":\"Cy\",\"iq\":100,\"unsubscribed\":false}\n";
        var sink = new CollectingSink();

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(Jsonl), sink);

        Assert.Equal(["Rendered", "Suppressed", "Suppressed"], sink.Results.Select(static r => r.Status.ToString()));
        Assert.Equal("Jose\u0301", sink.Results[1].Id);
        Assert.Equal("duplicate", sink.Results[1].SuppressionCode);
        Assert.Equal("duplicate id: an earlier record in the input has the same id written another way (the same letters as composed and as decomposed Unicode, such as 'é' and 'e' + U+0301); write the ids in one form (NFC) in the export", sink.Results[1].Reason);
        Assert.Equal("duplicate id: an earlier record in the input has the same id", sink.Results[2].Reason);
        Assert.Equal(1, summary.Rendered);
        Assert.Equal(2, summary.Suppressed);
    }

    [Fact]
    public async Task DuplicateIds_AFirstRecordTheSchemaRejects_TakesItsId_InCsvAsInJsonLines()
    {
        // r1 first with an iq that is no number (rejected), then fixed (a duplicate all the same, as the README says), then
        // unfit again (a duplicate too); r2 unfit after a good r2. CSV checks declared columns while reading, JSON Lines
        // before deciding: the outcomes must not depend on the format.
        const string Csv = "id,first_name,iq,unsubscribed\nr1,Ann,high,false\nr1,Ann,120,false\nr1,Ann,low,false\nr2,Bo,99,false\nr2,Bo,x,false\n";
        const string Jsonl = """
            {"id":"r1","first_name":"Ann","iq":"high","unsubscribed":false}
            {"id":"r1","first_name":"Ann","iq":120,"unsubscribed":false}
            {"id":"r1","first_name":"Ann","iq":"low","unsubscribed":false}
            {"id":"r2","first_name":"Bo","iq":99,"unsubscribed":false}
            {"id":"r2","first_name":"Bo","iq":"x","unsubscribed":false}

            """;
        var options = new BatchOptions { Schema = TestCampaign.Schema };
        string[] expected = ["r1 Rejected", "r1 Suppressed duplicate", "r1 Suppressed duplicate", "r2 Rendered", "r2 Suppressed duplicate"];
        foreach (var (format, text) in new[] { (RecipientFormat.Csv, Csv), (RecipientFormat.JsonLines, Jsonl) })
        {
            var sink = new CollectingSink();
            var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, options).RunAsync(RecipientReader.Read(new StringReader(text), format, "id", TestCampaign.Schema), sink);

            Assert.Equal(expected, sink.Results.Select(static r => $"{r.Id} {r.Status}{(r.Reason is { } reason ? " " + reason.Split(' ')[0] : string.Empty)}"));
            Assert.Equal(5, summary.Rejected + summary.Rendered + summary.Suppressed);
        }
    }

    [Fact]
    public async Task Checkpoint_ResumeWithDuplicateIds_SuppressesThoseSeenBeforeTheInterruption()
    {
        using var temp = new TempDirectory();

        // Every fourth record n takes the id r(n mod 500 + 1), with a name of its own: 125 ids five times each, from records
        // hundreds apart, so most repeats come after an interruption. Rendered, a repeat would overwrite the first's file.
        var jsonl = string.Concat(Enumerable.Range(1, 2000).Select(static n =>
            JsonSerializer.Serialize(new { id = $"r{(n % 4 == 0 ? (n % 500) + 1 : n)}", first_name = $"Name{n}", iq = 100, unsubscribed = false }) + "\n"));
        var whole = await RunToDirectory(jsonl, temp.File("whole"), null, null);

        var stops = 0;
        BatchSummary summary;
        do
        {
            using var cancel = new CancellationTokenSource();
            using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
            summary = await RunToDirectory(jsonl, temp.File("resumed"), checkpoint, new CancelAfter(400, cancel), cancel.Token);
            stops++;
        }
        while (!summary.Completed);

        Assert.True(stops > 2, $"the run should have been stopped more than once, but ran {stops} times");
        Assert.Equal(500, whole.SuppressedByReason["duplicate id: an earlier record in the input has the same id"]);
        Assert.Equal(whole.ToString(), summary.ToString());
        Assert.Equal("Subject: Name4, this month", File.ReadLines(Path.Combine(temp.File("resumed"), "r5.txt")).First());
        AssertSameFolder(temp.File("whole"), temp.File("resumed"));
    }

    [Fact]
    public void Checkpoint_InUse_IsRefusedToASecondRun_UntilTheFirstClosesIt()
    {
        using var temp = new TempDirectory();
        var path = temp.File("run.db");
        using (var first = BatchCheckpoint.Open(path, "test-run"))
        {
            var second = Assert.Throws<BatchCheckpointException>(() => BatchCheckpoint.Open(path, "test-run"));
            Assert.Equal($"The checkpoint '{path}' is in use by another run (it holds '{path}.lock'). Wait for that run to finish or stop it, then run this command again; two runs of one checkpoint would overwrite each other's output.", second.Message);
        }

        using var third = BatchCheckpoint.Open(path, "test-run");
        Assert.Equal(path, third.Path);
    }

    [Fact]
    public async Task Observer_SeesEveryRecordInOrder_AfterItIsWritten()
    {
        var kinds = Enumerable.Range(0, 50).Select(TestCampaign.KindOf).ToArray();
        var sink = new CollectingSink();
        var observer = new RecordingObserver(sink);

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Observer = observer, MaxDegreeOfParallelism = 3 })
            .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink);

        Assert.Equal(Enumerable.Range(1, 50).Select(static n => (long)n), observer.Seen.Select(static s => s.Number));
        Assert.All(observer.Seen, static s => Assert.True(s.WrittenBefore));
        Assert.All(observer.Seen.Where(static s => s.Status == BatchStatus.Rendered), static s => Assert.Equal("monthly", s.MessageId));
    }

    [Fact]
    public async Task DataReader_FromARealSqliteDatabase_RendersEveryRow()
    {
        using var temp = new TempDirectory();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = temp.File("crm.db"), Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE customers(id TEXT PRIMARY KEY, first_name TEXT, iq INTEGER, unsubscribed BOOLEAN);
                INSERT INTO customers VALUES ('c1', 'Ada', 120, 0), ('c2', 'Bo', 90, 0), ('c3', NULL, 100, 0), ('c4', 'Cy', 'high', 0), ('c5', 'Di', 100, 1);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT id, first_name, iq, unsubscribed FROM customers ORDER BY id";
        await using var reader = await query.ExecuteReaderAsync();
        var sink = new CollectingSink();

        Assert.True(RecipientSchema.TryParse("first_name:text!,iq:number", out var schema, out _));
        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Schema = schema }).RunAsync(RecipientReader.Read(reader), sink);

        Assert.Equal([BatchStatus.Rendered, BatchStatus.Rendered, BatchStatus.Rejected, BatchStatus.Rejected, BatchStatus.Suppressed], sink.Results.Select(static r => r.Status));
        Assert.Contains("field 'first_name' is required, but the record has it null", sink.Results[2].Error, StringComparison.Ordinal);
        Assert.Contains("field 'iq' must be a number", sink.Results[3].Error, StringComparison.Ordinal);
        Assert.Contains("Ada, the clever pick", sink.Results[0].Body, StringComparison.Ordinal);
        Assert.Contains("Bo, the classic", sink.Results[1].Body, StringComparison.Ordinal);
        Assert.Equal(5, summary.Input);
    }

    [Theory]
    [InlineData("SELECT 'c1' AS id, 'Ada' AS first_name, 'o9' AS id", "The query has two columns named 'id' (columns 1 and 3)")]
    [InlineData("SELECT 'c1' AS id, 'Ada' AS \"\"", "Column 2 of the query has no name.")]
    public async Task DataReader_AColumnWithoutANameOrNamedTwice_IsAnInputError(string sql, string start)
    {
        // A join's second id would have overwritten the first in every recipient, silently: CSV refuses such a header too.
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = sql;
        await using var reader = await query.ExecuteReaderAsync();

        var error = Assert.Throws<RecipientInputException>(() => RecipientReader.Read(reader).ToList());

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BatchChannel.Text)]
    [InlineData(BatchChannel.Web)]
    public async Task JsonLinesBodies_RenderedIntoPooledCharacters_AreEachRecipientsOwn(BatchChannel channel)
    {
        // Workers far ahead of the writer, bodies of many lengths: a body released or reused before its line is written shows.
        var jsonl = new System.Text.StringBuilder();
        for (var i = 1; i <= 300; i++)
        {
            jsonl.Append(JsonSerializer.Serialize(new { id = $"r{i}", first_name = new string('n', i % 37) + i, iq = 80 + (i % 40), unsubscribed = i % 11 == 0 })).Append('\n');
        }

        using var output = new MemoryStream();
        await using (var sink = new JsonLinesSink(output))
        {
            await new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(channel), new BatchOptions { MaxDegreeOfParallelism = 3, MaxInFlight = 12 })
                .RunAsync(TestCampaign.Records(jsonl.ToString()), sink);
        }

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = jsonl.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(records.Length, lines.Length);
        var rendered = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var decision = TestCampaign.Catalog.Decide(new Recipients.RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(records[i])), "monthly");
            if (decision.IsSuppressed)
            {
                Assert.False(line.RootElement.TryGetProperty("body", out _));
                continue;
            }

            var expected = TestCampaign.Catalog.Render(decision, channel == BatchChannel.Web ? Channel.Web : Channel.Text);
            Assert.Equal(expected.Body, line.RootElement.GetProperty("body").GetString());
            Assert.Equal(expected.Subject, line.RootElement.GetProperty("subject").GetString());
            rendered++;
        }

        Assert.Equal(273, rendered);
    }

    [Fact]
    public async Task ASinkThatKeepsResults_ReadsEveryBodyAfterTheRun()
    {
        // A user's sink may keep results (the library's own read them only during their call, so theirs are pooled and released).
        var jsonl = TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 200));
        var sink = new CollectingSink();

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 2, MaxInFlight = 8 }).RunAsync(TestCampaign.Records(jsonl), sink);

        Assert.Equal(200, sink.Results.Count);
        foreach (var result in sink.Results)
        {
            Assert.Equal($"Hello {result.Id!.Replace("r", "Name", StringComparison.Ordinal)},", result.Body?.Split('\n')[0]);
        }
    }

    [Fact]
    public async Task Objects_AreRecipients()
    {
        var people = new[] { new Person("p1", "Zoë", 130, false), new Person("p2", "Max", 80, true) };
        var sink = new CollectingSink();

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(RecipientReader.FromObjects(people), sink);

        Assert.Equal("Zoë, this month", sink.Results[0].Subject);
        Assert.Equal(BatchStatus.Suppressed, sink.Results[1].Status);
        Assert.Equal("recipient unsubscribed", sink.Results[1].Reason);
    }

    [Fact]
    public async Task ACheckpoint_RecordsOneRunAtATime_ASecondRunGivenItMeanwhileIsRefused_AndOneAfterIsNot()
    {
        using var temp = new TempDirectory();
        using var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run");
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, MaxDegreeOfParallelism = 1 });
        var jsonl = TestCampaign.Jsonl([TestCampaign.Kind.Good, TestCampaign.Kind.Good]);
        var gate = new GateSink();

        var first = runner.RunAsync(TestCampaign.Records(jsonl), gate);
        await gate.Entered.Task.WaitAsync(Waits.Hang);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(TestCampaign.Records(jsonl), new CollectingSink()));
        gate.Open.SetResult();
        var summary = await first.WaitAsync(Waits.Hang);
        var after = await runner.RunAsync(TestCampaign.Records(jsonl), new CollectingSink());

        Assert.Contains("is in use by another run in this process", refused.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2), (summary.Input, summary.Rendered));
        Assert.Equal(2, checkpoint.LastNumber);
        Assert.Equal((2, 2), (after.Input, after.Resumed));
    }

    /// <summary>A sink whose first write waits until the test opens it.</summary>
    private sealed class GateSink : IMessageSink
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Open.Task.WaitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ARejectedRecordWithoutAnId_IsFoundByItsLine()
    {
        const string Jsonl = "{\"id\":\"r1\",\"first_name\":\"Ann\",\"iq\":100,\"unsubscribed\":false}\n\n{\"iq\":100,\"unsubscribed\":false}\n{\"id\":\"r3\",\"iq\":100,\"unsubscribed\":false}\n"
            + "{\"id\":\"\",\"iq\":100,\"unsubscribed\":false}\n{\"id\":\" \\t\",\"iq\":100,\"unsubscribed\":false}\n";
        var sink = new CollectingSink();

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(Jsonl), sink);

        Assert.Equal([BatchStatus.Rendered, BatchStatus.Rejected, BatchStatus.Rejected, BatchStatus.Rejected, BatchStatus.Rejected], sink.Results.Select(static r => r.Status));
        Assert.StartsWith("Line 3: Recipient '(no id)', message 'monthly'", sink.Results[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("Recipient 'r3', message 'monthly'", sink.Results[2].Error, StringComparison.Ordinal);

        // A blank id names nobody: the line finds the record.
        Assert.StartsWith("Line 5: Recipient '', message 'monthly'", sink.Results[3].Error, StringComparison.Ordinal);
        Assert.StartsWith("Line 6: Recipient ' \\t', message 'monthly'", sink.Results[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_OneThatCannotBeARecipient_IsRejected_AndTheRunGoesOn()
    {
        object[] items = [new Person("p1", "Zoë", 130, false), "p2", new Dictionary<int, string> { [1] = "x" }, new Person("p4", "Max", 80, false)];
        var sink = new CollectingSink();

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(RecipientReader.FromObjects(items), sink);

        Assert.Equal((4, 2, 2), (summary.Input, summary.Rendered, summary.Rejected));
        Assert.Equal([BatchStatus.Rendered, BatchStatus.Rejected, BatchStatus.Rejected, BatchStatus.Rendered], sink.Results.Select(static r => r.Status));
        Assert.Equal("Item 2: A recipient is a dictionary, a JSON object or an object whose properties are its fields; a String is none of these. Give the recipient's fields, such as new Dictionary<string, object?> { [\"id\"] = \"c42\" }.", sink.Results[1].Error);
        Assert.StartsWith("Item 3: ", sink.Results[2].Error, StringComparison.Ordinal);
        Assert.Contains("must be strings", sink.Results[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObjectsFromAnAsyncSource_AreRecipients_OneThatCannotBeARecipientIsRejected_AndTheRunGoesOn()
    {
        var sink = new CollectingSink();

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text)
            .RunAsync(RecipientReader.FromObjectsAsync(Arriving<object?>(new Person("p1", "Zoë", 130, false), "p2", null, new Person("p4", "Max", 80, true))), sink);

        Assert.Equal((4, 1, 1, 2), (summary.Input, summary.Rendered, summary.Suppressed, summary.Rejected));
        Assert.Equal([1L, 2L, 3L, 4L], sink.Results.Select(static r => r.Number));
        Assert.Equal("Zoë, this month", sink.Results[0].Subject);
        Assert.StartsWith("Item 2: A recipient is a dictionary, a JSON object or an object whose properties are its fields; a String is none of these.", sink.Results[1].Error, StringComparison.Ordinal);
        Assert.Equal("Item 3: the recipient is null.", sink.Results[2].Error);
        Assert.Equal("recipient unsubscribed", sink.Results[3].Reason);
    }

    [Fact]
    public async Task ObjectsFromAnAsyncSource_ThatWaitsForItsNextItem_AreStoppedByTheRunsCancellation()
    {
        // Cancelled only once the first record is written and the source waits for its next item: a run stops promptly, so a
        // record still being rendered when the run is cancelled is not written (a checkpoint resumes it), and cancelling any
        // earlier would make the first record's fate a race between the workers.
        using var cancel = new CancellationTokenSource();
        var source = new QuietSource();
        var sink = new SignallingSink();

        var run = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 4 })
            .RunAsync(RecipientReader.FromObjectsAsync(source.FirstThenWait(new Person("p1", "Zoë", 130, false))), sink, cancel.Token);
        await Task.WhenAll(sink.Written.Task, source.Waiting.Task).WaitAsync(Waits.Hang);
        Assert.False(run.IsCompleted);
        await cancel.CancelAsync();
        var summary = await run.WaitAsync(Waits.Hang);

        Assert.False(summary.Completed);
        Assert.StartsWith("cancelled", summary.StoppedReason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (summary.Input, summary.Rendered));
        Assert.Equal("p1", Assert.Single(sink.Results).Id);
        Assert.False(sink.Completed);
        Assert.True(source.StoppedWaiting);
    }

    /// <summary>A source that yields one item, then waits for a next one that never comes (a queue gone quiet) until its token is cancelled.</summary>
    private sealed class QuietSource
    {
        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether the wait for the next item ended by the run's cancellation.</summary>
        public bool StoppedWaiting { get; private set; }

        public async IAsyncEnumerable<Person> FirstThenWait(Person first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return first;
            Waiting.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                StoppedWaiting = true;
                throw;
            }
        }
    }

    /// <summary>A collecting sink that says when it has written its first result.</summary>
    private sealed class SignallingSink : IMessageSink
    {
        private readonly CollectingSink _inner = new();

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<BatchResult> Results => _inner.Results;

        public bool Completed => _inner.Completed;

        public async ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            await _inner.WriteAsync(result, cancellationToken);
            Written.TrySetResult();
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => _inner.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    private static async IAsyncEnumerable<T> Arriving<T>(params T[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    [Fact]
    public void Schema_DeclaredCsvColumnRejectsAValueOfTheWrongType_InferredColumnsStayTyped()
    {
        const string csv = "id,first_name,iq,zip\nc1,Ada,120,01234\nc2,Bo,high,02000\n";
        Assert.True(RecipientSchema.TryParse("iq:number", out var schema, out _));

        var records = RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv, "id", schema).ToList();

        Assert.True(records[0].Recipient!.TryGetValue("iq", out var iq));
        Assert.Equal(120, iq);
        Assert.True(records[0].Recipient!.TryGetValue("zip", out var zip));
        Assert.Equal("01234", zip);
        Assert.Null(records[1].Recipient);
        Assert.Equal("c2", records[1].Id);
        Assert.Equal("Line 3: column 3 ('iq') is declared a number, but 'high' is not one: numbers are written with '.' for decimals (1234.5), or grouped in threes with the other mark as the decimal point (1,234.50, 1.234,50); declare number(decimal-comma) or number(decimal-point) when the export writes one way. Fix the value, or declare the column text.", records[1].Error);
    }

    [Fact]
    public void Schema_ADateTakesYearMonthDayOnly_AndACsvDateIsKeptAsWritten()
    {
        const string csv = "id,due\nc1,2026-11-23\nc2,2026-12-24T23:30:00\nc3,2026-12-24T23:30:00Z\nc4,1/2/2026\nc5,Dec 1 2026\n";
        Assert.True(RecipientSchema.TryParse("due:date", out var schema, out _));

        var records = RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv, "id", schema).ToList();

        Assert.Equal(["2026-11-23", "2026-12-24T23:30:00", "2026-12-24T23:30:00Z"], records.Take(3).Select(static r => r.Recipient!.TryGetValue("due", out var due) ? due : null));
        Assert.Equal("Line 5: column 2 ('due') is declared a date, but '1/2/2026' is not one: dates are ISO 8601, year-month-day (2026-11-23, or 2026-11-23T18:30 with a time), or day.month.year as German exports write them (23.11.2026, or 23.11.2026 18:30); a date with '/' reads as two days (12/6/2026 is 12 June or 6 December), so export it in one of those forms. Fix the value, or declare the column text.", records[3].Error);
        Assert.Null(records[4].Recipient);
        Assert.Null(schema.Check(Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "j", ["due"] = "2026-11-23T08:00" })));
        Assert.Contains("'due'", schema.Check(Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "j", ["due"] = "11/23/2026" })), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_NamesAValueThatDoesNotFitByItsKind_NotByADotNetType()
    {
        Assert.True(RecipientSchema.TryParse("iq:text,tags:text,address:text", out var schema, out _));
        string? Check(string field, object value) =>
            schema.Check(Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "j", [field] = value }));

        Assert.Equal("field 'iq' must be text, but it is the number 101", Check("iq", 101));
        Assert.Equal("field 'iq' must be text, but it is the number 1.5", Check("iq", 1.5m));
        Assert.Equal("field 'tags' must be text, but it is a list", Check("tags", new List<object?> { "a", "b" }));
        Assert.Equal("field 'address' must be text, but it is an object", Check("address", new Dictionary<string, object?> { ["city"] = "Paris" }));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/8", 3, 8)]
    public void Shard_Parses(string text, int index, int count)
    {
        Assert.True(Shard.TryParse(text, out var shard, out _));
        Assert.Equal((index, count), (shard.Index, shard.Count));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1-4")]
    [InlineData("a/b")]
    public void Shard_RejectsNonsense(string text) => Assert.False(Shard.TryParse(text, out _, out _));

    [Fact]
    public void Shard_HashIsTheDocumentedSha256()
    {
        // int(hashlib.sha256(b"c42").hexdigest()[:16], 16) % 7 + 1, computed independently of the library:
        var hash = System.Security.Cryptography.SHA256.HashData("c42"u8);
        var expected = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 7) + 1;

        Assert.Equal(expected, Shard.IndexOf("c42", 7));
        Assert.Equal(1, Shard.IndexOf(null, 7));
    }

    [Fact]
    public void Shard_DefaultIsTheWholeInput_AsOneOfOneIs()
    {
        string?[] ids = ["c1", "c42", "zz", null];

        Assert.All(ids, static id => Assert.True(default(Shard).Contains(id)));
        Assert.All(ids, static id => Assert.True(Shard.Of(1, 1).Contains(id)));
    }

    private static async Task<BatchSummary> RunToDirectory(string jsonl, string folder, BatchCheckpoint? checkpoint, IBatchObserver? observer, CancellationToken token = default)
    {
        await using var sink = new CompositeMessageSink(new DirectorySink(folder, Text), new RejectsSink(Path.Combine(folder, "rejects.jsonl")));
        return await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, Observer = observer, MaxDegreeOfParallelism = 2 })
            .RunAsync(TestCampaign.Records(jsonl), sink, token);
    }

    /// <summary>Asserts that two folders hold the same file names with the same bytes.</summary>
    internal static void AssertSameFolder(string expected, string actual)
    {
        var names = Directory.GetFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (var name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, name!)), File.ReadAllBytes(Path.Combine(actual, name!)));
        }
    }

    private sealed record Person(string Id, string FirstName, int Iq, bool Unsubscribed);

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

    /// <summary>An observer that fails at record <c>number</c>: on its own, or cancelled (it cancels the run, then awaits work that honours the token).</summary>
    private sealed class FailAt(long number, CancellationTokenSource? cancel) : IBatchObserver
    {
        public async ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
        {
            if (result.Number != number)
            {
                return;
            }

            if (cancel is null)
            {
                throw new InvalidOperationException("the history is locked");
            }

            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class RecordingObserver(CollectingSink sink) : IBatchObserver
    {
        public List<(long Number, BatchStatus Status, bool WrittenBefore, string? MessageId)> Seen { get; } = [];

        public ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken)
        {
            Seen.Add((result.Number, result.Status, sink.Results.Count > 0 && ReferenceEquals(sink.Results[^1], result), result.Decision?.MessageId));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
