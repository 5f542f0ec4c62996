namespace OneToOne.Composition.Batch;

/// <summary>
/// A run's hold on what it writes (a checkpoint, an output folder, a merged PDF): a lock file opened for no one else to
/// open — on Unix an exclusive <c>flock</c>, on Windows a sharing mode — which a second writer, in this process or another,
/// cannot open while it is held. The open handle decides, never the file's existence: the operating system releases the
/// lock with the process however it ends, so a lock file a killed run left behind blocks no later run, which takes it over.
/// The file is deleted when the lock is released. Compiled into each package that writes outputs (<c>src/Shared</c>).
/// </summary>
/// <remarks>
/// Deleting a lock file is safe only with care: a run may open the file just before its holder deletes it and lock it just
/// after, holding a file no name leads to any more, while a third run creates and locks a new one — and both would write.
/// So the holder deletes the file before it lets go (on Unix; Windows deletes no file a handle holds without sharing
/// delete, so no run can be holding it then), and a run that has taken the lock checks that the name still leads to its
/// file: it marks the file with a last-write time of its own and reads the time back through the name, and takes the lock
/// again when the name leads elsewhere or nowhere.
/// </remarks>
internal sealed class RunLock : IDisposable
{
    /// <summary>
    /// How many times a lock is taken again when its file turned out to have lost its name. Each time needs another run to
    /// have let go of the lock in between, so a few are plenty; past them (a file system that keeps no last-write time,
    /// where the check cannot tell) the lock is held as it is.
    /// </summary>
    private const int MaxAttempts = 8;

    /// <summary>The earliest mark; marks are even seconds after it, which every file system keeps exactly (FAT counts in two seconds).</summary>
    private static readonly DateTime FirstMark = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _path;
    private readonly FileStream _file;
    private readonly DateTime _mark;

    private RunLock(string path, FileStream file, DateTime mark)
    {
        _path = path;
        _file = file;
        _mark = mark;
    }

    /// <summary>Takes the lock, creating the lock file when it does not exist (or taking over one a killed run left).</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="inUse">Makes the error for a lock another writer holds, given the operating system's.</param>
    /// <returns>The lock, held until disposed.</returns>
    /// <exception cref="IOException">The lock file cannot be created (a missing folder, a name too long, no permission).</exception>
    public static RunLock Take(string path, Func<IOException, Exception> inUse) => Take(path, inUse, locked: null);

    /// <summary>Takes the lock, as <see cref="Take(string, Func{IOException, Exception})"/> does.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="inUse">Makes the error for a lock another writer holds, given the operating system's.</param>
    /// <param name="locked">
    /// Called with the attempt's number (from 1) each time the file is open and locked, before the check that its name
    /// still leads to it: where a test plays the run that deletes the file as it lets go, which in a real race happens
    /// between the open and the lock.
    /// </param>
    /// <returns>The lock, held until disposed.</returns>
    internal static RunLock Take(string path, Func<IOException, Exception> inUse, Action<int>? locked)
    {
        for (var attempt = 1; ; attempt++)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException ex) when (ex.GetType() == typeof(IOException) && IsHeld(ex))
            {
                // A missing folder or a name too long throw subclasses; a file held by another writer throws IOException itself,
                // but so does a file that cannot be made at all (a read-only or full file system): that one is told as it is.
                throw inUse(ex);
            }

            try
            {
                locked?.Invoke(attempt);
                var mark = FirstMark.AddSeconds(2 * Random.Shared.NextInt64(500_000_000));
                File.SetLastWriteTimeUtc(file.SafeFileHandle, mark);
                if (Leads(path, mark) || attempt == MaxAttempts)
                {
                    return new RunLock(path, file, mark);
                }
            }
            catch
            {
                // A file that cannot be marked (owned by another user) must not stay locked by a handle no one disposes.
                file.Dispose();
                throw;
            }

            // The run that held the lock deleted this file as it let go, after it was opened here.
            file.Dispose();
        }
    }

    /// <summary>Deletes the lock file, if it is still this lock's, and releases the lock.</summary>
    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            _file.Dispose();
            Delete();
        }
        else
        {
            Delete();
            _file.Dispose();
        }
    }

    /// <summary>
    /// Whether opening the lock file failed because another handle holds it: <c>flock</c>'s EWOULDBLOCK (11 on Linux, 35 on
    /// macOS and the BSDs), or a sharing or lock violation on Windows. Any other failure (EROFS, ENOSPC, EIO) is no other run.
    /// </summary>
    private static bool IsHeld(IOException ex) =>
        OperatingSystem.IsWindows()
            ? ex.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
            : ex.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>Whether the name leads to the file marked with <paramref name="mark"/>.</summary>
    private static bool Leads(string path, DateTime mark) => File.GetLastWriteTimeUtc(path) == mark;

    /// <summary>Deletes the lock file unless its name now leads to another file (someone deleted this one and another run made its own).</summary>
    private void Delete()
    {
        if (Leads(_path, _mark))
        {
            AtomicFile.TryDelete(_path);
        }
    }
}
