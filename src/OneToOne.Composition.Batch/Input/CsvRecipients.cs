using System.Globalization;
using CsvHelper;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Streams CSV with a header row (RFC 4180): each data row becomes a recipient whose fields are the header's names
/// (trimmed) and whose values are typed by <see cref="CsvValueParser"/>, except the id column, which is text unless a
/// schema declares its type. Fields are separated by commas, or by semicolons, tabs or bars when the header has no comma
/// but one of those (spreadsheets in many locales save "CSV" with semicolons). Lines that are empty or white space only
/// are skipped, as in JSON Lines.
/// </summary>
internal static class CsvRecipients
{
    /// <summary>The separators a header may use: the comma first, then the others in the order a tie is settled.</summary>
    private const string Separators = ",;\t|";

    /// <summary>How much of the input is read looking for the header's end; a longer header is judged by this much of it.</summary>
    private const int MaxHeaderLength = 1 << 20;

    /// <summary>Reads the records of CSV input, a buffer at a time.</summary>
    /// <param name="reader">The input; not disposed.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="schema">The declared types of some columns (others are inferred), or null to infer all.</param>
    /// <param name="warnings">Receives, when the reading ends, what the run's summary should warn of (<see cref="DecimalMarkCheck"/>).</param>
    /// <returns>The records.</returns>
    /// <exception cref="RecipientInputException">The header is unusable (thrown while enumerating).</exception>
    public static IEnumerable<RecipientRecord> Read(TextReader reader, string idField, RecipientSchema? schema = null, List<string>? warnings = null)
    {
        // Malformed quoting is recovered by the reader (it keeps going), but the record may have been
        // split or joined wrongly, so we reject it. The reader reports it by record number (header = 1).
        var malformed = new Dictionary<long, CsvMalformedRecord>();
        var (blankLines, header) = HeaderLine(reader);
        var options = CsvReaderOptions.Default with
        {
            Separator = SeparatorOf(header),
            HasHeader = true,
            TrackLineNumbers = true,

            // A quoted field may run over lines; one that runs on past a record's limit is a quote never closed, most likely.
            MaxRecordSize = RecordLimit.MaxLineBytes,
            FormatProvider = CultureInfo.InvariantCulture,
            OnMalformedRecord = record => malformed[record.RecordNumber] = record,

            // A line of white space only is skipped as an empty line is, as JSON Lines skip it: it is no row of data. A
            // quoted value of white space ("  ") is a row: its quotes are not white space.
            ShouldSkipRecord = static row => JsonLinesRecipients.IsBlank(row.RawRecord),
        };

        using var replayed = new PrefixedTextReader(blankLines + header, reader);
        using var csv = CsvReader.Create(replayed, options, leaveOpen: true);
        var (headers, columns) = ReadHeader(csv, blankLines.Length + 1);

        // A reader that decodes the bytes itself tells which lines were not UTF-8; text decoded elsewhere cannot say.
        var utf8 = Utf8TextReader.Of(reader);
        if (utf8?.TakeError(1, blankLines.Length + LineBreaks(header)) is { } headerError)
        {
            throw new RecipientInputException(headerError.Replace("the line is not valid UTF-8", "the CSV header is not valid UTF-8", StringComparison.Ordinal));
        }

        var types = Array.ConvertAll(headers, h => schema?.TypeOf(h));
        var marks = Array.ConvertAll(headers, h => schema?.DecimalMarkOf(h) ?? '\0');
        var idIndex = Array.IndexOf(headers, idField);

        // Columns read as numbers without a declared decimal mark are watched for '.' as a German thousands group.
        var checks = new DecimalMarkCheck?[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            checks[i] = (types[i] is null && i != idIndex) || (types[i] == FieldType.Number && marks[i] == '\0') ? new DecimalMarkCheck(headers[i]) : null;
        }

        long number = 0;
        try
        {
            while (Next())
            {
                number++;
                var line = csv.LineNumber;
                // A row's lines are counted only when some line is noted as not UTF-8 (every row pays nothing otherwise).
                var notUtf8 = utf8 is { HasErrors: true } ? utf8.TakeError(line, line + LineBreaks(csv.RawRecord)) : null;
                var quotedWrongly = malformed.Remove(csv.RowNumber + 1, out var bad);
                if (notUtf8 is not null)
                {
                    yield return RecipientRecord.Malformed(number, line, notUtf8, Utf8TextReader.SeemingId(Id()));
                    continue;
                }

                if (quotedWrongly)
                {
                    var why = string.Create(CultureInfo.InvariantCulture, $"Line {line}: malformed CSV ({Describe(bad!.Reason)}).");

                    // A quote never closed runs to the end of the input: the file may stop in the middle of the quoted field.
                    // One that took in lines after its own is more likely a quote left open in a whole file, its lines lost
                    // into the field: said so, with how many.
                    var linesAfter = bad.Reason == CsvMalformedReason.UnterminatedQuote ? LineBreaks(csv.RawRecord.TrimEnd("\r\n"u8)) : 0;
                    yield return bad.Reason != CsvMalformedReason.UnterminatedQuote
                        ? RecipientRecord.Malformed(number, line, why, Id())
                        : linesAfter > 0
                        ? RecipientRecord.RunsOn(number, line, why, linesAfter, Id())
                        : RecipientRecord.CutShort(number, line, why, "inside this quoted field", Id());
                    continue;
                }

                if (csv.FieldCount != columns)
                {
                    yield return RecipientRecord.Malformed(number, line, string.Create(CultureInfo.InvariantCulture, $"Line {line}: the row has {csv.FieldCount} fields, but the header has {columns}."), Id());
                    continue;
                }

                if (columns > headers.Length && UnnamedCell(csv, headers.Length, line) is { } unnamed)
                {
                    yield return RecipientRecord.Unfit(number, line, unnamed, Id());
                    continue;
                }

                var fields = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
                string? error = null;
                for (var i = 0; i < headers.Length; i++)
                {
                    var cell = csv.GetString(i);
                    if (i == idIndex && types[i] is null)
                    {
                        // The id is text as written, never inferred: "-0" or "007" or "1.50" names its file and shard as it reads.
                        fields[headers[i]] = string.IsNullOrEmpty(cell) ? null : cell;
                    }
                    else if (types[i] is not { } type)
                    {
                        var value = CsvValueParser.Parse(cell);
                        checks[i]?.Observe(line, cell, value);
                        fields[headers[i]] = value;
                    }
                    else if (RecipientSchema.TryConvert(cell, type, marks[i], out var typed, out var why))
                    {
                        checks[i]?.Observe(line, cell, typed);
                        fields[headers[i]] = typed;
                    }
                    else
                    {
                        var how = why is null ? RecipientSchema.HowWritten(type, marks[i]) : ", " + why + ", or declare the column number(decimal-comma) or number(decimal-point)";
                        error = string.Create(CultureInfo.InvariantCulture, $"Line {line}: column {i + 1} ('{OneLineText.Escape(headers[i])}') is declared {RecipientSchema.Describe(type)}, but '{OneLineText.Escape(Shorten(cell))}' is not one{how}. Fix the value, or declare the column text.");
                        break;
                    }
                }

                yield return error is null
                    ? RecipientRecord.Read(number, line, Recipient.FromDictionary(fields, idField, Id()))
                    : RecipientRecord.Unfit(number, line, error, Id());
            }
        }
        finally
        {
            // Told when the reading ends, also early (a run stopped at its reject limit): judged on the rows read.
            foreach (var check in checks)
            {
                if (check?.Warning() is { } warning)
                {
                    warnings?.Add(warning);
                }
            }
        }

        // A record longer than the limit ends the reading: where the next record starts is not known.
        bool Next()
        {
            try
            {
                return csv.Read();
            }
            catch (CsvFormatException ex)
            {
                // Malformed quoting is recovered (OnMalformedRecord); what the reader throws is a record too large to buffer.
                throw new RecipientInputException(
                    string.Create(CultureInfo.InvariantCulture, $"The record after line {csv.LineNumber} runs on for more than {RecordLimit.MaxLineBytes:N0} bytes (64 MiB), more than a record may be: most likely a quoted field whose closing quote is missing. Close the quote (a quote inside a field is written twice), or shorten the record's values. The records after it are not read."),
                    ex);
            }
        }

        // The id is the cell as written, whatever type a schema gives the field: "007" declared a number is 7 to templates.
        string? Id() => idIndex >= 0 && idIndex < csv.FieldCount && csv.GetString(idIndex) is { Length: > 0 } value ? value : null;
    }

