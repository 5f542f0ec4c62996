using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// A line longer than a record may be (64 MiB) is a rejected record, read past without being kept, whichever way a file
/// or standard input is read; the records around it are read, their lines numbered as written.
/// </summary>
public sealed class RecordLimitTests
{
    private const int Max = RecordLimit.MaxLineBytes;

    public static TheoryData<string, string> Ways => new()
    {
        { "bytes", "\n" },
        { "bytes", "\r\n" },
        { "bytes", "\r" },
        { "text", "\n" },
        { "text", "\r\n" },
        { "text", "\r" },
    };

    [Theory]
    [MemberData(nameof(Ways))]
    public void JsonLines_ALineOverTheLimit_IsRejected_AndALineAtTheLimitIsRead(string way, string end)
    {
        // The "x" runs make the lines exactly Max bytes and Max + 1 bytes long.
        var wrapper = "{\"id\":\"b\",\"note\":\"\"}".Length;
        var at = "{\"id\":\"b\",\"note\":\"" + new string('x', Max - wrapper) + "\"}";
        var over = "{\"id\":\"c\",\"note\":\"" + new string('x', Max - wrapper + 1) + "\"}";
        var input = Encoding.UTF8.GetBytes(string.Join(end, "{\"id\":\"a\"}", at, over, "{\"id\":\"d\"}") + end);

        var records = Read(input, RecipientFormat.JsonLines, way, chunk: 1 << 16);

        Assert.Equal(["a", "b", null, "d"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(static r => r.Line));
        Assert.Equal(Max - wrapper, Assert.IsType<string>(Field(records[1], "note")).Length);
        Assert.Equal(TooLong(3, Max + 1L), records[2].Error);
    }

    [Theory]
    [InlineData("bytes")]
    [InlineData("text")]
    public void JsonLines_AnUnendedLastLineOverTheLimit_IsRejected(string way)
    {
        var input = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n" + new string('x', Max + 7));

        var records = Read(input, RecipientFormat.JsonLines, way, chunk: 4096);

        Assert.Equal(2, records.Count);
        Assert.Equal("a", records[0].Recipient?.Id);
        Assert.Equal(TooLong(2, Max + 7L), records[1].Error);
    }

    [Theory]
    [InlineData("bytes")]
    [InlineData("text")]
    public void JsonLines_ALineLongerThanMemoryCouldHold_IsReadPast(string way)
    {
        // 2.5 GB without a line break: kept whole, it would need an array larger than .NET allows.
        const long Length = 5L << 29;
        using var stream = new LongLineStream("{\"id\":\"a\"}\n"u8.ToArray(), Length, "\n{\"id\":\"b\"}\n"u8.ToArray());

        var records = way == "bytes"
            ? RecipientReader.Read(stream, RecipientFormat.JsonLines).ToList()
            : RecipientReader.Read(RecipientReader.TextOf(stream), RecipientFormat.JsonLines).ToList();

        Assert.Equal(["a", null, "b"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal(TooLong(2, Length), records[1].Error);
        Assert.Equal(3L, records[2].Line);
    }

    [Fact]
    public void Csv_ARowOverTheLimit_IsRejected_TheRowsAfterItRead()
    {
        var input = Encoding.UTF8.GetBytes("id,note\r\na,short\r\nb," + new string('x', Max) + "\r\nc,after\r\n");

        var records = Read(input, RecipientFormat.Csv, "text", chunk: 1 << 16);

        Assert.Equal(["a", null, "c"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal(TooLong(3, Max + 2L), records[1].Error);
        Assert.Equal((4L, "after"), (records[2].Line, Field(records[2], "note")));
    }

    [Theory]
    [InlineData(1 << 16)]
    [InlineData(1 << 27)]
    public void Csv_ARowOverTheLimit_NamesNoId(int chunk)
    {
        // Its stand-in is no id: a reject naming '?' (as it read) named a recipient the input does not have.
        var input = Encoding.UTF8.GetBytes("id,note\nb," + new string('x', Max) + "\nc,after\n");

        var records = Read(input, RecipientFormat.Csv, "text", chunk);

        Assert.Equal([null, "c"], records.Select(static r => r.Id));
        Assert.Equal(TooLong(2, Max + 2L), records[0].Error);
    }

    [Theory]
    [InlineData("opens", 1 << 16)]
    [InlineData("opens", 1 << 27)]
    [InlineData("closes", 1 << 16)]
    [InlineData("closes", 1 << 27)]
    [InlineData("strays", 1 << 16)]
    [InlineData("strays", 1 << 27)]
    public void Csv_ALineOverTheLimit_ThatOpensOrClosesAQuotedField_LeavesTheFieldsOtherLinesInIt(string quote, int chunk)
    {
        // A quoted field over lines whose line is too long: its other lines were read as records of their own ('more, with
        // comma' became a recipient 'more'), or the records after it were taken into the field.
        var x = new string('x', Max);
        var (input, line, tooLong, id, next) = quote switch
        {
            "opens" => ("id,note\na,\"" + x + "\nmore,with comma\nend\"\nb,ok\n", 2L, 2L, (string?)null, 5L),
            "closes" => ("id,note\na,\"start\nmore,with comma\n" + x + "\",end\nb,ok\n", 2L, 4L, "a", 5L),
            _ => ("id,note\na,5'11\"" + x + "\nb,ok\n", 2L, 2L, null, 3L),
        };

        var records = Read(Encoding.UTF8.GetBytes(input), RecipientFormat.Csv, "text", chunk);

        Assert.Equal([(line, id, (string?)TooLong(tooLong, Encoding.UTF8.GetByteCount(input.Split('\n')[(int)tooLong - 1]))), (next, "b", null)], records.Select(static r => (r.Line, r.Id, r.Error)));
        Assert.Equal("ok", Field(records[1], "note"));
    }

    [Fact]
    public void Csv_AQuoteNeverClosed_OverTheLimit_StopsTheReading_SayingWhy()
    {
        // Each line is short; the quoted field runs on over them all.
        var lines = string.Concat(Enumerable.Repeat(new string('y', 1000) + "\n", (Max / 1001) + 10));
        var input = Encoding.UTF8.GetBytes("id,note\na,short\nb,\"" + lines + "c,after\n");

        var error = Assert.Throws<RecipientInputException>(() => Read(input, RecipientFormat.Csv, "text", chunk: 1 << 16));

        Assert.StartsWith("The record after line 2 runs on for more than 67,108,864 bytes (64 MiB), more than a record may be: most likely a quoted field whose closing quote is missing.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_AHugeLineFromAPipe_IsReadInTimeInProportionToItsLength()
    {
        // The text path (standard input, a CSV file) looked through the line from its start after every read: 60 MB handed
        // out 1 KiB at a time took minutes.
        var note = new string('x', 60 << 20);
        var input = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\",\"note\":\"" + note + "\"}\r\n{\"id\":\"c\"}\n");

        var (records, spent) = await Waits.OnItsOwnThreadAsync(() => Read(input, RecipientFormat.JsonLines, "text", chunk: 1024));

        Assert.True(spent < TimeSpan.FromMinutes(1), $"reading spent {spent} of processor time"); // not the time that passed: at load 60 that is mostly waiting

        Assert.Equal(["a", "b", "c"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal(note.Length, Assert.IsType<string>(Field(records[1], "note")).Length);
    }

    [Theory]
    [InlineData("utf-16LE", "json")]
    [InlineData("utf-16BE", "json")]
    [InlineData("utf-32LE", "json")]
    [InlineData("utf-16LE", "csv")]
    public void Unicode_ALineOverTheLimit_IsRejected_AsInUtf8_CountedInUtf8(string encodingName, string format)
    {
        // Excel's "Unicode text" is UTF-16 with a byte-order mark: it was read by a StreamReader, which took a line of any
        // length whole (a file whose line breaks were lost, read into memory as one gigabyte-long record).
        var encoding = Encoding.GetEncoding(encodingName);
        var (head, tail, kind) = format == "json"
            ? ("{\"id\":\"a\"}\r\n", "\r\n{\"id\":\"b\"}\r\n", RecipientFormat.JsonLines)
            : ("id;note\r\na;ä\r\n", "\r\nb;ö\r\n", RecipientFormat.Csv);
        var input = Encode(encoding, head, 'x', Max + 7, tail);

        using var text = RecipientReader.TextOf(new PipeStream(input, 1 << 16));
        var records = RecipientReader.Read(text, kind).ToList();

        Assert.Equal(["a", null, "b"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal(TooLong(format == "json" ? 2 : 3, Max + 7L), records[1].Error);
        Assert.Equal(format == "json" ? [1L, 2L, 3L] : [2L, 3L, 4L], records.Select(static r => r.Line));
    }

    [Theory]
    [InlineData("bytes")]
    [InlineData("text")]
    public void ByteOrderMark_BeforeAFirstLineOverTheLimit_IsNotCountedInItsLength(string way)
    {
        var input = Encoding.UTF8.GetBytes("\uFEFF" + new string('x', Max + 5) + "\n{\"id\":\"b\"}\n");

        // Handed out 2 bytes a read past the limit, the line is let go before its end is seen: the mark was counted in it.
        var stream = new PipeStream(input, 1 << 16, slowFrom: Max, slowChunk: 2);
        List<RecipientRecord> records = way == "bytes"
            ? [.. RecipientReader.Read(stream, RecipientFormat.JsonLines)]
            : [.. RecipientReader.Read(RecipientReader.TextOf(stream), RecipientFormat.JsonLines)];

        Assert.Equal(TooLong(1, Max + 5L), records[0].Error);
        Assert.Equal("b", records[1].Recipient?.Id);
    }

    [Fact]
    public void ByteOrderMark_BeforeAFirstLineAtTheLimit_LeavesItRead()
    {
        // The mark and the line together are over the limit, the line is not: it is a record.
        var wrapper = "{\"id\":\"a\",\"note\":\"\"}".Length;
        var input = Encoding.UTF8.GetBytes("\uFEFF{\"id\":\"a\",\"note\":\"" + new string('x', Max - wrapper) + "\"}\n{\"id\":\"b\"}\n");

        var records = RecipientReader.Read(new PipeStream(input, 1 << 16, slowFrom: Max, slowChunk: 2), RecipientFormat.JsonLines).ToList();

        Assert.Equal(["a", "b"], records.Select(static r => r.Recipient?.Id));
    }

    [Theory]
    [InlineData(".jsonl", "{\"id\":\"a\"}\n", "\n{\"id\":\"b\"}\n", 2)]
    [InlineData(".csv", "id\na\n", "\nb\n", 3)]
    public void CountRecords_CountsAWhiteSpaceLineOverTheLimit_WhichIsARejectedRecord(string extension, string head, string tail, long line)
    {
        using var temp = new TempDirectory();
        var path = temp.File("r" + extension);
        File.WriteAllBytes(path, Encode(new UTF8Encoding(false), head, ' ', Max + 1, tail));

        using var input = RecipientInput.Open(path, TextReader.Null);
        var records = input.Read().ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(TooLong(line, Max + 1L), records[1].Error);
        Assert.Equal(records.Count, RecipientInput.CountRecords(path));
    }

    /// <summary>The text <paramref name="head"/>, <paramref name="count"/> times <paramref name="filler"/> and <paramref name="tail"/> in <paramref name="encoding"/>, with its byte-order mark.</summary>
    private static byte[] Encode(Encoding encoding, string head, char filler, int count, string tail)
    {
        var mark = encoding.GetPreamble();
        var first = encoding.GetBytes(head);
        var unit = encoding.GetBytes(filler.ToString());
        var last = encoding.GetBytes(tail);
        var bytes = new byte[mark.Length + first.Length + ((long)unit.Length * count) + last.Length];
        mark.CopyTo(bytes, 0);
        first.CopyTo(bytes, mark.Length);
        var at = mark.Length + first.Length;
        for (var i = 0; i < count; i++, at += unit.Length)
        {
            unit.CopyTo(bytes, at);
        }

        last.CopyTo(bytes, at);
        return bytes;
    }

    private static object? Field(RecipientRecord record, string name) =>
        record.Recipient!.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException(name);

    private static string TooLong(long line, long bytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"Line {line}: the line is {bytes:N0} bytes long, more than a record may be (67,108,864 bytes, 64 MiB); it is not read. Check that the input has one record per line (a file whose line breaks were lost reads as one line), and shorten the record's values.");

    private static List<RecipientRecord> Read(byte[] input, RecipientFormat format, string way, int chunk)
    {
        var stream = new PipeStream(input, chunk);
        return way == "bytes"
            ? [.. RecipientReader.Read(stream, format)]
            : [.. RecipientReader.Read(RecipientReader.TextOf(stream), format)];
    }

    /// <summary>A stream that, like a pipe, cannot seek and hands out at most <c>chunk</c> bytes a read.</summary>
    /// <remarks>From <c>slowFrom</c> on, it hands out <c>slowChunk</c> bytes a read: a pipe's reads end anywhere.</remarks>
    private sealed class PipeStream(byte[] data, int chunk, long slowFrom = long.MaxValue, int slowChunk = 1) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, Chunk)]);

        private int Chunk => Position >= slowFrom ? slowChunk : chunk;
    }

    /// <summary>A stream of some bytes, then <c>length</c> bytes 'x' (made as they are read, never held), then some more.</summary>
    private sealed class LongLineStream(byte[] before, long length, byte[] after) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = 0;
            while (read < buffer.Length && _position < before.Length + length + after.Length)
            {
                var rest = buffer[read..];
                int n;
                if (_position < before.Length)
                {
                    n = Math.Min(rest.Length, before.Length - (int)_position);
                    before.AsSpan((int)_position, n).CopyTo(rest);
                }
                else if (_position < before.Length + length)
                {
                    n = (int)Math.Min(rest.Length, before.Length + length - _position);
                    rest[..n].Fill((byte)'x');
                }
                else
                {
                    var from = (int)(_position - before.Length - length);
                    n = Math.Min(rest.Length, after.Length - from);
                    after.AsSpan(from, n).CopyTo(rest);
                }

                read += n;
                _position += n;
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
