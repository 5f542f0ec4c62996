using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// diff numbers a recipient as render does: an unreadable record still takes its number (render rejects it as record N,
/// diff skips it), so diff's <c>record</c> (and its <c>record N</c> for a recipient without an id) is the number of the
/// same record in render's trace and rejects file. diff counted only the records it could read: after one unreadable
/// record, every number was one less than the run's.
/// </summary>
public sealed class DiffRecordNumberTests
{
    private const string AsOf = "2026-11-23T22:00:00Z";

    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public void Diff_NumbersEveryRecord_AsRenderDoes_PastUnreadableRecords(string format)
    {
        using var temp = new TempDirectory();
        var recipients = temp.File($"r.{format}");
        int[] unreadable;
        if (format == "jsonl")
        {
            var good = File.ReadLines(Example.Jsonl).Take(5).ToList();
            // Records 2 and 4 cannot be read (not JSON; a key twice); the blank line takes no number.
            File.WriteAllText(recipients, string.Join('\n', good[0], "{\"id\": oops", good[1], "", "{\"id\":\"x\",\"id\":\"y\"}", good[2], good[3], good[4]) + "\n");
            unreadable = [2, 4];
        }
        else
        {
            var lines = File.ReadLines(Example.Csv).Take(6).ToList();
            // The header is no record; records 3 and 5 have too few fields.
            File.WriteAllText(recipients, string.Join('\n', lines[0], lines[1], lines[2], "c900,Short", lines[3], "c901", lines[4], lines[5]) + "\n");
            unreadable = [3, 5];
        }

        Directory.CreateDirectory(temp.File("new"));
        File.WriteAllText(temp.File("new/catalog.yaml"), File.ReadAllText(Example.CatalogFile).Replace("your beer of the month", "this month's beer", StringComparison.Ordinal));

        var render = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--trace", "--rejects", temp.File("rejects.jsonl"), "--as-of", AsOf, "--progress", "none");
        var diff = CliRun.Of("diff", Example.Folder, temp.File("new"), "-r", recipients, "-m", "monthly", "--format", "json", "--as-of", AsOf);

        Assert.True(render.ExitCode == ExitCodes.Rejected, render.ToString());
        Assert.True(diff.ExitCode == 0, diff.ToString());
        var rejects = File.ReadLines(temp.File("rejects.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(unreadable.Select(static n => (long)n), rejects);

        var renderNumbers = render.JsonLines()
            .Where(static l => l.GetProperty("status").GetString() == "rendered")
            .Select(static l => (Id: l.GetProperty("id").GetString(), Record: l.GetProperty("trace").GetProperty("record").GetInt64()))
            .ToList();
        using var document = JsonDocument.Parse(diff.Stdout);
        var diffNumbers = document.RootElement.GetProperty("recipients").EnumerateArray()
            .Select(static r => (Id: r.GetProperty("id").GetString(), Record: r.GetProperty("record").GetInt64()))
            .ToList();
        Assert.Equal(5, renderNumbers.Count);
        Assert.Equal(renderNumbers, diffNumbers);
        Assert.DoesNotContain(diffNumbers, d => unreadable.Contains((int)d.Record));
    }

    [Fact]
    public void Diff_TextNamesARecipientWithoutAnId_ByRendersRecordNumber()
    {
        using var temp = new TempDirectory();
        const string Catalog = "catalog: t\nmodules:\n  a: 'Hi {{ name }}'\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";
        File.WriteAllText(temp.File("old.yaml"), Catalog);
        File.WriteAllText(temp.File("new.yaml"), Catalog.Replace("Hi {{", "Hello {{", StringComparison.Ordinal));
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "[1]\n\n{\"name\":\"Ann\"}\n");

        var render = CliRun.Of("render", temp.File("old.yaml"), "-m", "m", "-r", recipients, "-c", "text", "--trace", "--as-of", AsOf, "--progress", "none");
        var diff = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", recipients, "--as-of", AsOf);

        Assert.Equal(2, render.JsonLines()[1].GetProperty("trace").GetProperty("record").GetInt64());
        Assert.Equal("record 2: text changed (text, web, print): \"Hi Ann\" → \"Hello Ann\"", diff.StdoutLines[0]);
    }
}
