using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>An opened recipient input, a file or standard input, with its format decided.</summary>
public sealed class RecipientInput : IDisposable
{
    private readonly TextReader? _owned;

    private RecipientInput(TextReader reader, RecipientFormat format, TextReader? owned)
    {
        Reader = reader;
        Format = format;
        _owned = owned;
    }

    /// <summary>Gets the reader positioned at the start of the input.</summary>
    public TextReader Reader { get; }

    /// <summary>Gets the input's format.</summary>
    public RecipientFormat Format { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, or standard input for <c>-</c>. The format comes from the extension
    /// (<c>.jsonl</c>, <c>.ndjson</c>, <c>.csv</c>), otherwise from the first non-blank character.
    /// </summary>
    /// <param name="path">The file path, or <c>-</c>.</param>
    /// <param name="stdin">Standard input; never disposed here.</param>
    /// <returns>The opened input.</returns>
    /// <exception cref="RecipientInputException">The file does not exist.</exception>
    public static RecipientInput Open(string path, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stdin);
        if (path == "-")
        {
            var sniffed = RecipientReader.Sniff(stdin, out var rewound);
            return new RecipientInput(rewound, sniffed, owned: null);
        }

        if (!File.Exists(path))
        {
            throw new RecipientInputException($"the recipients file '{path}' does not exist. Give a .jsonl or .csv file, or - for standard input.");
        }

        var file = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (RecipientReader.FormatFromExtension(path) is { } format)
        {
            return new RecipientInput(file, format, file);
        }

        var detected = RecipientReader.Sniff(file, out var reader);
        return new RecipientInput(reader, detected, file);
    }

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}
