using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>
/// A nightly job that keeps one checkpoint path: <c>--replace-finished</c> lets tonight's input begin a new run in a
/// checkpoint whose run finished last night, and nothing else: an unfinished run is still refused, to be resumed, and the
/// same command over the same input still does nothing more.
/// </summary>
public sealed class ReplaceFinishedTests
{
    [Fact]
    public void TonightsInput_BeginsANewRun_InLastNightsFinishedCheckpoint()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadAllLines(Example.Jsonl).Where(static l => l.Trim().Length > 0).ToArray();
        File.WriteAllLines(recipients, lines[..10]);
        string[] command = ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"),
            "--checkpoint", temp.File("run.db"), "--summary", temp.File("summary.json"), "--replace-finished"];
        var lastNight = CliRun.Of(command);
        Assert.True(lastNight.ExitCode == 0, lastNight.ToString());

        // Tonight's export: other recipients, in the same file.
        File.WriteAllLines(recipients, lines[10..30]);
        var tonight = CliRun.Of(command);

        Assert.True(tonight.ExitCode == 0, tonight.ToString());
        Assert.Contains($"starting a new run in {temp.File("run.db")}: the run it held had finished (10 records, begun ", tonight.Stderr, StringComparison.Ordinal);
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(lines[10..30].Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()), results);
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        Assert.Equal(20, summary.RootElement.GetProperty("input").GetInt64());
        Assert.Equal(0, summary.RootElement.GetProperty("resumed").GetInt64());

        // A retry of tonight's finished run renders nothing again.
        var retry = CliRun.Of(command);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.DoesNotContain("starting a new run", retry.Stderr, StringComparison.Ordinal);
        Assert.Contains("20 done by an earlier run", retry.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunThatDidNotFinish_IsStillRefused_ToBeResumed()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadAllLines(Example.Jsonl).Where(static l => l.Trim().Length > 0).ToArray();
        File.WriteAllLines(recipients, lines[..10]);
        string[] command = ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"),
            "--checkpoint", temp.File("run.db"), "--replace-finished"];

        // Stopped by --max-rejects 0 at its first reject: not finished.
        File.WriteAllLines(recipients, [lines[0], "{\"id\":\"broken\"", .. lines[1..10]]);
        var stopped = CliRun.Of([.. command, "--max-rejects", "0"]);
        Assert.True(stopped.ExitCode == 1, stopped.ToString());

        File.WriteAllLines(recipients, lines[10..30]);
        var other = CliRun.Of([.. command, "--max-rejects", "0"]);

        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains($"error: The checkpoint '{temp.File("run.db")}' belongs to another run: ", other.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting a new run", other.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunStoppedByTheVersionBeforeFileNames_IsResumedByThisOne()
    {
        // --file-names added "file-names":"id" to every run key: a checkpoint of a run stopped before the upgrade (its key
        // without the entry) was refused as another run's, and the run could not be resumed.
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadAllLines(Example.Jsonl).Where(static l => l.Trim().Length > 0).ToArray();
        File.WriteAllLines(recipients, [lines[0], "{\"id\":\"broken\"", .. lines[1..10]]);
        string[] command = ["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"),
            "--checkpoint", temp.File("run.db")];
        var stopped = CliRun.Of([.. command, "--max-rejects", "0"]);
        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temp.File("run.db")};Pooling=False"))
        {
            connection.Open();
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT value FROM run WHERE key = 'run_key'";
            var key = System.Text.Json.Nodes.JsonNode.Parse((string)select.ExecuteScalar()!)!.AsObject();
            key.Remove("file-names");
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE run SET value = $value WHERE key = 'run_key'";
            update.Parameters.AddWithValue("$value", key.ToJsonString());
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var resumed = CliRun.Of([.. command, "--max-rejects", "5"]);

        Assert.True(resumed.ExitCode == 2, resumed.ToString());
        Assert.DoesNotContain("belongs to another run", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains("done by an earlier run", resumed.Stderr, StringComparison.Ordinal);
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl"))
            .Select(static l => JsonDocument.Parse(l).RootElement.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().ToList();
        Assert.Equal(lines[..10].Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()), results);
    }

    [Fact]
    public void WithoutACheckpoint_IsRefused()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--replace-finished");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --replace-finished starts a new run in a checkpoint whose run had finished: give --checkpoint FILE too, or leave --replace-finished out.\n", run.Stderr);
    }
}
