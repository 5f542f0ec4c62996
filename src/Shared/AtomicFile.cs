using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes a file so that it appears whole or not at all: the content goes to a temporary file in the same folder
/// (<c>.NAME.GUID.tmp</c>, a name no output file has), which then replaces the target in one rename. A reader never
/// sees half a file, and a failed or interrupted write leaves the previous file (if any) in place. A file the user named
/// (<see cref="WriteThrough"/>) may be a symbolic link, which stays a link, or no regular file (<c>/dev/stdout</c>, a
/// pipe), written where it is. Compiled into each package that writes outputs (<c>src/Shared</c>).
/// </summary>
/// <remarks>
/// The temporary file is not flushed to disk before the rename: that protects against a crashed or killed process,
/// not against power loss, which would cost an fsync per file in a run of millions. A checkpointed batch that must
/// survive power loss syncs the file system once per commit instead (<c>BatchOptions.Durable</c>).
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes a file atomically.</summary>
    /// <typeparam name="TState">The state <paramref name="write"/> needs.</typeparam>
    /// <param name="path">The target file; its folder exists.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Writes the whole content to the stream.</param>
    /// <remarks>
    /// Whatever is at <paramref name="path"/> is replaced, a link included, never written through: a record's file in an
    /// output folder is named by the data, and a link planted there must not send a root run's letter to <c>/etc</c>.
    /// </remarks>
    public static void Write<TState>(string path, TState state, Action<Stream, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPathFor(path);
        var moved = false;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 14))
            {
                write(stream, state);
            }

            File.Move(temp, path, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Writes bytes to a file atomically.</summary>
    /// <param name="path">The target file; its folder exists.</param>
    /// <param name="bytes">The content.</param>
    public static void Write(string path, ReadOnlyMemory<byte> bytes) =>
        Write(path, bytes, static (stream, content) => stream.Write(content.Span));

    /// <summary>
    /// Writes bytes to a file the user named (<c>--summary FILE</c>): atomically to the file its symbolic links lead to,
    /// or, for a path that is no regular file (<c>/dev/stderr</c>, a pipe), through it (see <see cref="ReplaceableTarget"/>).
    /// </summary>
    /// <param name="path">The file; its folder exists.</param>
    /// <param name="bytes">The content.</param>
    public static void WriteThrough(string path, ReadOnlyMemory<byte> bytes)
    {
        if (ReplaceableTarget(path) is { } target)
        {
            Write(target, bytes);
            return;
        }

        // The process's own output or error goes through its descriptor, which moves on past what is written, so what
        // the process writes there next follows it instead of writing over it (OpenInPlace).
        using var device = OpenInPlace(path);
        device.Write(bytes.Span);
    }

    /// <summary>
    /// The file a write to <paramref name="path"/> replaces: the path, or the file its symbolic links lead to (a rename over
    /// the link put a file in its place, so <c>latest.json</c> stopped following the reports); null when the path is no
    /// regular file (<c>/dev/stderr</c>, <c>/dev/null</c>, a pipe): a rename put a file in place of the device, as root the
    /// system's own <c>/dev/stderr</c>, so such a path is written where it is (<see cref="OpenInPlace"/>).
    /// </summary>
    /// <param name="path">The path given.</param>
    /// <returns>The file to replace, or null.</returns>
    /// <exception cref="IOException">The path is a symbolic link another user planted in a sticky, world-writable folder.</exception>
    public static string? ReplaceableTarget(string path)
    {
        if (IsSpecialFile(path))
        {
            return null;
        }

        if (new FileInfo(path).LinkTarget is null)
        {
            return path;
        }

        if (IsPlantedLink(path))
        {
            throw new IOException($"'{path}' is a symbolic link another user made in a folder everyone may write to (a sticky folder such as /tmp): following it would let them choose which of your files this run replaces or deletes. Remove the link, or write to a folder of your own.");
        }

        return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
    }

    /// <summary>
    /// Gets whether a symbolic link is one the kernel's <c>protected_symlinks</c> would not follow: in a sticky folder
    /// everyone may write to (<c>/tmp</c>), owned neither by this process's user nor by the folder's owner. Following it
    /// by name (a rename beside its target, a delete) bypasses that protection, as the kernel cannot see it. False where
    /// the operating system cannot say.
    /// </summary>
    private static bool IsPlantedLink(string path)
    {
        var full = Path.GetFullPath(path);
        if (FileType.Status(full, follow: false) is not { } link || FileType.Status(Path.GetDirectoryName(full)!, follow: true) is not { } folder)
        {
            return false;
        }

        const int Sticky = 0x200, OthersWrite = 0x2;
        return (folder.Mode & (Sticky | OthersWrite)) == (Sticky | OthersWrite) && link.Uid != GetEffectiveUserId() && link.Uid != folder.Uid;
    }

    /// <summary>Opens a path that is no regular file (<see cref="ReplaceableTarget"/> gave null) for writing where it is.</summary>
    /// <param name="path">The device or pipe.</param>
    /// <returns>The stream.</returns>
    public static FileStream OpenInPlace(string path) => Descriptor(path) is { } descriptor
        ? new(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 1 << 14)
        : new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 14);

    /// <summary>
    /// The open descriptor of this process a path names (<c>/dev/stderr</c>, <c>/dev/fd/1</c>, <c>/proc/self/fd/3</c>, or a
    /// link to one), or null. Through one that leads to a file (<c>2&gt; run.log</c>), the path reaches that file, which a
    /// write must neither rename over nor open afresh (at its start, over what the process wrote): it goes through the
    /// descriptor, as the shell's redirection meant.
    /// </summary>
    private static int? Descriptor(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var current = Path.GetFullPath(path);
        for (var hop = 0; hop < 40; hop++)
        {
            switch (current)
            {
                case "/dev/stdout":
                    return 1;
                case "/dev/stderr":
                    return 2;
            }

            foreach (var folder in (ReadOnlySpan<string>)["/dev/fd/", "/proc/self/fd/", $"/proc/{Environment.ProcessId}/fd/"])
            {
                if (current.StartsWith(folder, StringComparison.Ordinal))
                {
                    return int.TryParse(current.AsSpan(folder.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var descriptor) ? descriptor : null;
                }
            }

            if (new FileInfo(current).LinkTarget is not { } target)
            {
                return null;
            }

            current = Path.GetFullPath(target, Path.GetDirectoryName(current)!);
        }

        return null;
    }

    /// <summary>
    /// Gets whether <paramref name="path"/>, its links followed, names something that is no regular file or folder: a
    /// terminal, a pipe, a socket or a device such as <c>/dev/null</c>, or one of this process's descriptors (<c>/dev/stderr</c>,
    /// whatever it was redirected to). False when it does not exist, and where the
    /// operating system cannot say (<c>statx</c> is Linux's).
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is such a file.</returns>
    public static bool IsSpecialFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        if (Descriptor(path) is not null)
        {
            // Whatever it leads to, even a file: written through the descriptor (OpenInPlace), never renamed over.
            return true;
        }

        return FileType.IsSpecial(path);
    }

    /// <summary>Gets a fresh temporary file name next to <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <returns>A full path in the target's folder that no output file uses.</returns>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes the temporary files a killed process left in a folder (<c>.NAME.GUID.tmp</c>, never an output file), so
    /// that a resumed run's folder holds exactly the uninterrupted run's files.
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="keep">Target names whose temporaries are someone else's live files (a merged PDF being written there).</param>
    public static void DeleteStaleTemporaries(string directory, IReadOnlySet<string> keep)
    {
        foreach (var path in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            var name = Path.GetFileName(path.AsSpan());
            if (name.Length > 38 && name[^37] == '.' && Guid.TryParseExact(name[^36..^4], "N", out _) && !keep.Contains(name[1..^37].ToString()))
            {
                TryDelete(path);
            }
        }
    }

    /// <summary>Deletes a temporary file, ignoring failure: a stray temporary file must not hide the real error.</summary>
    /// <param name="path">The file.</param>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint GetEffectiveUserId();
}
