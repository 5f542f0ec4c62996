using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>watch</c> as an author runs it all day: editors that save in their own ways, <c>git checkout</c> switching the
/// catalog's files at once, the catalog folder deleted and put back, and file events that arrive after it stopped.
/// </summary>
public sealed class WatchEditorTests
{
    private static string Catalog(string greeting) =>
        $"catalog: t\nmodules:\n  a: '{greeting} {{{{ name }}}}'\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m: {{ body: '{{{{ slot \"s\" }}}}' }}\n";

    [Fact]
    public async Task AFileEventArrivingAfterTheLoopStoppedAndTheWatcherIsDisposed_IsIgnored_NotACrash()
    {
        // A FileSystemWatcher raises its events on its own thread, and its Dispose does not wait for one under way: an
        // event raised just before the loop stopped released the signal after its disposal, and the
        // ObjectDisposedException on the watcher's thread ended the process (a test host once).
        using var temp = new TempDirectory();
        var (catalog, recipients, output, console) = Setup(temp, Catalog("Hi"));
        var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();
        var loop = watcher.RunAsync(cancellation.Token);
        await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal) || loop.IsCompleted);
        await cancellation.CancelAsync();
        await loop;
        watcher.Dispose();

        var late = Record.Exception(watcher.Changed);

        Assert.Null(late);
        Assert.Equal(1, watcher.Cycles);
    }

    public static TheoryData<string> SaveStyles => ["rename over (atomic write)", "vim (original renamed away, new file written)", "JetBrains (temp written, original renamed away, temp renamed in, old deleted)", "VS Code (truncated and written in place)"];

    [Theory]
    [MemberData(nameof(SaveStyles))]
    public async Task ASave_InEachEditorsWay_OfACatalogFile_AndOfAFileInACatalogFolder_RunsACycleWithTheNewText(string style)
    {
        foreach (var inFolder in new[] { false, true })
        {
            using var temp = new TempDirectory();
            var (catalog, recipients, output, console) = Setup(temp, Catalog("Hi"), inFolder);
            using var watcher = new CatalogWatcher(inFolder ? Path.GetDirectoryName(catalog)! : catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
            using var cancellation = new CancellationTokenSource();
            var loop = watcher.RunAsync(cancellation.Token);
            try
            {
                await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal) || loop.IsCompleted);
                for (var version = 1; version <= 3; version++)
                {
                    Save(catalog, Catalog($"Hello{version}"), style);
                    await Until(() => Proof(temp).Contains($"Hello{version} Ann", StringComparison.Ordinal) || loop.IsCompleted);
                }
            }
            finally
            {
                await cancellation.CancelAsync();
                await loop;
            }

            Assert.Contains("Hello3 Ann", Proof(temp), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheCatalogFolderDeletedAndPutBack_IsWatchedAgain_SoLaterSavesAndNewFilesRunCycles()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("catalog");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "catalog.yaml"), "catalog: t\nslots:\n  s: { from: [offer] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        File.WriteAllText(Path.Combine(folder, "offers.yaml"), "modules:\n  offer: 'Offer1 for {{ name }}'\n");
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(folder, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();
        var loop = watcher.RunAsync(cancellation.Token);
        try
        {
            await Until(() => Proof(temp).Contains("Offer1 for Ann", StringComparison.Ordinal) || loop.IsCompleted);

            // Moved away (to the trash) and back, as a file manager or 'git stash' of a new folder does.
            Directory.Move(folder, temp.File("trash"));
            await Until(() => output.ToString().Contains("OTO1008", StringComparison.Ordinal) || output.ToString().Contains("No such file or folder", StringComparison.Ordinal) || loop.IsCompleted);
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(temp.File("trash"), "catalog.yaml"), Path.Combine(folder, "catalog.yaml"));
            File.WriteAllText(Path.Combine(folder, "offers.yaml"), "modules:\n  offer: 'Offer2 for {{ name }}'\n");
            await Until(() => Proof(temp).Contains("Offer2 for Ann", StringComparison.Ordinal) || loop.IsCompleted);

            // The folder put back is the one watched now: a catalog file new to it runs a cycle (a save of one the last
            // load read would be seen by the watch on the files a catalog names).
            var cycles = watcher.Cycles;
            File.WriteAllText(Path.Combine(folder, "extra.yaml"), "modules:\n  other: 'Other'\n");
            await Until(() => watcher.Cycles > cycles || loop.IsCompleted);
            File.WriteAllText(Path.Combine(folder, "offers.yaml"), "modules:\n  offer: 'Offer4 for {{ name }}'\n");
            await Until(() => Proof(temp).Contains("Offer4 for Ann", StringComparison.Ordinal) || loop.IsCompleted);
        }
        finally
        {
            await cancellation.CancelAsync();
            await loop;
        }

        Assert.Contains("Offer4 for Ann", Proof(temp), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGitCheckoutSwitchingTheCatalogsFiles_MakesOneCycle_OnTheSwitchedSet_NotOneOnAHalfSwitchedSet()
    {
        // git writes a checkout's files one after another while it holds .git/index.lock: a cycle between them loaded a
        // catalog naming a module its other file did not define yet, and reported an error that was never committed.
        using var temp = new TempDirectory();
        var folder = GitCheckout.Repository(temp);
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(folder, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console)
        {
            GitClock = new FixedClock(GitCheckout.Clock),
        };
        using var cancellation = new CancellationTokenSource();
        var loop = watcher.RunAsync(cancellation.Token);
        try
        {
            await Until(() => Proof(temp).Contains("OfferA for Ann", StringComparison.Ordinal) || loop.IsCompleted);

            GitCheckout.Lock(temp);
            GitCheckout.Switch(folder, "catalog.yaml", "offer-b");
            await Until(() => output.ToString().Contains("watch: waiting for git to finish", StringComparison.Ordinal) || loop.IsCompleted);
            GitCheckout.Switch(folder, "offers.yaml", "offer-b");
            File.Delete(temp.File(".git/index.lock"));
            await Until(() => Proof(temp).Contains("OfferB for Ann", StringComparison.Ordinal) || loop.IsCompleted);
        }
        finally
        {
            await cancellation.CancelAsync();
            await loop;
        }

        var text = output.ToString();
        Assert.Contains($"watch: waiting for git to finish ({temp.File(".git/index.lock")}).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the catalog has errors", text, StringComparison.Ordinal);
        Assert.DoesNotContain("watch: cycle 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGitLockStampedInTheFuture_AsACrashedGitLeftItBeforeTheClockWasSetBack_IsTakenForStale_NotWaitedOnForever()
    {
        // A lock is waited on while it is less than 30 seconds old: one whose time is a day ahead of the clock (left by a
        // git that crashed before the clock was corrected, or written by another machine on a shared folder) stayed
        // "younger" than that for a day, and the watch said it was waiting for git, running no cycle, until it was deleted.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File(".git"));
        File.WriteAllText(temp.File(".git/index.lock"), string.Empty);
        File.SetLastWriteTimeUtc(temp.File(".git/index.lock"), DateTime.UtcNow.AddDays(1));
        var (catalog, recipients, output, console) = Setup(temp, Catalog("Hi"), inFolder: true);
        using var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();
        var loop = watcher.RunAsync(cancellation.Token);
        try
        {
            await Until(() => Proof(temp).Contains("Hi Ann", StringComparison.Ordinal) || loop.IsCompleted);
            File.WriteAllText(catalog, Catalog("Hello"));
            await Until(() => Proof(temp).Contains("Hello Ann", StringComparison.Ordinal) || output.ToString().Contains("waiting for git", StringComparison.Ordinal) || loop.IsCompleted);
        }
        finally
        {
            await cancellation.CancelAsync();
            await loop;
        }

        Assert.DoesNotContain("watch: waiting for git to finish", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Hello Ann", Proof(temp), StringComparison.Ordinal);
    }

    private static (string Catalog, string Recipients, StringWriter Output, CliConsole Console) Setup(TempDirectory temp, string yaml, bool inFolder = false)
    {
        var catalog = temp.File(inFolder ? "catalog/catalog.yaml" : "catalog.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(catalog)!);
        File.WriteAllText(catalog, yaml);
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        return (catalog, recipients, output, console);
    }

    /// <summary>Saves a file as an editor does.</summary>
    private static void Save(string path, string text, string style)
    {
        switch (style[..style.IndexOf(' ', StringComparison.Ordinal)])
        {
            case "rename":
                File.WriteAllText(path + ".tmp", text);
                File.Move(path + ".tmp", path, overwrite: true);
                break;
            case "vim":
                File.Move(path, path + "~", overwrite: true);
                File.WriteAllText(path, text);
                File.Delete(path + "~");
                break;
            case "JetBrains":
                File.WriteAllText(path + "___jb_tmp___", text);
                File.Move(path, path + "___jb_old___");
                File.Move(path + "___jb_tmp___", path);
                File.Delete(path + "___jb_old___");
                break;
            default:
                using (var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write))
                {
                    stream.Flush(flushToDisk: false);
                    var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                    stream.Write(bytes);
                }

                break;
        }
    }

    private static string Proof(TempDirectory temp)
    {
        try
        {
            return File.ReadAllText(temp.File("proof/proof.html"));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static Task Until(Func<bool> condition) => WatchCommandTests.Until(condition);
}
