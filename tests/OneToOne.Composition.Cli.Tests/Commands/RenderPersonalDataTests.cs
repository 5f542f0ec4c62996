using System.Text;
using Microsoft.Data.Sqlite;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>What a run keeps about a recipient outside its output: the checkpoint holds keys, not the recipient's values.</summary>
public sealed class RenderPersonalDataTests
{
    [Fact]
    public void Checkpoint_KeepsARejectedRecordsIdAndStatus_NotItsErrorQuotingTheRecipientsValues()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "Hi {{ first_name }}"
                email: { from: "Shop <o@shop.example>" }
                body: "Hello {{ first_name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"anna-77","first_name":"Annabelle","email":"anna@example.org"}
            {"id":"bert-88","first_name":"Bertholdo","email":"bertholdo-at-home"}
            """);

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "email", "-o", temp.File("out"),
            "--checkpoint", temp.File("run.checkpoint"), "--rejects", temp.File("rejects.jsonl"), "--progress", "none");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'bertholdo-at-home' is not a valid address", File.ReadAllText(temp.File("rejects.jsonl")), StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={temp.File("run.checkpoint")};Pooling=False;Mode=ReadOnly"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, status, detail, file FROM records ORDER BY number;";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, 4).Select(i => reader.IsDBNull(i) ? "null" : reader.GetString(i))));
            }

            Assert.Equal(["anna-77|rendered|null|anna-77.eml", "bert-88|rejected|null|null"], rows);
        }

        var bytes = Encoding.UTF8.GetBytes("bertholdo-at-home");
        Assert.All(Directory.GetFiles(temp.Path, "run.checkpoint*"), path => Assert.True(File.ReadAllBytes(path).AsSpan().IndexOf(bytes) < 0, path));
    }

    [Fact]
    public void FileNamesNumber_NamesEachFileByItsRecordNumber_KeepingTheAddressUsedAsIdOutOfTheFolderListing()
    {
        // The ids are email addresses: named by id, the folder's listing (and every log or bucket key made of it) held them.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "Hi {{ first_name }}"
                body: "Hello {{ first_name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"anna@example.org","first_name":"Anna"}
            {"id":"bert@example.org"}
            {"id":"cleo@example.org","first_name":"Cleo"}
            """);

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File("out"),
            "--file-names", "number", "--checkpoint", temp.File("run.checkpoint"), "--progress", "none");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(["record-1.txt", "record-3.txt", "results.jsonl"], Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("Subject: Hi Cleo\n\nHello Cleo\n", File.ReadAllText(temp.File("out/record-3.txt")));
        var results = File.ReadAllLines(temp.File("out/results.jsonl"));
        Assert.Contains("\"id\":\"cleo@example.org\"", results[2], StringComparison.Ordinal);
        Assert.Contains("\"file\":\"record-3.txt\"", results[2], StringComparison.Ordinal);
        Assert.Contains("\"status\":\"rejected\"", results[1], StringComparison.Ordinal);

        // The checkpoint knows how the files were named: resuming with the other naming would mix both in one folder.
        var other = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "-o", temp.File("out"),
            "--checkpoint", temp.File("run.checkpoint"), "--progress", "none");
        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains("file-names", other.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNamesNumber_WithoutOut_IsRefused_AsStandardOutputHasNoFileNames()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), "catalog: shop\nmessages:\n  offer: { subject: Hi, body: Hello }\n");
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\"}\n");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--file-names", "number");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--file-names names the files written to a folder: give --out DIR too", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
