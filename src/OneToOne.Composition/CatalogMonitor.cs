using System.Security.Cryptography;
using System.Text;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition;

/// <summary>
/// Keeps a catalog loaded from a file or folder current while its YAML files, and the files they name (print fonts, images
/// in modules' Markdown), are edited, so that a long-running service takes up a saved change without a restart. A change
/// that does not compile leaves the last good catalog in place and is reported (<see cref="Reloaded"/>,
/// <see cref="Errors"/>): a typo saved in production never takes the service down.
/// </summary>
/// <remarks>
/// <para>Saves are debounced: an editor's burst of writes, or a folder of files copied in one after another, makes one
/// reload once the files have been quiet for the debounce interval; while git holds the <c>index.lock</c> of the repository
/// that holds the catalog (a checkout, merge, rebase or stash switching its files) the reload waits for it, so a
/// half-switched set of files is never loaded. A save that leaves the catalog's YAML as it was
/// (the same <see cref="Catalog.SourceHash"/>), and the bytes of each file it names as they were, keeps the current
/// catalog and raises nothing. A named file whose length and write and creation times (and, on Linux, status change
/// time) are those it had when its bytes were last read (and which was not written just before that read) is taken for
/// unchanged without reading it again.</para>
/// <para>The files a catalog names are watched wherever they lie (<c>../shared/fonts/brand.ttf</c>): each version's own,
/// those of a version that failed too, so a font or image deleted (which fails the reload with the catalog's own error,
/// <see cref="DiagnosticCodes.MissingFile"/>, keeping the last good catalog) is taken up again when it is put back. A
/// file named in a folder yet to be made (<c>art/winter.png</c>) is taken up once both are made. A <see cref="Reloaded"/>
/// handler that keeps what it made from a catalog (rendered PDFs, which embed its fonts and images) drops it then.</para>
/// <para>Each <see cref="Catalog"/> is immutable: take <see cref="Current"/> once per unit of work (a request, a batch run)
/// and that work sees one version throughout, while the next takes the new one.</para>
/// <para>Thread-safe. <see cref="Reloaded"/> is raised on the thread that reloaded (a timer's, for a save), one reload at a
/// time and in order, also once more after <see cref="Dispose"/> when a reload was under way; a <see cref="Reload"/> called
/// by a handler raises no event of its own. A handler must not throw: like a <see cref="FileSystemWatcher"/>'s, one that
/// throws on a timer's thread ends the process (catalog errors never do; they are reported).</para>
/// </remarks>
public sealed class CatalogMonitor : IDisposable
{
    /// <summary>How long the files must be quiet after a save before the catalog is reloaded, unless given.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(300);

    /// <summary>The longest a timer waits (<c>0xFFFFFFFE</c> ms): a longer debounce is refused.</summary>
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>How long before it is read a file must have been written for its stamp to be trusted: two seconds, the coarsest tick of a common file system (FAT).</summary>
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly CatalogLoader _loader;
    private readonly TimeProvider _fileClock;
    private readonly TimeSpan _debounce;
    // Made anew before each reload's load (Rewatch): a folder moved away and put back is another, which the watcher of
    // the old one never reports on.
    private FileSystemWatcher? _watcher;
    private readonly FileSetWatcher? _named;
    private readonly ITimer _timer;
    private readonly Lock _reloading = new();
    private Catalog _current;
    private IReadOnlyList<Diagnostic> _errors = [];

    // The hash of the bytes of every file the current catalog read (FilesHash), written under _reloading.
    private string _filesHash;

    // Each file's stamp and bytes' hash as FilesHash last read them, written under _reloading (or in the constructor).
    private Dictionary<string, FileDigest> _digests = new(StringComparer.Ordinal);
    private volatile bool _disposed;
    private readonly bool _watchesFolder;

    // Whether Reloaded is being raised: read and written only under _reloading, so true only for a handler's own thread.
    private bool _raising;

