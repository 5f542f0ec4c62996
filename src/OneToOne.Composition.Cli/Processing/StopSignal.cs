using System.Runtime.InteropServices;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for a batch run: the first stops the run cleanly, after the record it is writing, with
/// the checkpoint recording everything written; a second, while the run is stopping (or still counting the input for
/// the progress display), ends the process at once, as a second Ctrl-C is meant to. (Output files are written whole or
/// not at all and the checkpoint is an SQLite database, so the run then resumes as after a kill.)
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PosixSignalRegistration? _interrupt;
    private PosixSignalRegistration? _terminate;

    /// <summary>Gets the token the run stops on.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Gets the signal that stopped the run (the first one handled), or null while none has.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>Handles a signal: the first is taken (the process goes on, to stop cleanly); a later one is left to end it.</summary>
    /// <param name="context">The signal.</param>
    public void Handle(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Cancel = !_stop.IsCancellationRequested;
        Signal ??= context.Signal;
        _stop.Cancel();
    }

    /// <summary>Handles SIGINT and SIGTERM from now until disposed (the process's own signals: call it only for the real console).</summary>
    public void Listen()
    {
        _interrupt ??= PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
        _stop.Dispose();
    }
}
