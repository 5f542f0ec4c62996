using System.Globalization;
using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// Reads the one recipient <c>explain</c> is given: inline JSON or a <c>.json</c> file (a recipients file, <c>.jsonl</c>
/// or <c>.csv</c>, and a record by id or number, are read by <see cref="RecipientLookup"/>, as a render reads them).
/// </summary>
internal static class InlineRecipient
{
    /// <summary>Reads the recipient argument.</summary>
    /// <param name="value">An inline JSON object (starts with <c>{</c>), or a file path.</param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <returns>The recipient, read as a render reads a JSON Lines record.</returns>
    /// <exception cref="RecipientInputException">The file does not exist or is YAML, or the JSON is not a valid object or has a key twice.</exception>
    public static Recipient Parse(string value, string idField)
    {
        ArgumentNullException.ThrowIfNull(value);
        string json;
        string source;
        if (value.TrimStart().StartsWith('{'))
        {
            json = value;
            source = "the inline recipient";
        }
        else if (File.Exists(value) && RecipientReader.IsYaml(value))
        {
            throw new RecipientInputException($"--recipient '{value}' is a YAML file (a catalog?), not a recipient: give inline JSON such as '{{\"id\":\"c1\",\"first_name\":\"Ada\"}}', a .json file, or a .jsonl file (its first record), and the catalog as the first argument.");
        }
        else if (File.Exists(value))
        {
            json = File.ReadAllText(value);
            source = $"'{value}'";
        }
        else if (Directory.Exists(value))
        {
            // It exists, so "neither … nor an existing file" sent the operator looking for a typo in the path.
            throw new RecipientInputException($"--recipient '{value}' is a folder, not a recipient. Give the recipients file in it (a .jsonl or .csv file, with --id or --record to pick one), a .json file, or inline JSON such as '{{\"id\":\"c1\",\"first_name\":\"Ada\"}}'.");
        }
        else
        {
            throw new RecipientInputException($"--recipient '{value}' is neither a JSON object nor an existing file. Give inline JSON such as '{{\"id\":\"c1\",\"first_name\":\"Ada\"}}', or a .json or .jsonl file.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"{source} is not valid JSON{Where(json, ex)}: {Reason(ex)} Fix the JSON: one object, such as {{\"id\":\"c1\",\"first_name\":\"Ada\"}}, with names and text in double quotes and no comments or trailing commas."), ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RecipientInputException($"{source} must be a JSON object, but it is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }
        }

        try
        {
            // Read as a render reads a record, so what a render refuses (a key twice) is refused here too.
            return new RecipientJsonParser(idField).Parse(System.Text.Encoding.UTF8.GetBytes(json));
        }
        catch (FormatException ex)
        {
            throw new RecipientInputException($"{source} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>" at line L, column C" (1-based, in characters) from the reader's 0-based line and byte position, or empty without them.</summary>
    private static string Where(string json, JsonException ex)
    {
        if (ex.LineNumber is not { } line || ex.BytePositionInLine is not { } bytes)
        {
            return string.Empty;
        }

        var text = json.Split('\n') is var lines && line < lines.Length ? lines[line] : string.Empty;
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var column = System.Text.Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
        return string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {column}");
    }

    /// <summary>
    /// The reader's message without its own position (" LineNumber: 0 | BytePositionInLine: 28."), which counts from 0
    /// and in bytes, and without its advice to change the reader options, which only a programmer could follow.
    /// </summary>
    private static string Reason(JsonException ex)
    {
        var at = ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? ex.Message : ex.Message[..at])
            .Replace(" which is not supported in this mode", string.Empty, StringComparison.Ordinal)
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);
    }
}
