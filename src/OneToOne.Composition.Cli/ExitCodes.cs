namespace OneToOne.Composition.Cli;

/// <summary>The exit codes of <c>onetoone</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked: the catalog is valid, every record was rendered or suppressed.</summary>
    public const int Success = 0;

    /// <summary>Nothing useful could be done: the catalog has errors, or the arguments are wrong.</summary>
    public const int Failure = 1;

    /// <summary>The run completed, but at least one recipient was rejected.</summary>
    public const int Rejected = 2;

    /// <summary><c>diff --exit-code</c>: the comparison completed, and something changes that needs a review.</summary>
    public const int Changed = 3;

    /// <summary>
    /// A fault of the tool itself (a bug), not of the catalog, the input or a record: standard error names the record it
    /// was working on (its number, its recipient id, the stage) and ends with the stack trace for the bug report. 70 is
    /// <c>EX_SOFTWARE</c> of sysexits.h, so a scheduler tells it from <see cref="Failure"/> (something the operator fixes).
    /// </summary>
    public const int InternalError = 70;

    /// <summary>
    /// The code of a run stopped cleanly by a signal, to be resumed: 128 + the signal's number, as a shell reports a
    /// process the signal ended (130 for Ctrl-C's SIGINT, 143 for SIGTERM), and as the process exits when the signal comes
    /// before the run has begun or a second one ends it at once. A scheduler tells it from <see cref="Failure"/>, which
    /// needs someone to fix something, by the code alone.
    /// </summary>
    /// <param name="signal">The signal that stopped the run.</param>
    /// <returns>128 + the signal's number on Linux and macOS.</returns>
    public static int Stopped(System.Runtime.InteropServices.PosixSignal signal) => signal switch
    {
        System.Runtime.InteropServices.PosixSignal.SIGINT => 130,
        System.Runtime.InteropServices.PosixSignal.SIGTERM => 143,
        System.Runtime.InteropServices.PosixSignal.SIGQUIT => 131,
        System.Runtime.InteropServices.PosixSignal.SIGHUP => 129,
        _ => Failure,
    };
}
