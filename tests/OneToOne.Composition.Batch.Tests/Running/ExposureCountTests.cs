using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// What a run counts as sent is what the messages hold: an analyst reads exposure per arm from the summary's module counts
/// and the records' <c>slots</c>, so a slot the body places in an <c>if</c> not taken must not count.
/// </summary>
public sealed class ExposureCountTests
{
    private static readonly Catalog Campaign = new CatalogLoader().Parse("""
        catalog: exposure
        experiments:
          hero_test: { arms: { control: 1, bold: 1 } }
        modules:
          bold: { when: 'experiment.hero_test == "bold"', content: "BOLD HERO" }
          plain: "PLAIN HERO"
          promo: "PROMO"
        slots:
          hero: { from: [bold, plain] }
          promo: { from: [promo] }
        messages:
          monthly:
            body: |
              Hello {{ first_name }},

              {{ if show_hero }}
              {{ slot "hero" }}
              {{ end }}

              {{ slot "promo" }}
        """);

    [Theory]
    [InlineData(BatchChannel.Text)]
    [InlineData(BatchChannel.Web)]
    public async Task ModulesOfASlotInABranchNotTaken_AreNeitherCountedNorListed_ThoughTheArmIsRecorded(BatchChannel channel)
    {
        var jsonl = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            jsonl.Append(JsonSerializer.Serialize(new { id = $"c{i}", first_name = $"N{i}", show_hero = i % 2 == 0 })).Append('\n');
        }

        var sink = new CollectingSink();
        var summary = await new BatchRunner(Campaign, "monthly", new ChannelSettings(channel), new BatchOptions { MaxDegreeOfParallelism = 2 })
            .RunAsync(RecipientReader.Read(new StringReader(jsonl.ToString()), RecipientFormat.JsonLines), sink);

        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        var arms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in sink.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var line = JsonDocument.Parse(text);
            var record = line.RootElement;
            var body = record.GetProperty("body").GetString()!;
            var slots = record.GetProperty("slots");
            var shown = body.Contains("BOLD HERO", StringComparison.Ordinal) ? "bold" : body.Contains("PLAIN HERO", StringComparison.Ordinal) ? "plain" : null;
            if (shown is null)
            {
                // Not shown the hero: not listed as having had it, but still recorded in its arm (assignment, intent to treat).
                Assert.False(slots.TryGetProperty("hero", out _), text);
            }
            else
            {
                Assert.Equal(shown, Assert.Single(slots.GetProperty("hero").EnumerateArray()).GetString());
                sent[$"hero/{shown}"] = sent.GetValueOrDefault($"hero/{shown}") + 1;
            }

            Assert.Equal("promo", Assert.Single(slots.GetProperty("promo").EnumerateArray()).GetString());
            var arm = record.GetProperty("arms").GetString()!;
            arms[arm] = arms.GetValueOrDefault(arm) + 1;
        }

        sent["promo/promo"] = 200;
        Assert.Equal(100, sent["hero/bold"] + sent["hero/plain"]);
        Assert.Equal(sent.OrderBy(static p => p.Key, StringComparer.Ordinal), summary.Modules.OrderBy(static p => p.Key, StringComparer.Ordinal));
        Assert.Equal(200, arms["hero_test=bold"] + arms["hero_test=control"]);
        Assert.Contains("\"hero/bold\": " + sent["hero/bold"].ToString(System.Globalization.CultureInfo.InvariantCulture), summary.ToJson(), StringComparison.Ordinal);
    }
}
