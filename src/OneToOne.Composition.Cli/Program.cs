using System.Text;
using OneToOne.Composition.Cli;

// The process entry point only wires the real console streams to Cli.Run, which tests call in-process.
// stdout is buffered (a batch writes one line per record) and flushed before the process ends.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
using var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true);
var exitCode = Cli.Run(args, stdout, stderr, stdin, processConsole: true);
stdout.Flush();
return exitCode;
