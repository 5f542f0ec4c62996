using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace OneToOne.Composition.Batch;

/// <summary>
/// A text reader over UTF-8 bytes that notes each line that is not valid UTF-8, so that its record can be rejected
/// instead of read with U+FFFD where the bad bytes were (a Windows-1252 or Latin-1 export read as UTF-8 would render
/// "Zo\uFFFD" into every message). Lines end as <see cref="TextReader.ReadLine"/> ends them (<c>\n</c>, <c>\r\n</c>,
/// <c>\r</c>) and are numbered from 1 at the start of the stream; whole lines are decoded at a time, checked on their
/// bytes (<see cref="Utf8.IsValid"/>), so a genuine U+FFFD written as UTF-8 is a character like any other. A UTF-8
/// byte-order mark is skipped; input that starts with a UTF-16 or UTF-32 one is transcoded to UTF-8 as it is read (an
/// unpaired surrogate read as U+FFFD, as a <see cref="StreamReader"/> reads it) and read on as UTF-8 is, so a line of it
/// longer than a record may be (<see cref="RecordLimit"/>, its length counted in UTF-8) is read past and noted too: it was
/// read whole, however long. A line longer than a record may be is read past without being kept, read as one '?', and noted.
/// </summary>
internal sealed class Utf8TextReader : TextReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>How many bad lines are noted at most: far more than a reader reads ahead of the records it hands out.</summary>
    private const int MaxNoted = 1 << 16;

    private Stream _stream;

    // The UTF-8 transcoding of input in UTF-16 or UTF-32 (read instead of the stream), disposed with the reader.
    private Stream? _transcoded;
    private readonly SortedDictionary<long, string> _noted = [];
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
    private char[] _chars = ArrayPool<char>.Shared.Rent(BufferSize);
    private int _start, _end, _searched, _charPosition, _charLength;
    private long _dropped;

    // How the bytes let go (_dropped) quote, for the line's stand-in.
    private LongLineQuotes _droppedQuotes = LongLineQuotes.LineStart;
    private bool _ended, _started;
    private long _lines;

    /// <summary>Initializes a new instance of the <see cref="Utf8TextReader"/> class.</summary>
    /// <param name="stream">The bytes; not disposed.</param>
    public Utf8TextReader(Stream stream) => _stream = stream;

    /// <summary>Finds the reader that decodes the bytes under <paramref name="reader"/>, through the readers that give back sniffed characters.</summary>
    /// <param name="reader">A reader.</param>
    /// <returns>The <see cref="Utf8TextReader"/>, or null when the text was decoded some other way (the bad bytes cannot be told any more).</returns>
    public static Utf8TextReader? Of(TextReader reader)
    {
        while (reader is PrefixedTextReader prefixed)
        {
            reader = prefixed.Inner;
        }

        return reader as Utf8TextReader;
    }

    /// <summary>Gets whether a line read is noted as not valid UTF-8 or too long (<see cref="RecordLimit"/>) and not yet taken: when not, no record has an error to take.</summary>
    public bool HasErrors => _noted.Count > 0;

    /// <summary>
    /// Gets the error of the first line from <paramref name="first"/> to <paramref name="last"/> that is not valid UTF-8 or too long, if
    /// any, and forgets the lines up to <paramref name="last"/> (ask in order of lines; those lines must have been read).
    /// </summary>
    /// <param name="first">The first line of a record.</param>
    /// <param name="last">Its last line.</param>
    /// <returns>The error, naming the line, or null when the lines are valid UTF-8 and not too long.</returns>
    public string? TakeError(long first, long last)
    {
        string? error = null;
        while (_noted.Count > 0)
        {
            var (line, bad) = _noted.First();
            if (line > last)
            {
                break;
            }

            _noted.Remove(line);
            if (line >= first)
            {
                error ??= bad;
            }
        }

        return error;
    }

    /// <summary>
    /// The error of a line that is not valid UTF-8: where (the byte of the line, 1-based, its value, and the column it
    /// would be read at) and how to fix it. Bytes 0x80 to 0xFF that are not UTF-8 are most often text saved as
    /// Windows-1252 or Latin-1 (a spreadsheet's "CSV"), which is said, with the character the byte is in Latin-1.
    /// </summary>
    /// <param name="line">The 1-based line.</param>
    /// <param name="byteInLine">The 0-based offset of the first bad byte within the line.</param>
    /// <param name="column">The 1-based column (in characters) it would be read at.</param>
    /// <param name="value">The byte.</param>
    /// <returns>The error.</returns>
    internal static string Error(long line, int byteInLine, int column, byte value)
    {
        var latin = value >= 0xA0 ? string.Create(CultureInfo.InvariantCulture, $", '{(char)value}' in Latin-1") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Line {line}: the line is not valid UTF-8 at byte {byteInLine + 1} (0x{value:X2}{latin}; column {column}): save the file as UTF-8; it looks like Windows-1252/Latin-1 or another 8-bit encoding. The line is not read, so that no character is lost or replaced.");
    }

    /// <summary>
    /// The id a record that is not UTF-8 seems to have, for its reject: none when it holds a U+FFFD, which may stand for
    /// bad bytes (an id that is not the record's would name another recipient).
    /// </summary>
    /// <param name="id">The id read with U+FFFD for the bad bytes.</param>
    /// <returns>The id, or null.</returns>
    internal static string? SeemingId(string? id) => id is null || id.Contains('\uFFFD', StringComparison.Ordinal) ? null : id;

    /// <inheritdoc />
    public override int Peek() => Fill() ? _chars[_charPosition] : -1;

    /// <inheritdoc />
    public override int Read() => Fill() ? _chars[_charPosition++] : -1;

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Read(buffer.AsSpan(index, count));
    }

    /// <inheritdoc />
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _charLength - _charPosition);
        _chars.AsSpan(_charPosition, count).CopyTo(buffer);
        _charPosition += count;
        return count;
    }

    /// <summary>Gets whether the last line <see cref="ReadLine"/> gave ended the input without a line break (a file whose end was cut off, or merely left without one).</summary>
    public bool LastLineUnended { get; private set; }

    /// <inheritdoc />
    public override string? ReadLine()
    {
        if (!Fill())
        {
            return null;
        }

        // The decoded characters are whole lines (a \r\n is never split), but for the input's last, unended line.
        var pending = _chars.AsSpan(_charPosition, _charLength - _charPosition);
        var at = pending.IndexOfAny('\r', '\n');
        if (at < 0)
        {
            _charPosition = _charLength;
            LastLineUnended = true;
            return new string(pending);
        }

        var line = new string(pending[..at]);
        _charPosition += at + (pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? 2 : 1);
        return line;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transcoded?.Dispose();
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<char>.Shared.Return(_chars);
            _bytes = [];
            _chars = [];
        }

        base.Dispose(disposing);
    }

    /// <summary>Makes sure characters are waiting, decoding the next whole lines; false at the end of the input.</summary>
    private bool Fill()
    {
        while (_charPosition == _charLength)
        {
            // Nothing is decoded before the first bytes have been looked at for a byte-order mark.
            if (!_started)
            {
                ReadMore();
                continue;
            }

            // Only the bytes read since the last look are searched: a long line read 64 KiB at a time from a pipe was
            // otherwise searched from its start after every read, in time the square of its length.
            var pending = _bytes.AsSpan(_start, _end - _start);
            var last = pending[_searched..].LastIndexOfAny((byte)'\r', (byte)'\n');
            last = last < 0 ? -1 : _searched + last;

            // A \r as the last byte read may be the first half of \r\n: read on before deciding, unless the input ended.
            if (last >= 0 && last == pending.Length - 1 && pending[last] == (byte)'\r' && !_ended)
            {
                last = pending[..last].LastIndexOfAny((byte)'\r', (byte)'\n');
            }

            if (_ended)
            {
                if (pending.IsEmpty && _dropped == 0)
                {
                    return false;
                }

                last = pending.Length - 1;
            }
            else if (last < 0)
            {
                if (pending.Length > RecordLimit.MaxLineBytes && pending[^1] != (byte)'\r')
                {
                    // Too long to be a record: its bytes are counted and let go, not kept while the rest of the line is read.
                    _dropped += pending.Length;
                    _droppedQuotes = _droppedQuotes.Add(pending);
                    _start = _end;
                    _searched = 0;
                }
                else
                {
                    _searched = Math.Max(0, pending.Length - 1);
                }

                ReadMore();
                continue;
            }

            _searched = 0;
            if (_dropped > 0 || last >= RecordLimit.MaxLineBytes)
            {
                DecodeLong(pending[..(last + 1)]);
            }
            else
            {
                Decode(pending[..(last + 1)]);
            }

            _start += last + 1;
        }

        return true;
    }

    private void ReadMore()
    {
        _ended = StreamBuffer.ReadMore(_stream, ref _bytes, ref _start, ref _end);
        if (!_started && (_ended || _end >= 4))
        {
            _started = true;
            var head = _bytes.AsSpan(0, _end);
            if (Unicode(head) is var (encoding, mark))
            {
                // Another encoding's byte-order mark: its text is read as UTF-8, from the bytes already taken on, so its lines
                // are numbered, limited and noted as UTF-8 input's are (a StreamReader read a line of any length whole).
                _transcoded = Encoding.CreateTranscodingStream(new PrefixedStream(head[mark..].ToArray(), _stream), encoding, Encoding.UTF8, leaveOpen: true);
                _stream = _transcoded;
                _start = _end = 0;
                _ended = false;
            }
            else if (head.StartsWith(Encoding.UTF8.Preamble))
            {
                _start = Encoding.UTF8.Preamble.Length;
            }
        }
    }

    /// <summary>Whether <paramref name="head"/>, an input's first bytes (four, or all of a shorter one), starts with a UTF-16 or UTF-32 byte-order mark.</summary>
    /// <param name="head">The bytes.</param>
    /// <returns>Whether it does.</returns>
    public static bool IsOtherUnicode(ReadOnlySpan<byte> head) => Unicode(head) is not null;

    /// <summary>The UTF-16 or UTF-32 encoding whose byte-order mark <paramref name="head"/> starts with, and the mark's length; null for none.</summary>
    private static (Encoding Encoding, int Mark)? Unicode(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ? (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4)
        : head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) ? (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2)
        : null;

    /// <summary>Decodes whole lines (the last may be the input's unended one), noting those that are not valid UTF-8.</summary>
    private void Decode(ReadOnlySpan<byte> lines)
    {
        var valid = Utf8.IsValid(lines);
        StartChars(Encoding.UTF8.GetMaxCharCount(lines.Length));
        _charLength = Encoding.UTF8.GetChars(lines, _chars);

        // Valid lines are only counted: without a \r, one per \n (vectorised), and the input's unended last line.
        if (valid && !lines.Contains((byte)'\r'))
        {
            _lines += lines.Count((byte)'\n') + (lines[^1] == '\n' ? 0 : 1);
            return;
        }

        while (!lines.IsEmpty)
        {
            var at = lines.IndexOfAny((byte)'\r', (byte)'\n');
            var line = at < 0 ? lines : lines[..at];
            _lines++;
            if (!valid)
            {
                NoteIfInvalid(line);
            }

            lines = at < 0 ? [] : lines[(at + BreakLength(lines, at))..];
        }
    }

    /// <summary>
    /// Decodes whole lines as <see cref="Decode"/> does, but for those longer than a record may be (the first counting the
    /// bytes let go before it, <see cref="_dropped"/>): each is read as a stand-in (<see cref="LongLineQuotes.StandIn"/>)
    /// and its line break, and noted as too long, so that its record is rejected, and a CSV field running on over it fails
    /// with it. Taken only when such a line may be among them.
    /// </summary>
    private void DecodeLong(ReadOnlySpan<byte> lines)
    {
        StartChars(Encoding.UTF8.GetMaxCharCount(lines.Length) + 3);
        var unread = _dropped > 0;
        while (!lines.IsEmpty || unread)
        {
            unread = false;
            var at = lines.IndexOfAny((byte)'\r', (byte)'\n');
            var line = at < 0 ? lines : lines[..at];
            var lineBytes = _dropped + line.Length;
            var quotes = _droppedQuotes.Add(line);
            _dropped = 0;
            _droppedQuotes = LongLineQuotes.LineStart;
            _lines++;
            if (lineBytes > RecordLimit.MaxLineBytes)
            {
                quotes.StandIn.CopyTo(_chars.AsSpan(_charLength));
                _charLength += quotes.StandIn.Length;
                Note(RecordLimit.TooLong(_lines, lineBytes));
            }
            else
            {
                _charLength += Encoding.UTF8.GetChars(line, _chars.AsSpan(_charLength));
                NoteIfInvalid(line);
            }

            var end = at < 0 ? line.Length : at + BreakLength(lines, at);
            _charLength += Encoding.UTF8.GetChars(lines[line.Length..end], _chars.AsSpan(_charLength));
            lines = lines[end..];
        }
    }

    /// <summary>
    /// How a line too long to keep quotes, as far as it has been read, so that a CSV reader comes out of the line's stand-in
    /// inside or outside a quoted field as it would come out of the line: its field's other lines are not read as records
    /// of their own, nor the records after it taken into a field. Its quotes are odd in number when it opens or closes a
    /// field, and its first quote opens one when it starts a field (at the line's start, or after a separator).
    /// </summary>
    /// <param name="Odd">Whether the bytes read hold an odd number of quotes.</param>
    /// <param name="FirstOpens">Whether the first quote starts a field; null before one is read.</param>
    /// <param name="Last">The last byte read (a line break at the line's start).</param>
    private readonly record struct LongLineQuotes(bool Odd, bool? FirstOpens, byte Last)
    {
        /// <summary>Gets the quoting of a line of which nothing is read yet.</summary>
        public static LongLineQuotes LineStart => new(false, null, (byte)'\n');

        /// <summary>
        /// Gets what the line is read as: U+FFFD (no id is read from it) when its quotes are even; else after a quote that
        /// opens a field when its first quote does (from inside a field, the quote closes it as the line does), else
        /// quoted ("\uFFFD"), which leaves a reader outside a field as a quote closing one, or one written by mistake inside
        /// a field that is not quoted, does.
        /// </summary>
        public string StandIn => !Odd ? "\uFFFD" : FirstOpens == true ? "\"\uFFFD" : "\"\uFFFD\"";

        /// <summary>Takes in the next bytes of the line.</summary>
        public LongLineQuotes Add(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return this;
            }

            var opens = FirstOpens;
            if (opens is null && bytes.IndexOf((byte)'"') is >= 0 and var at)
            {
                opens = (at > 0 ? bytes[at - 1] : Last) is (byte)'\n' or (byte)',' or (byte)';' or (byte)'\t' or (byte)'|';
            }

            return new(Odd ^ ((bytes.Count((byte)'"') & 1) == 1), opens, bytes[^1]);
        }
    }

    /// <summary>Empties the decoded characters, with room for at least <paramref name="length"/> (a larger pooled buffer when needed).</summary>
    private void StartChars(int length)
    {
        if (_chars.Length < length)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(length);
        }

        _charPosition = 0;
        _charLength = 0;
    }

    /// <summary>How many bytes the line break at <paramref name="at"/> takes: 2 for <c>\r\n</c>, else 1.</summary>
    private static int BreakLength(ReadOnlySpan<byte> lines, int at) =>
        lines[at] == '\r' && at + 1 < lines.Length && lines[at + 1] == '\n' ? 2 : 1;

    /// <summary>Notes line <see cref="_lines"/> when it is not valid UTF-8.</summary>
    private void NoteIfInvalid(ReadOnlySpan<byte> line)
    {
        if (Utf8Bytes.FirstInvalid(line, out var column) is >= 0 and var byteInLine)
        {
            Note(Error(_lines, byteInLine, column, line[byteInLine]));
        }
    }

    /// <summary>
    /// Notes the error of line <see cref="_lines"/> until the record's reader asks for it; a reader that never asks (its
    /// caller reads the text itself) keeps the latest.
    /// </summary>
    private void Note(string error)
    {
        if (_noted.Count >= MaxNoted)
        {
            _noted.Remove(_noted.Keys.First());
        }

        _noted[_lines] = error;
    }
}
