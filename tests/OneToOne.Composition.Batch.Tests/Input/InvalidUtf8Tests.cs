using System.Text;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// A record whose bytes are not valid UTF-8 (a line saved as Windows-1252 or Latin-1) is rejected, naming its line, the
/// bad byte and how to fix the file, on every way a file is read; the file's other records are read, a genuine U+FFFD
/// written as UTF-8 included.
/// </summary>
public sealed class InvalidUtf8Tests
{
    private const string NotUtf8 = "the line is not valid UTF-8 at byte 28 (0xEB, 'ë' in Latin-1; column 28): save the file as UTF-8; it looks like Windows-1252/Latin-1";

    private const string CsvNotUtf8 = "the line is not valid UTF-8 at byte 7 (0xEB, 'ë' in Latin-1; column 7): save the file as UTF-8; it looks like Windows-1252/Latin-1";

    /// <summary>Line 2 is Latin-1 ("Zoë" with ë as the byte 0xEB, the 28th of the line); line 4 holds a real U+FFFD in UTF-8.</summary>
    private static readonly byte[] JsonLines =
    [
        .. "{\"id\":\"c1\",\"first_name\":\"Ada\"}\n"u8,
        .. Encoding.Latin1.GetBytes("{\"id\":\"c2\",\"first_name\":\"Zoë\"}\r\n"),
        .. "\n{\"id\":\"c3\",\"first_name\":\"Jürgen\"}\n"u8,
        .. "{\"id\":\"c4\",\"first_name\":\"Zo\uFFFD\"}"u8,
    ];

    /// <summary>Line 3 is Latin-1 ("Zoë" at byte 7), the record of lines 5-6 has a Latin-1 byte on its second line; line 7 holds a real U+FFFD.</summary>
    private static readonly byte[] Csv =
    [
        .. "id,first_name,note\n"u8,
        .. "c1,Ada,x\n"u8,
        .. Encoding.Latin1.GetBytes("c2,\"Zoë and friends with a long\",x\r\n"),
        .. "c3,Jürgen,x\n"u8,
        .. Encoding.Latin1.GetBytes("c5,Bo,\"two\nlines ë\"\n"),
        .. "c4,Zo\uFFFD,x\n"u8,
    ];

    public static TheoryData<string> Ways => ["stream", "text", "file", "pipe"];

