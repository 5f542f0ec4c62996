using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Processing;

/// <summary>
/// A fault of the tool itself (a bug, not a record's own error) while a command works on recipient records: the
/// operator reading the night's log was given a stack trace and no record. Each command that processes records now
/// names the record (its 1-based number as render numbers it, its recipient id) and the stage, keeps the stack trace,
/// and exits <see cref="ExitCodes.InternalError"/>; render's summary and checkpoint hold the records done before it.
/// The fault is thrown through <see cref="CliConsole.FaultProbe"/>, the test seam, as a sink or decide step with a bug would.
/// </summary>
public sealed class InternalFaultTests
{
    private static Action<string, long> FailAt(string stage, long record) => (s, n) =>
    {
        if (s == stage && n == record)
        {
            throw new InvalidOperationException("boom: a bug");
        }
    };

    private static CliRun Run(Action<string, long>? probe, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = Cli.Run(CliRun.WithTestBudget(args), new CliConsole(stdout, stderr, TextReader.Null) { FaultProbe = probe });
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertReported(CliRun run, string where)
    {
        Assert.True(run.ExitCode == ExitCodes.InternalError, run.ToString());
        Assert.Contains($"internal error {where}: InvalidOperationException: boom: a bug\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("This is a fault of onetoone itself, not of the catalog or the record: report it", run.Stderr, StringComparison.Ordinal);

        // The stack trace for the bug report.
        Assert.Contains("System.InvalidOperationException: boom: a bug\n   at ", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Render_ASinkFault_NamesTheRecordAndStage_CountsTheRecordsBefore_AndTheCheckpointCarriesOn(int parallel)
    {
        using var temp = new TempDirectory();
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2026-11-23T22:00:00Z",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.checkpoint"), "--parallel", $"{parallel}", "--progress", "none"];

        var failed = Run(FailAt("write", 3), args);

        AssertReported(failed, "at record 3 (recipient 'c003'), stage write");
        Assert.Equal("2 records: 2 rendered, 0 suppressed, 0 rejected", failed.SummaryLine);
        Assert.Contains($"{temp.File("run.checkpoint")} holds every record done before record 3: once the fault is fixed, run the same command again to carry on from there.", failed.Stderr, StringComparison.Ordinal);

        // The checkpoint holds what the summary counted: the same command carries on after record 2, and writes each record once.
        // (With a probe that never throws: the probe's sink stays in the run's sinks, whose states the checkpoint keeps in order.)
        var resumed = Run(static (_, _) => { }, args);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains("2 records done, carrying on after record 2", resumed.Stderr, StringComparison.Ordinal);
        var ids = File.ReadLines(temp.File("out/results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(Example.JsonlRecords().Select(static r => r.GetProperty("id").GetString()), ids);
    }

    [Fact]
    public void Render_ASinkFaultAfterTheLastRecord_NamesTheSinkAndStage_CountsEveryRecord_AndTheSameCommandCompletesTheOutput()
    {
        // A sink failing as it finished its output (after the last record) was reported as "internal error: …", with no
        // record, stage or sink, and "holds every record done" with nothing said of the output left unfinished.
        using var temp = new TempDirectory();
        var count = Example.JsonlRecords().Count;
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2026-11-23T22:00:00Z",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.checkpoint"), "--progress", "none"];

        var failed = Run(FailAt("complete", 0), args);

        AssertReported(failed, "completing sink FaultProbeSink (stage complete, after the last record)");
        Assert.Equal($"{count} records: {count - 3} rendered, 3 suppressed, 0 rejected", failed.SummaryLine);
        Assert.Contains($"{temp.File("run.checkpoint")} holds every record as done (up to record {count}), but the run's output was not completed: once the fault is fixed, run the same command again: it renders no record again and completes the output.", failed.Stderr, StringComparison.Ordinal);

        var resumed = Run(static (_, _) => { }, args);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains($"{count} records done, carrying on after record {count}", resumed.Stderr, StringComparison.Ordinal);
        var ids = File.ReadLines(temp.File("out/results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(Example.JsonlRecords().Select(static r => r.GetProperty("id").GetString()), ids);
    }

    [Fact]
    public void Render_AMergedPdfThatCannotBeMovedIntoPlace_NamesTheSinkAndStage_AndExits1()
    {
        // The merged PDF is moved over FILE when the run completes; a folder put where FILE goes while the run wrote (made by
        // the probe at record 1, after the command's own checks) makes that fail, as a full disk or a lost mount would.
        using var temp = new TempDirectory();
        var pdf = temp.File("print/run.pdf");
        var count = Example.JsonlRecords().Count;
        var run = Run((stage, number) =>
            {
                if (stage == "write" && number == 1)
                {
                    File.WriteAllText(Path.Combine(Directory.CreateDirectory(pdf).FullName, "in-the-way.txt"), "x");
                }
            },
            "render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "print", "--merge", pdf, "--as-of", "2026-11-23T22:00:00Z", "--progress", "none");

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        var error = Assert.Single(run.Stderr.Split('\n'), static l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: completing sink MergedPdfSink '{Path.GetFullPath(pdf)}' (stage complete, after the last record): ", error, StringComparison.Ordinal);
        Assert.Equal($"{count} records: {count - 3} rendered, 3 suppressed, 0 rejected", run.SummaryLine);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(MergedPdfSinkManifest(pdf)));
    }

    [Fact]
    public void Render_ASinkFailingToCompleteOnAFullDisk_WhoseLastCommitFailsToo_SaysWhatTheCheckpointHolds_AndTheSameCommandRendersTheRest()
    {
        // A full disk fails the completion's flush, then the checkpoint's last commit (which flushes the sinks first): the
        // checkpoint stays at its commit before, and "holds every record as done ... renders no record again" was untrue.
        using var temp = new TempDirectory();
        var count = Example.JsonlRecords().Count;
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2026-11-23T22:00:00Z",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.checkpoint"), "--progress", "none"];
        var full = false;
        var commitFailed = false;

        var failed = Run((stage, _) =>
            {
                if (stage == "complete" || (stage == "flush" && full))
                {
                    commitFailed |= full;
                    full = true;
                    throw new IOException("No space left on device", 28);
                }
            },
            args);

        Assert.True(failed.ExitCode == ExitCodes.Failure, failed.ToString());
        Assert.Contains("error: completing sink FaultProbeSink (stage complete, after the last record): No space left on device. The disk (or the quota) is full: free space on it", failed.Stderr, StringComparison.Ordinal);
        if (!commitFailed)
        {
            // A commit at the last record (a second after the one before, on a slow machine) left the last commit nothing to
            // record, so nothing to flush: the checkpoint does hold every record.
            Assert.Contains($"{temp.File("run.checkpoint")} holds every record as done (up to record {count}), but the run's output was not completed", failed.Stderr, StringComparison.Ordinal);
            return;
        }

        Assert.DoesNotContain("holds every record", failed.Stderr, StringComparison.Ordinal);
        var advice = Assert.Single(failed.Stderr.Split('\n'), l => l.StartsWith(temp.File("run.checkpoint") + " holds ", StringComparison.Ordinal));
        var held = System.Text.RegularExpressions.Regex.Match(advice, @" holds the records up to record (\d+) as done \(its last commit failed too\), and the run's output was not completed: once the fault is fixed, run the same command again: it renders the records after record \1 and completes the output\.$");
        var last = held.Success ? long.Parse(held.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (!held.Success)
        {
            Assert.EndsWith(" holds no record as done (its last commit failed too), and the run's output was not completed: once the fault is fixed, run the same command again: it renders every record and completes the output.", advice, StringComparison.Ordinal);
        }

        Assert.InRange(last, 0, count - 1);

        // The same command renders the records after the one the checkpoint holds, and completes: each record written once.
        var resumed = Run(static (_, _) => { }, args);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        if (last > 0)
        {
            Assert.Contains($"{last} records done, carrying on after record {last}", resumed.Stderr, StringComparison.Ordinal);
        }

        var ids = File.ReadLines(temp.File("out/results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(Example.JsonlRecords().Select(static r => r.GetProperty("id").GetString()), ids);
    }

    private static string MergedPdfSinkManifest(string pdf) => Path.ChangeExtension(pdf, ".manifest.json");

    [Fact]
    public void Render_AFaultWithoutACheckpoint_StillCountsTheRecordsWritten()
    {
        var run = Run(FailAt("write", 5), "render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2026-11-23T22:00:00Z", "--progress", "none");

        AssertReported(run, "at record 5 (recipient 'c005'), stage write");
        Assert.Equal("4 records: 4 rendered, 0 suppressed, 0 rejected", run.SummaryLine);
        Assert.Equal(["c001", "c002", "c003", "c004"], run.JsonLines().Select(static l => l.GetProperty("id").GetString()));
    }

    [Fact]
    public void Diff_AFault_NamesTheRecordByRendersNumber_PastAnUnreadableRecord()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"first_name\":\"A\"}\n{\"id\": oops}\n\n{\"id\":\"c\",\"first_name\":\"C\"}\n");

        var run = Run(FailAt("decide", 3), "diff", Example.Folder, Example.Folder, "-r", temp.File("r.jsonl"), "--as-of", "2026-11-23T22:00:00Z", "--parallel", "2");

        AssertReported(run, "at record 3 (recipient 'c'), stage decide");
    }

    [Fact]
    public void Proof_AFaultWhileChoosingPersonas_NamesTheSampleRecord()
    {
        using var temp = new TempDirectory();

        var run = Run(FailAt("decide", 2), "proof", Example.Folder, "-m", "monthly", "--sample", Example.Jsonl, "--out", temp.File("proof"), "--as-of", "2026-11-23T22:00:00Z");

        AssertReported(run, "at record 2 (recipient 'c002'), stage decide");
        Assert.False(File.Exists(temp.File("proof/proof.html")));
    }

    [Fact]
    public void Explain_AFault_NamesTheRecordAndItsId()
    {
        var run = Run(FailAt("decide", 7), "explain", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--record", "7", "--as-of", "2026-11-23T22:00:00Z");

        AssertReported(run, "at record 7 (recipient 'c007'), stage decide");
    }

    [Fact]
    public void Watch_AFaultInACycle_NamesTheRecord_AndEndsTheWatch()
    {
        using var temp = new TempDirectory();

        var run = Run(FailAt("decide", 1), "watch", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--out", temp.File("proof"), "--as-of", "2026-11-23T22:00:00Z");

        AssertReported(run, "at record 1 (recipient 'c001'), stage decide");
    }

    [Fact]
    public void AFaultOutsideAnyRecord_IsStillAnInternalError_WithItsStackTrace()
    {
        using var stderr = new StringWriter { NewLine = "\n" };

        var code = Cli.Run(["validate", Example.CatalogFile], new ThrowingWriter(), stderr, TextReader.Null);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("internal error: InvalidOperationException: boom: a bug\n", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFileSystemFailure_IsNoInternalError_ButTheOperatorsToFix_AndExits1()
    {
        // An output folder that cannot be made (a file is where its parent goes; a full disk, a read-only mount alike) is
        // for the operator to fix, as README's exit code 1 says: not "a fault of onetoone itself" to report with a stack trace.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("proof"), "a file where the folder goes");

        var run = Run(null, "proof", Example.Folder, "-m", "monthly", "--out", temp.File("proof/sheet"), "--as-of", "2026-11-23T22:00:00Z");

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(temp.File("proof/sheet"), run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("boom: a bug");

        public override void Write(string? value) => throw new InvalidOperationException("boom: a bug");

        public override void WriteLine(string? value) => throw new InvalidOperationException("boom: a bug");
    }
}
