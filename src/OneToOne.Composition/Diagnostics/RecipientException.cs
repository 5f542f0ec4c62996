namespace OneToOne.Composition.Diagnostics;

/// <summary>
/// Thrown when one recipient cannot be decided or rendered: a missing field, a runtime template error,
/// a safety limit. Names the recipient, the message, the module and the catalog location. Other
/// recipients are unaffected. The exception's message is one line, safe to show in a terminal or a log: control and
/// bidirectional formatting characters it quotes from the data are written as escapes (<c>\n</c>, <c>\u001B</c>).
/// </summary>
public sealed class RecipientException : Exception
{
    internal RecipientException(string? recipientId, string messageId, string? moduleId, SourceLocation? location, string problem, Exception? inner = null)
        : base(Format(recipientId, messageId, moduleId, location, problem), inner)
    {
        RecipientId = recipientId;
        MessageId = messageId;
        ModuleId = moduleId;
        Location = location;
        Problem = problem;
    }

    /// <summary>Gets the recipient's id, or null when it has none.</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the message being decided or rendered.</summary>
    public string MessageId { get; }

    /// <summary>Gets the module being rendered, or null when the problem is in the message itself or a segment.</summary>
    public string? ModuleId { get; }

    /// <summary>Gets where in the catalog the problem arose, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>Gets the problem alone, without the recipient and location prefix.</summary>
    public string Problem { get; }

    private static string Format(string? recipientId, string messageId, string? moduleId, SourceLocation? location, string problem)
    {
        var where = moduleId is null ? $"message '{messageId}'" : $"message '{messageId}', module '{moduleId}'";
        var at = location is { } l ? $" at {l}" : string.Empty;
        return OneLineText.Escape($"Recipient '{recipientId ?? "(no id)"}', {where}{at}: {problem}");
    }
}
