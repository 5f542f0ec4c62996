using System.Data;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Streams recipients from JSON Lines, CSV, any ADO.NET <see cref="IDataReader"/> or plain objects, one
/// <see cref="RecipientRecord"/> per input record, in input order, never loading the whole input. A record that cannot
/// be read becomes a record with an error naming its line; reading goes on.
/// </summary>
public static class RecipientReader
{
    /// <summary>Reads the records of an input, lazily.</summary>
    /// <param name="reader">The input; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="csvSchema">For CSV, the declared types of some columns (the others are inferred); null to infer all.</param>
    /// <returns>The records; dispose each when done with it (<see cref="BatchRunner"/> does), which releases a JSON record's data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="idField"/> is null.</exception>
    /// <exception cref="RecipientInputException">The input as a whole cannot be read (thrown while enumerating).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is none of <see cref="RecipientFormat"/>'s values.</exception>
    public static IEnumerable<RecipientRecord> Read(TextReader reader, RecipientFormat format, string idField = "id", RecipientSchema? csvSchema = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(idField);
        CheckFormat(format);
        return format == RecipientFormat.Csv
            ? new CsvRecords(warnings => CsvRecipients.Read(reader, idField, csvSchema, warnings))
            : JsonLinesRecipients.Read(reader, idField);
    }

    /// <summary>
    /// Reads the records of a UTF-8 input, lazily. JSON Lines are parsed straight from the bytes, which costs less than
    /// reading them through a <see cref="TextReader"/>; CSV is read through a UTF-8 text reader.
    /// </summary>
    /// <param name="stream">The input, UTF-8 (a byte-order mark is skipped); not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="csvSchema">For CSV, the declared types of some columns (the others are inferred); null to infer all.</param>
    /// <returns>The records; dispose each when done with it (<see cref="BatchRunner"/> does), which releases a JSON record's data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="idField"/> is null.</exception>
    /// <exception cref="RecipientInputException">The input as a whole cannot be read (thrown while enumerating).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is none of <see cref="RecipientFormat"/>'s values.</exception>
    public static IEnumerable<RecipientRecord> Read(Stream stream, RecipientFormat format, string idField = "id", RecipientSchema? csvSchema = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(idField);
        CheckFormat(format);
        return format == RecipientFormat.Csv
            ? new CsvRecords(warnings => ReadCsv(stream, idField, csvSchema, warnings))
            : JsonLinesRecipients.Read(stream, idField);
    }

    /// <summary>Reads the rows of an ADO.NET data reader (one field per column, <c>NULL</c> as null), lazily.</summary>
    /// <param name="reader">An open reader, such as <c>SqliteCommand.ExecuteReader()</c>; not disposed.</param>
    /// <param name="idField">The column that holds each recipient's id.</param>
    /// <returns>The records, numbered by row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="idField"/> is null.</exception>
    /// <exception cref="RecipientInputException">A column has no name, or two have the same (thrown while enumerating).</exception>
    public static IEnumerable<RecipientRecord> Read(IDataReader reader, string idField = "id")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(idField);
        return DataReaderRecipients.Read(reader, idField);
    }

    /// <summary>Reads plain objects (POCOs, records, dictionaries) as recipients, lazily; a property <c>FirstName</c> reads as <c>first_name</c> too.</summary>
    /// <typeparam name="T">The objects' type.</typeparam>
    /// <param name="items">The objects.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records, numbered from 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="idField"/> is null.</exception>
    public static IEnumerable<RecipientRecord> FromObjects<T>(IEnumerable<T> items, string idField = "id")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(idField);
        return ObjectRecipients.Read(items, idField);
    }

    /// <summary>
    /// Reads plain objects from an asynchronous source (an Entity Framework query's <c>AsAsyncEnumerable()</c>, a queue's
    /// reader) as recipients, as they arrive, as <see cref="FromObjects{T}(IEnumerable{T}, string)"/> does: numbered from
    /// 1, and an item that cannot be a recipient (null, text, a dictionary keyed by numbers) is a rejected record, not the
    /// end of the run. The run's cancellation reaches <paramref name="items"/>.
    /// </summary>
    /// <typeparam name="T">The objects' type.</typeparam>
    /// <param name="items">The objects.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records, numbered from 1, for <see cref="BatchRunner.RunAsync(IAsyncEnumerable{RecipientRecord}, IMessageSink, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="idField"/> is null.</exception>
    public static IAsyncEnumerable<RecipientRecord> FromObjectsAsync<T>(IAsyncEnumerable<T> items, string idField = "id")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(idField);
        return ObjectRecipients.ReadAsync(items, idField);
    }

    private static IEnumerable<RecipientRecord> ReadCsv(Stream stream, string idField, RecipientSchema? csvSchema, List<string> warnings)
    {
        using var reader = TextOf(stream);
        foreach (var record in CsvRecipients.Read(reader, idField, csvSchema, warnings))
        {
            yield return record;
        }
    }

    /// <summary>
    /// A text reader over a stream of bytes, UTF-8 unless a byte-order mark says otherwise, taking 64 KB per read (the
    /// stream may have no buffer of its own); the stream stays open. It notes the lines that are not valid UTF-8
    /// (<see cref="Utf8TextReader"/>), which the readers of records reject.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <returns>The reader.</returns>
    internal static TextReader TextOf(Stream stream) => new Utf8TextReader(stream);

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

    /// <summary>Gets whether a file name is a catalog's (<c>.yaml</c> or <c>.yml</c>): given as recipients, it is the catalog in the wrong place.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>Whether it names YAML.</returns>
    internal static bool IsYaml(string path) =>
        Path.GetExtension(path) is var extension && (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase));

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

    private static void CheckFormat(RecipientFormat format)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "The format is none of RecipientFormat.JsonLines and RecipientFormat.Csv.");
        }
    }
}
