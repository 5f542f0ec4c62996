using System.Globalization;
using System.Text.Json;

namespace OneToOne.Composition.Cli.Input;

/// <summary>Reads the one recipient <c>explain</c> is given: inline JSON, a <c>.json</c> file, or the first record of a <c>.jsonl</c> file.</summary>
internal static class InlineRecipient
{
    /// <summary>Parses the recipient argument.</summary>
    /// <param name="value">An inline JSON object (starts with <c>{</c>), or a file path.</param>
    /// <returns>The parsed JSON object; the caller disposes it.</returns>
    /// <exception cref="RecipientInputException">The file does not exist, or the JSON is not a valid object.</exception>
    public static JsonDocument Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string json;
        string source;
        if (value.TrimStart().StartsWith('{'))
        {
            json = value;
            source = "the inline recipient";
        }
        else if (File.Exists(value))
        {
            json = RecipientReader.FormatFromExtension(value) == RecipientFormat.JsonLines ? FirstRecord(value) : File.ReadAllText(value);
            source = $"'{value}'";
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
            throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"{source} is not valid JSON: {ex.Message}"), ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new RecipientInputException($"{source} must be a JSON object, but it is a JSON {kind.ToString().ToLowerInvariant()}.");
        }

        return document;
    }

    private static string FirstRecord(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line;
            }
        }

        throw new RecipientInputException($"'{path}' has no records.");
    }
}
