using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>JSON Lines read as bytes from a stream give exactly the records the text path gives.</summary>
public sealed class JsonLinesStreamProperties
{
    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];

    /// <summary>
    /// The byte path and the text path (the reader a file or standard input is read through) give the same records; a
    /// line that is not valid UTF-8 is rejected on both, naming its line and the bad byte (it is not read with U+FFFD).
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Bytes_GiveTheSameRecordsAsText(int[] seeds, PositiveInt chunk, bool byteOrderMark, bool finalLineEnd)
    {
        var input = Input(seeds, byteOrderMark, finalLineEnd);

        // The streams hand out a few bytes at a time, so lines, \r\n pairs and multi-byte characters straddle reads.
        using var reader = RecipientReader.TextOf(new TricklingStream(input, 1 + (chunk.Get / 97 % 89)));
        var text = Describe(RecipientReader.Read(reader, RecipientFormat.JsonLines));
        var bytes = Describe(RecipientReader.Read(new TricklingStream(input, 1 + (chunk.Get % 97)), RecipientFormat.JsonLines));

        var records = seeds.Where(static s => Kind(s) is not (0 or 1)).ToList();
        var notUtf8 = records.Select((s, i) => (Kind(s) == 5, text.Count > i && text[i].Contains(": the line is not valid UTF-8 at byte ", StringComparison.Ordinal) && text[i].Contains(" (0xC3, 'Ã' in Latin-1; column ", StringComparison.Ordinal) && text[i].Split('|')[4].Length == 0));
        return text.Count == records.Count && notUtf8.All(static n => n.Item1 == n.Item2) && text.SequenceEqual(bytes);
    }

    [Fact]
    public async Task Bytes_AHugeLineFromAPipe_IsReadInTimeInProportionToItsLength()
    {
        // The line was looked through from its start after every read: 60 MB handed out 1 KiB at a time took minutes.
        var note = new string('x', 60 << 20);
        var input = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\",\"note\":\"" + note + "\"}\r\n{\"id\":\"c\"}\n");

        var (records, spent) = await Waits.OnItsOwnThreadAsync(() => RecipientReader.Read(new TricklingStream(input, 1024, seekable: false), RecipientFormat.JsonLines).ToList());

        Assert.True(spent < TimeSpan.FromMinutes(1), $"reading spent {spent} of processor time"); // not the time that passed: at load 60 that is mostly waiting

        Assert.Equal(["a", "b", "c"], records.Select(static r => r.Recipient?.Id));
        Assert.True(records[1].Recipient!.TryGetValue("note", out var read));
        Assert.Equal(note.Length, Assert.IsType<string>(read).Length);
        Assert.Equal([1L, 2L, 3L], records.Select(static r => r.Line));
    }

    [Fact]
    public void Bytes_ReadALineLongerThanTheBuffer()
    {
        var note = new string('x', 200_000) + "é";
        var input = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\r\n{\"id\":\"b\",\"note\":\"" + note + "\"}\n{\"id\":\"c\"}");

        var records = RecipientReader.Read(new MemoryStream(input), RecipientFormat.JsonLines).ToList();

        Assert.Equal(["a", "b", "c"], records.Select(static r => r.Recipient?.Id));
        Assert.True(records[1].Recipient!.TryGetValue("note", out var value));
        Assert.Equal(note, value);
        Assert.Equal([1L, 2L, 3L], records.Select(static r => r.Line));
    }

    [Theory]
    [InlineData("people.jsonl", "utf-8")]
    [InlineData("people.jsonl", "utf-8-bom")]
    [InlineData("people.jsonl", "utf-16")]
    [InlineData("people", "utf-8")]
    [InlineData("people", "utf-16")]
    public void Input_ReadsAFile_WhateverItsNameAndEncoding(string name, string encoding)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, name);
        var content = "\n{\"id\":\"a\",\"city\":\"Zürich\"}\r\n\n{\"id\":\"b\",\"city\":\"Łódź\"}\n";
        File.WriteAllText(path, content, encoding switch
        {
            "utf-16" => Encoding.Unicode,
            "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        });

        using var input = RecipientInput.Open(path, TextReader.Null);
        var records = input.Read().ToList();

        Assert.Equal(RecipientFormat.JsonLines, input.Format);
        Assert.Equal([("a", 2L, "Zürich"), ("b", 4L, "Łódź")], records.Select(static r => (r.Recipient!.Id, r.Line, r.Recipient.TryGetValue("city", out var city) ? city : null)));
    }

    /// <summary>A named pipe cannot be rewound: its byte-order mark is read ahead and given back, and any encoding reads as from a file.</summary>
    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Input_ReadsAPipe_WhateverItsEncoding(string encoding)
    {
        var content = "\n{\"id\":\"a\",\"city\":\"Zürich\"}\r\n\n{\"id\":\"b\",\"city\":\"Łódź\"}\n";
        var text = encoding switch
        {
            "utf-16" => Encoding.Unicode,
            "utf-16BE" => Encoding.BigEndianUnicode,
            "utf-32" => Encoding.UTF32,
            "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        var bytes = text.GetPreamble().Concat(text.GetBytes(content)).ToArray();

        // One byte per read: even the byte-order mark arrives in pieces.
        using var input = RecipientInput.Open(new TricklingStream(bytes, 1, seekable: false), "people.jsonl");
        var records = input.Read().ToList();

        Assert.Equal(RecipientFormat.JsonLines, input.Format);
        Assert.Equal([("a", 2L, "Zürich"), ("b", 4L, "Łódź")], records.Select(static r => (r.Recipient!.Id, r.Line, r.Recipient.TryGetValue("city", out var city) ? city : null)));
    }

    [Fact]
    public void Input_SniffsACsvFile_AndReadsIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "people");
        File.WriteAllText(path, "\uFEFFid,city\n1,Zürich\n");

        using var input = RecipientInput.Open(path, TextReader.Null);
        var record = Assert.Single(input.Read());

        Assert.Equal(RecipientFormat.Csv, input.Format);
        Assert.Equal("1", record.Recipient!.Id);
        Assert.True(record.Recipient.TryGetValue("city", out var city));
        Assert.Equal("Zürich", city);
    }

    /// <summary>0 blank, 1 white space only, 2 a recipient, 3 not JSON, 4 an array, 5 invalid UTF-8 in a value, 6 a long line.</summary>
    private static int Kind(int seed) => (int)((uint)seed % 7);

    private static byte[] Input(int[] seeds, bool byteOrderMark, bool finalLineEnd)
    {
        var bytes = new List<byte>();
        if (byteOrderMark)
        {
            bytes.AddRange(Encoding.UTF8.Preamble.ToArray());
        }

        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            var id = string.Create(CultureInfo.InvariantCulture, $"r{i}");
            bytes.AddRange(Kind(seed) switch
            {
                0 => [],
                1 => Encoding.UTF8.GetBytes(" \t\u00A0 "),
                2 => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"name\":\"Zoë \\\"{seed}\\\" — ✓ 🍺\",\"n\":{seed}}}"),
                3 => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"name\":"),
                4 => Encoding.UTF8.GetBytes($"[\"{id}\"]"),
                5 => [.. Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"name\":\"bad "), 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'],
                _ => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"name\":\"{new string('y', 70_000 + (seed & 0xFF))}\"}}"),
            });
            if (i < seeds.Length - 1 || finalLineEnd)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(LineEnds[(uint)seed / 7 % 3]));
            }
        }

        return [.. bytes];
    }

    private static List<string> Describe(IEnumerable<RecipientRecord> records)
    {
        var lines = new List<string>();
        foreach (var record in records)
        {
            using (record)
            {
                var name = record.Recipient is { } r && r.TryGetValue("name", out var value) ? value : null;
                var n = record.Recipient is { } s && s.TryGetValue("n", out var number) ? number : null;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{record.Number}|{record.Line}|{record.Id}|{record.Error}|{name}|{n}"));
            }
        }

        return lines;
    }

    /// <summary>A stream that returns at most a few bytes per read, as a pipe or a slow disk may; like a pipe, it may refuse to seek.</summary>
    private sealed class TricklingStream(byte[] data, int chunk, bool seekable = true) : MemoryStream(data)
    {
        public override bool CanSeek => seekable && base.CanSeek;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
