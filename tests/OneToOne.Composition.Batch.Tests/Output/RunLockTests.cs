using OneToOne.Composition.Print;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class RunLockTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Fact]
    public async Task ASecondRunIntoTheSameFolder_IsRefusedNamingTheFolder_UntilTheFirstEnds_WhichLeavesNoLockFile()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "out");
        var lockFile = Path.Combine(folder, ".onetoone.lock");
        var first = new DirectorySink(folder, Text);
        await first.WriteAsync(Rendered(1, "r1"), CancellationToken.None);

        // Through another path to the same folder too: the lock is on the folder's file, not on the name given.
        var ex = Assert.Throws<IOException>(() => new DirectorySink(Path.Combine(temp.Path, ".", "out"), Text));

        Assert.Equal($"The folder '{folder}' is being written by another run (it holds '{lockFile}'). Wait for that run to finish or stop it, or write to another folder; two runs writing one folder would mix their files and delete each other's temporary files.", ex.Message);
        await first.DisposeAsync();
        Assert.Equal(["r1.txt", "results.jsonl"], Directory.GetFiles(folder).Select(static f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        await using var second = new DirectorySink(folder, Text);
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public void ALockFileThatCannotBeOpened_ForAnotherReasonThanAnotherRun_IsToldAsItIs_NotAsAnotherRun()
    {
        // A read-only or full file system makes opening the lock file fail with a plain IOException, as a lock another run
        // holds does: the on-call engineer must not be sent looking for a run that does not exist. A symbolic link that leads
        // to itself (ELOOP) fails the open the same way, anywhere on Unix, without root or a file system to fill.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var checkpoint = temp.File("run.db");
        File.CreateSymbolicLink(checkpoint + ".lock", checkpoint + ".lock");

        var ex = Assert.Throws<IOException>(() => BatchCheckpoint.Open(checkpoint, "test-run"));

        Assert.DoesNotContain("another run", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{checkpoint}.lock'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic links", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockFileLeftBehind_ByAProcessThatWasKilled_IsTakenOverByTheNextRun()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("out");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".onetoone.lock"), string.Empty);
        await File.WriteAllTextAsync(temp.File(".all.pdf.lock"), string.Empty);

        var sink = new DirectorySink(folder, Text);
        var merged = new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default);
        Assert.Throws<IOException>(() => new DirectorySink(folder, Text));
        Assert.Throws<IOException>(() => new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default));
        await sink.DisposeAsync();
        await merged.DisposeAsync();

        Assert.Empty(Directory.GetFiles(folder));
        Assert.False(File.Exists(temp.File(".all.pdf.lock")));
    }

    [Fact]
    public async Task ASecondRunMergingIntoTheSameFile_IsRefused_UntilTheFirstEnds()
    {
        using var temp = new TempDirectory();
        var pdf = temp.File("all.pdf");
        var first = new MergedPdfSink(pdf, PrintOptions.Default);

        var ex = Assert.Throws<IOException>(() => new MergedPdfSink(pdf, PrintOptions.Default));

        Assert.StartsWith($"The merged PDF '{pdf}' is being written by another run (it holds '{temp.File(".all.pdf.lock")}').", ex.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using var second = new MergedPdfSink(pdf, PrintOptions.Default);
    }

    [Fact]
    public async Task ASecondRunListingRejectsIntoTheSameFile_IsRefused_BeforeItEmptiesTheFile_AndTheFirstKeepsItsLines()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rejects.jsonl");
        var first = new RejectsSink(path);
        await first.WriteAsync(BatchResult.Rejected(1, "r1", RejectStage.Render, "boom"), CancellationToken.None);
        await first.FlushAsync(CancellationToken.None);

        var ex = Assert.Throws<IOException>(() => new RejectsSink(path));

        Assert.Equal($"The rejects file '{path}' is being written by another run (it holds '{temp.File(".rejects.jsonl.lock")}'). Wait for that run to finish or stop it, or list the rejects in another file; two runs writing one list would cut each other's lines short.", ex.Message);
        await first.CompleteAsync(CancellationToken.None);
        await first.DisposeAsync();
        Assert.Equal("{\"number\":1,\"id\":\"r1\",\"stage\":\"render\",\"error\":\"boom\"}\n", await File.ReadAllTextAsync(path));
        Assert.False(File.Exists(temp.File(".rejects.jsonl.lock")));
        await using var second = new RejectsSink(path);
        Assert.True(File.Exists(temp.File(".rejects.jsonl.lock")));
    }

    [Fact]
    public void ALockDeletesOnlyItsOwnFile_NotOneAnotherRunMadeAfterItsOwnWasDeleted()
    {
        // Windows deletes no file a handle holds without sharing delete: there the first lock's file cannot lose its name.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var path = temp.File("x.lock");
        var first = RunLock.Take(path, InUse);

        // Someone deletes the first run's lock file; another run makes and takes its own.
        File.Delete(path);
        using var second = RunLock.Take(path, InUse);
        first.Dispose();

        Assert.True(File.Exists(path));
        Assert.Equal("in use", Assert.Throws<InvalidOperationException>(() => RunLock.Take(path, InUse)).Message);
    }

    [Fact]
    public void ALockWhoseFileLostItsNameAsItWasTaken_IsTakenAgain_OnAFileTheNameLeadsTo()
    {
        // Windows deletes no file a handle holds without sharing delete: there a lock's file cannot lose its name.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var path = temp.File("x.lock");
        var attempts = new List<int>();

        // The run that held the lock deletes its file as it lets go, between this run's open and its lock.
        var taken = RunLock.Take(path, InUse, attempt =>
        {
            attempts.Add(attempt);
            if (attempt == 1)
            {
                File.Delete(path);
            }
        });

        Assert.Equal([1, 2], attempts);
        Assert.True(File.Exists(path));
        Assert.Equal("in use", Assert.Throws<InvalidOperationException>(() => RunLock.Take(path, InUse)).Message);
        taken.Dispose();
        Assert.False(File.Exists(path));
        using var next = RunLock.Take(path, InUse);
    }

    [Fact]
    public void ALockWhoseFileLostItsNameAsItWasTaken_WhileAThirdRunTookANewFile_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var path = temp.File("x.lock");
        RunLock? third = null;

        // The holder deletes its file as it lets go; a third run makes a new one and takes it before this run checks.
        var ex = Assert.Throws<InvalidOperationException>(() => RunLock.Take(path, InUse, attempt =>
        {
            if (attempt == 1)
            {
                File.Delete(path);
                third = RunLock.Take(path, InUse);
            }
        }));

        Assert.Equal("in use", ex.Message);
        Assert.NotNull(third);
        Assert.True(File.Exists(path));
        third.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ALockWhoseFileLosesItsNameEveryTime_IsTakenAtMostEightTimes_ThenHeldAsItIs()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var path = temp.File("x.lock");
        var attempts = new List<int>();

        using var taken = RunLock.Take(path, InUse, attempt =>
        {
            attempts.Add(attempt);
            File.Delete(path);
        });

        Assert.Equal(Enumerable.Range(1, 8), attempts);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ALockThatFailsAfterItsFileWasOpened_LetsGoOfTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("x.lock");

        var ex = Assert.Throws<UnauthorizedAccessException>(() => RunLock.Take(path, InUse, _ => throw new UnauthorizedAccessException("cannot mark")));

        Assert.Equal("cannot mark", ex.Message);
        using var next = RunLock.Take(path, InUse);
        Assert.True(File.Exists(path));
    }

    private static Exception InUse(IOException ex) => new InvalidOperationException("in use", ex);

    private static BatchResult Rendered(long number, string id)
    {
        var decision = TestCampaign.Catalog.Decide(Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = id, ["first_name"] = "Ann", ["iq"] = 100 }), "monthly");
        return BatchResult.Rendered(number, decision, TestCampaign.Catalog.Render(decision, Channel.Text));
    }
}
