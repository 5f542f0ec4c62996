using System.Globalization;
using OneToOne.Composition.Cli.Commands;
using OneToOne.Composition.Cli.Input;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// The editing loop of <c>onetoone watch</c>: once at start and after every save of a catalog file, a file the catalog
/// names (a print font, an image; wherever it lies, and also when it is deleted or created where it was missing) or the
/// recipients file (debounced, so an editor's burst of writes makes one cycle), re-validates the catalog, re-analyses
/// the message and re-renders the proof sheet from the recipients, printing diagnostics. Runs until cancelled.
/// </summary>
internal sealed class CatalogWatcher(string catalogPath, string messageId, string recipientsPath, string outDirectory, string idField, DateTimeOffset? asOf, TimeSpan? timeBudget, TimeSpan debounce, CliConsole console) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private long _changes;

    // The files the last cycle's catalog named (fonts, images), watched while the loop runs.
    private FileSetWatcher? _named;

    /// <summary>Gets how many cycles have run (for tests and the status line).</summary>
    public int Cycles { get; private set; }

    /// <summary>Runs the loop until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop stops.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var catalogFolder = Directory.Exists(catalogPath) ? Path.GetFullPath(catalogPath) : Path.GetDirectoryName(Path.GetFullPath(catalogPath))!;
        // A folder's catalog files are its .yaml and .yml files in any case (Offers.YAML), as the loader reads them: the
        // watcher's own filter matches case-sensitively on Linux, so the folder's every file is watched and the names sorted here.
        using var catalogWatcher = Directory.Exists(catalogPath)
            ? Watch(catalogFolder, "*", static e => CatalogFiles.IsCatalogFile(e.Name ?? string.Empty) || (e is RenamedEventArgs renamed && CatalogFiles.IsCatalogFile(renamed.OldName ?? string.Empty)))
            : Watch(catalogFolder, Path.GetFileName(catalogPath));
        using var recipientsWatcher = Watch(Path.GetDirectoryName(Path.GetFullPath(recipientsPath))!, Path.GetFileName(recipientsPath));
        using var named = new FileSetWatcher(Changed);
        _named = named;
        try
        {
            RunCycle("start", cancellationToken);
            while (true)
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);

                // Debounce: wait until the files have been quiet for the whole interval.
                long seen;
                do
                {
                    seen = Interlocked.Read(ref _changes);
                    await Task.Delay(debounce, cancellationToken).ConfigureAwait(false);
                }
                while (Interlocked.Read(ref _changes) != seen);

                while (_signal.Wait(0, CancellationToken.None))
                {
                }

                RunCycle("change", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Out.WriteLine("watch: stopped.");
        }
    }

    /// <summary>Releases the change signal.</summary>
    public void Dispose() => _signal.Dispose();

    /// <summary>Watches a folder's files that match the filter and, when given, those of them <paramref name="counts"/> accepts.</summary>
    private FileSystemWatcher Watch(string folder, string filter, Func<FileSystemEventArgs, bool>? counts = null)
    {
        var watcher = new FileSystemWatcher(folder, filter) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        FileSystemEventHandler onChange = counts is null ? OnChange : (_, e) =>
        {
            if (counts(e))
            {
                Changed();
            }
        };
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Renamed += (sender, e) => onChange(sender, e);
        watcher.Deleted += onChange;
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnChange(object sender, FileSystemEventArgs e) => Changed();

    private void Changed()
    {
        Interlocked.Increment(ref _changes);
        _signal.Release();
    }

    private void RunCycle(string why, CancellationToken cancellationToken)
    {
        // The tool's standard output is buffered for batch runs: each cycle's report is flushed so the author sees it
        // as soon as the cycle ends, not when watch stops.
        try
        {
            Report(why, cancellationToken);
        }
        finally
        {
            console.Out.Flush();
        }
    }

    private void Report(string why, CancellationToken cancellationToken)
    {
        Cycles++;
        var output = console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"watch: cycle {Cycles} ({why})"));
        // Caps are judged against an empty history, as the proof command's are.
        var filesRead = new List<string>();
        CatalogSource.TryLoad(catalogPath, output, output, out var catalog, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, filesRead: filesRead, timeBudget: timeBudget);

        // Those of a catalog with errors too (null then): a deleted image fails the cycle, and putting it back runs the next.
        _named?.Watch(filesRead);
        if (catalog is null || !CatalogSource.CheckMessage(catalog, messageId, output))
        {
            output.WriteLine("watch: the catalog has errors; waiting for the next save.");
            return;
        }

        var analysis = catalog.Analyze(messageId, cancellationToken);
        foreach (var finding in analysis.Findings)
        {
            output.WriteLine(finding.ToString());
        }

        try
        {
            var sample = new RecordTracker(RecipientFile.ReadNumbered(recipientsPath, idField, console.In, output), "decide", console.FaultProbe);
            var (path, summary, problems) = ProofCommand.WriteSheetOf(catalog, messageId, sample, outDirectory);
            output.WriteLine($"watch: wrote {path}: {summary}");
            ProofCommand.WriteProblems(problems, madeUp: false, output);
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException)
        {
            output.WriteLine($"watch: cannot read the recipients: {ex.Message}");
        }
    }
}
