using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneToOne.Composition.Cli.Commands;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Writes <c>diff --format json</c>: one JSON document, versioned by its first member <c>"diffVersion"</c>
/// (<see cref="Version"/>), streamed to the output a recipient at a time so a diff of a million recipients is not held
/// in memory. The same versions and recipients give the same bytes: no clock, no paths, members in a fixed order,
/// lists in input order or ordinal order. The tool's README lists the members.
/// </summary>
internal sealed class DiffJsonWriter : IDisposable
{
    /// <summary>The format's version: members may be added within a version; one that changes meaning or goes away raises it.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;

    /// <summary>Initializes a writer.</summary>
    /// <param name="output">Where the document goes.</param>
    public DiffJsonWriter(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Writes the document's head, up to the start of the <c>recipients</c> list.</summary>
    public void Start(Catalog before, Catalog after, IReadOnlyList<string> messages, IReadOnlyList<DiffNotice> notices)
    {
        _json.WriteStartObject();
        _json.WriteNumber("diffVersion", Version);
        WriteCatalog("old", before);
        WriteCatalog("new", after);
        _json.WriteStartArray("messages");
        foreach (var message in messages)
        {
            _json.WriteStringValue(message);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("notices");
        foreach (var notice in notices)
        {
            _json.WriteStartObject();
            _json.WriteString("message", notice.Message);
            _json.WriteString("kind", notice.Kind);
            if (notice.Item is { } item)
            {
                _json.WriteString("itemKind", item.Kind);
                _json.WriteString("item", item.Id);
            }

            _json.WriteString("text", notice.Text);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("recipients");
        Flush();
    }

    /// <summary>Writes one recipient's change of one message.</summary>
    /// <param name="record">The recipient's 1-based record number, as render numbers it (an unreadable record takes its number too).</param>
    /// <param name="id">The recipient's id, or null.</param>
    /// <param name="change">What changes.</param>
    public void Recipient(long record, string? id, MessageChange change)
    {
        _json.WriteStartObject();
        _json.WriteNumber("record", record);
        _json.WriteString("id", id);
        _json.WriteString("message", change.Message);
        _json.WriteString("change", change.Description);
        WriteList("gained", change.Gained);
        WriteList("lost", change.Lost);
        WriteList("textChanged", change.TextChanged);
        WriteList("forms", change.Forms);
        if (change.FirstLine is { } firstLine)
        {
            _json.WriteStartObject("firstLine");
            _json.WriteString("before", firstLine.Before);
            _json.WriteString("after", firstLine.After);
            _json.WriteEndObject();
        }

        WriteOutcome("before", change.Before);
        WriteOutcome("after", change.After);
        _json.WriteEndObject();
        Flush();
    }

    /// <summary>Ends the <c>recipients</c> list and writes the per-module summary and the counts.</summary>
    public void End(DiffModuleSummary summary, int recipients, int changed)
    {
        _json.WriteEndArray();
        _json.WriteStartArray("modules");
        foreach (var (message, module, gained, lost, textChanged) in summary.Rows())
        {
            _json.WriteStartObject();
            _json.WriteString("message", message);
            _json.WriteString("module", module);
            _json.WriteNumber("gained", gained);
            _json.WriteNumber("lost", lost);
            _json.WriteNumber("textChanged", textChanged);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteNumber("recipientCount", recipients);
        _json.WriteNumber("changed", changed);
        _json.WriteEndObject();
        Flush();
        _output.Write('\n');
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();

    private void WriteCatalog(string name, Catalog catalog)
    {
        _json.WriteStartObject(name);
        _json.WriteString("catalog", catalog.Id);
        _json.WriteString("sha256", catalog.SourceHash);
        _json.WriteEndObject();
    }

    private void WriteOutcome(string name, DiffOutcome outcome)
    {
        _json.WriteStartObject(name);
        var decision = outcome.Decision;
        if (decision is null)
        {
            _json.WriteString("status", "rejected");
            _json.WriteString("error", outcome.Error);
        }
        else if (decision.IsSuppressed)
        {
            _json.WriteString("status", "suppressed");
            _json.WriteString("reason", decision.SuppressionReason);
        }
        else
        {
            _json.WriteString("status", "sent");
            _json.WriteString("channel", decision.Channel);
            _json.WriteString("arms", decision.ArmsText);
            _json.WriteStartObject("slots");
            foreach (var slot in decision.Slots)
            {
                WriteList(slot.SlotId, slot.ModuleIds);
            }

            _json.WriteEndObject();
            _json.WriteString("subject", outcome.Subject);
        }

        _json.WriteEndObject();
    }

    private void WriteList(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    private void Flush()
    {
        _json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
