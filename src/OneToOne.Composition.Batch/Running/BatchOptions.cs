namespace OneToOne.Composition.Batch;

/// <summary>How a <see cref="BatchRunner"/> runs: parallelism, memory bound, reject limit, shard, checkpoint, observer and progress.</summary>
public sealed record BatchOptions
{
    /// <summary>
    /// Gets the default options: one worker per core, no reject limit, no shard, no checkpoint. Each call gives an instance
    /// of its own (read it once per run): the configuration binder sets init-only properties through reflection, and
    /// <c>configuration.Bind(BatchOptions.Default)</c> rewrote one shared instance for every runner in the process.
    /// </summary>
    public static BatchOptions Default => new();

    /// <summary>Gets how many records are decided and rendered at once, 1 to 4096; default <see cref="Environment.ProcessorCount"/>. The output is the same for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Gets how many records may be read ahead of the one being written (the memory bound): reading waits when this many
    /// are in flight. Default: 64 per worker. A slow record holds back the output of the ones after it, never more than this.
    /// </summary>
    public int? MaxInFlight { get; init; }

    /// <summary>Gets when the run stops as clearly broken, or null to never stop for rejects.</summary>
    public RejectLimit? RejectLimit { get; init; }

    /// <summary>Gets the shard of the input this run processes, or null for all of it.</summary>
    public Shard? Shard { get; init; }

    /// <summary>Gets the checkpoint that records each record's outcome for resuming after a crash, or null. The runner does not dispose it.</summary>
    public BatchCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// Gets whether each checkpoint commit waits until the output it records is on the disk, so that the checkpoint
    /// survives a power loss or a machine crash, not only the process being killed; default false. Without it, a file the
    /// operating system had not yet written when the machine went down can be empty or missing while the checkpoint
    /// counts its record done, and a resumed run skips it. Costs one file-system sync (Linux's <c>syncfs</c>) per commit,
    /// that is per <see cref="BatchCheckpoint.CommitEvery"/> records or second: the run writes at the disk's pace rather
    /// than the page cache's. Needs a <see cref="Checkpoint"/> and Linux; the sinks it syncs are those a checkpoint
    /// resumes (<see cref="DirectorySink"/>, <see cref="RejectsSink"/>, and those in a <see cref="CompositeMessageSink"/>).
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Gets the observer called after each record is written (such as a contact history), or null.</summary>
    public IBatchObserver? Observer { get; init; }

    /// <summary>Gets where progress snapshots go, or null.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }

    /// <summary>Gets how often progress is reported; default one second.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the number of records in the input when known (for progress and its ETA), or null.</summary>
    public long? TotalRecords { get; init; }

    /// <summary>Gets the fields every recipient must have, with their types, or null: a record that does not fit is rejected at <see cref="RejectStage.Read"/>.</summary>
    public RecipientSchema? Schema { get; init; }

    /// <summary>
    /// Gets the factory of the meter the run's metrics go to (<see cref="Diagnostics.CompositionTelemetry.BatchMeterName"/>),
    /// such as the <see cref="System.Diagnostics.Metrics.IMeterFactory"/> of a host's container, or null for a meter of the
    /// process's own. Either way nothing is measured while nothing listens.
    /// </summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>Gets the time source for durations and rates; default <see cref="TimeProvider.System"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider { get; init => field = value ?? throw new ArgumentNullException(nameof(TimeProvider), "BatchOptions.TimeProvider cannot be null; leave it out for TimeProvider.System."); } = TimeProvider.System;
}
