namespace OneToOne.Composition.Email;

/// <summary>
/// Thrown when a rendered message cannot become an email for one recipient: no address, no From, or an
/// address that does not parse. Names the recipient and the message; other recipients are unaffected, so a
/// batch turns this into a rejected record. The exception's message is one line: control and bidirectional formatting
/// characters it quotes from the data are written as escapes (<c>\n</c>, <c>\u001B</c>).
/// </summary>
public sealed class EmailException : Exception
{
    internal EmailException(string? recipientId, string messageId, string problem)
        : base(OneLineText.Escape($"Recipient '{recipientId ?? "(no id)"}', message '{messageId}': {problem}"))
    {
        RecipientId = recipientId;
        MessageId = messageId;
        Problem = problem;
    }

    /// <summary>Gets the recipient's id, or null when it has none.</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the message being composed.</summary>
    public string MessageId { get; }

    /// <summary>Gets the problem alone, without the recipient prefix.</summary>
    public string Problem { get; }
}
