namespace OneToOne.Composition.Cli;

/// <summary>The streams one invocation reads and writes; the real console in the tool, strings in tests.</summary>
/// <param name="Out">Standard output: machine-readable results.</param>
/// <param name="Error">Standard error: diagnostics, errors and summaries.</param>
/// <param name="In">Standard input.</param>
/// <param name="IsProcessConsole">Whether the streams are the process's own console streams (live progress may be shown then), not captured ones.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsProcessConsole = false);
