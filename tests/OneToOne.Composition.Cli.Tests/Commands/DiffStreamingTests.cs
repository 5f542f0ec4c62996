using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// diff reads, compares and writes the recipients a chunk at a time (read whole first, the full customer file of a CI
/// gate took gigabytes): the same bytes as before it streamed, text and JSON, at any <c>--parallel</c>, across chunk
/// boundaries, skipped lines and recipients without an id.
/// </summary>
public sealed class DiffStreamingTests
{
    private const string Old = """
        catalog: stream
        modules:
          gold: { when: 'tier == "gold"', content: 'Gold for {{ name }}' }
          std: 'Save 10%'
          news: 'News 1'
          extra: { when: 'points > 1500', content: 'Extra {{ nick }}' }
        slots:
          s: { from: [gold, std] }
          n: { pick: all, from: [extra, news] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            body: |
              {{ slot "s" }}

              {{ slot "n" }}
          w:
            subject: 'Hi {{ name }}'
            body: |
              {{ slot "n" }}

        """;

    private static readonly string New = Old
        .Replace("tier == \"gold\"", "tier == \"gold\" || points > 1000", StringComparison.Ordinal)
        .Replace("'Save 10%'", "'Save 20%'", StringComparison.Ordinal)
        .Replace("'News 1'", "'News {{ points }}'", StringComparison.Ordinal)
        .Replace("points > 1500", "points > 1200", StringComparison.Ordinal)
        .Replace("'Hi {{ name }}'", "'Hello {{ name }}'", StringComparison.Ordinal);

