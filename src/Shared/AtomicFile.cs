namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes a file so that it appears whole or not at all: the content goes to a temporary file in the same folder
/// (<c>.NAME.GUID.tmp</c>, a name no output file has), which then replaces the target in one rename. A reader never
/// sees half a file, and a failed or interrupted write leaves the previous file (if any) in place. Compiled into each package
/// that writes outputs (<c>src/Shared</c>).
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
}