    /// <summary>
    /// Reads the input's first line that is not blank, its line break included (or as much of it as <see cref="MaxHeaderLength"/>),
    /// and the blank lines before it, each as an empty line: the separator is told from the header, not from a blank line
    /// above it, and the reader skips empty lines there, counting them, so lines keep their numbers.
    /// </summary>
    private static (string BlankLines, string Header) HeaderLine(TextReader reader)
    {
        var blankLines = new System.Text.StringBuilder();
        string line;
        while ((line = Line(reader)) is [.., '\n' or '\r'] && string.IsNullOrWhiteSpace(line.Replace("\uFEFF", string.Empty, StringComparison.Ordinal)))
        {
            blankLines.Append('\n');
        }

        return (blankLines.ToString(), line);
    }

    /// <summary>
    /// Reads one line, its line break included (or as much of it as <see cref="MaxHeaderLength"/>); lines end as the CSV
    /// reader ends them, a lone <c>\r</c> too (classic Mac exports), or the header would run on into the rows and the
    /// separator be told from their cells (a decimal comma in a semicolon file).
    /// </summary>
    private static string Line(TextReader reader)
    {
        var line = new System.Text.StringBuilder();
        int next;
        while (line.Length < MaxHeaderLength && (next = reader.Read()) >= 0)
        {
            line.Append((char)next);
            if (next == '\n')
            {
                break;
            }

            if (next == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    line.Append((char)reader.Read());
                }

                break;
            }
        }

