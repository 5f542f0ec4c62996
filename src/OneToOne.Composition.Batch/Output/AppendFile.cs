using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The file a resumable sink appends its lines to, and the state a checkpoint keeps for it: its length. Reopened from a
/// checkpoint, the file is cut back to that length, so lines written after the last commit are written once more, not twice.
/// </summary>
internal static class AppendFile
{
    /// <summary>
    /// Opens (creating) <paramref name="path"/> cut back to <paramref name="length"/> bytes, positioned at its end; a
    /// path that is no regular file (<c>/dev/stderr</c>, a pipe) is opened for writing on, as it is.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="length">The length the checkpoint recorded; 0 starts the file afresh.</param>
    /// <param name="access">Write, or read and write for a sink that reads back what it wrote.</param>
    /// <param name="startOver">What to delete to start over, for the error when the file is shorter than recorded.</param>
    /// <returns>The stream, buffered.</returns>
    /// <exception cref="IOException">The file is shorter than the checkpoint recorded: it was changed after the run.</exception>
    public static FileStream Open(string path, long length, FileAccess access, string startOver)
    {
        if (access == FileAccess.Write && AtomicFile.IsSpecialFile(path))
        {
            // A terminal or a pipe (--rejects /dev/stderr): what was written cannot be cut back, so a resume writes on.
            return AtomicFile.OpenInPlace(path);
        }

        var stream = new FileStream(path, FileMode.OpenOrCreate, access, FileShare.Read, bufferSize: 1 << 16);
        if (length > stream.Length)
        {
            var actual = stream.Length;
            stream.Dispose();
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"'{path}' is shorter ({actual} bytes) than the checkpoint recorded ({length} bytes): it was changed after the run. Delete {startOver} to start over."));
        }

        stream.SetLength(length);
        stream.Position = length;
        return stream;
    }

    /// <summary>The end of what was written to a file, buffered bytes included: where a record's lines end, to mark it done.</summary>
    /// <param name="stream">The file, or null when nothing was written yet.</param>
    /// <returns>The length once flushed.</returns>
    public static long End(FileStream? stream) => stream is { CanSeek: true } ? stream.Position : 0;

    /// <summary>The checkpoint state of a file cut back to <paramref name="length"/> bytes.</summary>
    /// <param name="length">The length, from <see cref="End"/> at the last record done.</param>
    /// <returns>The state.</returns>
    public static string SaveState(long length) => length.ToString(CultureInfo.InvariantCulture);

    /// <summary>The length a checkpoint state records.</summary>
    /// <param name="state">The state, or null or empty for a run that wrote nothing.</param>
    /// <returns>The length.</returns>
    public static long Length(string? state) =>
        string.IsNullOrEmpty(state) ? 0 : long.Parse(state, NumberStyles.None, CultureInfo.InvariantCulture);
}
