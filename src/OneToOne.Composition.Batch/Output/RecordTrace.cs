using System.Text.Json;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The trace a traced run (the tool's <c>render --trace</c>) writes on a record's line: the decision's own, with the
/// record's number (<see cref="Decision.ToTraceJson(long)"/>), or, for a record that was never decided (not read, refused by the schema or its
/// id, a duplicate id, or rejected while deciding), a trace that says so, so every record of the run has one.
/// </summary>
/// <remarks>
/// Every trace carries the record's 1-based <c>record</c> number (<see cref="BatchResult.Number"/>, the rejects file's
/// <c>number</c>): an id can repeat across files or be missing, and the number still ties the trace to its input line.
/// The undecided trace is trace version 1 too (<c>schema/trace.schema.json</c>, <c>$defs/undecided</c>): the same first
/// member and <c>catalog</c> and <c>message</c>, then <c>recipient</c> (null when unknown), the record's 1-based
/// <c>record</c> number, and <c>undecided</c>: <c>{"status":"rejected","stage","error"}</c> or
/// <c>{"status":"suppressed","reason"}</c>; a reader tells the two shapes apart by <c>undecided</c>.
/// </remarks>
/// <param name="catalog">The run's catalog.</param>
/// <param name="messageId">The run's message.</param>
internal sealed class RecordTrace(Catalog catalog, string messageId)
{
    /// <summary>Writes the record's trace as the current member's value.</summary>
    /// <param name="json">The writer, after the member's name.</param>
    /// <param name="result">The record.</param>
    public void Write(Utf8JsonWriter json, BatchResult result)
    {
        if (result.Decision is { } decision)
        {
            // Written after rendering, so a segment or an arm only a template reads is in it; it is JSON the decision wrote.
            json.WriteRawValue(decision.ToTraceJson(result.Number), skipInputValidation: true);
            return;
        }

        json.WriteStartObject();
        json.WriteNumber("traceVersion", Decision.TraceJsonVersion);
        json.WriteStartObject("catalog");
        json.WriteString("id", catalog.Id);
        json.WriteString("sha256", catalog.SourceHash);
        json.WriteEndObject();
        json.WriteString("message", messageId);
        json.WriteString("recipient", result.Id);
        json.WriteNumber("record", result.Number);
        json.WriteStartObject("undecided");
        json.WriteString("status", RecordJsonWriter.StatusName(result.Status));
        if (result.Status == BatchStatus.Rejected)
        {
            json.WriteString("stage", RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
            json.WriteString("error", result.Error);
        }
        else
        {
            json.WriteString("reason", result.Reason);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
