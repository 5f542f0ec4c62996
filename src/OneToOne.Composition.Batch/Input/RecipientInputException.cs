namespace OneToOne.Composition.Batch;

/// <summary>The recipient input as a whole cannot be read (no such file, an unusable CSV header).</summary>
public sealed class RecipientInputException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public RecipientInputException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public RecipientInputException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public RecipientInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
