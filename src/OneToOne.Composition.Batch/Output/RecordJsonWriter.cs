using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Serializes a <see cref="BatchResult"/> as one line's JSON object:
/// <c>{"id","status","slots","subject","to","messageId","warnings","body","file","arms","channel","reason","error","stage"}</c> (<c>arms</c>: the experiment arms, <c>exp=arm</c>;
/// <c>channel</c>: the channel the customer's say routed the message to, which a text run does not check, or for a holdout not sent the one it would have gone on), null members left out. In the decision-JSON shape (<c>--channel web --format json</c>) each slot is an object,
/// <c>"slots":{"hero":{"modules":["light-beer"],"html":"…"}}</c>, and the HTML is <c>"html"</c> instead of <c>"body"</c>.
/// </summary>
/// <remarks>
/// Strings use <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: non-ASCII text and HTML stay
/// readable, while quotes, backslashes and control characters are still escaped, so every line is valid
/// JSON. The output is data for programs, never embedded into a page as is.
/// </remarks>
internal sealed class RecordJsonWriter : IDisposable
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    // The shape is fixed by this class, and its tests parse every line back: the writer need not check each call's structure.
    private static readonly JsonWriterOptions Options = new() { Encoder = Encoder, SkipValidation = true };

    /// <summary>How many slot and module ids a writer keeps encoded: the catalog's are few; a source of fresh strings stops being cached there.</summary>
    private const int MaxEncodedIds = 4096;

    private readonly bool _decisionJson;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly RelaxedJsonString _long = new();

    // Slot and module ids, encoded once per writer; keyed by the very strings a decision holds (the catalog's), so a lookup hashes no text.
    private readonly Dictionary<string, JsonEncodedText> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>Initializes a writer.</summary>
    /// <param name="decisionJson">Whether to write the decision-JSON shape: slots as objects, the body as <c>html</c>.</param>
    public RecordJsonWriter(bool decisionJson = false)
    {
        _decisionJson = decisionJson;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>
    /// Gets or sets what ends each record with <c>"trace"</c>, or null for no trace: the decision's JSON trace
    /// (<see cref="Decisions.Decision.ToTraceJson()"/>), or for a record never decided the trace that says why
    /// (<see cref="RecordTrace"/>): kept with the record, it answers an audit without the run's inputs.
    /// </summary>
    public RecordTrace? Trace { get; set; }

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
        WriteIfNotNull(Names.Id, result.Id);
        _json.WriteString(Names.Status, result.Status switch
        {
            BatchStatus.Rendered => Names.Rendered,
            BatchStatus.Suppressed => Names.Suppressed,
            _ => Names.Rejected,
        });
        if (result.Slots is { } slots)
        {
            // A decision lists each slot once (one placed by two modules is decided once), so the keys are unique.
            _json.WriteStartObject(Names.Slots);
            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                if (!slot.IsWritten && !_decisionJson)
                {
                    // A slot the body places in a branch not taken for this recipient: its modules were decided, not sent.
                    continue;
                }

                if (_decisionJson)
                {
                    _json.WriteStartObject(Encoded(slot.SlotId));
                    _json.WriteStartArray(Names.Modules);
                }
                else
                {
                    _json.WriteStartArray(Encoded(slot.SlotId));
                }

                var moduleIds = slot.ModuleIds;
                for (var m = 0; m < moduleIds.Count; m++)
                {
                    _json.WriteStringValue(Encoded(moduleIds[m]));
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

                        _json.WriteString(Names.Html, html.ToString());
                    }

                    _json.WriteEndObject();
                }
            }

            _json.WriteEndObject();
        }

        WriteIfNotNull(Names.Subject, result.Subject);
        result.Document?.WriteJsonFields(_json);

        if (includeBody && result.HasBody)
        {
            WriteLongString(_decisionJson ? Names.Html : Names.Body, result.BodyText);
        }

        WriteIfNotNull(Names.File, file);
        WriteIfNotNull(Names.Arms, result.Decision?.ArmsText);
        WriteIfNotNull(Names.Channel, result.Decision?.Channel ?? result.Decision?.HeldOutChannel);
        WriteIfNotNull(Names.Reason, result.Reason);
        WriteIfNotNull(Names.Error, result.Error);
        WriteIfNotNull(Names.Stage, result.Stage is { } stage ? StageName(stage) : null);
        if (Trace is { } trace)
        {
            _json.WritePropertyName(Names.Trace);
            trace.Write(_json, result);
        }

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

    private JsonEncodedText Encoded(string id)
    {
        if (_ids.TryGetValue(id, out var encoded))
        {
            return encoded;
        }

        encoded = JsonEncodedText.Encode(id, Encoder);
        if (_ids.Count < MaxEncodedIds)
        {
            _ids.Add(id, encoded);
        }

        return encoded;
    }

    private void WriteLongString(JsonEncodedText name, ReadOnlySpan<char> value)
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

    private void WriteIfNotNull(JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }

    /// <summary>Member names and statuses, escaped and encoded once rather than per record.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = Encode("id"), Status = Encode("status"), Slots = Encode("slots"), Modules = Encode("modules"),
            Html = Encode("html"), Body = Encode("body"), Subject = Encode("subject"),
            File = Encode("file"), Arms = Encode("arms"), Channel = Encode("channel"), Reason = Encode("reason"), Error = Encode("error"),
            Stage = Encode("stage"), Trace = Encode("trace"), Rendered = Encode("rendered"), Suppressed = Encode("suppressed"), Rejected = Encode("rejected");

        private static JsonEncodedText Encode(string name) => JsonEncodedText.Encode(name, Encoder);
    }
}
