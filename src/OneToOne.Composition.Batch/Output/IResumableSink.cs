namespace OneToOne.Composition.Batch;

/// <summary>
/// A sink whose output a checkpoint can cut back to what it had recorded, so that a resumed run writes every record
/// exactly once: the runner saves the sink's state with every checkpoint commit and restores it before a resumed run.
/// </summary>
internal interface IResumableSink
{
    /// <summary>Gets the state to record now (after <see cref="IMessageSink.FlushAsync"/>), such as the length of an append-only file.</summary>
    /// <returns>The state.</returns>
    string SaveState();

    /// <summary>Prepares the output before the first write: a fresh start for null, otherwise back to the saved state.</summary>
    /// <param name="state">A state from <see cref="SaveState"/>, or null for a run that starts from scratch.</param>
    void Restore(string? state);
}
