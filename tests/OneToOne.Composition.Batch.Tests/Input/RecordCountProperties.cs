using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// A file's progress total (<see cref="RecipientInput.CountRecords"/>) is the number of records the readers give, from
/// the file as the CLI opens it (JSON Lines in UTF-8 read as bytes) and from a text reader: the counter skips the lines
/// they skip (blank JSON Lines, empty CSV lines), whatever white space (or characters that only look like it, or invalid
/// UTF-8) the lines hold, and wherever its 64 KB blocks cut them.
/// </summary>
public sealed class RecordCountProperties : IDisposable
{
    private const int Block = 1 << 16;

    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];

    /// <summary>White space, as <see cref="char.IsWhiteSpace(char)"/> has it: ASCII, and characters of two and three bytes in UTF-8.</summary>
    private static readonly byte[][] WhiteSpace =
    [
        .. new[] { " ", "\t", "\v", "\f", "\u0085", "\u00A0", "\u1680", "\u2000", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000" }
            .Select(static p => Encoding.UTF8.GetBytes(p)),
    ];

    /// <summary>What is not white space: look-alikes (a byte-order mark mid-file, a zero-width space, the information separators), and bytes that are not UTF-8.</summary>
    private static readonly byte[][] Other =
    [
        .. new[] { "\uFEFF", "\u200B", "\u180E", "\u001C", "\u001F", "\u0000", "x", "\U0001F37A" }.Select(static p => Encoding.UTF8.GetBytes(p)),
        [0xC2], [0xE3, 0x80], [0x80], [0xF0, 0x9F, 0x8D], [0xFF],
    ];

    /// <summary>The folder of the file each case writes over the last one's.</summary>
    private readonly TempDirectory _temp = new();

    /// <summary>
    /// Each case is made from a seed (the whole range, whatever FsCheck's size: small seeds would make few kinds of line):
    /// JSON Lines or CSV (one column, a third of the cases), 0 to 40 lines, where a block ends (inside which line, how many
    /// bytes in), a byte-order mark or not, a last line end or not, and UTF-8 or UTF-16.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property TheTotal_IsTheRecordsTheReadersGive() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => Holds(new System.Random(seed)));

    /// <inheritdoc />
    public void Dispose() => _temp.Dispose();

    private Property Holds(System.Random random)
    {
        var csv = random.Next(3) == 0;
        var lines = Enumerable.Range(0, random.Next(41)).Select(i => LineOf(random, i, csv)).ToList();
        if (lines.Count > 0 && random.Next(2) == 0)
        {
            lines[^1] = (lines[^1].Bytes, []);
        }

        // A first line (of spaces for JSON Lines, blank, so cheap to read; after the header, a row for CSV) long enough that
        // a 64 KB block ends inside a chosen line, or at its end.
        var byteOrderMark = random.Next(2) == 0;
        var header = csv ? "id\n" : string.Empty;
        var cut = lines.Count == 0 ? 0 : random.Next(lines.Count);
        var before = lines.Take(cut).Sum(static l => l.Bytes.Length + l.End.Length);
        var offset = lines.Count == 0 ? 0 : random.Next(lines[cut].Bytes.Length + 1);
        var padding = Block - (byteOrderMark ? 3 : 0) - header.Length - before - offset - 1;
        var first = Encoding.ASCII.GetBytes(header + new string(csv ? 'p' : ' ', padding < 0 ? padding + Block : padding) + "\n");
        byte[] utf8 = [.. byteOrderMark ? Encoding.UTF8.Preamble : [], .. first, .. lines.SelectMany(static l => l.Bytes.Concat(l.End))];
        var bytes = random.Next(4) == 0 ? [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(utf8))] : utf8;

        var path = _temp.File(csv ? "people.csv" : "people.jsonl");
        File.WriteAllBytes(path, bytes);
        long fromBytes, fromText;
        using (var input = RecipientInput.Open(path, TextReader.Null))
        {
            fromBytes = Count(input.Read());
        }

        using (var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            fromText = Count(RecipientReader.Read(text, csv ? RecipientFormat.Csv : RecipientFormat.JsonLines));
        }

        var total = RecipientInput.CountRecords(path);
        var shown = Convert.ToHexString(utf8.AsSpan(utf8.Length - lines.Sum(static l => l.Bytes.Length + l.End.Length)));
        return (total == fromBytes && total == fromText).Label(
            $"total {total}, records from the file {fromBytes}, from text {fromText}; {(csv ? "CSV" : "JSON Lines")}, {(bytes == utf8 ? "UTF-8" : "UTF-16")}, block end {offset} bytes into line {cut + 1}; the lines after the first: {shown}");
    }

    /// <summary>A record (one line in four) or a line of 0 to 4 pieces (white space three times in four), and its end.</summary>
    private static (byte[] Bytes, byte[] End) LineOf(System.Random random, int index, bool csv)
    {
        byte[] bytes = random.Next(4) == 0
            ? Encoding.UTF8.GetBytes(csv ? Id(index) : $"{{\"id\":\"{Id(index)}\"}}")
            : [.. Enumerable.Range(0, random.Next(5)).SelectMany(_ => random.Next(4) == 0 ? Other[random.Next(Other.Length)] : WhiteSpace[random.Next(WhiteSpace.Length)])];
        return (bytes, Encoding.ASCII.GetBytes(LineEnds[random.Next(LineEnds.Length)]));
    }

    private static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"r{index}");

    private static long Count(IEnumerable<RecipientRecord> records)
    {
        long count = 0;
        foreach (var record in records)
        {
            using (record)
            {
                count++;
            }
        }

        return count;
    }
}