    /// <summary>Loads the catalog and starts watching its files.</summary>
    /// <param name="loader">Loads each version, with its options (limits, clock, drafts).</param>
    /// <param name="path">A <c>.yaml</c> file, or a folder whose <c>*.yaml</c> and <c>*.yml</c> files form the catalog.</param>
    /// <param name="debounce">
    /// How long the files must be quiet after a save before reloading; <see cref="DefaultDebounce"/> when null;
    /// <see cref="Timeout.InfiniteTimeSpan"/> to watch nothing and reload only when <see cref="Reload"/> is called.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="loader"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="debounce"/> is negative (other than <see cref="Timeout.InfiniteTimeSpan"/>), or longer than a timer waits (about 49.7 days).</exception>
    /// <exception cref="CatalogException">The catalog has errors now: there is no good version to start from.</exception>
    public CatalogMonitor(CatalogLoader loader, string path, TimeSpan? debounce = null)
        : this(loader, path, debounce, TimeProvider.System)
    {
    }

    /// <summary>Loads the catalog and starts watching its files, telling a named file's age (<see cref="RacyWindow"/>) and a git <c>index.lock</c>'s (<see cref="GitIndexLock.Stale"/>) by a clock a test sets.</summary>
    /// <inheritdoc cref="CatalogMonitor(CatalogLoader, string, TimeSpan?)"/>
    /// <param name="loader">Loads each version.</param>
    /// <param name="path">The catalog's file or folder.</param>
    /// <param name="debounce">How long the files must be quiet after a save before reloading.</param>
    /// <param name="fileClock">The clock a named file's last write time is compared with, when its bytes are read, and a git lock's.</param>
    internal CatalogMonitor(CatalogLoader loader, string path, TimeSpan? debounce, TimeProvider fileClock)
    {
        _fileClock = fileClock;
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(path);
        if (debounce < TimeSpan.Zero && debounce != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(debounce), debounce, "The debounce interval cannot be negative; Timeout.InfiniteTimeSpan watches nothing, for reloads only by Reload().");
        }

        if (debounce > MaxDebounce)
        {
            // A timer cannot wait longer: each save's Change would throw on the watcher's thread, and end the process.
            throw new ArgumentOutOfRangeException(nameof(debounce), debounce, "The debounce interval can be at most 4,294,967,294 ms (about 49.7 days), as long as a timer waits; Timeout.InfiniteTimeSpan watches nothing, for reloads only by Reload().");
        }

        _loader = loader;
        _debounce = debounce ?? DefaultDebounce;
        Path = System.IO.Path.GetFullPath(path);
        _watchesFolder = Directory.Exists(Path);
        var folder = _watchesFolder ? Path : System.IO.Path.GetDirectoryName(Path)!;
        _timer = TimeProvider.System.CreateTimer(static state => ((CatalogMonitor)state!).OnQuiet(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            if (!Directory.Exists(folder))
            {
                // Nothing to watch: the load says what is missing (OTO1008/OTO1009, a CatalogException), as
                // CatalogLoader.Load does, rather than the watcher's ArgumentException "The directory name … does not exist".
                loader.Load(Path);
            }

            // Watching starts before the first load, so a save while it loads is not missed.
            // Kubernetes mounts a ConfigMap's files as links through a '..data' link, and updates them by renaming a new
            // link over it: no name the catalog's files match changes, so that link is watched too.
            // A folder's files are told by name in OnChange, not by the watcher's filters, which are case-sensitive on
            // Linux: a catalog file saved as Offers.YAML, which the loader reads, would never have been reloaded.
            _watcher = _debounce == Timeout.InfiniteTimeSpan ? null : Watch(folder, _watchesFolder ? [] : [System.IO.Path.GetFileName(Path), "..data"]);

            // The files the catalog names (fonts, images) are known once it has loaded; they are watched before they are
            // hashed, so a change after the hash is not missed.
            _named = _debounce == Timeout.InfiniteTimeSpan ? null : new FileSetWatcher(() => OnChange(this, null));
            var loadStarted = DateTime.UtcNow;
            if (!loader.TryLoad(Path, out var catalog, out var diagnostics, out var filesRead))
            {
                throw new CatalogException(diagnostics);
            }

            var missed = _named?.Watch(Watched(filesRead), loadStarted) ?? false;
            _filesHash = FilesHash(filesRead);
            _current = catalog;
            if (missed)
            {
                // A file the load read unwatched (a font appearing as it ran) changed before its watch began: no event will say so.
                OnChange(this, null);
            }
        }
        catch
        {
            _disposed = true;
            _watcher?.Dispose();
            _named?.Dispose();
            _timer.Dispose();
            throw;
        }
    }

    /// <summary>Raised after each reload that found the files changed: with the new catalog, or with the errors that kept the last good one.</summary>
    public event EventHandler<CatalogReloadedEventArgs>? Reloaded;

