using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>
/// A recipients file cut short (an export or copy that stopped mid-record): <c>render</c> rejected its last record as
/// unreadable and said nothing of the file. Now the reject says the file may have been cut short, and the run's summary
/// (standard error and <c>--summary</c>) warns of it; the exit code is still 2, as for any rejected record.
/// </summary>
public sealed class TruncatedInputRenderTests
{
    [Theory]
    [InlineData("recipients.jsonl", "in the middle of this line, without a line break")]
    [InlineData("recipients.csv", "inside this quoted field")]
    public void Render_AFileCutInItsLastRecord_RejectsIt_SayingTheFileMayBeCutShort_AndWarnsInTheSummary(string name, string where)
    {
        using var temp = new TempDirectory();
        var csv = name.EndsWith(".csv", StringComparison.Ordinal);
        var whole = File.ReadAllText(csv ? Example.Csv : Example.Jsonl).TrimEnd();
        var lastLine = whole.Split('\n').Length;

        // Cut inside the last record: JSON Lines in its first name; CSV with a quote opened in its last cell and the file ending there.
        var cut = csv ? whole[..whole.LastIndexOf(',')] + ",\"tru" : whole[..(whole.LastIndexOf("\"first_name\"", StringComparison.Ordinal) + 8)];
        var recipients = temp.File(name);
        File.WriteAllText(recipients, cut);
        var records = whole.Split('\n').Count(static l => l.Trim().Length > 0) - (csv ? 1 : 0);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--as-of", "2026-11-23T22:00:00Z", "--out", temp.File("out"),
            "--rejects", temp.File("rejects.jsonl"), "--summary", temp.File("summary.json"), "--progress", "none");

        Assert.True(run.ExitCode == 2, run.ToString());
        using var reject = JsonDocument.Parse(Assert.Single(File.ReadAllLines(temp.File("rejects.jsonl")), static l => l.Length > 0));
        Assert.Equal(records, reject.RootElement.GetProperty("number").GetInt64());
        Assert.Equal("read", reject.RootElement.GetProperty("stage").GetString());
        var error = reject.RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith($"Line {lastLine}: ", error, StringComparison.Ordinal);
        Assert.EndsWith($"It is the input's last record, and the input ends {where}: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole, and run again with the whole file.", error, StringComparison.Ordinal);

        var warning = $"warning: the input ends in the middle of its last record (record {records}, line {lastLine}), which was rejected as unreadable: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole before using this run's output.";
        Assert.Contains($"\n  {warning}\n", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        Assert.Equal([warning["warning: ".Length..]], summary.RootElement.GetProperty("inputWarnings").EnumerateArray().Select(static w => w.GetString()));
    }

    [Fact]
    public void Render_AWholeFileWithoutAFinalLineBreak_WarnsOfNothing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("r.jsonl"), File.ReadAllText(Example.Jsonl).TrimEnd());

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2026-11-23T22:00:00Z", "--progress", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("cut short", run.Stderr, StringComparison.Ordinal);
    }
}
