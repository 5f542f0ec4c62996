using System.Diagnostics;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>
/// The built tool, run as a child process, killed (SIGKILL) at random points several times and then resumed with its
/// checkpoint, leaves exactly the files of an uninterrupted run: none missing, none twice, none half-written.
/// </summary>
public sealed class KillAndResumeTests
{
    private const int Records = 6000;

    /// <summary>
    /// How long a run may take to get to a point the test waits for before the test gives up on it, failing: far more than
    /// a run takes on a machine at load 60 (the waits ended after 60 s and went on regardless, killing a run that had
    /// not committed anything yet, or signalling one that had not started).
    /// </summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(10);

    [Fact]
    public void KilledThenResumed_OutputIsIdenticalToAnUninterruptedRun()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records);
        string[] Args(string folder, params string[] more) =>
            ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--rejects", Path.Combine(folder, "rejects.jsonl"), "--schema", Poison.Schema, "--parallel", "2", .. more];

        var whole = CliRun.Of(Args(temp.File("whole")));
        Assert.True(whole.ExitCode == 2, whole.ToString());

        var resumed = temp.File("resumed");
        var checkpoint = temp.File("run.db");
        var random = new Random(20261123);
        var kills = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var process = Start(Args(resumed, "--checkpoint", checkpoint));
            var results = Path.Combine(resumed, "results.jsonl");
            var before = File.Exists(results) ? new FileInfo(results).Length : 0;

            // Wait until this run is writing, then kill it at a random point, counted in records rather than time (how far
            // a run gets in a given time depends on the machine's load). The first run is killed past the checkpoint's
            // first commit, so the last one has something to resume from; the others anywhere, commits or not. The run
            // goes on only in steps the test watches (RunUntil), so it cannot finish while the test waits for its turn.
            RunUntil(process, () => File.Exists(results) && new FileInfo(results).Length > before + 2000);
            var killAt = attempt == 0
                ? OneToOne.Composition.Batch.BatchCheckpoint.CommitEvery + 10 + random.Next(0, 200)
                : LinesIn(results) + random.Next(0, 1200);
            RunUntil(process, () => LinesIn(results) >= killAt);

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            process.WaitForExit();
        }

        Assert.True(kills >= 3, $"only {kills} of 4 runs were killed before they finished");
        Assert.True(new FileInfo(Path.Combine(resumed, "results.jsonl")).Length < new FileInfo(Path.Combine(temp.File("whole"), "results.jsonl")).Length, "the killed runs should not have finished the work");

        var last = CliRun.Of(Args(resumed, "--checkpoint", checkpoint));

        Assert.True(last.ExitCode == 2, last.ToString());
        Assert.Contains("resuming from", last.Stderr, StringComparison.Ordinal);
        Assert.Equal(whole.SummaryLine, last.SummaryLine);
        var expected = Directory.GetFiles(temp.File("whole")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var actual = Directory.GetFiles(resumed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, actual);
        foreach (var name in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(temp.File("whole"), name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(resumed, name!))), $"{name} differs");
        }
    }

    /// <summary>
    /// Ctrl-C or SIGTERM (a pod evicted, its 30 s grace period running) stops the run cleanly, and the exit code says it was
    /// stopped by that signal (128 + its number, as a shell reports it), not that it failed (1): a scheduler retries the
    /// one, whose resume carries on, and hands the other to a person.
    /// </summary>
    [Theory]
    [InlineData(NativeMethods.SigInt, 130)]
    [InlineData(NativeMethods.SigTerm, 143)]
    public void Interrupted_StopsCleanly_WithTheCheckpointConsistent_AndResumes(int signal, int exitCode)
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records, withPoison: false);
        string[] Args(string folder, params string[] more) =>
            ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--parallel", "2", .. more];
        var whole = CliRun.Of(Args(temp.File("whole")));
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var resumed = temp.File("resumed");
        var checkpoint = temp.File("run.db");
        using (var process = Start(Args(resumed, "--checkpoint", checkpoint), captureError: true))
        {
            var results = Path.Combine(resumed, "results.jsonl");
            RunUntil(process, () => File.Exists(results) && new FileInfo(results).Length >= 2000);

            Assert.False(process.HasExited, "the run finished before it could be interrupted");
            // Signalled at once, not through a 'kill' process: on a loaded machine starting one took long enough for the
            // run to finish. The run is frozen (RunUntil): the signal waits until it is continued.
            Assert.Equal(0, NativeMethods.Kill(process.Id, signal));
            Assert.Equal(0, NativeMethods.Kill(process.Id, NativeMethods.SigCont));

            Assert.True(process.WaitForExit(GiveUp), "the interrupted run did not stop");
            var stderr = process.StandardError.ReadToEnd();
            Assert.True(process.ExitCode == exitCode, $"exit code {process.ExitCode}: {stderr}");
            Assert.Contains($"error: the run stopped by {(signal == NativeMethods.SigInt ? "SIGINT" : "SIGTERM")}: cancelled; run it again with the same checkpoint", stderr, StringComparison.Ordinal);
        }

        var last = CliRun.Of(Args(resumed, "--checkpoint", checkpoint));

        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(whole.SummaryLine, last.SummaryLine);
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("whole"), "results.jsonl")), File.ReadAllBytes(Path.Combine(resumed, "results.jsonl")));
        Assert.Equal(Directory.GetFiles(temp.File("whole")).Length, Directory.GetFiles(resumed).Length);
    }

    /// <summary>A resumed run said its instant was "when the run began" also when it was the one --as-of gave (the ops helper's finding).</summary>
    [Fact]
    public void AResumedRunWithAsOf_SaysTheInstantIsTheOneAsOfGives()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records, withPoison: false);
        var folder = temp.File("out");
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--parallel", "1", "--checkpoint", temp.File("run.db"), "--as-of", "2026-11-23"];
        using (var process = Start(args))
        {
            RunUntil(process, () => LinesIn(Path.Combine(folder, "results.jsonl")) > OneToOne.Composition.Batch.BatchCheckpoint.CommitEvery + 10);

            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var resumed = CliRun.Of(args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("(as of 2026-11-23T00:00:00.0000000+00:00, as --as-of gives it)", resumed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondRunOfTheSameCheckpoint_IsRefusedWhileTheFirstRuns_AndTheLockGoesWithAKilledProcess()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records, withPoison: false);
        var folder = temp.File("out");
        var checkpoint = temp.File("run.db");
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--parallel", "1", "--checkpoint", checkpoint];
        var whole = CliRun.Of(["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("whole")]);
        Assert.True(whole.ExitCode == 0, whole.ToString());

        using (var process = Start(args))
        {
            var results = Path.Combine(folder, "results.jsonl");
            // Past the first checkpoint commit (every CommitEvery records, once they are written), so the resume has something to resume.
            RunUntil(process, () => LinesIn(results) > OneToOne.Composition.Batch.BatchCheckpoint.CommitEvery + 10);

            Assert.False(process.HasExited, "the first run finished before a second could be started");

            // Left frozen by RunUntil, holding its checkpoint, so a second run finds it in use however long that run takes
            // to start on a loaded machine (the first run's remaining records took about as long as the second run's start).
            var second = CliRun.Of(args);

            Assert.True(second.ExitCode == 1, second.ToString());
            Assert.StartsWith($"error: The checkpoint '{checkpoint}' is in use by another run", second.Stderr, StringComparison.Ordinal);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var resumed = CliRun.Of(args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming from", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("whole"), "results.jsonl")), File.ReadAllBytes(Path.Combine(folder, "results.jsonl")));
        Assert.Equal(Directory.GetFiles(temp.File("whole")).Length, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void ASecondRunIntoTheSameFolder_IsRefusedWhileTheFirstRuns_WithOrWithoutACheckpoint_AndTheLockGoesWithAKilledProcess()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records, withPoison: false);
        var folder = temp.File("out");
        string[] Args(params string[] more) => ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--parallel", "1", .. more];

        // The first run reads standard input, given every record but the last and kept open: it waits for that one, so it is
        // still running however long the second run takes to start (reading the file, it could finish first on a loaded machine).
        string[] first = ["render", Example.Folder, "-m", "monthly", "-r", "-", "-c", "text", "--out", folder, "--parallel", "1"];
        using (var process = Start(first, keepInputOpen: true))
        {
            foreach (var line in File.ReadLines(recipients).SkipLast(1))
            {
                process.StandardInput.WriteLine(line);
            }

            process.StandardInput.Flush();
            var results = Path.Combine(folder, "results.jsonl");
            var watch = Stopwatch.StartNew();
            while (!process.HasExited && LinesIn(results) < 10)
            {
                Assert.True(watch.Elapsed < GiveUp, $"the first run wrote fewer than 10 records in {GiveUp}");
                Thread.Sleep(5);
            }

            Assert.False(process.HasExited, "the first run ended while it waited for its last record");
            foreach (var more in new[] { Array.Empty<string>(), ["--checkpoint", temp.File("other.db")] })
            {
                var second = CliRun.Of(Args(more));

                Assert.True(second.ExitCode == 1, second.ToString());
                Assert.StartsWith($"error: The folder '{folder}' is being written by another run (it holds '{Path.Combine(folder, ".onetoone.lock")}'). Wait for that run to finish or stop it, or write to another folder;", second.Stderr, StringComparison.Ordinal);
                Assert.Empty(second.Stdout);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.True(File.Exists(Path.Combine(folder, ".onetoone.lock")));
        var after = CliRun.Of(Args());

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(Records, File.ReadAllLines(Path.Combine(folder, "results.jsonl")).Length);
    }

    /// <summary>
    /// A run recording into <c>--history</c> stores its contacts a group at a time (one transaction for up to a checkpoint
    /// commit's records), each group before the checkpoint holds its records as done. Killed (SIGKILL) at random points,
    /// nearly always with a group not yet stored, then resumed: the history holds one contact for every record the
    /// uninterrupted run rendered, none lost and none twice, all under the checkpoint's one run id.
    /// </summary>
    [Fact]
    public void KilledThenResumed_WithHistory_TheHistoryHoldsEveryRenderedRecordOnce()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, Records, withPoison: false);
        string[] Args(string name, params string[] more) =>
            ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File(name), "--history", temp.File(name + ".db"), "--as-of", "2026-12-07T05:00:00Z", "--parallel", "2", .. more];

        var whole = CliRun.Of(Args("whole"));
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var results = Path.Combine(temp.File("resumed"), "results.jsonl");
        var random = new Random(20261207);
        var kills = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var process = Start(Args("resumed", "--checkpoint", temp.File("run.ckpt")));
            var killAt = LinesIn(results) + random.Next(300, 1500);
            RunUntil(process, () => LinesIn(results) >= killAt);

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            process.WaitForExit();
        }

        Assert.True(kills >= 2, $"only {kills} of 3 runs were killed before they finished");
        var last = CliRun.Of(Args("resumed", "--checkpoint", temp.File("run.ckpt")));

        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(whole.SummaryLine, last.SummaryLine);
        var statuses = File.ReadAllLines(Path.Combine(temp.File("whole"), "results.jsonl"))
            .Select(static line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .ToDictionary(static r => r.GetProperty("id").GetString()!, static r => r.GetProperty("status").GetString(), StringComparer.Ordinal);
        Assert.Contains("rendered", statuses.Values);
        using var history = OneToOne.Composition.Sqlite.SqliteContactHistory.OpenReadOnly(temp.File("resumed.db"));
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, status) in statuses)
        {
            var contacts = history.Contacts(id);
            if (status == "rendered")
            {
                runs.Add(Assert.Single(contacts).RunId);
            }
            else
            {
                Assert.Empty(contacts);
            }
        }

        Assert.Single(runs);
    }

    /// <summary>
    /// Lets a run go on in short steps (continued, a few milliseconds, frozen with SIGSTOP) until <paramref name="reached"/>
    /// holds or the run ends, and leaves it frozen. A run that ran freely while the test waited could get far past the
    /// point, or to its end, whenever the test's thread was not scheduled for a while on a loaded machine; frozen, it
    /// waits for the test however long that takes. A run frozen keeps its locks; killed, it ends as a running one does.
    /// </summary>
    private static void RunUntil(Process process, Func<bool> reached)
    {
        var watch = Stopwatch.StartNew();
        while (!process.HasExited && !reached())
        {
            Assert.True(watch.Elapsed < GiveUp, $"the run did not get to the point the test waits for in {GiveUp}");
            var continued = NativeMethods.Kill(process.Id, NativeMethods.SigCont);
            Thread.Sleep(5);
            var stopped = NativeMethods.Kill(process.Id, NativeMethods.SigStop);
            Assert.True((continued == 0 && stopped == 0) || process.HasExited, "the run could not be continued or frozen");
        }
    }

    private static int LinesIn(string file)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var lines = 0;
        Span<byte> buffer = stackalloc byte[8192];
        for (var read = stream.Read(buffer); read > 0; read = stream.Read(buffer))
        {
            lines += buffer[..read].Count((byte)'\n');
        }

        return lines;
    }

    private static Process Start(string[] args, bool captureError = false, bool keepInputOpen = false)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "onetoone.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(tool);
        // Frozen with SIGSTOP for as long as the test waits, a record in the middle of its render would outrun the default
        // wall-clock budget per message and be rejected: the run gets the tests' budget.
        foreach (var arg in CliRun.WithTestBudget(args))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        if (!keepInputOpen)
        {
            process.StandardInput.Close();
        }

        process.OutputDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        if (!captureError)
        {
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginErrorReadLine();
        }

        return process;
    }
}

/// <summary>The C library's <c>kill</c>, to send a signal without starting a process.</summary>
internal static class NativeMethods
{
    /// <summary>SIGINT, what Ctrl-C sends.</summary>
    public const int SigInt = 2;

    /// <summary>SIGTERM, what Kubernetes sends a pod it evicts, and <c>kill</c> by default.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGSTOP (Linux's number): freezes a process, which keeps its locks, until it is continued or killed.</summary>
    public const int SigStop = 19;

    /// <summary>SIGCONT (Linux's number): continues a process frozen by <see cref="SigStop"/>.</summary>
    public const int SigCont = 18;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