    [Theory]
    [MemberData(nameof(Ways))]
    public void JsonLines_ALatin1Line_IsRejected_NamingLineAndByte_TheOthersAreRead(string way)
    {
        using var directory = new TempDirectory();
        var records = Read(JsonLines, RecipientFormat.JsonLines, way, directory);

        Assert.Equal([(1L, 1L, "c1"), (2L, 2L, "c2"), (3L, 4L, "c3"), (4L, 5L, "c4")], records.Select(static r => (r.Number, r.Line, r.Id)));
        Assert.Equal([true, false, true, true], records.Select(static r => r.Recipient is not null));

        // The Latin-1 line's id is told from it, so the reject says whose it is.
        Assert.Equal($"Line 2: {NotUtf8} or another 8-bit encoding. The line is not read, so that no character is lost or replaced.", records[1].Error);
        Assert.Equal("Jürgen", Field(records[2], "first_name"));
        Assert.Equal("Zo\uFFFD", Field(records[3], "first_name"));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void Csv_ALatin1Row_IsRejected_NamingLineAndByte_TheOthersAreRead(string way)
    {
        using var directory = new TempDirectory();
        var records = Read(Csv, RecipientFormat.Csv, way, directory);

        Assert.Equal([(1L, 2L, "c1"), (2L, 3L, "c2"), (3L, 4L, "c3"), (4L, 5L, "c5"), (5L, 7L, "c4")], records.Select(static r => (r.Number, r.Line, r.Id)));
        Assert.Equal([true, false, true, false, true], records.Select(static r => r.Recipient is not null));
        Assert.StartsWith($"Line 3: {CsvNotUtf8}", records[1].Error, StringComparison.Ordinal);

        // The bad byte of a record that spans lines is named by its own line: "lines ë", the 7th byte of line 6.
        Assert.StartsWith("Line 6: the line is not valid UTF-8 at byte 7 (0xEB, 'ë' in Latin-1; column 7): save the file as UTF-8", records[3].Error, StringComparison.Ordinal);
        Assert.Equal("Jürgen", Field(records[2], "first_name"));
        Assert.Equal("Zo\uFFFD", Field(records[4], "first_name"));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void Csv_ALatin1Header_IsAnInputError_NamingItsLine(string way)
    {
        using var directory = new TempDirectory();
        byte[] input = [.. "\r\n"u8, .. Encoding.Latin1.GetBytes("id,prénom\n"), .. "c1,Ada\n"u8];

        var error = Assert.Throws<RecipientInputException>(() => Read(input, RecipientFormat.Csv, way, directory));

        Assert.StartsWith("Line 2: the CSV header is not valid UTF-8 at byte 6 (0xE9, 'é' in Latin-1; column 6): save the file as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchRun_ALatin1Line_IsRejectedAtRead_TheOthersRender_AndTheSummaryAddsUp()
    {
        // The example's first three recipients, the second ("Jürgen") saved as Latin-1.
        var example = Path.Combine(RepoRoot(), "examples", "beer-of-the-month");
        var lines = File.ReadLines(Path.Combine(example, "recipients.jsonl")).Take(3).ToList();
        byte[] input = [.. Encoding.UTF8.GetBytes(lines[0] + "\n"), .. Encoding.Latin1.GetBytes(lines[1] + "\n"), .. Encoding.UTF8.GetBytes(lines[2] + "\n")];
        var sink = new CollectingSink();
        using var stream = new MemoryStream(input);
        var catalog = new CatalogLoader(TestOptions.Untimed).Load(Path.Combine(example, "catalog.yaml"));

        var summary = await new BatchRunner(catalog, "monthly", new ChannelSettings(BatchChannel.Text)).RunAsync(RecipientReader.Read(stream, RecipientFormat.JsonLines), sink);

        Assert.Equal((3L, 2L, 0L, 1L), (summary.Input, summary.Rendered, summary.Suppressed, summary.Rejected));
        Assert.Equal([BatchStatus.Rendered, BatchStatus.Rejected, BatchStatus.Rendered], sink.Results.OrderBy(static r => r.Number).Select(static r => r.Status));
        var rejected = sink.Results.Single(static r => r.Status == BatchStatus.Rejected);
        var at = lines[1].IndexOf('ü', StringComparison.Ordinal) + 1;
        Assert.Equal((2L, RejectStage.Read, "c002"), (rejected.Number, rejected.Stage, rejected.Id));
        Assert.StartsWith($"Line 2: the line is not valid UTF-8 at byte {at} (0xFC, 'ü' in Latin-1; column {at}): save the file as UTF-8", rejected.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', sink.Text);
    }

    [Fact]
    public void TextReader_ReadsValidUtf8AsAStreamReaderDoes_AndNotesOnlyBadLines()
    {
        var text = "\uFEFFa\r\nb\u00A0\u2028c\rd\n\n🍺 e\uFFFD\r";
        using var reader = RecipientReader.TextOf(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var utf8 = Utf8TextReader.Of(reader)!;

        Assert.Equal(text[1..], reader.ReadToEnd());
        Assert.Null(utf8.TakeError(1, long.MaxValue));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void TextReader_ReadsAFileWithAnotherByteOrderMark_InItsEncoding(string name)
    {
        var encoding = name switch { "utf-16" => Encoding.Unicode, "utf-16BE" => Encoding.BigEndianUnicode, _ => Encoding.UTF32 };
        var text = "id,name\n1,Zoë\uFFFD\n";
        using var reader = RecipientReader.TextOf(new MemoryStream([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]));

        Assert.Equal('i', reader.Peek());
        Assert.Equal(text, reader.ReadToEnd());
        Assert.Null(Utf8TextReader.Of(reader)!.TakeError(1, long.MaxValue));
    }

    private static List<RecipientRecord> Read(byte[] bytes, RecipientFormat format, string way, TempDirectory directory)
    {
        var stream = new OneByteStream(bytes, seekable: way != "pipe");
        var csv = format == RecipientFormat.Csv;
        switch (way)
        {
            case "stream":
                return [.. RecipientReader.Read(stream, format)];
            case "text":
                using (var reader = RecipientReader.TextOf(stream))
                {
                    return [.. RecipientReader.Read(reader, format)];
                }

            case "file":
                var path = directory.File(csv ? "people.csv" : "people.jsonl");
                File.WriteAllBytes(path, bytes);
                using (var input = RecipientInput.Open(path, TextReader.Null))
                {
                    return [.. input.Read()];
                }

            default:
                // No extension and no seeking: the format is sniffed through a text reader that gives the first characters back.
                using (var input = RecipientInput.Open(stream, "people"))
                {
                    Assert.Equal(format, input.Format);
                    return [.. input.Read()];
                }
        }
    }

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "OneToOne.Composition.sln")))
        {
            folder = folder.Parent;
        }

        return folder.FullName;
    }

    private static object? Field(RecipientRecord record, string name) =>
        record.Recipient!.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"record {record.Number} has no {name}");

    /// <summary>A stream that returns one byte per read, so that lines, <c>\r\n</c> and characters straddle reads; like a pipe, it may refuse to seek.</summary>
    private sealed class OneByteStream(byte[] data, bool seekable) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => seekable && base.CanSeek;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
