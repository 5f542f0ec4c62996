using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Writes one <see cref="RecordResult"/> per line as a JSON object:
/// <c>{"id","status","slots","subject","body","file","reason","error"}</c>, null members left out.
/// </summary>
/// <remarks>
/// Strings use <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: non-ASCII text and HTML stay
/// readable, while quotes, backslashes and control characters are still escaped, so every line is valid
/// JSON. The output is data for programs, never embedded into a page as is.
/// </remarks>
internal sealed class RecordJsonWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _output;
    private readonly bool _includeBody;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    /// <summary>Initializes a writer.</summary>
    /// <param name="output">The output, one line per record; not disposed.</param>
    /// <param name="includeBody">Whether to write the rendered body.</param>
    public RecordJsonWriter(TextWriter output, bool includeBody)
    {
        _output = output;
        _includeBody = includeBody;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Writes one record as one line.</summary>
    /// <param name="result">The record's result.</param>
    /// <param name="file">The file the record was written to, relative to the output folder, if any.</param>
    public void Write(RecordResult result, string? file = null)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        WriteIfNotNull("id", result.Id);
        _json.WriteString("status", StatusName(result.Status));
        if (result.Slots is { } slots)
        {
            _json.WriteStartObject("slots");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slot in slots)
            {
                // A slot placed twice (by two modules) is reported once: JSON object keys must be unique.
                if (!seen.Add(slot.SlotId))
                {
                    continue;
                }

                _json.WriteStartArray(slot.SlotId);
                foreach (var moduleId in slot.ModuleIds)
                {
                    _json.WriteStringValue(moduleId);
                }

                _json.WriteEndArray();
            }

            _json.WriteEndObject();
        }

        WriteIfNotNull("subject", result.Subject);
        if (_includeBody)
        {
            WriteIfNotNull("body", result.Body);
        }

        WriteIfNotNull("file", file);
        WriteIfNotNull("reason", result.Reason);
        WriteIfNotNull("error", result.Error);
        _json.WriteEndObject();
        _json.Flush();

        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _output.Write('\n');
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    /// <summary>Gets the name a status has in the output.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>rendered</c>, <c>suppressed</c> or <c>rejected</c>.</returns>
    public static string StatusName(RecordStatus status) => status switch
    {
        RecordStatus.Rendered => "rendered",
        RecordStatus.Suppressed => "suppressed",
        _ => "rejected",
    };

    private void WriteIfNotNull(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }
}
