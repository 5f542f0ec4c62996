namespace OneToOne.Composition.Batch;

/// <summary>
/// A sink whose output a checkpoint can cut back to what it had recorded, so that a resumed run writes every record
/// exactly once: the runner marks the end of each record it has done, saves the sink's state at the last mark with every
/// checkpoint commit, and restores it before a resumed run.
/// </summary>
internal interface IResumableSink
{
    /// <summary>
    /// Marks the end of the records done so far. What the sink writes after the mark belongs to a record the run has not
    /// done yet: when the run stops before it is done (its observer failed or was cancelled, a sink after this one
    /// failed), the checkpoint does not record it, and a resumed run cuts that output off and writes the record again.
    /// </summary>
    void Mark();

    /// <summary>Gets the state to record (after <see cref="IMessageSink.FlushAsync"/>): the output up to the last <see cref="Mark"/>, such as the length of an append-only file there.</summary>
    /// <returns>The state.</returns>
    string SaveState();

    /// <summary>Prepares the output before the first write: a fresh start for null, otherwise back to the saved state.</summary>
    /// <param name="state">A state from <see cref="SaveState"/>, or null for a run that starts from scratch.</param>
    void Restore(string? state);

    /// <summary>
    /// Forces what was written so far (after <see cref="IMessageSink.FlushAsync"/>) to the disk, for a checkpoint whose
    /// commits must survive a power loss (<see cref="BatchOptions.Durable"/>).
    /// </summary>
    /// <exception cref="IOException">The output could not be written to the disk.</exception>
    void SyncToDisk();
}
