namespace OneToOne.Composition;

/// <summary>
/// Watches a set of files wherever they lie (a font in <c>../shared/fonts</c>, an image in a subfolder): one watcher per
/// folder that holds one of them, each event told apart by its full path, so another file of the folder (an editor's swap
/// file, the proof written next to the catalog) is ignored. The set is replaced after each load, as the files a catalog
/// names change with its YAML. A watcher reports that something changed, not what: its owner loads again (debounced).
/// <c>src/Shared</c>: <see cref="CatalogMonitor"/> and the tool's <c>watch</c>.
/// </summary>
/// <param name="changed">Called, on a watcher's thread, when a file of the set is written, created, deleted or renamed, or events were lost.</param>
internal sealed class FileSetWatcher(Action changed) : IDisposable
{
    /// <summary>File names are compared as the file system does: without case on Windows and macOS (by default).</summary>
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(PathComparer);
    private HashSet<string> _files = new(PathComparer);

    // The folders on the way to a file that do not exist (art/ of art/winter.png): their creation is watched from the
    // nearest folder that does, as the file can only appear after them.
    private HashSet<string> _missingFolders = new(PathComparer);
    private bool _disposed;

    /// <summary>
    /// Watches these files from now on, in place of the ones before. A file whose folder does not exist is watched from
    /// the nearest folder that does: the folder's creation is reported, and the owner's load that follows calls this
    /// again, which watches the folder. A folder the system refuses to watch (no inotify watches left) is not watched: its
    /// owner's explicit reload still takes such a file up.
    /// </summary>
    /// <param name="files">The files, by full path.</param>
    /// <param name="loadStarted">
    /// When the load that read <paramref name="files"/> began (<see cref="DateTime.UtcNow"/>), or null to ask nothing.
    /// </param>
    /// <returns>
    /// Whether a file of the set that no watcher saw while the load ran (new to the set, or in a folder watched only from
    /// now on) was written, or created, deleted or renamed in its folder, since <paramref name="loadStarted"/>: the load
    /// may not have seen it, and no event will say so, so its owner loads again. Told by the file's and its folder's last
    /// write times, which the system sets when a file's bytes or a folder's names change; a change of a file already
    /// watched raised its own event.
    /// </returns>
    public bool Watch(IEnumerable<string> files, DateTime? loadStarted = null)
    {
        var set = new HashSet<string>(files.Select(static f => Path.GetFullPath(f)), PathComparer);
        var folders = new HashSet<string>(PathComparer);
        var missing = new HashSet<string>(PathComparer);
        var watchedFrom = new List<(string File, string Folder)>(set.Count);
        foreach (var file in set)
        {
            var folder = Path.GetDirectoryName(file);
            while (folder is not null && !Directory.Exists(folder))
            {
                missing.Add(folder);
                folder = Path.GetDirectoryName(folder);
            }

            if (folder is not null)
            {
                folders.Add(folder);
                watchedFrom.Add((file, folder));
            }
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            var before = _files;
            Volatile.Write(ref _files, set);
            Volatile.Write(ref _missingFolders, missing);
            foreach (var (folder, watcher) in _watchers.ToList())
            {
                // A folder deleted since is dropped too: its watcher sees nothing of a folder made again in its place.
                if (!folders.Contains(folder) || !Directory.Exists(folder))
                {
                    watcher.Dispose();
                    _watchers.Remove(folder);
                }
            }

            var fresh = new HashSet<string>(PathComparer);
            foreach (var folder in folders)
            {
                if (!_watchers.ContainsKey(folder) && Directory.Exists(folder) && Create(folder) is { } watcher)
                {
                    _watchers.Add(folder, watcher);
                    fresh.Add(folder);
                }
            }

            if (loadStarted is not { } since)
            {
                return false;
            }

            // Looked at once the watchers are in place, so a change after this is an event, one before it found here.
            foreach (var (file, folder) in watchedFrom)
            {
                if ((fresh.Contains(folder) || !before.Contains(file)) && (WrittenSince(file, since) || WrittenSince(folder, since)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    /// <summary>
    /// Whether a file's bytes, or a folder's names, changed at or after <paramref name="since"/>; false when it is missing
    /// (its folder's time tells of its deletion). The system stamps files from a clock a tick behind the one
    /// <see cref="DateTime.UtcNow"/> reads, so a change in the first few milliseconds of a load may still be missed.
    /// </summary>
    private static bool WrittenSince(string path, DateTime since)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.LastWriteTimeUtc >= since : Directory.Exists(path) && Directory.GetLastWriteTimeUtc(path) >= since;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private FileSystemWatcher? Create(string folder)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;

            // Events lost (the system's queue overflowed): a file of the set may have changed.
            watcher.Error += (_, _) => changed();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Gone since it was looked at, not readable, or the system's limit of watches reached: not watched, as the
            // summary of Watch says, rather than failing the load that named the file.
            watcher?.Dispose();
            return null;
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var files = Volatile.Read(ref _files);

        // '..data': a Kubernetes ConfigMap's files are links through it, and an update renames a new link over it only.
        if (files.Contains(e.FullPath) || Volatile.Read(ref _missingFolders).Contains(e.FullPath) || e.Name == "..data"
            || (e is RenamedEventArgs renamed && files.Contains(renamed.OldFullPath)))
        {
            changed();
        }
    }
}
