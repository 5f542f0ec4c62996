using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes one <see cref="BatchResult"/> per line as a JSON object:
/// <c>{"id","status","slots","subject","to","messageId","warnings","body","file","arms","reason","error","stage"}</c> (<c>arms</c>: the experiment arms, <c>exp=arm</c>), null members
/// left out. In the decision-JSON shape (<c>--channel web --format json</c>) each slot is an object,
/// <c>"slots":{"hero":{"modules":["light-beer"],"html":"…"}}</c>, and the HTML is <c>"html"</c> instead of <c>"body"</c>.
/// </summary>
/// <remarks>
/// Strings use <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: non-ASCII text and HTML stay
/// readable, while quotes, backslashes and control characters are still escaped, so every line is valid
/// JSON. The output is data for programs, never embedded into a page as is.
/// </remarks>
internal sealed class RecordJsonWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly bool _decisionJson;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly HashSet<string> _seenSlots = new(StringComparer.Ordinal);
    private readonly RelaxedJsonString _long = new();

    /// <summary>Initializes a writer.</summary>
    /// <param name="decisionJson">Whether to write the decision-JSON shape: slots as objects, the body as <c>html</c>.</param>
    public RecordJsonWriter(bool decisionJson = false)
    {
        _decisionJson = decisionJson;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Serializes one record as UTF-8 JSON, in this writer's shape; valid until the next call.</summary>
    /// <param name="result">The record's result.</param>
    /// <param name="file">The file the record was written to, if any.</param>
    /// <param name="includeBody">Whether to write the rendered body.</param>
    /// <returns>The JSON bytes, without a line break.</returns>
    public ReadOnlyMemory<byte> Serialize(BatchResult result, string? file, bool includeBody)
    {
        ArgumentNullException.ThrowIfNull(result);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        WriteIfNotNull("id", result.Id);
        _json.WriteString("status", StatusName(result.Status));
        if (result.Slots is { } slots)
        {
            _json.WriteStartObject("slots");
            var seen = _seenSlots;
            seen.Clear();
            foreach (var slot in slots)
            {
                // A slot placed twice (by two modules) is reported once: JSON object keys must be unique.
                if (!seen.Add(slot.SlotId))
                {
                    continue;
                }

                if (_decisionJson)
                {
                    _json.WriteStartObject(slot.SlotId);
                    _json.WriteStartArray("modules");
                }
                else
                {
                    _json.WriteStartArray(slot.SlotId);
                }

                foreach (var moduleId in slot.ModuleIds)
                {
                    _json.WriteStringValue(moduleId);
                }

                _json.WriteEndArray();
                if (_decisionJson)
                {
                    if (result.Modules is { } modules)
                    {
                        // The slot's HTML: its modules' own output, in order, for a front end that places them itself.
                        var html = new System.Text.StringBuilder();
                        foreach (var module in modules)
                        {
                            if (module.SlotId == slot.SlotId)
                            {
                                html.Append(module.Body);
                            }
                        }

                        _json.WriteString("html", html.ToString());
                    }

                    _json.WriteEndObject();
                }
            }

            _json.WriteEndObject();
        }

        WriteIfNotNull("subject", result.Subject);
        if (result.Email is { } email)
        {
            var to = email.Message.To.Mailboxes.FirstOrDefault();
            WriteIfNotNull("to", to?.Address);
            WriteIfNotNull("messageId", email.Message.MessageId);
            _json.WriteStartArray("warnings");
            foreach (var warning in email.Warnings)
            {
                _json.WriteStringValue(warning);
            }

            _json.WriteEndArray();
        }

        if (includeBody && result.Body is { } body)
        {
            WriteLongString(_decisionJson ? "html" : "body", body);
        }

        WriteIfNotNull("file", file);
        WriteIfNotNull("arms", result.Decision?.ArmsText);
        WriteIfNotNull("reason", result.Reason);
        WriteIfNotNull("error", result.Error);
        WriteIfNotNull("stage", result.Stage is { } stage ? StageName(stage) : null);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    /// <summary>Gets the name a status has in the output.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>rendered</c>, <c>suppressed</c> or <c>rejected</c>.</returns>
    public static string StatusName(BatchStatus status) => status switch
    {
        BatchStatus.Rendered => "rendered",
        BatchStatus.Suppressed => "suppressed",
        _ => "rejected",
    };

    /// <summary>Gets the name a reject stage has in the output.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><c>read</c>, <c>decide</c>, <c>render</c> or <c>write</c>.</returns>
    public static string StageName(RejectStage stage) => stage switch
    {
        RejectStage.Read => "read",
        RejectStage.Decide => "decide",
        RejectStage.Render => "render",
        _ => "write",
    };

    private void WriteLongString(string name, string value)
    {
        if (_long.TryEscape(value, out var escaped))
        {
            _json.WritePropertyName(name);
            _json.WriteRawValue(escaped, skipInputValidation: true);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteIfNotNull(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }
}
