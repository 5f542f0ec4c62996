using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// Fuzzes the bytes of a recipients file: the beer-of-the-month example's recipients.jsonl and recipients.csv, with
/// invalid UTF-8, byte-order marks, NUL bytes, mixed line endings, cut, duplicated, swapped and deleted lines, huge
/// lines, hostile JSON values and broken CSV quoting. Read each way a batch reads its input (from a stream, from a text
/// reader, from a file opened as the CLI opens it) and run through <see cref="BatchRunner"/>, every input record ends as
/// exactly one result (for JSON Lines, one per non-blank line, as many as the file's progress total said), each
/// rejection with a one-line error that names a line of the input (or, past reading, its recipient), and the summary
/// adds up; nothing escapes but a <see cref="RecipientInputException"/> for an unusable CSV header. Set
/// <c>ONETOONE_FUZZ_CASES</c> to run more cases than CI does.
/// </summary>
public sealed class RecipientInputFuzzProperties
{
    /// <summary>The seed CI runs with (as HostileRecipients.Seed): the same cases each time.</summary>
    private const ulong Seed = 2026120521, Gamma = 7919;

    private const int Kinds = 23;

    private static readonly string Example = Path.Combine(FindRepoRoot(), "examples", "beer-of-the-month");
    private static readonly Catalog Beer = new CatalogLoader(TestOptions.Untimed).Load(Path.Combine(Example, "catalog.yaml"));
    private static readonly byte[][] JsonLines = Lines(File.ReadAllBytes(Path.Combine(Example, "recipients.jsonl")));
    private static readonly byte[][] CsvLines = Lines(File.ReadAllBytes(Path.Combine(Example, "recipients.csv")));
    private static readonly RecipientSchema Schema = RecipientSchema.TryParse("id:text!,first_name:text!,iq:number", out var schema, out _) ? schema : throw new InvalidOperationException();
    private static readonly RecipientSchema CsvSchema = RecipientSchema.TryParse("iq:number,points:number,unsubscribed:boolean", out var csv, out _) ? csv : throw new InvalidOperationException();

    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x82, 0x82, 0xAC], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xFF], [0xFE],
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] JsonValues =
    [
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"x\\udbff\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "1e400", "-1e400", "-0", "1E-400", "0.1e-999999",
        "123456789012345678901234567890", "null", "true", "{}", "[]", "{\"a\": [1, {\"b\": null}]}", "\"\"", "\"\\\"\"", "1.5", "\"\\u2028\\u0085\"",
        new string('[', 10_000) + new string(']', 10_000), new string('[', 10_000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_001),
    ];

    private static readonly string[] CsvValues =
    [
        "\"unbalanced", "un\"balanced", "\"x\"\"", "\"x\"y", "\"a\nb\"", "\"a\r\nb\"", "1e400", "-0", "1E-400", "\"\"", "\"a,b\"", ";", "\t", "|", "true", "NaN",
        new string('[', 10_000), "\"" + new string('"', 101) + "\"",
    ];

    private static readonly string[] Fields = ["id", "first_name", "iq", "points", "unsubscribed", "tier", "country", "locale", "email", "nickname"];

    [Fact]
    public void MutatedRecipientFiles_EndEveryRecordOnce_AndNeverStopTheRun()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ONETOONE_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 500;
        var replay = new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithReplay(FSharpOption<Replay>.Some(replay));
        Check.One(config, Prop.ForAll(Arb.From(Gen.Zip(Gen.Choose(0, 5), Gen.Choose(1, 8).SelectMany(static k => Gen.ArrayOf(Mutation, k)))), static c => Holds(c.Item1, c.Item2)));
    }

    /// <summary>
    /// Gets a mutation: its kind (those that throw the whole file away, or make it megabytes long, less often than the
    /// others) and the seed of where and what.
    /// </summary>
    private static Gen<(int Kind, int Seed)> Mutation { get; } = Gen.Zip(
        Gen.Frequency(Enumerable.Range(0, Kinds).Select(static k => (k is 13 or 14 or 15 or 16 or 21 ? 1 : 5, Gen.Constant(k)))),
        Gen.Choose(0, int.MaxValue));

    /// <summary>
    /// One case: <paramref name="how"/> picks the format (odd: CSV) and the way the input is read (<c>how / 2</c>: 0 a stream,
    /// CSV with declared column types; 1 a text reader, the run with a schema; 2 a file); the mutations apply in turn.
    /// </summary>
    private static Property Holds(int how, (int Kind, int Seed)[] mutations)
    {
        var csv = how % 2 == 1;
        var lines = (csv ? CsvLines : JsonLines).Select(static l => new Line(l, "\n"u8.ToArray())).ToList();
        var log = new List<string>();
        foreach (var mutation in mutations)
        {
            log.Add(Mutate(lines, mutation, csv));
        }

        var bytes = lines.SelectMany(static l => l.Bytes.Concat(l.End)).ToArray();
        var problems = Problems(bytes, csv, how / 2);
        var shown = bytes.Length > 2_000 ? Encoding.UTF8.GetString(bytes, 0, 2_000) + $"… ({bytes.Length} bytes)" : Encoding.UTF8.GetString(bytes);
        return (problems.Count == 0).Label($"{string.Join("\n", problems)}\nread {(csv ? "CSV" : "JSON Lines")} by way {how / 2}; mutations: {string.Join(", ", log)}\n{shown}");
    }

    /// <summary>Runs the input through a batch and lists what breaks the promise.</summary>
    private static List<string> Problems(byte[] bytes, bool csv, int way)
    {
        var problems = new List<string>();
        var format = csv ? RecipientFormat.Csv : RecipientFormat.JsonLines;
        var sink = new CollectingSink();
        var options = new BatchOptions { MaxDegreeOfParallelism = 1 + (way % 2), Schema = way == 1 ? Schema : null };
        using var stream = new MemoryStream(bytes, writable: false);
        using var text = RecipientReader.TextOf(stream);
        using var folder = way == 2 ? new TempDirectory() : null;
        var path = folder?.File(csv ? "people.csv" : "people.jsonl");
        if (path is not null)
        {
            File.WriteAllBytes(path, bytes);
        }

        using var input = path is null ? null : RecipientInput.Open(path, TextReader.Null);
        var records = way switch
        {
            0 => RecipientReader.Read(stream, format, "id", csv ? CsvSchema : null),
            1 => RecipientReader.Read(text, format),
            _ => input!.Read(),
        };
        BatchSummary summary;
        try
        {
            var run = new BatchRunner(Beer, "monthly", new ChannelSettings(BatchChannel.Text), options).RunAsync(records, sink);
            if (!run.Wait(Waits.Hang))
            {
                return [$"the run did not finish within {Waits.Hang.TotalMinutes} minutes"];
            }

            summary = run.Result;
        }
        catch (AggregateException ex) when (ex.InnerException is RecipientInputException header && csv)
        {
            // The header's line: 1, or after the blank lines above it.
            if (!IsOneLine(header.Message) || !System.Text.RegularExpressions.Regex.IsMatch(header.Message, "^Line [1-9][0-9]*: "))
            {
                problems.Add($"the input error is not one line naming the header's line: {header.Message}");
            }

            return problems;
        }
        catch (AggregateException ex)
        {
            return [$"the run threw {ex.InnerException}"];
        }

        if (!summary.Completed || !sink.Completed)
        {
            problems.Add("the run did not complete");
        }

        if (summary.Input != sink.Results.Count || summary.Input != summary.Rendered + summary.Suppressed + summary.Rejected)
        {
            problems.Add($"the summary does not add up: input {summary.Input}, results {sink.Results.Count}, rendered {summary.Rendered}, suppressed {summary.Suppressed}, rejected {summary.Rejected}");
        }

        if (!sink.Results.Select(static r => r.Number).SequenceEqual(Enumerable.Range(1, sink.Results.Count).Select(static i => (long)i)))
        {
            problems.Add($"the results are not numbered 1 to {sink.Results.Count}: {string.Join(",", sink.Results.Select(static r => r.Number))}");
        }

        // An empty file has no total (a named pipe's size is 0 too, and a count would empty it before the run read it).
        if (!csv && path is not null && RecipientInput.CountRecords(path) is var total && total != summary.Input && !(total is null && bytes.Length == 0))
        {
            problems.Add($"the progress total is {total}, but the run counted {summary.Input} records");
        }

        var lines = LinesOf(bytes, csv, way);
        if (!csv && lines.Count(static l => !string.IsNullOrWhiteSpace(l)) is var expected && expected != summary.Input)
        {
            problems.Add($"the input has {expected} non-blank lines, but the run counted {summary.Input} records");
        }

        foreach (var result in sink.Results)
        {
            problems.AddRange(ResultProblems(result, lines.Count));
        }

        problems.AddRange(Utf8Problems(bytes, csv, way, lines, sink));

        var written = sink.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (written.Length != sink.Results.Count)
        {
            problems.Add($"the sink wrote {written.Length} lines for {sink.Results.Count} results");
        }

        foreach (var line in written)
        {
            try
            {
                using var _ = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                problems.Add($"the sink wrote a line that is not JSON ({ex.Message}): {Shorten(line)}");
            }
        }

        return problems;
    }

    private static IEnumerable<string> ResultProblems(BatchResult result, int lines)
    {
        if (result.Status == BatchStatus.Suppressed && string.IsNullOrEmpty(result.Reason))
        {
            yield return $"record {result.Number} is suppressed without a reason";
        }

        if (result.Status != BatchStatus.Rejected)
        {
            yield break;
        }

        if (result.Error is not { Length: > 0 } error || !IsOneLine(error))
        {
            yield return $"record {result.Number} is rejected without a one-line error: {Shorten(result.Error)}";
        }
        else if (result.Stage == RejectStage.Read ? !Regex.IsMatch(error, @"^Line [1-9][0-9]*: ") : !error.Contains("ecipient '", StringComparison.Ordinal))
        {
            // Reading names the line; deciding and rendering name the recipient (and the template's place), as the other channels' errors do.
            yield return $"record {result.Number}'s error names neither its line nor its recipient ({result.Stage}): {Shorten(error)}";
        }
        else if (result.Stage == RejectStage.Read && long.Parse(error.AsSpan(5, error.IndexOf(':', StringComparison.Ordinal) - 5), CultureInfo.InvariantCulture) > lines)
        {
            yield return $"record {result.Number}'s error names a line past the input's {lines}: {Shorten(error)}";
        }
    }

    /// <summary>
    /// The rule for bytes that are not UTF-8 (in a file read as UTF-8, which is all but one whose UTF-16 byte-order mark a
    /// text reader follows): a record with such a line is rejected on reading, its error naming that line ("Line N: the
    /// line is not valid UTF-8 at byte …"), and no error names a line that is valid; no bad byte becomes a U+FFFD in what
    /// the run writes (unless the file holds a genuine one, written as UTF-8, or an escaped lone surrogate).
    /// </summary>
    private static IEnumerable<string> Utf8Problems(byte[] bytes, bool csv, int way, List<string> lines, CollectingSink sink)
    {
        // A text reader (CSV's always, JSON Lines' but by way 0) follows a UTF-16 byte-order mark: the file is not read as UTF-8.
        if ((csv || way != 0) && bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            yield break;
        }

        var invalid = InvalidLines(bytes);
        foreach (var result in sink.Results)
        {
            if (result.Error is { } error && Regex.Match(error, "^Line ([1-9][0-9]*): the line is not valid UTF-8 at byte [1-9]") is { Success: true } match
                && !invalid.Contains(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)))
            {
                yield return $"record {result.Number} is rejected as not UTF-8, but its line is valid UTF-8: {Shorten(error)}";
            }
        }

        // JSON Lines: each non-blank line is a record, in order.
        var recordLines = csv ? [] : lines.Select((l, i) => (Blank: string.IsNullOrWhiteSpace(l), Line: i + 1L)).Where(static l => !l.Blank).Select(static l => l.Line).ToList();
        foreach (var result in sink.Results.Where(r => r.Number <= recordLines.Count && invalid.Contains(recordLines[(int)r.Number - 1])))
        {
            var line = recordLines[(int)result.Number - 1];
            if (result.Status != BatchStatus.Rejected || result.Stage != RejectStage.Read || result.Error?.StartsWith($"Line {line}: the line is not valid UTF-8 at byte ", StringComparison.Ordinal) != true)
            {
                yield return $"record {result.Number} (line {line}) is not valid UTF-8, but it is {result.Status} ({result.Stage}): {Shorten(result.Error)}";
            }
        }

        // A genuine U+FFFD, or a JSON escape of a lone surrogate (how the JSON reader reads one is another matter), may be written.
        if (bytes.AsSpan().IndexOf("\uFFFD"u8) < 0 && !Regex.IsMatch(Encoding.Latin1.GetString(bytes), @"\\u[dD][89abcdefABCDEF]", RegexOptions.None, TimeSpan.FromSeconds(5)))
        {
            var text = sink.Text;
            if (text.Contains('\uFFFD', StringComparison.Ordinal) || text.Contains("\\ufffd", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"a bad byte was written as U+FFFD: {Shorten(text[Math.Max(0, text.IndexOf('\uFFFD', StringComparison.Ordinal) - 100)..])}";
            }
        }
    }

    /// <summary>The 1-based lines (split as <see cref="TextReader.ReadLine"/> splits, after a UTF-8 byte-order mark) that are not valid UTF-8.</summary>
    private static HashSet<long> InvalidLines(byte[] bytes)
    {
        var invalid = new HashSet<long>();
        var rest = bytes.AsSpan();
        if (rest.StartsWith(Encoding.UTF8.Preamble))
        {
            rest = rest[Encoding.UTF8.Preamble.Length..];
        }

        for (long line = 1; !rest.IsEmpty; line++)
        {
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (!System.Text.Unicode.Utf8.IsValid(end < 0 ? rest : rest[..end]))
            {
                invalid.Add(line);
            }

            rest = end < 0 ? [] : rest[(end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1))..];
        }

        return invalid;
    }

    /// <summary>
    /// The lines a reader sees: the bytes decoded as the way reads them (a text reader, which CSV always has, drops the
    /// byte-order mark it detects; the JSON Lines byte path reads UTF-8 whatever the marks, skipping a UTF-8 one), split
    /// as <see cref="TextReader.ReadLine"/> splits.
    /// </summary>
    private static List<string> LinesOf(byte[] bytes, bool csv, int way)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var text = csv || way == 1 || (way == 2 && bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF));
        using var reader = text
            ? new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)
            : new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(lines.Count == 0 && !text && line.StartsWith('\uFEFF') ? line[1..] : line);
        }

        return lines;
    }

    private static bool IsOneLine(string text) => !text.Any(OneLineText.IsUnsafe);

    private static string Shorten(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text ?? "(null)";

    /// <summary>Applies one mutation and says what it did.</summary>
    private static string Mutate(List<Line> lines, (int Kind, int Seed) mutation, bool csv)
    {
        var random = new System.Random(mutation.Seed);
        var kind = mutation.Kind;
        if (lines.Count == 0 && kind is not (14 or 15 or 16))
        {
            return "none (no lines)";
        }

        var at = random.Next(lines.Count);
        var line = lines.Count == 0 ? new Line([], []) : lines[at];
        var position = random.Next(line.Bytes.Length + 1);
        switch (kind)
        {
            case 0 or 1:
                var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
                lines[at] = line.Insert(position, bad);
                return $"invalid UTF-8 {Convert.ToHexString(bad)} at line {at + 1}:{position}";
            case 2:
                lines[0] = lines[0].Insert(0, Encoding.UTF8.Preamble.ToArray());
                return "UTF-8 BOM at the start";
            case 3:
                lines[at] = line.Insert(position, Encoding.UTF8.Preamble.ToArray());
                return $"UTF-8 BOM at line {at + 1}:{position}";
            case 4:
                byte[] bom = random.Next(2) == 0 ? [0xFF, 0xFE] : [0xFE, 0xFF];
                var into = random.Next(3) == 0 ? at : 0;
                lines[into] = lines[into].Insert(0, bom);
                return $"UTF-16 BOM {Convert.ToHexString(bom)} at the start of line {into + 1}";
            case 5:
                lines[at] = line.Insert(position, [0]);
                return $"NUL at line {at + 1}:{position}";
            case 6:
                var end = random.Next(4) switch { 0 => "\r"u8.ToArray(), 1 => "\r\n"u8.ToArray(), 2 => "\n"u8.ToArray(), _ => "\n\r"u8.ToArray() };
                lines[at] = line with { End = end };
                return $"line {at + 1} ends with {Convert.ToHexString(end)}";
            case 7:
                lines[at] = new Line(line.Bytes[..position], line.End);
                return $"line {at + 1} cut at {position}";
            case 8:
                lines[at] = new Line(line.Bytes[..position], "\n"u8.ToArray());
                lines.Insert(at + 1, new Line(line.Bytes[position..], line.End));
                return $"line {at + 1} broken at {position}";
            case 9:
                lines.Insert(at, line);
                return $"line {at + 1} duplicated";
            case 10:
                var other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], line);
                return $"lines {at + 1} and {other + 1} swapped";
            case 11:
                lines.RemoveAt(at);
                return $"line {at + 1} deleted";
            case 12:
                lines[^1] = lines[^1] with { End = [] };
                return "last line unterminated";
            case 13:
                var size = (1 + random.Next(5)) * 1024 * 1024;
                var quote = line.Bytes.Length < 2 ? -1 : Array.IndexOf(line.Bytes, csv ? (byte)',' : (byte)'"', 1);
                lines[at] = line.Insert(quote < 0 ? position : quote + 1, Encoding.ASCII.GetBytes(new string((char)('a' + random.Next(26)), size)));
                return $"{size} bytes into line {at + 1}";
            case 14:
                lines.RemoveRange(Math.Min(1, lines.Count), Math.Max(0, lines.Count - 1));
                return "header (first line) only";
            case 15:
                lines.Clear();
                return "empty file";
            case 16:
                var blanks = new[] { string.Empty, " ", "\t", "  \t ", "\u00A0", "\u3000" };
                lines.Clear();
                lines.AddRange(Enumerable.Range(0, 1 + random.Next(5)).Select(i => new Line(Encoding.UTF8.GetBytes(blanks[random.Next(blanks.Length)]), i % 2 == 0 ? "\n"u8.ToArray() : "\r\n"u8.ToArray())));
                return "blank lines only";
            case 17 or 18:
                return csv ? CsvValue(lines, at, random) : JsonValue(lines, at, random);
            case 19:
                if (csv)
                {
                    lines[0] = new Line(Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "id,first_name,id", 1 => "id,,first_name", _ => "\"id\";first_name\t\"iq\"|x" }), lines[0].End);
                    return "a broken header";
                }

                var field = Fields[random.Next(Fields.Length)];
                lines[at] = line.Insert(Math.Min(1, line.Bytes.Length), Encoding.UTF8.GetBytes($"\"{field}\": {JsonValues[random.Next(JsonValues.Length)]}, "));
                return $"duplicate key '{field}' in line {at + 1}";
            case 20:
                lines[at] = new Line(Encoding.UTF8.GetBytes(csv ? "\"" : "{\"id\": \"open"), line.End);
                return $"line {at + 1} an unclosed quote";
            case 22 when csv:
                var separator = ";\t|"[random.Next(3)];
                var every = random.Next(2) == 0;
                for (var i = 0; i < (every ? lines.Count : 1); i++)
                {
                    lines[i] = new Line(Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(lines[i].Bytes).Replace(',', separator)), lines[i].End);
                }

                return $"commas of {(every ? "every line" : "the header")} made {(int)separator:X2}";
            case 22:
                var whole = new[] { "null", "42", "\"text\"", "[{\"id\": \"c1\"}]", "{}", "{\"id\": null}", "{\"id\": {\"a\": 1}}", "{\"id\": [1]}", "{\"id\": true}", "{\"id\": 1e400}", "{\"id\": -0}" }[random.Next(11)];
                lines[at] = new Line(Encoding.UTF8.GetBytes(whole), line.End);
                return $"line {at + 1} made {whole}";
            default: // 21
                var encoded = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(lines.SelectMany(static l => l.Bytes.Concat(l.End)).ToArray()))).ToArray();
                lines.Clear();
                lines.Add(new Line(encoded, []));
                return "the whole file UTF-16";
        }
    }

    private static string JsonValue(List<Line> lines, int at, System.Random random)
    {
        var field = Fields[random.Next(Fields.Length)];
        var value = JsonValues[random.Next(JsonValues.Length)];
        var latin = Encoding.Latin1.GetString(lines[at].Bytes);
        var replaced = Regex.Replace(latin, "(\"" + field + "\": )(\"[^\"]*\"|[^,}]*)", m => m.Groups[1].Value + value.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(5));
        lines[at] = new Line(Encoding.Latin1.GetBytes(replaced), lines[at].End);
        return $"'{field}' in line {at + 1} set to {(value.Length > 40 ? value[..40] + "…" : value)}";
    }

    private static string CsvValue(List<Line> lines, int at, System.Random random)
    {
        var cells = Encoding.Latin1.GetString(lines[at].Bytes).Split(',');
        var cell = random.Next(cells.Length);
        var value = CsvValues[random.Next(CsvValues.Length)];
        cells[cell] = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(value));
        lines[at] = new Line(Encoding.Latin1.GetBytes(string.Join(',', cells)), lines[at].End);
        return $"cell {cell + 1} of line {at + 1} set to {(value.Length > 40 ? value[..40] + "…" : value)}";
    }

    private static byte[][] Lines(byte[] file) =>
        [.. Encoding.Latin1.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => Encoding.Latin1.GetBytes(l.TrimEnd('\r')))];

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OneToOne.Composition.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository's folder was not found above the test's output folder.");
    }

    /// <summary>A line of the file: its bytes and the bytes that end it.</summary>
    private sealed record Line(byte[] Bytes, byte[] End)
    {
        public Line Insert(int at, byte[] inserted) => new([.. Bytes[..at], .. inserted, .. Bytes[at..]], End);
    }
}
