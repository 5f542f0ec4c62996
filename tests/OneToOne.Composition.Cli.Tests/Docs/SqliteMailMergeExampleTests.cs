using System.Text.Json;
using OneToOne.Composition.Cli.Tests.Packaging;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// examples/sqlite-mail-merge runs as its README says (<c>dotnet run --project examples/sqlite-mail-merge -- /tmp/merge</c>,
/// here its built program with a fresh folder): a database, an <c>.eml</c> per customer who has not unsubscribed, a
/// rejects file, a summary and a checkpoint; and a second run into the same folder finds the run complete and sends nothing.
/// </summary>
public sealed class SqliteMailMergeExampleTests
{
    [Fact]
    public void TheExample_WritesWhatItsReadmeSays_AndASecondRunSendsNothing()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "merge");
        var input = Example.JsonlRecords();
        var unsubscribed = input.Count(Example.IsUnsubscribed);

        var first = Run(output);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"{input.Count} records: {input.Count - unsubscribed} rendered, {unsubscribed} suppressed, 0 rejected", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(["crm.db", "mail", "rejects.jsonl", "run.checkpoint", "summary.json"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var emails = Directory.GetFiles(Path.Combine(output, "mail"), "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(input.Where(static r => !Example.IsUnsubscribed(r)).Select(static r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal), emails);
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(output, "rejects.jsonl")));
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))))
        {
            Assert.Equal(input.Count, summary.RootElement.GetProperty("input").GetInt32());
        }

        var written = File.GetLastWriteTimeUtc(Path.Combine(output, "mail", "c001.eml"));
        var second = Run(output);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("says this run is complete", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("records:", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(output, "mail", "c001.eml")));
    }

    private static ProcessRunner.Result Run(string output)
    {
        var (dotnet, root) = PackedToolTests.DotnetHost();
        var program = Path.Combine(AppContext.BaseDirectory, "SqliteMailMerge.dll");
        // The limit is for a hang (a process starting at load 60 on two cores can take minutes).
        return ProcessRunner.Run(dotnet, [program, output], Path.GetDirectoryName(output)!, new Dictionary<string, string?> { ["DOTNET_ROOT"] = root }, TimeSpan.FromMinutes(5));
    }
}
