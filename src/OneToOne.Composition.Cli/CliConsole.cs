namespace OneToOne.Composition.Cli;

/// <summary>The streams one invocation reads and writes; the real console in the tool, strings in tests.</summary>
/// <param name="Out">Standard output: machine-readable results.</param>
/// <param name="Error">Standard error: diagnostics, errors and summaries.</param>
/// <param name="In">Standard input.</param>
/// <param name="IsProcessConsole">Whether the streams are the process's own console streams (live progress may be shown then), not captured ones.</param>
/// <param name="Clock">The clock a command reads "now" from when not given <c>--as-of</c>; null for the system's (a test passes a fixed one).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsProcessConsole = false, TimeProvider? Clock = null)
{
    /// <summary>Gets the clock to read "now" from: <see cref="Clock"/>, or the system's.</summary>
    public TimeProvider Time => Clock ?? TimeProvider.System;

    /// <summary>
    /// A test seam, never set by the tool: called with a stage and a record's number as a command that processes recipient
    /// records takes each record through that stage (render: <c>write</c>; diff: <c>decide</c>; proof and watch:
    /// <c>decide</c>; explain: <c>decide</c>), so a test can throw from it what a bug would, and see the fault reported.
    /// </summary>
    internal Action<string, long>? FaultProbe { get; init; }
}
