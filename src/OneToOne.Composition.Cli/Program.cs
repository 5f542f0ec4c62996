using System.Runtime.InteropServices;
using System.Text;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Cli;
using OneToOne.Composition.Cli.Output;

// The process entry point only wires the real console streams to Cli.Run, which tests call in-process.
// stdout is buffered (a batch writes one line per record) and flushed before the process ends.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(StandardOutput.Open(), utf8, bufferSize: 1 << 16) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
// Standard input is read as files are: UTF-8 (or the encoding of a byte-order mark), noting lines that are not UTF-8 so their records are rejected.
using var stdin = RecipientReader.TextOf(Console.OpenStandardInput());
// A file-size limit (`ulimit -f`, a systemd unit's LimitFSIZE) sends SIGXFSZ to a process whose write would pass it, which
// ends it at once, without a word (exit 153), as the operator probe found after a few files. Handled (and cancelled), the
// write fails with EFBIG ("File too large") instead, and the run stops with exit 1 and advice, as on a full disk.
// Here, not in the libraries: a library does not change what the process does with a signal. Through the runtime's own
// registration, not signal(2), so it does not fight the runtime's handlers, and a child process (an editor that `watch`
// starts) gets the default disposition back. 25 on Linux and macOS. Never disposed, only kept alive to the end: the signal
// of the last write is handled on the runtime's own thread, possibly after Run has returned, and a registration disposed
// by then would let its default action end the process (exit 153) after the error and counts were written.
var fileSizeLimit = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create((PosixSignal)25, static context => context.Cancel = true);
try
{
    var exitCode = Cli.Run(args, stdout, stderr, stdin, processConsole: true);
    stdout.Dispose();
    return exitCode;
}
catch (IOException ex) when (StandardOutput.IsClosedPipe(ex))
{
    // The reader of standard output has gone (`validate … | head -1`): the rest has nowhere to go. stdout is not
    // disposed, as that would write what it holds again.
    stderr.WriteLine("error: standard output was closed before all of it was written (the program reading it stopped).");
    return ExitCodes.Failure;
}
finally
{
    GC.KeepAlive(fileSizeLimit);
}
