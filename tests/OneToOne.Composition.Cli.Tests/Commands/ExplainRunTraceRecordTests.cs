using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>explain --run-trace</c> finds the run's trace of the record it read, not another record's with the same id, and
/// shows the run's trace of a record it cannot read; and every output of a run numbers records alike.
/// </summary>
public sealed class ExplainRunTraceRecordTests
{
    private const string Catalog = """
        catalog: shop
        messages:
          offer:
            subject: "An offer"
            suppress: { when: vip == true, reason: "a VIP gets another letter" }
            body: "Hello {{ name }}"
        """;

    [Fact]
    public void Explain_Id_ComparesTheRunsTraceOfTheRecordRead_NotAnEarlierRunsTraceOfTheSameId()
    {
        // An auditor keeps a week's traces in one file: by id, explain compared night 2's record of a1 with night 1's
        // trace of a1 (another record, another instant, another outcome), and named no record.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("night1.jsonl"), "{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n");
        File.WriteAllText(temp.File("night2.jsonl"), "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":true}\n{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n");
        var night1 = Traced(temp, "night1.jsonl", "2025-03-01");
        var night2 = Traced(temp, "night2.jsonl", "2025-03-02");
        File.WriteAllText(temp.File("week.jsonl"), night1 + night2);
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("night2.jsonl"), "--id", "a1", "--as-of", "2025-03-02", "--run-trace", temp.File("week.jsonl")];

        var text = CliRun.Of(explain);
        var json = CliRun.Of([.. explain, "--format", "json"]);

        Assert.True(text.ExitCode == 0 && json.ExitCode == 0, $"{text}\n{json}");
        Assert.Contains(" · record 1\n  against the run's trace of record 1: the same catalog, instant and cap counts\n", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-03-01", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, json.Stderr);
        Assert.Equal(TraceOf(night2, 1), json.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public void Explain_Id_WhenTheRunHasNoTraceOfTheRecordRead_ComparesItsTraceOfTheId_AndSaysWhichRecordThatIs()
    {
        // The recipients file is a re-export in another order: a1 is record 1 there, record 2 in the run. By id explain
        // compared record 2's trace and said nothing of it.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("run-input.jsonl"), "{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n");
        File.WriteAllText(temp.File("re-export.jsonl"), "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n");
        File.WriteAllText(temp.File("run.jsonl"), Traced(temp, "run-input.jsonl", "2025-03-01"));
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("re-export.jsonl"), "--id", "a1", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl")];

        var text = CliRun.Of(explain);
        var json = CliRun.Of([.. explain, "--format", "json"]);

        Assert.True(text.ExitCode == 0 && json.ExitCode == 0, $"{text}\n{json}");
        const string Note = "the record read is record 1 of the --recipient file, but the run's trace has no trace of record 1 with recipient 'a1': compared with its trace of record 2, the one it decided for 'a1'.";
        Assert.Contains($" · record 1\n  against the run's trace of record 2:\n  - {Note}", text.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"note: {Note}", json.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Id_AgainstTracesWrittenBeforeTheyCarriedTheirNumber_FindsTheTraceById_AsBefore()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n");
        var run = Traced(temp, "r.jsonl", "2025-03-01");
        var old = Regex.Replace(run, "\"record\":[0-9]+,", string.Empty);
        Assert.DoesNotContain("\"record\"", old, StringComparison.Ordinal);
        File.WriteAllText(temp.File("old.jsonl"), old);

        var text = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "a1", "--as-of", "2025-03-01", "--run-trace", temp.File("old.jsonl"));

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(" · record 2\n  against the run's trace: the same catalog, instant and cap counts\n", text.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad-utf8", "not valid UTF-8")]
    [InlineData("key-twice", "name")]
    public void Explain_Record_OfAnUnreadableRecord_ShowsTheRunsUndecidedTraceOfIt_AfterTheReadError(string kind, string inError)
    {
        // The read error ended explain before --run-trace was looked at: the run's trace of the record (undecided, with
        // the run's reason) was never shown.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        var bad = kind == "bad-utf8"
            ? [.. "{\"id\":\"b2\",\"name\":\"B"u8, 0xC3, 0x28, .. "\",\"vip\":false}"u8]
            : "{\"id\":\"b2\",\"name\":\"Bo\",\"name\":\"Bob\",\"vip\":false}"u8.ToArray();
        File.WriteAllBytes(temp.File("r.jsonl"), [.. "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n\n"u8, .. bad, .. "\n"u8]);
        var run = Traced(temp, "r.jsonl", "2025-03-01", expectedExit: 2);
        File.WriteAllText(temp.File("run.jsonl"), run);
        using var runTrace = JsonDocument.Parse(TraceOf(run, 2));
        var runError = runTrace.RootElement.GetProperty("undecided").GetProperty("error").GetString();
        Assert.Contains(inError, runError, StringComparison.Ordinal);
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--record", "2", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl")];

        var text = CliRun.Of(explain);
        var json = CliRun.Of([.. explain, "--format", "json"]);
        var byId = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "b2", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl"));

        Assert.True(text.ExitCode == 2 && json.ExitCode == 2 && byId.ExitCode == 2, $"{text}\n{json}\n{byId}");
        Assert.StartsWith($"rejected: record 2 (line 3) cannot be read, as a render rejects it: {runError}\n", text.Stderr, StringComparison.Ordinal);
        var said = $"the run did not decide record 2 either: it was rejected at read ({runError}).";
        Assert.Equal($"  against the run's trace of record 2:\n  - {said}\n", text.Stdout);
        Assert.Equal(string.Empty, json.Stdout);
        Assert.EndsWith($"\nnote: {said}\n", json.Stderr, StringComparison.Ordinal);
        Assert.Equal(text.Stdout, byId.Stdout);
    }

    [Fact]
    public void Explain_Id_PassesOverAnUnreadableRecordWithTheId_ToTheRecordTheRunDecidedForIt()
    {
        // A record that cannot be read does not take its id in a run: the run decides the next record with it. explain --id
        // took the unreadable one ("rejected: record 1 cannot be read"), not the one the run decided, as its help promises.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"b2\",\"name\":\"Bo\",\"name\":\"Bob\"}\n{\"id\":\"b2\",\"name\":\"Bob\",\"vip\":false}\n");
        var run = Traced(temp, "r.jsonl", "2025-03-01", expectedExit: 2);
        File.WriteAllText(temp.File("run.jsonl"), run);
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "b2", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl")];

        var text = CliRun.Of(explain);
        var json = CliRun.Of([.. explain, "--format", "json"]);

        Assert.True(text.ExitCode == 0 && json.ExitCode == 0, $"{text}\n{json}");
        Assert.Contains(" · record 2\n  against the run's trace of record 2: the same catalog, instant and cap counts\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("Hello Bob", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(TraceOf(run, 2), json.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public void Explain_OfAJsonLinesFilesFirstRecord_ThatIsNotUtf8_IsRefusedAsTheRunRefusedRecordOne()
    {
        // Without --id or --record a .jsonl file's first line was read with replacement characters and explained as
        // "record 1" (exit 0), where the run rejected record 1 and explain --record 1 (or the file on standard input) refused it.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllBytes(temp.File("r.jsonl"), [.. "\n{\"id\":\"a1\",\"name\":\"B"u8, 0xC3, 0x28, .. "o\"}\n{\"id\":\"b2\",\"name\":\"Bo\"}\n"u8]);
        var run = Traced(temp, "r.jsonl", "2025-03-01", expectedExit: 2);
        File.WriteAllText(temp.File("run.jsonl"), run);
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl")];

        var first = CliRun.Of(explain);
        var record1 = CliRun.Of([.. explain, "--record", "1"]);

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.DoesNotContain("Hello", first.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("rejected: record 1 (line 2) cannot be read, as a render rejects it: Line 2: the line is not valid UTF-8", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - the run did not decide record 1 either: it was rejected at read (Line 2: the line is not valid UTF-8", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(record1.ToString(), first.ToString());
    }

    [Fact]
    public void Explain_Record_OfAnUnreadableRecord_WhoseNumberTheRunDecidedForAnotherFile_SaysTheFileIsNotTheRuns()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("run-input.jsonl"), "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n{\"id\":\"b2\",\"name\":\"Bo\",\"vip\":false}\n");
        File.WriteAllText(temp.File("other.jsonl"), "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}\n{\"id\":\"b2\",\"name\":\"Bo\",\"name\":\"Bob\"}\n");
        File.WriteAllText(temp.File("run.jsonl"), Traced(temp, "run-input.jsonl", "2025-03-01"));

        var text = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("other.jsonl"), "--record", "2", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl"));

        Assert.True(text.ExitCode == 2, text.ToString());
        Assert.Contains("  - the run read and decided record 2 (recipient 'b2'), which this --recipient file's record 2 cannot be: give the recipients file the run read, with its --id-field and --schema.\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_RunTraceThatDoesNotExist_IsRefused_AlsoForARecordThatCannotBeRead()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"b2\",\"name\":\"Bo\",\"name\":\"Bob\"}\n");

        var text = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--record", "1", "--run-trace", temp.File("missing.jsonl"));

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("error: the run's trace '", text.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected:", text.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public void Render_AndExplain_NumberRecordsAlike_InEveryOutput_OverBlankLinesAHeaderAndUtf16(string format)
    {
        // One input with everything that could shift a count: blank and white-space lines (before the header too), the CSV
        // header, an unreadable record, a duplicate id, a record without an id, in UTF-16. Record N is the same record in
        // the standard output's line N, results.jsonl's line N, its trace's "record", the rejects file's "number", the
        // file --file-names number writes, and explain --record N (the same trace bytes).
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), Catalog);
        var lines = format == "csv"
            ? new[] { "", "id,name,vip", "a1,Ann,false", "  ", "b2,Bo", "a1,Ann again,false", "", "c3,Cy,true", ",Nobody,false", "d4,Di,false" }
            : ["", "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}", "  ", "{\"id\":\"b2\",\"name\":\"Bo\",\"name\":\"Bob\"}", "{\"id\":\"a1\",\"name\":\"Ann again\",\"vip\":false}", "", "{\"id\":\"c3\",\"name\":\"Cy\",\"vip\":true}", "{\"name\":\"Nobody\",\"vip\":false}", "{\"id\":\"d4\",\"name\":\"Di\",\"vip\":false}"];
        var input = temp.File($"r.{format}");
        File.WriteAllText(input, string.Join("\r\n", lines) + "\r\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        (long Number, string? Id, string Status, string? Name)[] expected =
            [(1, "a1", "rendered", "Ann"), (2, "b2", "rejected", null), (3, "a1", "suppressed", null), (4, "c3", "suppressed", null), (5, null, "rendered", "Nobody"), (6, "d4", "rendered", "Di")];
        string[] render = ["render", temp.File("catalog.yaml"), "-m", "offer", "-r", input, "-c", "text", "--as-of", "2025-03-01", "--trace"];

        var stdout = CliRun.Of(render);
        var toFolder = CliRun.Of([.. render, "--out", temp.File("out"), "--file-names", "number", "--rejects", temp.File("rejects.jsonl")]);

        Assert.True(stdout.ExitCode == 2 && toFolder.ExitCode == 2, $"{stdout}\n{toFolder}");
        var printed = stdout.StdoutLines;
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl"));
        Assert.Equal(expected.Length, printed.Length);
        Assert.Equal(expected.Length, results.Length);
        var rejects = File.ReadAllLines(temp.File("rejects.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("number").GetInt64());
        Assert.Equal(expected.Where(static e => e.Status == "rejected").Select(static e => e.Number), rejects);
        var files = Directory.GetFiles(temp.File("out"), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Where(static e => e.Status == "rendered").Select(static e => $"record-{e.Number}.txt").Order(StringComparer.Ordinal), files);
        foreach (var (number, id, status, name) in expected)
        {
            using var line = JsonDocument.Parse(printed[number - 1]);
            using var result = JsonDocument.Parse(results[number - 1]);
            var trace = line.RootElement.GetProperty("trace");
            Assert.Equal(number, trace.GetProperty("record").GetInt64());
            Assert.Equal(id, trace.GetProperty("recipient").GetString());
            Assert.Equal(status, line.RootElement.GetProperty("status").GetString());
            Assert.Equal(trace.GetRawText(), result.RootElement.GetProperty("trace").GetRawText());
            if (name is not null)
            {
                Assert.Equal($"record-{number}.txt", result.RootElement.GetProperty("file").GetString());
                Assert.Contains($"Hello {name}", File.ReadAllText(Path.Combine(temp.File("out"), $"record-{number}.txt")), StringComparison.Ordinal);
            }

            var explain = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", input, "--record", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as-of", "2025-03-01", "--format", "json");
            if (status == "rejected")
            {
                Assert.True(explain.ExitCode == 2, explain.ToString());
                Assert.StartsWith($"rejected: record {number} (line ", explain.Stderr, StringComparison.Ordinal);
                Assert.Contains(trace.GetProperty("undecided").GetProperty("error").GetString()!, explain.Stderr, StringComparison.Ordinal);
            }
            else if (!trace.TryGetProperty("undecided", out _))
            {
                Assert.True(explain.ExitCode == 0, explain.ToString());
                Assert.Equal(trace.GetRawText(), explain.Stdout.TrimEnd('\n'));
            }
        }
    }

    /// <summary>Renders a file with --trace to standard output at an instant and returns the lines.</summary>
    private static string Traced(TempDirectory temp, string file, string asOf, int expectedExit = 0)
    {
        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File(file), "-c", "text", "--as-of", asOf, "--trace");
        Assert.True(render.ExitCode == expectedExit, render.ToString());
        return render.Stdout;
    }

    /// <summary>The trace of record <paramref name="number"/> in a run's lines.</summary>
    private static string TraceOf(string run, long number) => run.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("trace").Clone())
        .Single(t => t.GetProperty("record").GetInt64() == number).GetRawText();
}
