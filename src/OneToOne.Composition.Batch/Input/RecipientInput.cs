namespace OneToOne.Composition.Batch;

/// <summary>An opened recipient input, a file or standard input, with its format decided.</summary>
public sealed class RecipientInput : IDisposable
{
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
    public TextReader Reader => _reader ??= RecipientReader.TextOf(_file!);

    /// <summary>Gets the input's format.</summary>
    public RecipientFormat Format { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, or standard input for <c>-</c>. The format comes from the extension
    /// (<c>.jsonl</c>, <c>.ndjson</c>, <c>.csv</c>), otherwise from the first non-blank character.
    /// </summary>
    /// <param name="path">The file path, or <c>-</c>.</param>
    /// <param name="stdin">Standard input; never disposed here.</param>
    /// <returns>The opened input.</returns>
    /// <exception cref="RecipientInputException">The file does not exist, is a folder, is a YAML file (a catalog given as the recipients), or, its name not saying its format (or it being standard input), is one JSON document (an array of records, or an object over several lines) rather than JSON Lines.</exception>
    public static RecipientInput Open(string path, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stdin);
        if (path == "-")
        {
            // Standard input has no name to say its format, as a customers.json has none: it gets the same look.
            var sniffed = SniffText(stdin, null, out var rewound);
            return new RecipientInput(rewound, sniffed, file: null, bytes: false);
        }

        if (Directory.Exists(path))
        {
            throw new RecipientInputException($"'{path}' is a folder, not a recipients file. Give a .jsonl or .csv file, or - for standard input.");
        }

        if (!File.Exists(path))
        {
            throw new RecipientInputException($"the recipients file '{path}' does not exist. Give a .jsonl or .csv file, or - for standard input.");
        }

        if (RecipientReader.IsYaml(path))
        {
            throw new RecipientInputException($"'{path}' is a YAML file (a catalog?), not a recipients file. Give a .jsonl or .csv file, or - for standard input.");
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
                var detected = SniffRewound(file);
                if (NotJsonLines(file, path) is { } wholeJson)
                {
                    throw new RecipientInputException(wholeJson);
                }

                return new RecipientInput(null, detected, file, bytes: detected == RecipientFormat.JsonLines);
            }

            // A pipe cannot be rewound: its first characters are sniffed through a reader that gives them back.
            var sniffedFormat = SniffText(RecipientReader.TextOf(file), path, out var rewoundReader);
            return new RecipientInput(rewoundReader, sniffedFormat, file, bytes: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Counts the records of a file, for a progress total: its lines that the readers do not skip (less the header of a
    /// CSV file): both formats skip blank lines, white space only. A UTF-8 file is counted on its bytes, any other
    /// encoding through a text reader. A CSV field with line breaks makes it an estimate.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The count, or null when there is no such file, or it is empty or no regular file (a named pipe or <c>&lt;(…)</c>, which a count would empty before the run reads it).</returns>
    internal static long? CountRecords(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }

        // A pipe's size is 0 (as is an empty file's, which has no records to count anyway).
        if (!info.Exists || info.Length == 0)
        {
            return null;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var csv = (RecipientReader.FormatFromExtension(path) ?? SniffRewound(file)) == RecipientFormat.Csv;
        var lines = IsUtf8(file) ? CountUtf8Lines(file) : CountTextLines(file);
        return csv ? Math.Max(0, lines - 1) : lines;
    }

    private static long CountUtf8Lines(Stream file)
    {
        var buffer = new byte[1 << 16];
        long lines = 0;
        var blank = true;
        var first = true;
        var kept = 0;

        // The bytes of the line being counted: a line too long to be a record is a rejected record, white space or not.
        long length = 0;
        while (true)
        {
            var read = file.Read(buffer, kept, buffer.Length - kept);
            var rest = buffer.AsSpan(0, kept + read);
            if (first && rest.StartsWith(System.Text.Encoding.UTF8.Preamble))
            {
                rest = rest[System.Text.Encoding.UTF8.Preamble.Length..];
            }

            // A block that ends inside a character leaves its first bytes for the next one: a line is judged blank on whole
            // characters, as the readers judge it (a U+00A0 cut in two would be two bad bytes, which are not white space).
            first = false;
            kept = read == 0 ? 0 : Unfinished(rest);
            var whole = rest[..^kept];
            while (!whole.IsEmpty)
            {
                // Lines end as the readers end them: \n, \r\n or a lone \r (\r\n ends a line and an empty one, which is blank).
                var end = whole.IndexOfAny((byte)'\r', (byte)'\n');
                var line = end < 0 ? whole : whole[..end];
                blank &= JsonLinesRecipients.IsBlank(line);
                length += line.Length;
                if (end < 0)
                {
                    break;
                }

                lines += blank && length <= RecordLimit.MaxLineBytes ? 0 : 1;
                blank = true;
                length = 0;
                whole = whole[(end + 1)..];
            }

            if (read == 0)
            {
                return lines + (blank && length <= RecordLimit.MaxLineBytes ? 0 : 1);
            }

            rest[^kept..].CopyTo(buffer);
        }
    }

    /// <summary>How many bytes at the end of <paramref name="block"/> begin a UTF-8 character that it does not finish (0 to 3).</summary>
    private static int Unfinished(ReadOnlySpan<byte> block)
    {
        for (var back = 1; back <= Math.Min(3, block.Length); back++)
        {
            var b = block[^back];
            if (b < 0x80)
            {
                return 0;
            }

            if (b >= 0xC0)
            {
                // A lead byte: 110xxxxx begins two bytes, 1110xxxx three, 11110xxx four.
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return length > back ? back : 0;
            }
        }

        return 0;
    }

    private static long CountTextLines(Stream file)
    {
        using var reader = RecipientReader.TextOf(file);
        long lines = 0;
        while (reader.ReadLine() is { } line)
        {
            lines += string.IsNullOrWhiteSpace(line) ? 0 : 1;
        }

        return lines;
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
    private static bool IsUtf8(ReadOnlySpan<byte> head) => !Utf8TextReader.IsOtherUnicode(head);

    /// <summary>
    /// For a file whose name does not say its format (<c>customers.json</c>): why it is one JSON document rather than JSON
    /// Lines or CSV, or null. A JSON array (<c>[{…},{…}]</c>, as most tools export JSON) would otherwise be read as CSV,
    /// each line rejected as malformed, and an object written over several lines as JSON Lines, each line rejected too:
    /// a run of rejects that does not say what is wrong. Looks at the first 4 KB only, and rewinds.
    /// </summary>
    private static string? NotJsonLines(Stream file, string path)
    {
        var head = new char[4096];
        int count;
        using (var reader = RecipientReader.TextOf(file))
        {
            count = reader.ReadBlock(head, 0, head.Length);
        }

        file.Position = 0;
        return NotJsonLines(head.AsSpan(0, count), path);
    }

    /// <summary>
    /// Why input starting with <paramref name="head"/> is one JSON document rather than JSON Lines or CSV, or null
    /// (see <see cref="NotJsonLines(Stream, string)"/>); <paramref name="path"/> is null for standard input.
    /// </summary>
    private static string? NotJsonLines(ReadOnlySpan<char> head, string? path)
    {
        var text = head.TrimStart("\uFEFF \t\r\n");
        var filter = text is ['[', ..] ? "'.[]'" : ".";
        var (what, convert) = path is null
            ? ("Standard input", $"Give one JSON object per line (JSON Lines): put jq -c {filter} in the pipe before it (cat customers.json | jq -c {filter} | onetoone render … -r -).")
            : ($"'{path}'", $"Give one JSON object per line (JSON Lines, a .jsonl file): jq -c {filter} '{path}' > recipients.jsonl converts it.");
        if (text is ['[', ..] && text[1..].TrimStart(" \t\r\n") is ['{', ..] or [']', ..])
        {
            return $"{what} is a JSON array of records ([{{…}}, {{…}}]), not JSON Lines or CSV. {convert}";
        }

        var firstLine = text.IndexOfAny('\r', '\n') is var end and >= 0 ? text[..end] : text;
        return firstLine.TrimEnd(" \t") is "{" ? $"{what} holds a JSON object written over several lines (its first line is '{{' alone), not JSON Lines, which needs each record on one line. {convert}" : null;
    }

    /// <summary>
    /// Decides the format of input that cannot be rewound (standard input, a pipe) as <see cref="RecipientReader.Sniff"/>
    /// does, refusing one JSON document as a file is refused (<see cref="NotJsonLines(ReadOnlySpan{char}, string?)"/>):
    /// `cat customers.json | onetoone render … -r -` had every line of the array rejected as a malformed CSV row. Reads no
    /// more than it must to tell (to the first character after a '[', or to the end of a first line that starts with '{',
    /// 4,096 characters at most), and gives what it read back through <paramref name="rewound"/>.
    /// </summary>
    /// <exception cref="RecipientInputException">The input is one JSON document.</exception>
    private static RecipientFormat SniffText(TextReader reader, string? path, out TextReader rewound)
    {
        var consumed = new System.Text.StringBuilder();
        var first = -1; // the first character that is not blank, once read
        int next;
        while (consumed.Length < 4096 && (next = reader.Read()) >= 0)
        {
            var c = (char)next;
            consumed.Append(c);
            var blank = char.IsWhiteSpace(c) || c == '\uFEFF';
            if (first < 0)
            {
                first = blank ? -1 : c;
                if (first is not (-1 or '[' or '{'))
                {
                    break; // CSV: its first character says so.
                }
            }
            else if ((first == '[' && !blank) || (first == '{' && c is '\r' or '\n'))
            {
                break;
            }
        }

        if (NotJsonLines(consumed.ToString(), path) is { } wholeJson)
        {
            throw new RecipientInputException(wholeJson);
        }

        rewound = new PrefixedTextReader(consumed.ToString(), reader);
        return first == '{' ? RecipientFormat.JsonLines : RecipientFormat.Csv;
    }

    /// <summary>Decides the format of a rewindable file from its first characters (<see cref="RecipientReader.Sniff"/>), and rewinds it.</summary>
    private static RecipientFormat SniffRewound(Stream file)
    {
        using var reader = RecipientReader.TextOf(file);
        var format = RecipientReader.Sniff(reader, out _);
        file.Position = 0;
        return format;
    }
}
