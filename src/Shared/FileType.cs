using System.Runtime.InteropServices;

namespace OneToOne.Composition;

/// <summary>
/// Tells a regular file from what only looks like one by name: a pipe, a socket or a device such as <c>/dev/zero</c>,
/// or a symbolic link to one (<c>src/Shared</c>). Reading one as a file a catalog names either never ends (an open of a
/// pipe waits for a writer; <c>/dev/zero</c> has no end and fills memory) or reads what is no file's content.
/// </summary>
internal static class FileType
{
    private const int AtCurrentDirectory = -100;
    private const uint StatXBasicStats = 0x7FF; // STATX_BASIC_STATS
    private const int AtSymlinkNoFollow = 0x100;
    private const int TypeMask = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000; // S_IFREG
    private const int Folder = 0x4000; // S_IFDIR

    /// <summary>
    /// Gets whether <paramref name="path"/>, its links followed, names something that is no regular file or folder. False
    /// when it does not exist, and where the operating system cannot say (<c>statx</c> is Linux's; elsewhere the file is
    /// read as it is).
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is a pipe, a socket or a device.</returns>
    public static bool IsSpecial(string path) =>
        Status(Path.GetFullPath(path), follow: true) is { } status && (status.Mode & TypeMask) is not (RegularFile or Folder);

    /// <summary>
    /// Gets the owner and mode of a path (of a link itself unless <paramref name="follow"/>), or null when it cannot be
    /// read: it does not exist, or the operating system is not Linux (<c>statx</c>).
    /// </summary>
    /// <param name="path">The full path.</param>
    /// <param name="follow">Whether a symbolic link is followed to what it leads to.</param>
    /// <returns>The owner's user id and the mode bits, or null.</returns>
    public static (uint Uid, int Mode)? Status(string path, bool follow)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct statx has one layout on every architecture: stx_uid is the 32 bits at byte 20, stx_mode the 16 at byte 28.
        var status = new byte[256];
        try
        {
            if (StatX(AtCurrentDirectory, System.Text.Encoding.UTF8.GetBytes(path + "\0"), follow ? 0 : AtSymlinkNoFollow, StatXBasicStats, status) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        return (BitConverter.ToUInt32(status, 20), BitConverter.ToUInt16(status, 28));
    }

    /// <summary>
    /// Gets when a file's status last changed (its inode's ctime, links followed, in 100 ns ticks since 1970), which the
    /// system sets on every write and on every change of its times: <c>cp -p</c> and <c>touch -r</c> put a file's write
    /// time back, never this one. Null when it cannot be read: the file does not exist, or the system is not Linux (<c>statx</c>).
    /// </summary>
    /// <param name="path">The full path.</param>
    /// <returns>The status change time, or null.</returns>
    public static long? ChangeTime(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // stx_ctime: the 64-bit seconds at byte 96 and the 32-bit nanoseconds at byte 104.
        var status = new byte[256];
        try
        {
            if (StatX(AtCurrentDirectory, System.Text.Encoding.UTF8.GetBytes(path + "\0"), 0, StatXBasicStats, status) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        return (BitConverter.ToInt64(status, 96) * TimeSpan.TicksPerSecond) + (BitConverter.ToUInt32(status, 104) / 100);
    }

    /// <summary>
    /// Gets whether <paramref name="path"/> is outside <paramref name="folder"/>: by its name (<c>../other</c>, an absolute
    /// path elsewhere), or once the symbolic links along it are followed (see <see cref="LeavesFolder"/>). Whether the file
    /// exists plays no part, so the answer tells nothing of what is outside.
    /// </summary>
    /// <param name="folder">The folder the path must stay in.</param>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is outside the folder.</returns>
    public static bool IsOutside(string folder, string path) => !IsInsideByName(folder, path) || LeavesFolder(folder, path);

    /// <summary>
    /// Gets whether <paramref name="path"/> lies inside <paramref name="folder"/> by its name alone: not <c>../other</c>,
    /// not an absolute path elsewhere. Links are not followed (see <see cref="LeavesFolder"/>).
    /// </summary>
    /// <param name="folder">The folder the path must stay in.</param>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is inside the folder by its name.</returns>
    public static bool IsInsideByName(string folder, string path) =>
        !Escapes(Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path)));

    /// <summary>
    /// Gets whether <paramref name="path"/>, which lies inside <paramref name="folder"/> by its name, leads out of it once
    /// the symbolic links along it are followed (a link <c>shared -&gt; /srv</c> in the folder, or one to <c>/dev/zero</c>): a
    /// path checked by its name alone reached any file on the server. A path that cannot be followed (a loop of links, a
    /// folder this user may not list) counts as leading out.
    /// </summary>
    /// <param name="folder">The folder the path must stay in.</param>
    /// <param name="path">The path, inside the folder by its name.</param>
    /// <returns>Whether the file it names, its links followed, is outside the folder (its links followed too).</returns>
    public static bool LeavesFolder(string folder, string path)
    {
        try
        {
            var real = RealPath(folder);
            return Escapes(Path.GetRelativePath(real, RealPath(path)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Whether a path relative to a folder leads out of it: <c>..</c>, <c>../…</c>, or rooted elsewhere (another drive).</summary>
    private static bool Escapes(string relative) =>
        relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);

    /// <summary>
    /// The path with every symbolic link along it followed, and each <c>..</c> taken after the link before it is followed,
    /// as the operating system reads it (<c>realpath</c>). Parts that do not exist are kept as named.
    /// </summary>
    /// <exception cref="IOException">The path leads through more than 40 links (a loop).</exception>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? string.Empty;
        var remaining = new Stack<string>();
        Push(remaining, full[current.Length..]);
        var links = 0;
        while (remaining.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > 40)
            {
                throw new IOException($"'{path}' leads through more than 40 symbolic links.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? current;
                target = target[current.Length..];
            }

            Push(remaining, target);
        }

        return current;
    }

    /// <summary>Pushes a relative path's parts so that its first part is popped first.</summary>
    private static void Push(Stack<string> remaining, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            remaining.Push(parts[i]);
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int StatX(int directory, byte[] path, int flags, uint mask, [Out] byte[] status);
}
