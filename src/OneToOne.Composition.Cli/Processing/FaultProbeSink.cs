namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// The sink <c>render</c> puts first when a test sets <see cref="CliConsole.FaultProbe"/>: it calls the probe with
/// <c>write</c> and each record's number as the run writes it (with <c>complete</c> and 0 when the run completes its sinks, and <c>flush</c> and 0 when it flushes them before a checkpoint commit), so a test's probe can throw as a sink with a bug would.
/// </summary>
/// <param name="probe">The test's probe.</param>
internal sealed class FaultProbeSink(Action<string, long> probe) : IMessageSink
{
    /// <inheritdoc/>
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        probe("write", result.Number);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Calls the probe with <c>complete</c> and 0: after the last record, there is none to name.</remarks>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        probe("complete", 0);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Calls the probe with <c>flush</c> and 0, so a test can fail a checkpoint's commit as a full disk would.</remarks>
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        probe("flush", 0);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
