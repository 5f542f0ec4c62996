namespace OneToOne.Composition.Batch;

/// <summary>
/// Thrown by an <see cref="IMessageSink"/> that cannot take one record (a bad address for an SMTP sender, a merged PDF
/// that cannot lay the record out): the batch rejects that record at <see cref="RejectStage.Write"/> with this message
/// and goes on. Any other exception from a sink stops the run.
/// </summary>
public sealed class MessageRejectedException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public MessageRejectedException()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">Why the record is refused, naming the recipient and how to fix it.</param>
    public MessageRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">Why the record is refused.</param>
    /// <param name="innerException">The cause.</param>
    public MessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
