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
    private const uint StatXType = 0x1; // STATX_TYPE
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
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // struct statx has one layout on every architecture: stx_mode is the 16 bits at byte 28.
        var status = new byte[256];
        try
        {
            if (StatX(AtCurrentDirectory, System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path) + "\0"), 0, StatXType, status) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }

        return (BitConverter.ToUInt16(status, 28) & TypeMask) is not (RegularFile or Folder);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int StatX(int directory, byte[] path, int flags, uint mask, [Out] byte[] status);
}
