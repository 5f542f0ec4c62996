using System.Globalization;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Cli.Output;

/// <summary>What became of one input record, with the rendered output of a rendered record.</summary>
internal sealed class RecordResult
{
    private RecordResult(long number, string? id, RecordStatus status)
    {
        Number = number;
        Id = id;
        Status = status;
    }

    /// <summary>Gets the 1-based number of the record in the input.</summary>
    public long Number { get; }

    /// <summary>Gets the recipient's id, or null when the record has none (or could not be read).</summary>
    public string? Id { get; }

    /// <summary>Gets how the record ended.</summary>
    public RecordStatus Status { get; }

    /// <summary>Gets the decided slots of a rendered record.</summary>
    public IReadOnlyList<SlotDecision>? Slots { get; private init; }

    /// <summary>Gets each chosen module's own output (web decision JSON), or null.</summary>
    public IReadOnlyList<RenderedModule>? Modules { get; private init; }

    /// <summary>Gets the subject of a rendered record.</summary>
    public string? Subject { get; private init; }

    /// <summary>Gets the text or HTML body of a record rendered for text or web; null for email and print.</summary>
    public string? Body { get; private init; }

    /// <summary>Gets whether <see cref="Body"/> is a whole HTML document (a <c>web: layout</c> page), not a fragment to wrap.</summary>
    public bool BodyIsDocument { get; private init; }

    /// <summary>Gets the composed email of a record rendered for email.</summary>
    public EmailResult? Email { get; private init; }

    /// <summary>Gets the print rendering (Markdown for the PDF layout) of a record rendered for print.</summary>
    public PrintContent? PrintMessage { get; private init; }

    /// <summary>Gets the record's own PDF, when one PDF per record is written.</summary>
    public ReadOnlyMemory<byte>? Pdf { get; private init; }

    /// <summary>Gets the culture the record was rendered in (for the HTML <c>lang</c>).</summary>
    public CultureInfo? Culture { get; private init; }

    /// <summary>Gets why a suppressed record is suppressed.</summary>
    public string? Reason { get; private init; }

    /// <summary>Gets why a rejected record was rejected.</summary>
    public string? Error { get; private init; }

    /// <summary>Creates the result of a record rendered as text or web HTML.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id.</param>
    /// <param name="slots">The decided slots.</param>
    /// <param name="message">The rendered message.</param>
    /// <param name="culture">The culture rendered in.</param>
    /// <param name="page">The whole HTML page that replaces the message's fragment as the body, or null.</param>
    /// <param name="modules">Each chosen module's own output, for the decision-JSON shape, or null.</param>
    /// <returns>The result.</returns>
    public static RecordResult Rendered(long number, string? id, IReadOnlyList<SlotDecision> slots, RenderedMessage message, CultureInfo culture, string? page = null, IReadOnlyList<RenderedModule>? modules = null) =>
        new(number, id, RecordStatus.Rendered)
        {
            Slots = slots,
            Modules = modules,
            Subject = message.Subject,
            Body = page ?? message.Body,
            BodyIsDocument = page is not null,
            Culture = culture,
        };

    /// <summary>Creates the result of a record composed as an email.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id.</param>
    /// <param name="slots">The decided slots.</param>
    /// <param name="email">The composed email.</param>
    /// <param name="culture">The culture rendered in.</param>
    /// <returns>The result.</returns>
    public static RecordResult Emailed(long number, string? id, IReadOnlyList<SlotDecision> slots, EmailResult email, CultureInfo culture) =>
        new(number, id, RecordStatus.Rendered) { Slots = slots, Subject = email.Message.Subject, Email = email, Culture = culture };

    /// <summary>Creates the result of a record rendered for print.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id.</param>
    /// <param name="slots">The decided slots.</param>
    /// <param name="message">The print rendering.</param>
    /// <param name="pdf">The record's own PDF, or null when none is written.</param>
    /// <param name="culture">The culture rendered in.</param>
    /// <returns>The result.</returns>
    public static RecordResult Printed(long number, string? id, IReadOnlyList<SlotDecision> slots, PrintContent message, byte[]? pdf, CultureInfo culture) =>
        new(number, id, RecordStatus.Rendered) { Slots = slots, Subject = message.Subject, PrintMessage = message, Pdf = pdf, Culture = culture };

    /// <summary>Creates the result of a suppressed record.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id.</param>
    /// <param name="reason">Why it is suppressed.</param>
    /// <returns>The result.</returns>
    public static RecordResult Suppressed(long number, string? id, string reason) =>
        new(number, id, RecordStatus.Suppressed) { Reason = reason };

    /// <summary>Creates the result of a rejected record.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id, when known.</param>
    /// <param name="error">Why it was rejected.</param>
    /// <returns>The result.</returns>
    public static RecordResult Rejected(long number, string? id, string error) =>
        new(number, id, RecordStatus.Rejected) { Error = error };

    /// <summary>Rejects this record after all, dropping its output: a later stage (the merged PDF) could not take it.</summary>
    /// <param name="error">Why.</param>
    /// <returns>The rejected result.</returns>
    public RecordResult Reject(string error) => Rejected(Number, Id, error);
}
