using System.Globalization;
using System.Threading.Channels;
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
    // Written by the watchers' threads, read by the loop. A channel, not a semaphore: it holds nothing to dispose, so an
    // event raised on a watcher's thread as the loop stops (a watcher's Dispose does not wait for one under way) writes to
    // it harmlessly, or to a completed channel, which refuses it, where a disposed SemaphoreSlim's Release threw and ended
    // the process. No lock of ours on an event's way.
    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _changes;
    private volatile bool _stopped;

    // The files the last cycle's catalog named (fonts, images), watched while the loop runs.
    private FileSetWatcher? _named;

    // The catalog's folder (its files by name, a file new to it too) and the recipients file, each watched anew before
    // every cycle's load: a folder deleted and put back (moved to the trash and back, 'git stash') is another folder,
    // which the watcher of the old one never reports on.
    private FileSystemWatcher? _catalogWatcher;
    private FileSystemWatcher? _recipientsWatcher;
    private bool _catalogIsFolder;
    private string _catalogFolder = string.Empty;

    /// <summary>Gets how many cycles have run (for tests and the status line).</summary>
    public int Cycles => Volatile.Read(ref _cycles);

    private int _cycles;

    /// <summary>Runs the loop until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop stops.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _catalogIsFolder = Directory.Exists(catalogPath);
        _catalogFolder = _catalogIsFolder ? Path.GetFullPath(catalogPath) : Path.GetDirectoryName(Path.GetFullPath(catalogPath))!;
        var named = new FileSetWatcher(Changed);
        _named = named;
        try
        {
            RunCycle("start", cancellationToken);
            while (await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                do
                {
                    // Debounce: wait until the files have been quiet for the whole interval.
                    long seen;
                    do
                    {
                        seen = Interlocked.Read(ref _changes);
                        await Task.Delay(debounce, cancellationToken).ConfigureAwait(false);
                    }
                    while (Interlocked.Read(ref _changes) != seen);

                    while (_signal.Reader.TryRead(out _))
                    {
                    }
                }
                while (await WaitForGitAsync(cancellationToken).ConfigureAwait(false));

                RunCycle("change", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Out.WriteLine("watch: stopped.");
        }
        finally
        {
            // In order: no more events are taken, then the watchers stop raising them and are let go.
            _stopped = true;
            named.Dispose();
            _catalogWatcher?.Dispose();
            _recipientsWatcher?.Dispose();
        }
    }

    /// <summary>Stops taking file events; one that arrives later (raised before its watcher stopped) is ignored.</summary>
    public void Dispose()
    {
        _stopped = true;
        _signal.Writer.TryComplete();
    }

    /// <summary>Takes a file event, on a watcher's thread: the loop runs a cycle once the files are quiet.</summary>
    internal void Changed()
    {
        if (_stopped)
        {
            return;
        }

        Interlocked.Increment(ref _changes);
        _signal.Writer.TryWrite(true);
    }

    /// <summary>
    /// Waits while a git command that switches files (checkout, merge, rebase, stash) is under way in the repository that
    /// holds the catalog (its <c>index.lock</c>, read by <c>GitIndexLock</c>): a cycle then would load a half-switched set of files and report
    /// errors that are not there, and a cycle per file git wrote would follow.
    /// </summary>
    /// <returns>Whether it waited (the files are then debounced again, so the switch makes one cycle).</returns>
    private async Task<bool> WaitForGitAsync(CancellationToken cancellationToken)
    {
        var waited = false;
        while (GitIndexLock.Held(_catalogFolder, GitClock) is { } lockFile)
        {
            if (!waited)
            {
                console.Out.WriteLine($"watch: waiting for git to finish ({lockFile}).");
                console.Out.Flush();
                waited = true;
            }

            await Task.Delay(debounce > GitIndexLock.Poll ? debounce : GitIndexLock.Poll, cancellationToken).ConfigureAwait(false);
        }

        return waited;
    }

    /// <summary>Gets the clock a git <c>index.lock</c>'s age is judged by (a test's fixed one, so a stalled machine does not make it stale).</summary>
    internal TimeProvider GitClock { get; init; } = TimeProvider.System;

    /// <summary>Watches the catalog's folder and the recipients file's anew: the ones there now, made before the load reads them.</summary>
    private void Rewatch()
    {
        // A folder's catalog files are its .yaml and .yml files in any case (Offers.YAML), as the loader reads them: the
        // watcher's own filter matches case-sensitively on Linux, so the folder's every file is watched and the names sorted here.
        var catalog = _catalogIsFolder
            ? Watch(_catalogFolder, "*", static e => CatalogFiles.IsCatalogFile(e.Name ?? string.Empty) || (e is RenamedEventArgs renamed && CatalogFiles.IsCatalogFile(renamed.OldName ?? string.Empty)))
            : Watch(_catalogFolder, Path.GetFileName(catalogPath));
        var recipients = Watch(Path.GetDirectoryName(Path.GetFullPath(recipientsPath))!, Path.GetFileName(recipientsPath));
        (var oldCatalog, _catalogWatcher) = (_catalogWatcher, catalog);
        (var oldRecipients, _recipientsWatcher) = (_recipientsWatcher, recipients);
        oldCatalog?.Dispose();
        oldRecipients?.Dispose();
    }

    /// <summary>
    /// Watches a folder's files that match the filter and, when given, those of them <paramref name="counts"/> accepts; null
    /// when the folder is not there (deleted since it was looked at): the watch on the files the catalog read reports its return.
    /// </summary>
    private FileSystemWatcher? Watch(string folder, string filter, Func<FileSystemEventArgs, bool>? counts = null)
    {
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(folder, filter) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        }
        catch (ArgumentException) when (!Directory.Exists(folder))
        {
            return null;
        }

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
        watcher.Error += (_, _) => Changed();
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Deleted since, or no watches left: the watch on the files the catalog read still reports a save of one.
            watcher.Dispose();
            return null;
        }

        return watcher;
    }

    private void OnChange(object sender, FileSystemEventArgs e) => Changed();

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
        var cycle = Interlocked.Increment(ref _cycles);
        var output = console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"watch: cycle {cycle} ({why})"));
        Rewatch();

        // Caps are judged against an empty history, as the proof command's are.
        var filesRead = new List<string>();
        var loadStarted = DateTime.UtcNow;
        CatalogSource.TryLoad(catalogPath, output, output, out var catalog, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, filesRead: filesRead, timeBudget: timeBudget);

        // Those of a catalog with errors too (null then): a deleted image fails the cycle, and putting it back runs the
        // next. The catalog's folder and the recipients file too, from their parent folders: a folder moved away and
        // back, or made where it was missing, raises nothing in itself. A file the load read unwatched, changed before its
        // watch began, runs another cycle (no event will).
        if (_named is { } named && named.Watch([.. filesRead, _catalogIsFolder ? _catalogFolder : Path.GetFullPath(catalogPath), Path.GetFullPath(recipientsPath)], loadStarted))
        {
            Changed();
        }
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
