namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// Streams recipients from JSON Lines or CSV, one <see cref="RecipientRecord"/> per input record, in input
/// order. A record that cannot be read becomes a record with an error naming its line; reading goes on.
/// </summary>
internal static class RecipientReader
{
    /// <summary>Reads the records of an input, lazily.</summary>
    /// <param name="reader">The input; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records. Use each one before moving to the next: a JSON record's data is released then.</returns>
    /// <exception cref="RecipientInputException">The input as a whole cannot be read (thrown while enumerating).</exception>
    public static IEnumerable<RecipientRecord> Read(TextReader reader, RecipientFormat format, string idField)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(idField);
        return format == RecipientFormat.Csv
            ? CsvRecipients.Read(reader, idField)
            : JsonLinesRecipients.Read(reader, idField);
    }

    /// <summary>Gets the format a file name implies: <c>.jsonl</c>/<c>.ndjson</c> or <c>.csv</c>; null for anything else.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The format, or null when the content must decide.</returns>
    public static RecipientFormat? FormatFromExtension(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return RecipientFormat.JsonLines;
        }

        return extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? RecipientFormat.Csv : null;
    }

    /// <summary>
    /// Decides the format from the content: a first non-blank character <c>{</c> means JSON Lines, anything
    /// else CSV. Consumes only the leading whitespace and that character, and gives them back.
    /// </summary>
    /// <param name="reader">The input, at its start.</param>
    /// <param name="rewound">A reader that yields the whole input, the sniffed characters included; it does not dispose <paramref name="reader"/>.</param>
    /// <returns>The format.</returns>
    public static RecipientFormat Sniff(TextReader reader, out TextReader rewound)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var consumed = new System.Text.StringBuilder();
        var format = RecipientFormat.Csv;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            consumed.Append(c);
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                format = c == '{' ? RecipientFormat.JsonLines : RecipientFormat.Csv;
                break;
            }
        }

        rewound = new PrefixedTextReader(consumed.ToString(), reader);
        return format;
    }
}
