using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>render --trace</c>: a run kept per record only its slots, arms, channel and reason, so a complaint about one record
/// months later could not be answered from what the run kept (which catalog version, which instant, which condition on
/// which value). With <c>--trace</c> each record's line carries the decision's JSON trace.
/// </summary>
public sealed class RenderTraceTests
{
    [Fact]
    public void Render_Trace_EveryDecidedRecordsLineCarriesItsTrace_WithTheRunsCatalogVersionAndInstant()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var summaryPath = temp.File("summary.json");
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", outDir, "--as-of", "2025-05-01T06:00:00Z", "--summary", summaryPath, "--trace");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var sha256 = summary.RootElement.GetProperty("catalog").GetProperty("sha256").GetString();
        var lines = File.ReadAllLines(Path.Combine(outDir, "results.jsonl"));
        Assert.Equal(input.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var record = line.RootElement;
            var trace = record.GetProperty("trace");
            Assert.Equal(1, trace.GetProperty("traceVersion").GetInt32());
            Assert.Equal(sha256, trace.GetProperty("catalog").GetProperty("sha256").GetString());
            Assert.Equal("2025-05-01T06:00:00.0000000Z", trace.GetProperty("asOf").GetString());
            Assert.Equal(record.GetProperty("id").GetString(), trace.GetProperty("recipient").GetString());
            Assert.Equal(record.GetProperty("status").GetString() == "suppressed", trace.GetProperty("suppressed").GetBoolean());
            if (record.GetProperty("status").GetString() == "rendered")
            {
                var hero = trace.GetProperty("slots").EnumerateArray().Single(static s => s.GetProperty("id").GetString() == "hero");
                Assert.Equal(record.GetProperty("slots").GetProperty("hero")[0].GetString(), hero.GetProperty("chosen")[0].GetProperty("module").GetString());
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_WithACheckpoint_RefusesToResumeWithTraceTurnedOnOrOff_SoNoResultsFileHasTheTraceOnSomeLinesOnly(bool tracedFirst)
    {
        using var temp = new TempDirectory();
        string[] command = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("out"),
            "--checkpoint", temp.File("run.checkpoint"), "--as-of", "2025-05-01", "--progress", "none"];
        var first = CliRun.Of(tracedFirst ? [.. command, "--trace"] : command);
        Assert.True(first.ExitCode == 0, first.ToString());
        var written = File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl"));

        var again = CliRun.Of(tracedFirst ? command : [.. command, "--trace"]);

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("belongs to another run", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("trace", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl")));
    }

    [Fact]
    public void Render_WithoutTrace_KeepsTheLinesAsTheyWere()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("\"trace\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Trace_OnStandardOutput_TheSameTraceExplainWrites()
    {
        var first = File.ReadLines(Example.Jsonl).First();
        var id = JsonDocument.Parse(first).RootElement.GetProperty("id").GetString()!;

        var render = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2025-05-01", "--trace");
        var explain = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--id", id, "--as-of", "2025-05-01", "--format", "json");

        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.True(explain.ExitCode == 0, explain.ToString());
        using var line = JsonDocument.Parse(render.Stdout.Split('\n')[0]);
        Assert.Equal(explain.Stdout.TrimEnd('\n'), line.RootElement.GetProperty("trace").GetRawText());
    }
}
