using System.Text;
using System.Text.Json;
using OneToOne.Composition.Cli.Input;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>
/// A recipients file with one line saved as Latin-1 among UTF-8 ones: <c>render</c> rejects that record (exit 2), listing
/// it in the rejects file with its line, the bad byte and the advice to save the file as UTF-8; every other record
/// renders or is suppressed as before, and no U+FFFD reaches a message.
/// </summary>
public sealed class InvalidUtf8RenderTests
{
    [Theory]
    [InlineData("recipients.jsonl", 2)]
    [InlineData("recipients.csv", 3)]
    public void Render_ALatin1Line_IsRejected_InTheRejectsFile_TheOthersRender_ExitTwo(string name, int badLine)
    {
        using var temp = new TempDirectory();
        var source = name.EndsWith(".csv", StringComparison.Ordinal) ? Example.Csv : Example.Jsonl;
        var lines = File.ReadAllLines(source);
        Assert.Contains("Jürgen", lines[badLine - 1], StringComparison.Ordinal);
        var recipients = temp.File(name);
        using (var file = File.Create(recipients))
        {
            for (var i = 0; i < lines.Length; i++)
            {
                file.Write((i == badLine - 1 ? Encoding.Latin1 : Encoding.UTF8).GetBytes(lines[i] + "\n"));
            }
        }

        var records = lines.Count(static l => l.Trim().Length > 0) - (name.EndsWith(".csv", StringComparison.Ordinal) ? 1 : 0);
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"),
            "--rejects", temp.File("rejects.jsonl"), "--summary", temp.File("summary.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        var reject = Assert.Single(File.ReadAllLines(temp.File("rejects.jsonl")), static l => l.Length > 0);
        using var rejected = JsonDocument.Parse(reject);
        var at = Encoding.UTF8.GetByteCount(lines[badLine - 1][..lines[badLine - 1].IndexOf('ü', StringComparison.Ordinal)]) + 1;
        Assert.Equal(("c002", 2L, "read"), (rejected.RootElement.GetProperty("id").GetString(), rejected.RootElement.GetProperty("number").GetInt64(), rejected.RootElement.GetProperty("stage").GetString()));
        Assert.StartsWith(
            $"Line {badLine}: the line is not valid UTF-8 at byte {at} (0xFC, 'ü' in Latin-1; column {at}): save the file as UTF-8; it looks like Windows-1252/Latin-1",
            rejected.RootElement.GetProperty("error").GetString(),
            StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        var root = summary.RootElement;
        Assert.Equal((long)records, root.GetProperty("input").GetInt64());
        Assert.Equal(1L, root.GetProperty("rejected").GetInt64());
        Assert.Equal(root.GetProperty("input").GetInt64(), root.GetProperty("rendered").GetInt64() + root.GetProperty("suppressed").GetInt64() + root.GetProperty("rejected").GetInt64());
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl"));
        Assert.Equal(records, results.Length);
        foreach (var written in Directory.EnumerateFiles(temp.File("out"), "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(written);
            Assert.False(text.Contains('\uFFFD', StringComparison.Ordinal) || text.Contains("\\ufffd", StringComparison.OrdinalIgnoreCase), written);
        }
    }

    /// <summary>The sample reader of <c>diff</c>, <c>proof</c> and <c>watch</c> skips a line that is not UTF-8 with the same words, and reads the others.</summary>
    [Theory]
    [InlineData("people.jsonl")]
    [InlineData("people.csv")]
    public void RecipientFile_SkipsALatin1Line_NamingItsLineAndByte(string name)
    {
        using var temp = new TempDirectory();
        var path = temp.File(name);
        var csv = name.EndsWith(".csv", StringComparison.Ordinal);
        byte[] content = csv
            ? [.. "id,first_name\nc1,Ada\n"u8, .. Encoding.Latin1.GetBytes("c2,Zoë\n"), .. "c3,Zo\uFFFD\n"u8]
            : [.. "{\"id\":\"c1\",\"first_name\":\"Ada\"}\n"u8, .. Encoding.Latin1.GetBytes("{\"id\":\"c2\",\"first_name\":\"Zoë\"}\n"), .. "{\"id\":\"c3\",\"first_name\":\"Zo\uFFFD\"}\n"u8];
        File.WriteAllBytes(path, content);
        using var error = new StringWriter();

        var recipients = RecipientFile.Read(path, "id", TextReader.Null, error).ToList();

        Assert.Equal(["c1", "c3"], recipients.Select(static r => r.Id));
        Assert.True(recipients[1].TryGetValue("first_name", out var name3));
        Assert.Equal("Zo\uFFFD", name3);
        var at = csv ? 6 : 28;
        Assert.Contains(
            $"skipped {(csv ? "record 2" : "line 2")}: Line {(csv ? 3 : 2)}: the line is not valid UTF-8 at byte {at} (0xEB, 'ë' in Latin-1; column {at}): save the file as UTF-8",
            error.ToString(),
            StringComparison.Ordinal);
    }

    /// <summary>Standard input is read as the process reads it (<c>Program.cs</c>: <see cref="OneToOne.Composition.Batch.RecipientReader.TextOf"/>): a Latin-1 line given through <c>-r -</c> is rejected too.</summary>
    [Fact]
    public void Render_FromStandardInput_ALatin1Line_IsRejected()
    {
        using var temp = new TempDirectory();
        var lines = File.ReadLines(Example.Jsonl).Take(2).ToList();
        byte[] content = [.. Encoding.UTF8.GetBytes(lines[0] + "\n"), .. Encoding.Latin1.GetBytes(lines[1] + "\n")];
        var at = lines[1].IndexOf('ü', StringComparison.Ordinal) + 1;
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var stdin = OneToOne.Composition.Batch.RecipientReader.TextOf(new MemoryStream(content));

        var code = Cli.Run(CliRun.WithTestBudget(["render", Example.Folder, "-m", "monthly", "-r", "-", "-c", "text", "--rejects", temp.File("rejects.jsonl")]), stdout, stderr, stdin);

        Assert.True(code == 2, stderr.ToString());
        var reject = Assert.Single(File.ReadAllLines(temp.File("rejects.jsonl")), static l => l.Length > 0);
        using var rejected = JsonDocument.Parse(reject);
        Assert.Equal(("c002", "read"), (rejected.RootElement.GetProperty("id").GetString(), rejected.RootElement.GetProperty("stage").GetString()));
        Assert.StartsWith($"Line 2: the line is not valid UTF-8 at byte {at} (0xFC, 'ü' in Latin-1; column {at}): save the file as UTF-8", rejected.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', stdout.ToString());
    }
}
