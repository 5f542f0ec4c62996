using System.Text;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Cli;

// The process entry point only wires the real console streams to Cli.Run, which tests call in-process.
// stdout is buffered (a batch writes one line per record) and flushed before the process ends.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(StandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
// Standard input is read as files are: UTF-8 (or the encoding of a byte-order mark), noting lines that are not UTF-8 so their records are rejected.
using var stdin = RecipientReader.TextOf(Console.OpenStandardInput());
try
{
    var exitCode = Cli.Run(args, stdout, stderr, stdin, processConsole: true);
    stdout.Dispose();
    return exitCode;
}
catch (IOException ex) when (ex.HResult == ExitCodes.BrokenPipe)
{
    // The reader of standard output has gone (`validate … | head -1`): the rest has nowhere to go. stdout is not
    // disposed, as that would write what it holds again.
    stderr.WriteLine("error: standard output was closed before all of it was written (the program reading it stopped).");
    return ExitCodes.Failure;
}

// .NET's console stream drops what is written after the reader of a pipe has gone (`render … | head -1`), so a run would
// go on to the end, counting records as written that went nowhere. Written through a file stream over the same
// descriptor instead, a closed pipe fails the write (EPIPE), and the run stops there, saying so. Only a pipe (or
// another stream that cannot seek): a file stream writes a file at offsets of its own, which would overwrite what
// stderr writes to the same file (`> log 2>&1`). And only a blocking one, as Linux tells in /proc: on a pipe its parent
// made non-blocking a file stream fails when the pipe is full (EAGAIN), where the console's stream waits for room.
static Stream StandardOutput()
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

// Whether descriptor 1 is open without O_NONBLOCK (octal 04000), from its "flags:" line in /proc/self/fdinfo/1 (octal).
static bool Blocking()
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
