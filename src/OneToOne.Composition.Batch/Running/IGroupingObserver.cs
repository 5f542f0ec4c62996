namespace OneToOne.Composition.Batch;

/// <summary>
/// An observer that holds what it observes and stores it in groups (a contact history: one transaction for many
/// contacts instead of one each). The runner has it store its group before the checkpoint records those records as done
/// (so a resumed run never skips a record whose contact was not stored), at the checkpoint's cadence when the run has
/// none (every <see cref="BatchCheckpoint.CommitEvery"/> records or second), and when the run ends, however it ends.
/// It holds only while a run holds it (<see cref="Hold"/> to <see cref="Release"/>); observed any other way (through an
/// observer of the caller's own, which the runner does not see through), it stores at once.
/// </summary>
internal interface IGroupingObserver
{
    /// <summary>A run starts that will have it store its groups: it holds what it observes until <see cref="Flush"/>.</summary>
    void Hold();

    /// <summary>The run has ended (after its last <see cref="Flush"/>, which may have failed).</summary>
    void Release();

    /// <summary>Stores what was observed since the last call. When it throws, what it held is kept, to be stored by the next call.</summary>
    void Flush();
}
