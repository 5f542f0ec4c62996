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