    [Theory]
    [InlineData("text", "1", "4d39f10836d68455cdbbcd2e68ee722bb1ce5882602d6c3499b1d157f953f602")]
    [InlineData("text", "3", "4d39f10836d68455cdbbcd2e68ee722bb1ce5882602d6c3499b1d157f953f602")]
    [InlineData("text", "7", "4d39f10836d68455cdbbcd2e68ee722bb1ce5882602d6c3499b1d157f953f602")]
    [InlineData("json", "1", "bf9c49b9ffc10e8fbd0afab726424d9d609ec276a8f7391fdf79ba2856c04c92")]
    [InlineData("json", "3", "bf9c49b9ffc10e8fbd0afab726424d9d609ec276a8f7391fdf79ba2856c04c92")]
    [InlineData("json", "7", "bf9c49b9ffc10e8fbd0afab726424d9d609ec276a8f7391fdf79ba2856c04c92")]
    public void Diff_WritesTheSameBytesAsBeforeItStreamed_AtAnyParallel(string format, string parallel, string sha256BeforeStreaming)
    {
        // The sha256 is of what the tool wrote for these files before it streamed (commit e6715e6, --parallel 1 and 3 alike):
        // 1,100 recipients over chunks of 256 to 448, two messages, 12 skipped lines, ids missing and with control
        // characters, recipients rejected and suppressed. Since diff numbers records as render does (a skipped line still
        // takes its number), the sha256 is of that output: with each record number mapped back to its number among the
        // readable records, it was the bytes of e6715e6 again (4b6f02de… JSON, 88725246… text).
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New);
        File.WriteAllText(temp.File("r.jsonl"), Recipients());
        Assert.Equal("36a862932987d8d79a2dcf90eaf82fef99a8d45fa54ac1b24de0541f06033aee", Sha256(File.ReadAllText(temp.File("r.jsonl"))));

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl"), "--format", format, "--parallel", parallel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(12, run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        if (format == "text")
        {
            Assert.Equal("record 1: w: subject \"Hi N0\" → \"Hello N0\"; text changed (text, web, print): \"News 1\" → \"News 0\"", run.StdoutLines[0]);
            Assert.StartsWith("r\\u001B300: m: text changed (text, web, print): \"News 1\" → \"News 1100\"", run.StdoutLines.Single(static l => l.StartsWith("r\\u001B300", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Equal("1077 of 1100 recipients change ('m', 'w').", run.StdoutLines[^1]);
        }
        else
        {
            Assert.EndsWith(",\"recipientCount\":1100,\"changed\":1077}\n", run.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(sha256BeforeStreaming, Sha256(run.Stdout));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Diff_WritesTheFirstRecipientsChanges_BeforeItReadsTheLast(string format)
    {
        // Read whole first, a diff wrote nothing until it had the last recipient in memory. Standard input that notes
        // what had been written when the reading reached record 1,501 of 2,000.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New);
        var lines = new StringBuilder();
        var at = 0;
        for (var i = 0; i < 2000; i++)
        {
            if (i == 1500)
            {
                at = lines.Length;
            }

            lines.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"r{i}\",\"tier\":\"std\",\"points\":5,\"opt_out\":false,\"name\":\"N{i}\",\"nick\":\"K\"}}\n");
        }

        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var stdin = new WatchedReader(lines.ToString(), at, () => stdout.ToString());

        var code = Cli.Run(CliRun.WithTestBudget(["diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", "-", "--message", "m", "--format", format, "--parallel", "2"]), stdout, stderr, stdin);

        Assert.True(code == 0, stderr.ToString());
        var written = Assert.IsType<string>(stdin.Seen);
        var id = format == "text" ? "r1000: " : "\"id\":\"r1000\"";
        Assert.Contains(id, written, StringComparison.Ordinal);
        Assert.DoesNotContain(format == "text" ? "r1999: " : "\"id\":\"r1999\"", written, StringComparison.Ordinal);
        Assert.Contains(format == "text" ? "r1999: " : "\"id\":\"r1999\"", stdout.ToString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 12)]
    public Property Diff_OfRandomRecipients_WritesTheSameBytes_AtAnyParallel() =>
        Prop.ForAll(RandomRecipients().ToArbitrary(), static input =>
        {
            var (recipients, parallel) = input;
            using var temp = new TempDirectory();
            File.WriteAllText(temp.File("old.yaml"), Old);
            File.WriteAllText(temp.File("new.yaml"), New);
            File.WriteAllText(temp.File("r.jsonl"), recipients);
            foreach (var format in new[] { "text", "json" })
            {
                var one = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl"), "--format", format, "--parallel", "1");
                var many = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl"), "--format", format, "--parallel", parallel.ToString(CultureInfo.InvariantCulture));
                Assert.True(one.ExitCode == 0, one.ToString());
                Assert.Equal(one.Stdout, many.Stdout);
                Assert.Equal(one.Stderr, many.Stderr);
            }

            return true;
        });

    /// <summary>The recipients the sha256 of <see cref="Diff_WritesTheSameBytesAsBeforeItStreamed_AtAnyParallel"/> are of.</summary>
    private static string Recipients()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 1100; i++)
        {
            if (i % 97 == 5)
            {
                lines.Append("not json {\n");
            }

            if (i % 89 == 7)
            {
                lines.Append('\n');
            }

            var id = i % 53 == 0 ? string.Empty : i == 300 ? "\"id\":\"r\\u001b300\"," : $"\"id\":\"r{i}\",";
            var tier = (i % 3) switch { 0 => "gold", 1 => "std", _ => "silver" };
            var nick = i % 11 == 0 ? string.Empty : $",\"nick\":\"K{i}\"";
            lines.Append(CultureInfo.InvariantCulture, $"{{{id}\"tier\":\"{tier}\",\"points\":{i * 37 % 2000},\"opt_out\":{(i % 7 == 0 ? "true" : "false")},\"name\":\"N{i}\"{nick}}}\n");
        }

        return lines.ToString();
    }

    /// <summary>Up to 1,000 records (chunks are 256 to 576 at --parallel 1 to 9), some lines broken, some ids and nicks missing; and a --parallel above 1.</summary>
    private static Gen<(string Recipients, int Parallel)> RandomRecipients() =>
        from count in Gen.Choose(0, 1000)
        from seed in Gen.Choose(0, int.MaxValue)
        from parallel in Gen.Choose(2, 9)
        select (Lines(count, seed), parallel);

    private static string Lines(int count, int seed)
    {
        var random = new Random(seed);
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (random.Next(40) == 0)
            {
                lines.Append("{ broken\n");
            }

            var id = random.Next(30) == 0 ? string.Empty : $"\"id\":\"r{i}\",";
            var tier = random.Next(3) switch { 0 => "gold", 1 => "std", _ => "silver" };
            var nick = random.Next(8) == 0 ? string.Empty : $",\"nick\":\"K{i}\"";
            lines.Append(CultureInfo.InvariantCulture, $"{{{id}\"tier\":\"{tier}\",\"points\":{random.Next(2000)},\"opt_out\":{(random.Next(7) == 0 ? "true" : "false")},\"name\":\"N{i}\"{nick}}}\n");
        }

        return lines.ToString();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A reader of <paramref name="text"/> that notes <paramref name="written"/> once it has given out the first <paramref name="at"/> characters.</summary>
    private sealed class WatchedReader(string text, int at, Func<string> written) : TextReader
    {
        private readonly StringReader _inner = new(text);
        private int _position;

        public string? Seen { get; private set; }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            var c = _inner.Read();
            Note(c < 0 ? 0 : 1);
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Note(_inner.Read(buffer, index, count));

        public override int Read(Span<char> buffer) => Note(_inner.Read(buffer));

        public override string? ReadLine()
        {
            var line = _inner.ReadLine();
            Note(line is null ? 0 : line.Length + 1);
            return line;
        }

        private int Note(int count)
        {
            _position += count;
            if (Seen is null && _position > at)
            {
                Seen = written();
            }

            return count;
        }

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
