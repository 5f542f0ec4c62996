using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Forces output to the disk before a checkpoint commit says it is there (<see cref="BatchOptions.Durable"/>). One
/// <c>syncfs</c> per commit writes out everything written to the file system — the per-record files, their renames and
/// the appended account — where an <c>fsync</c> per file would cost a disk round trip per record.
/// </summary>
internal static class DiskSync
{
    /// <summary>Whether this operating system can sync a whole file system at once (Linux's <c>syncfs</c>).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Writes out everything written to the file system a file is on, metadata (renames, new names) included.</summary>
    /// <param name="file">An open file on that file system.</param>
    /// <exception cref="IOException">The file system reported a write error (a failing disk, a full thin volume, a lost network mount).</exception>
    public static void FileSystemOf(FileStream file)
    {
        file.Flush();
        if (SyncFileSystem(file.SafeFileHandle) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"'{file.Name}' and the files beside it could not be written to the disk: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}). The checkpoint keeps the records up to its last commit; fix the disk and resume.");
        }
    }

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SyncFileSystem(SafeFileHandle file);
}