    /// <summary>Gets the full path of the catalog file or folder watched.</summary>
    public string Path { get; }

    /// <summary>Gets the catalog as last loaded without errors.</summary>
    public Catalog Current => Volatile.Read(ref _current);

    /// <summary>
    /// Gets the diagnostics of the last reload when it failed (what keeps <see cref="Current"/> behind the files), or an
    /// empty list when <see cref="Current"/> is the files as they are.
    /// </summary>
    public IReadOnlyList<Diagnostic> Errors => Volatile.Read(ref _errors);

    /// <summary>Reloads the catalog now, as a save would (after an update of the files that a watcher may miss: a network share, a container's mounted volume).</summary>
    /// <returns>Whether the files compiled, so <see cref="Current"/> is the files as they are.</returns>
    /// <exception cref="ObjectDisposedException">The monitor is disposed.</exception>
    public bool Reload()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_reloading)
        {
            var failedBefore = _errors.Count > 0;
            CatalogReloadedEventArgs args;
            Rewatch();
            var loadStarted = DateTime.UtcNow;
            var loaded = _loader.TryLoad(Path, out var catalog, out var diagnostics, out var filesRead);

            // A failed version's files too: a font deleted fails the reload, and its return must be taken up. One the
            // load read unwatched (newly named, or in a folder made since) and changed before its watch began reloads
            // again once the files are quiet, as no event will.
            if (_named?.Watch(Watched(filesRead), loadStarted) == true)
            {
                OnChange(this, null);
            }

            if (loaded)
            {
                Volatile.Write(ref _errors, []);
                var filesHash = FilesHash(filesRead);
                if (catalog!.SourceHash == _current.SourceHash && filesHash == _filesHash && !failedBefore)
                {
                    return true;
                }

                _filesHash = filesHash;
                Volatile.Write(ref _current, catalog);
                args = new CatalogReloadedEventArgs(catalog, diagnostics, succeeded: true);
            }
            else
            {
                Volatile.Write(ref _errors, diagnostics);
                args = new CatalogReloadedEventArgs(_current, diagnostics, succeeded: false);
            }

            // A handler that reloads again (to retry a failed reload) gets the result, not another event: raising it
            // from within itself would recurse as long as the files stay broken.
            if (!_raising)
            {
                _raising = true;
                try
                {
                    Reloaded?.Invoke(this, args);
                }
                finally
                {
                    _raising = false;
                }
            }

            return args.Succeeded;
        }
    }

    /// <summary>Stops watching. <see cref="Current"/> stays readable.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
        _named?.Dispose();
        _timer.Dispose();
    }

    /// <summary>The files a load read, and a folder catalog's folder itself, watched from its parent: its removal and return raise nothing within it.</summary>
    private IEnumerable<string> Watched(IReadOnlyList<string> filesRead) => _watchesFolder ? [.. filesRead, Path] : filesRead;

    /// <summary>Watches the catalog's folder anew (the one there now), before a reload reads it.</summary>
    private void Rewatch()
    {
        if (_debounce == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        FileSystemWatcher? fresh;
        try
        {
            fresh = Watch(_watchesFolder ? Path : System.IO.Path.GetDirectoryName(Path)!, _watchesFolder ? [] : [System.IO.Path.GetFileName(Path), "..data"]);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            // Not there (moved away): the watch on the files the catalog read reports its return.
            fresh = null;
        }

        Interlocked.Exchange(ref _watcher, fresh)?.Dispose();
        if (_disposed)
        {
            // Disposed meanwhile: whichever of the two took the watcher last disposes it.
            Interlocked.Exchange(ref _watcher, null)?.Dispose();
        }
    }

    /// <summary>
    /// SHA-256 over each file's full path and the SHA-256 of its bytes, in order (a file missing, unreadable or no regular
    /// file hashed as such): whether a reload found every file as the current catalog's load did. A catalog holds no font's
    /// or image's bytes (print reads them when it renders), so its <see cref="Catalog.SourceHash"/> does not tell.
    /// </summary>
    /// <remarks>
    /// A file whose stamp (length, last write and creation times, and on Linux its status change time) is the one it had
    /// when its bytes were last hashed is not read again: a reload of a catalog naming a few megabytes of fonts read them all, on every save of its YAML. The
    /// stamp is trusted only when the file was last written well before it was read (<see cref="RacyWindow"/>), as git
    /// trusts its index: a file written again within the same tick of a coarse clock (whole seconds on some file systems),
    /// to the same length, keeps its stamp, and would otherwise be taken for the bytes read before. A file rewritten to the
    /// same length with its old times put back (<c>cp -p</c>, <c>touch -r</c>) is read again on Linux, where putting the
    /// times back sets its status change time (<c>ctime</c>, read with <c>statx</c>, which no call can set back); on other
    /// systems it is taken for unchanged until its stamp changes.
    /// </remarks>
    private string FilesHash(IReadOnlyList<string> files)
    {
        var digests = new Dictionary<string, FileDigest>(files.Count, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[]? buffer = null;
        foreach (var file in files)
        {
            // Each part ends with a NUL, which no path holds, then how the file was found, then its bytes' hash.
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            try
            {
                if (FileType.IsSpecial(file))
                {
                    // A pipe's open waits for a writer; /dev/zero never ends. The load reports it.
                    hash.AppendData("special"u8);
                    continue;
                }

                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    hash.AppendData("missing"u8);
                    continue;
                }

                // Stamped before the read: a write in between leaves a stamp older than the bytes, so the next reload reads again.
                var (length, written, created, changed) = (info.Length, info.LastWriteTimeUtc, info.CreationTimeUtc, FileType.ChangeTime(file));
                if (!_digests.TryGetValue(file, out var digest) || !digest.Trusted || (digest.Length, digest.Written, digest.Created, digest.Changed) != (length, written, created, changed))
                {
                    var readAt = _fileClock.GetUtcNow().UtcDateTime;
                    digest = new FileDigest(length, written, created, changed, BytesHash(file, buffer ??= new byte[1 << 16]), Trusted: written < readAt - RacyWindow);
                }

                digests[file] = digest;
                hash.AppendData("read"u8);
                hash.AppendData(digest.Hash);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                hash.AppendData("missing"u8);
            }
        }

        _digests = digests;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] BytesHash(string file, byte[] buffer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        return hash.GetHashAndReset();
    }

    /// <summary>A named file's stamp when its bytes were hashed, and whether it was old enough then to be trusted.</summary>
    private readonly record struct FileDigest(long Length, DateTime Written, DateTime Created, long? Changed, byte[] Hash, bool Trusted);

    private FileSystemWatcher Watch(string folder, string[] filters)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        foreach (var filter in filters)
        {
            watcher.Filters.Add(filter);
        }

        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;

        // Events lost (the system's queue overflowed): reload anyway, the files may have changed.
        watcher.Error += (_, _) => OnChange(this, null);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Each change of a catalog file restarts the quiet interval; the reload runs once it passes without another.</summary>
    private void OnChange(object? sender, FileSystemEventArgs? e)
    {
        if (_watchesFolder && e is not null && !IsWatched(e.Name) && (e is not RenamedEventArgs renamed || !IsWatched(renamed.OldName)))
        {
            // Another file of the folder (an image, an editor's swap file): not the catalog's.
            return;
        }

        try
        {
            if (!_disposed)
            {
                _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // An event already on its way when the monitor was disposed: nothing to reload. (Thrown here, on the
            // watcher's thread, it would end the process.)
        }
    }

    /// <summary>Whether a name in the watched folder is one of the catalog's files, or the link a Kubernetes ConfigMap update replaces.</summary>
    private static bool IsWatched(string? name) => name is not null && (name == "..data" || CatalogFiles.IsCatalogFile(name));

    /// <summary>Gets or sets what is told, on a timer's thread, each time a reload waits for git's <c>index.lock</c> (for tests).</summary>
    internal Action<string>? WaitingForGit { get; set; }

    private void OnQuiet()
    {
        try
        {
            if (_disposed)
            {
                return;
            }

            // A git checkout (merge, rebase, stash) switching the files: a reload now would read a half-switched set and
            // report errors that were never committed. Looked at again, and the files debounced again, until it is done,
            // as the tool's watch does.
            if (GitIndexLock.Held(_watchesFolder ? Path : System.IO.Path.GetDirectoryName(Path)!, _fileClock) is { } lockFile)
            {
                WaitingForGit?.Invoke(lockFile);
                _timer.Change(_debounce > GitIndexLock.Poll ? _debounce : GitIndexLock.Poll, Timeout.InfiniteTimeSpan);
                return;
            }

            Reload();
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // Disposed while the timer fired.
        }
    }
}
