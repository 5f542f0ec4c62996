namespace OneToOne.Composition.Batch;

/// <summary>What <see cref="BatchCheckpoint.Open(string, string, TimeProvider, CheckpointReuse)"/> does with a checkpoint another run made.</summary>
public enum CheckpointReuse
{
    /// <summary>Refuse it: a checkpoint carries on only the run that made it (the default).</summary>
    ResumeOnly,

    /// <summary>
    /// Empty it and begin this run in it when its run finished (last night's, its paths reused by tonight's job); one
    /// whose run did not finish is refused all the same, as that run is to be resumed, not lost.
    /// </summary>
    ReplaceFinished,
}
