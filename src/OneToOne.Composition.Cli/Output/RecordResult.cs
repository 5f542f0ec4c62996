using System.Globalization;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Cli.Output;

/// <summary>What became of one input record.</summary>
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

    /// <summary>Gets the subject of a rendered record.</summary>
    public string? Subject { get; private init; }

    /// <summary>Gets the body of a rendered record.</summary>
    public string? Body { get; private init; }

    /// <summary>Gets the culture the record was rendered in (for the HTML <c>lang</c>).</summary>
    public CultureInfo? Culture { get; private init; }

    /// <summary>Gets why a suppressed record is suppressed.</summary>
    public string? Reason { get; private init; }

    /// <summary>Gets why a rejected record was rejected.</summary>
    public string? Error { get; private init; }

    /// <summary>Creates the result of a rendered record.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="id">The recipient id.</param>
    /// <param name="slots">The decided slots.</param>
    /// <param name="message">The rendered message.</param>
    /// <param name="culture">The culture rendered in.</param>
    /// <returns>The result.</returns>
    public static RecordResult Rendered(long number, string? id, IReadOnlyList<SlotDecision> slots, RenderedMessage message, CultureInfo culture) =>
        new(number, id, RecordStatus.Rendered) { Slots = slots, Subject = message.Subject, Body = message.Body, Culture = culture };

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
}
