using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Input;

public sealed class RecipientIdTests
{
    /// <summary>Ids a JSON reader would make the same number of, or format anew: each must stay as written.</summary>
    private static readonly string[] Ids = ["1e3", "1000", "1E3", "1.0", "1", "-0", "0", "2.50", "12345678901234567890123456789"];

    [Fact]
    public async Task TheSameRecords_InJsonLinesAndCsv_HaveTheSameIds_ShardsAndFileNames()
    {
        var jsonl = string.Concat(Ids.Select(static (id, i) => $"{{\"id\":{id},\"first_name\":\"N{i}\",\"iq\":100}}\n"));
        var csv = "id,first_name,iq\n" + string.Concat(Ids.Select(static (id, i) => $"{id},N{i},100\n"));
        using var temp = new TempDirectory();
        var text = new ChannelSettings(BatchChannel.Text);

        for (var k = 1; k <= 3; k++)
        {
            var runs = new List<(string[] Files, string[] Results)>();
            foreach (var (name, records) in new (string, Func<IEnumerable<RecipientRecord>>)[]
            {
                ("jsonl-bytes", () => RecipientReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), RecipientFormat.JsonLines)),
                ("jsonl-text", () => RecipientReader.Read(new StringReader(jsonl), RecipientFormat.JsonLines)),
                ("csv", () => RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv)),
            })
            {
                var folder = temp.File($"{name}-{k}");
                var options = new BatchOptions { Shard = Shard.Of(k, 3), MaxDegreeOfParallelism = 2 };
                await using (var sink = new DirectorySink(folder, text))
                {
                    var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", text, options).RunAsync(records(), sink);
                    Assert.Equal(0, summary.Suppressed);
                }

                var results = File.ReadAllLines(Path.Combine(folder, DirectorySink.ResultsFileName))
                    .Select(static line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!)
                    .ToArray();
                var files = Directory.GetFiles(folder).Select(static f => Path.GetFileName(f)).Where(static f => f != DirectorySink.ResultsFileName).Order(StringComparer.Ordinal).ToArray();
                runs.Add((files, results));
            }

            var expected = Ids.Where(id => Shard.Of(k, 3).Contains(id)).ToArray();
            Assert.All(runs, run => Assert.Equal(expected, run.Results));
            Assert.All(runs, run => Assert.Equal(runs[0].Files, run.Files));
            Assert.Equal(expected.Length, runs[0].Files.Length);
        }
    }
}
