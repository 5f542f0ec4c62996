namespace OneToOne.Composition.Print;

/// <summary>
/// A message cannot be printed as asked: a character no configured font has, a font file that cannot be loaded,
/// content that cannot fit a page, or Markdown nested deeper than the Markdown reader follows. In a batch, reject the one record that caused it; nothing of it was written.
/// </summary>
/// <remarks>
/// A failure to print a <see cref="PrintContent"/> (<see cref="PdfRenderer.Render(PrintContent, Stream)"/>,
/// <see cref="PdfBatchWriter.Add(string, PrintContent)"/>) names the recipient and the message:
/// <c>Recipient 'x', message 'y': cannot be printed: problem</c>, on one line (control and bidirectional formatting
/// characters it quotes from the data are written as escapes, <c>\n</c>, <c>\u001B</c>). A
/// <see cref="RenderedMessage"/> carries no recipient, so its failures have <see cref="RecipientId"/> and
/// <see cref="MessageId"/> null and their message is the problem alone. A character no font has is named with where it
/// is: the module and slot whose output holds it (<see cref="PrintContent.ModuleAt(int)"/>), the message's own body text,
/// the address lines, the return address, or the page header or footer.
/// </remarks>
public sealed class PrintException : Exception
{
    // A character's failure in two parts, so that where the character is can go between them.
    private readonly string? _what;
    private readonly string? _fix;

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    public PrintException()
    {
        Problem = Message;
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    /// <param name="message">What went wrong and how to fix it; also the <see cref="Problem"/>.</param>
    public PrintException(string message)
        : base(message)
    {
        Problem = Message;
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    /// <param name="message">What went wrong and how to fix it; also the <see cref="Problem"/>.</param>
    /// <param name="innerException">The cause.</param>
    public PrintException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = Message;
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class for a character no configured font has.</summary>
    /// <param name="what">What went wrong, one or more sentences.</param>
    /// <param name="fix">How to fix it, written after where the character is (<see cref="WithSource(string)"/>).</param>
    /// <param name="codePoint">The Unicode code point that has no glyph.</param>
    internal PrintException(string what, string fix, int codePoint)
        : base($"{what} {fix}")
    {
        Problem = Message;
        CodePoint = codePoint;
        _what = what;
        _fix = fix;
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class for a failure to print one recipient's piece.</summary>
    /// <param name="recipientId">The recipient's id, or null when it has none.</param>
    /// <param name="messageId">The message being printed.</param>
    /// <param name="failure">The failure as raised, without the recipient; its cause stays the cause.</param>
    private PrintException(string? recipientId, string messageId, PrintException failure)
        : base(OneLineText.Escape($"Recipient '{recipientId ?? "(no id)"}', message '{messageId}': cannot be printed: {failure.Problem}"), failure.InnerException)
    {
        RecipientId = recipientId;
        MessageId = messageId;
        Problem = failure.Problem;
        CodePoint = failure.CodePoint;
    }

    /// <summary>Gets the recipient's id, or null when it has none or the failure is not one recipient's (a <see cref="RenderedMessage"/>, a font that cannot be loaded).</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the message being printed, or null when the failure does not name one (a <see cref="RenderedMessage"/>, a font that cannot be loaded).</summary>
    public string? MessageId { get; }

    /// <summary>Gets the problem alone, without the recipient prefix: what went wrong and how to fix it.</summary>
    public string Problem { get; }

    /// <summary>Gets the Unicode code point that no configured font has, or null when the error is of another kind.</summary>
    public int? CodePoint { get; }

    /// <summary>Gets whether a character's failure already says where the character is (<see cref="WithSource(string)"/>).</summary>
    internal bool HasSource { get; private init; }

    /// <summary>Gets the failure for a character no font has, saying where the character is: before how to fix it.</summary>
    /// <param name="source">Where the character is, a sentence: <c>It is in module 'x' (slot 'y').</c></param>
    /// <returns>The failure with the source; this one when it is not a character's or already says where.</returns>
    internal PrintException WithSource(string source) =>
        _what is null || _fix is null || HasSource ? this : new($"{_what} {source}", _fix, CodePoint!.Value) { HasSource = true };

    /// <summary>Gets the failure to print a recipient's piece, naming its recipient and message.</summary>
    /// <param name="content">The piece that could not be printed.</param>
    /// <param name="failure">The failure as raised.</param>
    /// <returns>The failure naming the piece's recipient and message (the same one when it already names them).</returns>
    internal static PrintException For(PrintContent content, PrintException failure) =>
        failure.MessageId is null ? new(content.RecipientId, content.MessageId, failure) : failure;
}
