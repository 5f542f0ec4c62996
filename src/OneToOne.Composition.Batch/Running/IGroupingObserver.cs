namespace OneToOne.Composition.Batch;

/// <summary>
/// An observer that holds what it observes and stores it in groups (a contact history: one transaction for many
/// contacts instead of one each). The runner has it store its group before the checkpoint records those records as done
/// (so a resumed run never skips a record whose contact was not stored), at the checkpoint's cadence when the run has
/// none (every <see cref="BatchCheckpoint.CommitEvery"/> records or second), and when the run ends, however it ends.
/// </summary>
internal interface IGroupingObserver
{
    /// <summary>Stores what was observed since the last call. When it throws, what it held is kept, to be stored by the next call.</summary>
    void Flush();
}
