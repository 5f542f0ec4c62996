namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// The tool's standard output, opened so that a pipe whose reader has gone is noticed. .NET's console stream drops what is
/// written after the reader of a pipe has gone (`render … | head -1`), so a run would go on to the end, counting records
/// as written that went nowhere. Written through a file stream over the same descriptor instead, a closed pipe fails the
/// write (EPIPE, <see cref="IsClosedPipe"/>), and the run stops there, saying so.
/// </summary>
internal static class StandardOutput
{
    /// <summary>The <see cref="Exception.HResult"/> of the <see cref="IOException"/> a write to a pipe whose reader has gone fails with (EPIPE on Linux and macOS).</summary>
    internal const int BrokenPipe = 32;

    /// <summary>
    /// Opens standard output: a file stream on descriptor 1 where it is a blocking pipe (Linux, as /proc tells), else the
    /// console's stream. Not on a file: a file stream writes a file at offsets of its own, which would overwrite what
    /// stderr writes to the same file (`&gt; log 2&gt;&amp;1`). Not on a pipe its parent made non-blocking: there a file stream
    /// fails when the pipe is full (EAGAIN), where the console's stream waits for room.
    /// </summary>
    /// <returns>The stream.</returns>
    public static Stream Open()
    {
        if (OperatingSystem.IsLinux() && Blocking())
        {
            try
            {
                var pipe = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                if (!pipe.CanSeek)
                {
                    return pipe;
                }

                pipe.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                // Descriptor 1 is not open (`>&-`): the console's stream stands in.
            }
        }

        return Console.OpenStandardOutput();
    }

    /// <summary>Whether a write failed because the reader of the pipe has gone.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether it is EPIPE.</returns>
    public static bool IsClosedPipe(Exception exception) => exception is IOException { HResult: BrokenPipe };

    /// <summary>Whether descriptor 1 is open without O_NONBLOCK (octal 04000), from its "flags:" line in /proc/self/fdinfo/1 (octal).</summary>
    private static bool Blocking()
    {
        try
        {
            var flags = File.ReadLines("/proc/self/fdinfo/1").FirstOrDefault(static l => l.StartsWith("flags:", StringComparison.Ordinal));
            return flags is not null && (Convert.ToInt64(flags["flags:".Length..].Trim(), 8) & 0x800) == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}
