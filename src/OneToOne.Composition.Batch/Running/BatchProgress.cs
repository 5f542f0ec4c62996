namespace OneToOne.Composition.Batch;

/// <summary>A snapshot of a running batch, reported to <see cref="BatchOptions.Progress"/> about every <see cref="BatchOptions.ProgressInterval"/>.</summary>
/// <param name="Done">The records written so far (including those of an earlier, resumed run).</param>
/// <param name="Rendered">The records rendered so far.</param>
/// <param name="Suppressed">The records suppressed so far.</param>
/// <param name="Rejected">The records rejected so far.</param>
/// <param name="Elapsed">The time since this run started.</param>
/// <param name="RecordsPerSecond">The rate of this run so far.</param>
/// <param name="Total">The records the input holds (this shard's share is not known in advance), when known from <see cref="BatchOptions.TotalRecords"/>.</param>
public readonly record struct BatchProgress(long Done, long Rendered, long Suppressed, long Rejected, TimeSpan Elapsed, double RecordsPerSecond, long? Total)
{
    /// <summary>Gets the estimated time left, when the total is known and the rate is positive.</summary>
    public TimeSpan? Remaining => Total is { } total && RecordsPerSecond > 0 && total >= Done
        ? TimeSpan.FromSeconds((total - Done) / RecordsPerSecond)
        : null;
}
