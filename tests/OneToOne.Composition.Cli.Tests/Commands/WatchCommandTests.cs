using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class WatchCommandTests
{
    [Fact]
    public async Task Watch_RerunsTheCycleOnSave_ReportsErrors_AndStopsOnCancellation()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.WriteAllText(catalog, "catalog: t\nmodules:\n  a: 'Hi {{ name }}'\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();

        var loop = watcher.RunAsync(cancellation.Token);
        await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal));
        File.WriteAllText(catalog, "catalog: t\nmodules:\n  a: 'Hi {{ name }'\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");

        // The error itself, not "waiting for the next save": a cycle between the save's truncation and its write (the
        // saving thread held up for longer than the debounce) reports the empty file so, and the next save, written
        // then, could fold the broken one's cycle into its own.
        await Until(() => output.ToString().Contains("error OTO1201", StringComparison.Ordinal));
        File.WriteAllText(catalog, "catalog: t\nmodules:\n  a: 'Hello {{ name }}'\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        await Until(() => File.Exists(temp.File("proof/proof.html")) && File.ReadAllText(temp.File("proof/proof.html")).Contains("Hello Ann", StringComparison.Ordinal));
        await cancellation.CancelAsync();
        await loop;

        var text = output.ToString();
        Assert.Contains("error OTO1201", text, StringComparison.Ordinal);
        Assert.EndsWith("watch: stopped.\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(watcher.Cycles >= 3);
    }

    [Fact]
    public async Task Watch_AMessageWithFrequencyCaps_WritesTheProof_JudgingThemAgainstAnEmptyHistory()
    {
        // Deciding threw "CompositionOptions.ContactHistory is not set" out of the cycle, which ended the watch.
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.WriteAllText(catalog, CappedCatalog.Yaml);
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\",\"gold\":true,\"email_ok\":true}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();

        var loop = watcher.RunAsync(cancellation.Token);
        await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal) || loop.IsCompleted);
        await cancellation.CancelAsync();
        await loop;

        Assert.Contains("Gold Ann", File.ReadAllText(temp.File("proof/proof.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("recipients file")]
    public void Watch_FolderThatDoesNotExist_IsAnError_NotACrash(string what)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), "catalog: t\nmodules:\n  a: Hi\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"1\"}\n");
        var missing = temp.File("gone/" + (what == "catalog" ? "catalog.yaml" : "r.jsonl"));
        var (catalog, recipients) = what == "catalog" ? (missing, temp.File("r.jsonl")) : (temp.File("catalog.yaml"), missing);

        var run = CliRun.Of("watch", catalog, "--message", "m", "--recipients", recipients, "--out", temp.File("proof"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the folder '{temp.File("gone")}' of the {what} '{missing}' does not exist, so it cannot be watched. Check the path.\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Watch_SaveWithAnUnclosedList_ReportsIt_AndKeepsWatching()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        const string Good = "catalog: t\nmodules:\n  a: 'Hi {{ name }}'\nslots:\n  s:\n    from: [a]\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";
        File.WriteAllText(catalog, Good);
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();

        var loop = watcher.RunAsync(cancellation.Token);
        await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal));
        File.WriteAllText(catalog, Good.Replace("from: [a]", "from: [a", StringComparison.Ordinal));
        await Until(() => output.ToString().Contains("error OTO1001", StringComparison.Ordinal) || loop.IsCompleted);
        File.WriteAllText(catalog, Good.Replace("Hi {{", "Hello {{", StringComparison.Ordinal));
        await Until(() => File.ReadAllText(temp.File("proof/proof.html")).Contains("Hello Ann", StringComparison.Ordinal) || loop.IsCompleted);
        await cancellation.CancelAsync();
        await loop;

        Assert.Contains($"{catalog}(6,11): error OTO1001: ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FlushesEachCycle_SoABufferedStandardOutputShowsItBeforeWatchStops()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.WriteAllText(catalog, "catalog: t\nmodules:\n  a: 'Hi {{ name }}'\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        using var output = new FlushedText();
        var console = new CliConsole(output, TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(catalog, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();

        var loop = watcher.RunAsync(cancellation.Token);
        await Until(() => output.Flushed.Contains("watch: wrote", StringComparison.Ordinal) || loop.IsCompleted);
        await cancellation.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Watch_CatalogFolder_ACatalogFileCreatedWithTheExtensionInCapitals_RunsACycle()
    {
        // The folder was watched through the filter '*.y*ml', which matches case-sensitively on Linux: creating
        // Offers.YAML (saved on Windows), which the loader reads as part of the catalog, started no cycle.
        using var temp = new TempDirectory();
        var folder = temp.File("catalog");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "catalog.yaml"), "catalog: t\nslots:\n  s: { from: [offer] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\"}\n");
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null);
        using var watcher = new CatalogWatcher(folder, "m", recipients, temp.File("proof"), "id", null, CliRun.TimeBudget, TimeSpan.FromMilliseconds(50), console);
        using var cancellation = new CancellationTokenSource();

        var loop = watcher.RunAsync(cancellation.Token);
        try
        {
            await Until(() => output.ToString().Contains("watch: the catalog has errors", StringComparison.Ordinal) || loop.IsCompleted);
            File.WriteAllText(Path.Combine(folder, "Offers.YAML"), "modules:\n  offer: 'Offer for {{ name }}'\n");
            await Until(() => output.ToString().Contains("watch: wrote", StringComparison.Ordinal) || loop.IsCompleted);
        }
        finally
        {
            // Stopped and awaited even when the cycle never comes: a loop left running past the watcher's disposal
            // takes the test process down on the next file event.
            await cancellation.CancelAsync();
            await loop;
        }

        Assert.Contains("watch: cycle 2 (change)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Offer for Ann", File.ReadAllText(temp.File("proof/proof.html")), StringComparison.Ordinal);
    }

    /// <summary>Waits up to two minutes for what a watch test asserts (the other watch test classes use it too).</summary>
    internal static async Task Until(Func<bool> condition)
    {
        // Two minutes, not the 20 s it was: a cycle loads, analyses and writes a proof sheet, which a machine at load 60
        // with other test classes beside it can take long over; a slow machine only waits longer.
        for (var i = 0; i < 2400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the watch loop did not get there in 2 minutes");
    }

    /// <summary>Standard output as the tool has it: what is written shows only once it is flushed (all on the writer's thread).</summary>
    private sealed class FlushedText : StringWriter
    {
        private volatile string _flushed = "";

        public string Flushed => _flushed;

        public override void Flush() => _flushed = ToString();
    }
}
