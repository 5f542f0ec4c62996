using System.Buffers;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>An opened recipient input, a file or standard input, with its format decided.</summary>
public sealed class RecipientInput : IDisposable
{
    /// <summary>How many bytes of a file are looked at, at most, to tell JSON Lines from CSV without a text reader.</summary>
    private const int SniffChunk = 4096;

    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r\n\f\v"u8);

    // A UTF-8 JSON Lines file is read as bytes (RecipientReader.Read(Stream, ...)); anything else through a text reader.
    private readonly Stream? _file;
    private readonly bool _bytes;
    private TextReader? _reader;

    private RecipientInput(TextReader? reader, RecipientFormat format, Stream? file, bool bytes)
    {
        _reader = reader;
        Format = format;
        _file = file;
        _bytes = bytes;
    }

    /// <summary>Gets a reader positioned at the start of the input; use either it or <see cref="Read"/>, not both.</summary>
    public TextReader Reader => _reader ??= new StreamReader(_file!, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);

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
            return new RecipientInput(rewound, sniffed, file: null, bytes: false);
        }

        if (!File.Exists(path))
        {
            throw new RecipientInputException($"the recipients file '{path}' does not exist. Give a .jsonl or .csv file, or - for standard input.");
        }

        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0), path);
    }

    /// <summary>Opens an input over <paramref name="file"/> (a file or a pipe), the format from <paramref name="path"/>'s extension or sniffed.</summary>
    /// <param name="file">The input's bytes; disposed with the input.</param>
    /// <param name="path">The name the format may come from.</param>
    /// <returns>The opened input.</returns>
    internal static RecipientInput Open(Stream file, string path)
    {
        try
        {
            if (RecipientReader.FormatFromExtension(path) is { } format)
            {
                if (format != RecipientFormat.JsonLines)
                {
                    return new RecipientInput(null, format, file, bytes: false);
                }

                if (file.CanSeek)
                {
                    return new RecipientInput(null, format, file, bytes: IsUtf8(file));
                }

                // A pipe cannot be rewound: its first bytes are looked at for a byte-order mark, then given back ahead of the rest.
                var head = new byte[4];
                var count = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                var prefixed = new PrefixedStream(head.AsMemory(0, count), file);
                return new RecipientInput(null, format, prefixed, bytes: IsUtf8(head.AsSpan(0, count)));
            }

            if (file.CanSeek && IsUtf8(file))
            {
                var detected = SniffBytes(file);
                return new RecipientInput(null, detected, file, bytes: detected == RecipientFormat.JsonLines);
            }

            // A pipe cannot be rewound: its first characters are sniffed through a reader that gives them back.
            var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var sniffedFormat = RecipientReader.Sniff(reader, out var rewoundReader);
            return new RecipientInput(rewoundReader, sniffedFormat, file, bytes: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the input's records, lazily, the fastest way the input allows (a UTF-8 JSON Lines file as bytes); the input is read once.</summary>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="csvSchema">For CSV, the declared types of some columns (the others are inferred); null to infer all.</param>
    /// <returns>The records; dispose each when done with it (<see cref="BatchRunner"/> does).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idField"/> is null.</exception>
    public IEnumerable<RecipientRecord> Read(string idField = "id", RecipientSchema? csvSchema = null) =>
        _bytes && _reader is null
            ? RecipientReader.Read(_file!, Format, idField, csvSchema)
            : RecipientReader.Read(Reader, Format, idField, csvSchema);

    /// <inheritdoc />
    public void Dispose()
    {
        _reader?.Dispose();
        _file?.Dispose();
    }

    /// <summary>Whether a rewindable file is UTF-8 (see <see cref="IsUtf8(ReadOnlySpan{byte})"/>); it is rewound.</summary>
    private static bool IsUtf8(Stream file)
    {
        Span<byte> start = stackalloc byte[4];
        var count = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return IsUtf8(start[..count]);
    }

    /// <summary>Whether input starting with <paramref name="head"/> is UTF-8: it has no byte-order mark of another encoding (a text reader reads those).</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> head) =>
        !(head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]));

    /// <summary>Decides the format of a rewindable UTF-8 file from its first non-blank byte, as <see cref="RecipientReader.Sniff"/> does from the first character, and rewinds it.</summary>
    private static RecipientFormat SniffBytes(Stream file)
    {
        var buffer = new byte[SniffChunk];
        var format = RecipientFormat.Csv;
        int read;
        var first = true;
        while ((read = file.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            if (first && chunk.StartsWith(Encoding.UTF8.Preamble))
            {
                chunk = chunk[Encoding.UTF8.Preamble.Length..];
            }

            first = false;
            var at = chunk.IndexOfAnyExcept(Blank);
            if (at >= 0)
            {
                format = chunk[at] == (byte)'{' ? RecipientFormat.JsonLines : RecipientFormat.Csv;
                break;
            }
        }

        file.Position = 0;
        return format;
    }
}
