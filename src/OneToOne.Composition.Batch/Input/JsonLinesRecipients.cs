using System.Globalization;
using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>Streams JSON Lines: one JSON object per line; blank lines are skipped.</summary>
internal static class JsonLinesRecipients
{
    /// <summary>Reads the records of JSON Lines input, one line at a time.</summary>
    /// <param name="reader">The input; not disposed.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records; each owns its line's parsed JSON until it is disposed.</returns>
    public static IEnumerable<RecipientRecord> Read(TextReader reader, string idField)
    {
        long lineNumber = 0;
        long recordNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            recordNumber++;
            var document = TryParse(line, lineNumber, out var error);
            if (document is null)
            {
                yield return RecipientRecord.Malformed(recordNumber, lineNumber, error!);
                continue;
            }

            // The recipient reads the JSON in place, so the record owns the document and releases it when disposed.
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                yield return RecipientRecord.Read(recordNumber, lineNumber, Recipient.FromJson(root, idField), document);
            }
            else
            {
                var kind = root.ValueKind.ToString().ToLowerInvariant();
                document.Dispose();
                yield return RecipientRecord.Malformed(recordNumber, lineNumber, string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: a recipient must be a JSON object, but this line holds a JSON {kind}."));
            }
        }
    }

    private static JsonDocument? TryParse(string line, long lineNumber, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: not valid JSON (at byte {(ex.BytePositionInLine ?? 0) + 1} of the line): {WithoutPosition(ex.Message)}");
            return null;
        }
    }

    /// <summary>Removes the " LineNumber: 0 | BytePositionInLine: 12." tail, which counts within the line only and would contradict our line number.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
