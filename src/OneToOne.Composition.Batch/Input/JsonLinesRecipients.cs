using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>Streams JSON Lines: one JSON object per line; blank lines are skipped.</summary>
internal static class JsonLinesRecipients
{
    /// <summary>How many bytes of a stream are read at a time; a longer line grows the buffer to hold it.</summary>
    private const int StreamBufferSize = 1 << 16;

    /// <summary>
    /// The ASCII characters <see cref="char.IsWhiteSpace(char)"/> accepts: tab to carriage return and the space, not the
    /// information separators U+001C-U+001F (white space in Java, not in .NET).
    /// </summary>
    private static readonly SearchValues<byte> AsciiWhiteSpace = SearchValues.Create("\t\n\v\f\r "u8);

    /// <summary>Reads the records of JSON Lines input, one line at a time.</summary>
    /// <param name="reader">The input; not disposed.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records.</returns>
    public static IEnumerable<RecipientRecord> Read(TextReader reader, string idField)
    {
        var parser = new RecipientJsonParser(idField);

        // A reader that decodes the bytes itself tells which lines were not UTF-8; text decoded elsewhere cannot say.
        var utf8 = Utf8TextReader.Of(reader);
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

            // Only a reader that decodes the bytes itself knows whether a line break ended the line (the input's last may have none).
            yield return utf8?.TakeError(lineNumber, lineNumber) is { } error
                ? RecipientRecord.Malformed(recordNumber, lineNumber, error, SeemingId(parser, line, recordNumber, lineNumber))
                : ReadText(parser, line, recordNumber, lineNumber, unterminated: utf8 is { LastLineUnended: true });
        }
    }

    /// <summary>
    /// Reads the records of UTF-8 JSON Lines straight from bytes: each line is parsed where it lies in the read buffer,
    /// without decoding it to a string and encoding it back, which the text path pays for every record. Lines end as <see cref="TextReader.ReadLine"/>
    /// ends them (<c>\n</c>, <c>\r\n</c> or <c>\r</c>); a UTF-8 byte-order mark is skipped; a line that is not valid UTF-8 is a
    /// malformed record, its error naming the line and the first bad byte (it is not read with U+FFFD for the bad bytes), and
    /// so is a line longer than a record may be (<see cref="RecordLimit"/>), read past without being kept.
    /// </summary>
    /// <param name="stream">The input, UTF-8; not disposed.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <returns>The records.</returns>
    public static IEnumerable<RecipientRecord> Read(Stream stream, string idField)
    {
        var parser = new RecipientJsonParser(idField);
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int start = 0, end = 0;
            var ended = false;
            var first = true;
            long lineNumber = 0;
            long recordNumber = 0;

            // How many bytes of the line being read are known to hold no line break. A pipe hands out 64 KiB a read, and
            // looking through the whole line after each one took time in the square of its length: a hostile line of
            // 700 MB on standard input had not been read after five minutes.
            var searched = 0;

            // How many bytes of the line being read were let go because it is longer than a record may be (RecordLimit).
            long dropped = 0;
            while (true)
            {
                var pending = buffer.AsSpan(start, end - start);
                var at = pending[searched..].IndexOfAny((byte)'\r', (byte)'\n');
                at = at < 0 ? -1 : searched + at;

                // A \r as the last byte read may be the first half of \r\n: read on before deciding, unless the input ended.
                if ((at < 0 || (pending[at] == '\r' && at == pending.Length - 1)) && !ended)
                {
                    // A byte-order mark before the first line is no byte of it: it was counted in a first line too long to keep.
                    var mark = first && pending.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
                    if (at < 0 && pending.Length - mark > RecordLimit.MaxLineBytes)
                    {
                        // Too long to be a record: its bytes are counted and let go, not kept while the rest of the line is read.
                        dropped += pending.Length - mark;
                        start = end;
                        first = false;
                        searched = 0;
                    }
                    else
                    {
                        // Reading more keeps the line's bytes in order (moved to the buffer's start, or copied to a larger one).
                        searched = at < 0 ? pending.Length : at;
                    }

                    ended = StreamBuffer.ReadMore(stream, ref buffer, ref start, ref end);
                    continue;
                }

                searched = 0;

                if (pending.IsEmpty && dropped == 0)
                {
                    yield break;
                }

                var length = at < 0 ? pending.Length : at;
                var next = at < 0 ? pending.Length : at + (pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? 2 : 1);
                var offset = start;
                start += next;
                if (first)
                {
                    first = false;
                    if (buffer.AsSpan(offset, length).StartsWith(Encoding.UTF8.Preamble))
                    {
                        offset += Encoding.UTF8.Preamble.Length;
                        length -= Encoding.UTF8.Preamble.Length;
                    }
                }

                lineNumber++;
                if (dropped > 0 || length > RecordLimit.MaxLineBytes)
                {
                    recordNumber++;
                    yield return RecipientRecord.Malformed(recordNumber, lineNumber, RecordLimit.TooLong(lineNumber, dropped + length));
                    dropped = 0;
                    continue;
                }

                if (IsBlank(buffer.AsSpan(offset, length)))
                {
                    continue;
                }

                recordNumber++;

                // No line break after it: the input's last line. One that is not a whole JSON object is most likely cut off.
                yield return ReadLine(parser, buffer.AsSpan(offset, length), recordNumber, lineNumber, unterminated: at < 0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>How the input ends in a line cut off: the words of a <see cref="RecipientRecord.CutShort"/> record's error.</summary>
    private const string EndsMidLine = "in the middle of this line, without a line break";

    private static RecipientRecord ReadLine(RecipientJsonParser parser, ReadOnlySpan<byte> line, long recordNumber, long lineNumber, bool unterminated = false) =>
        Utf8.IsValid(line)
            ? Read(parser, line, recordNumber, lineNumber, unterminated)
            : NotUtf8(parser, line, recordNumber, lineNumber, unterminated);

    /// <summary>
    /// The record of a line that is not valid UTF-8: malformed, its error naming the first bad byte, with the id the line
    /// seems to have when it reads as a recipient with U+FFFD for the bad bytes (so the reject can be told whose it is).
    /// </summary>
    private static RecipientRecord NotUtf8(RecipientJsonParser parser, ReadOnlySpan<byte> line, long recordNumber, long lineNumber, bool unterminated = false)
    {
        var at = Utf8Bytes.FirstInvalid(line, out var column);
        var id = SeemingId(parser, Encoding.UTF8.GetString(line), recordNumber, lineNumber);

        // The input's last line, without a line break, whose only bad bytes are the start of a character that never ends:
        // the input stops inside a character, as a cut does, and says so as a cut anywhere else in the line does.
        // Its error says so, not that the file looks like another encoding: it is UTF-8 up to the cut.
        return unterminated && Rune.DecodeFromUtf8(line[at..], out _, out var taken) == OperationStatus.NeedMoreData && at + taken == line.Length
            ? RecipientRecord.CutShort(recordNumber, lineNumber, CutInsideACharacter(lineNumber, at, column, line[at], taken), EndsMidLine + ", inside a character", id)
            : RecipientRecord.Malformed(recordNumber, lineNumber, Utf8TextReader.Error(lineNumber, at, column, line[at]), id);
    }

    /// <summary>The error of a line that ends inside a character whose first <paramref name="taken"/> bytes it holds.</summary>
    private static string CutInsideACharacter(long lineNumber, int at, int column, byte lead, int taken)
    {
        var bytes = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Line {lineNumber}: the line is not valid UTF-8 at byte {at + 1} (0x{lead:X2}; column {column}): the line ends inside a character, after {taken} of its {bytes} bytes.");
    }

    private static string? SeemingId(RecipientJsonParser parser, string line, long recordNumber, long lineNumber)
    {
        using var record = ReadText(parser, line, recordNumber, lineNumber);
        return Utf8TextReader.SeemingId(record.Id);
    }

    private static RecipientRecord ReadText(RecipientJsonParser parser, string line, long recordNumber, long lineNumber, bool unterminated = false)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(line));
        try
        {
            return Read(parser, bytes.AsSpan(0, Encoding.UTF8.GetBytes(line, bytes)), recordNumber, lineNumber, unterminated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static RecipientRecord Read(RecipientJsonParser parser, ReadOnlySpan<byte> line, long recordNumber, long lineNumber, bool unterminated = false)
    {
        try
        {
            return RecipientRecord.Read(recordNumber, lineNumber, parser.Parse(line));
        }
        catch (JsonException ex) when (unterminated && IsCutOff(line))
        {
            // The line is the start of a JSON value that never closes, and no line break followed: the input stops mid-record.
            return RecipientRecord.CutShort(recordNumber, lineNumber, NotJson(line, ex, lineNumber), EndsMidLine);
        }
        catch (JsonException ex)
        {
            return RecipientRecord.Malformed(recordNumber, lineNumber, NotJson(line, ex, lineNumber));
        }
        catch (FormatException ex)
        {
            return RecipientRecord.Malformed(recordNumber, lineNumber, string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: {ex.Message}"), IdOfRefused(line, parser.IdField));
        }
    }

    /// <summary>
    /// Whether a line that is not JSON is the start of a JSON value, cut off: read as the first part of a longer input, it
    /// has no error. Told this way, not by where the parser's error is, which names the last token it took (a line cut
    /// right after a comma is reported at the comma), not the end of the line.
    /// </summary>
    private static bool IsCutOff(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // Out of data inside a value (a token begun, or an object or array open), not after a whole one.
        return reader.CurrentDepth > 0 || reader.BytesConsumed < line.Length;
    }

    /// <summary>
    /// The id of a line that is JSON but not a recipient (a key twice, say), when it has exactly one, so the reject says
    /// whose it is; null otherwise (an id written twice is anyone's guess).
    /// </summary>
    private static string? IdOfRefused(ReadOnlySpan<byte> line, string idField)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count(p => p.NameEquals(idField)) == 1
                ? Recipient.FromJson(root, idField).Id
                : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a UTF-8 line holds nothing but white space, as the text path decides it (<see cref="string.IsNullOrWhiteSpace"/>):
    /// told on the bytes, decoding only a line whose first byte other than ASCII white space is not ASCII.
    /// </summary>
    /// <param name="line">The line's bytes.</param>
    /// <returns>Whether the line is blank.</returns>
    internal static bool IsBlank(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOfAnyExcept(AsciiWhiteSpace);
        return at < 0 || (line[at] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line)));
    }

    /// <summary>
    /// The error of a line that is not valid JSON: the line and column (in characters), what the JSON reader found
    /// there, and how to fix the data (what the reader found may quote a control character of the line, such as a NUL
    /// inside a literal, which <see cref="RecipientRecord.Malformed"/> escapes). The reader's own position (" LineNumber: 0 | BytePositionInLine: 12.", counted
    /// within the line) and its advice to change the reader options, which only a programmer could follow, are left out.
    /// </summary>
    private static string NotJson(ReadOnlySpan<byte> line, JsonException ex, long lineNumber)
    {
        var at = (int)Math.Min(ex.BytePositionInLine ?? 0, line.Length);
        var column = Encoding.UTF8.GetCharCount(line[..at]) + 1;
        var found = ex.Message;
        var position = found.IndexOf(" LineNumber:", StringComparison.Ordinal);
        found = (position < 0 ? found : found[..position])
            .Replace(" which is not supported in this mode", string.Empty, StringComparison.Ordinal)
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Line {lineNumber}: not valid JSON at column {column}: {found} Fix the line in the input: each line must be one JSON object, such as {{\"id\": \"c1\", \"first_name\": \"Ada\"}}, with names and text in double quotes and no comments or trailing commas.");
    }
}
