namespace OneToOne.Composition.Batch;

/// <summary>A checkpoint cannot be used: it is not a checkpoint database, it belongs to another run, or it cannot record the records written (its disk is full, say).</summary>
public sealed class BatchCheckpointException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public BatchCheckpointException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public BatchCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public BatchCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