        return line.ToString();
    }

    /// <summary>How many line breaks <paramref name="text"/> has (<c>\r\n</c> is one): a record's last line is this many after its first.</summary>
    private static long LineBreaks(ReadOnlySpan<byte> text)
    {
        long count = 0;
        int at;
        while ((at = text.IndexOfAny((byte)'\r', (byte)'\n')) >= 0)
        {
            count++;
            text = text[(at + (text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1))..];
        }

        return count;
    }

    /// <summary>How many line breaks <paramref name="text"/> has (<c>\r\n</c> is one), a header's own included.</summary>
    private static long LineBreaks(string text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return Math.Max(1, count);
    }

    /// <summary>
    /// The separator a header line uses: the comma when it has one outside quotes, or when it has none of the others;
    /// else whichever of the others it has most of.
    /// </summary>
    internal static char SeparatorOf(string header)
    {
        Span<int> counts = stackalloc int[Separators.Length];
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Separators.IndexOf(c, StringComparison.Ordinal) is var index and >= 0)
            {
                counts[index]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length && counts[0] == 0; i++)
        {
            best = counts[i] > counts[best] ? i : best;
        }

        return Separators[best];
    }

    /// <summary>
    /// Reads the header's names, trimmed. Columns without a name at its end (<c>id;name;;</c>, as a spreadsheet saves columns
    /// once touched) are left out of the names; the rows' cells there must be empty (<see cref="UnnamedCell"/>).
    /// </summary>
    private static (string[] Names, int Columns) ReadHeader(CsvReader csv, long line)
    {
        // A byte-order mark left in the text (a second one, as tools write prepending a mark to a file that had one, or
        // text decoded by the caller) is no part of a name: "\uFEFFid" was no 'id' column, and no record had an id.
        var all = csv.Headers.Select(static h => h.Trim().Trim('\uFEFF').Trim()).ToArray();
        var named = all.Length;
        while (named > 1 && all[named - 1].Length == 0)
        {
            named--;
        }

        var headers = all[..named];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(headers[i]))
            {
                throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"Line {line}: CSV header column {i + 1} has no name. Every column needs a name: it is the recipient field templates read."));
            }

            if (!seen.Add(headers[i]))
            {
                throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"Line {line}: the CSV header names the column '{OneLineText.Escape(headers[i])}' twice. Column names must be unique."));
            }
        }

        return (headers, all.Length);
    }

    /// <summary>The error of a row with a value in a column the header does not name (one of its empty last columns), or null.</summary>
    private static string? UnnamedCell(CsvReader csv, int named, long line)
    {
        for (var i = named; i < csv.FieldCount; i++)
        {
            if (csv.GetString(i) is { Length: > 0 } cell)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Line {line}: column {i + 1} holds '{OneLineText.Escape(Shorten(cell))}', but the CSV header gives the column no name, so no template could read it. Name the column in the header, or empty the cell.");
            }
        }

        return null;
    }

    private static string Shorten(string? cell) => OneLineText.Shorten(cell ?? string.Empty, 40);

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the whole field and double the quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote; quote the whole field and double any quote inside it",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => "the field count differs from the header",
        _ => reason.ToString(),
    };
}
