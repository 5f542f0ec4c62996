using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// What a run counts as sent is what the messages hold: an analyst reads exposure per arm from the summary's module counts
/// and the records' <c>slots</c>, so a slot the body places in an <c>if</c> not taken must not count.
/// </summary>
public sealed class ExposureCountTests
{
    private static readonly Catalog Campaign = new CatalogLoader(TestOptions.Untimed).Parse("""
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

    [Fact]
    public async Task TheSummaryCountsEveryDecidedRecordPerArmAndStatus_AddingUpWithTheRecords_AndAcrossAResume()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: arms
            experiments:
              lift: { arms: { control: 1, treated: 3 }, holdout: control, holdout-gets: suppress }
              subject_test: { salt: s1, arms: { a: 9, b: 1 }, coverage: 50% }
            modules:
              hero: "Hero {{ first_name }}"
            slots:
              hero: { from: [hero] }
            messages:
              monthly:
                suppress: [{ name: dnc, when: dnc == true, reason: "asked not to be contacted" }]
                body: '{{ slot "hero" }}'
            """);
        var jsonl = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            // Every 7th lacks first_name (rejected while rendering, after its arms were assigned); every 5th asked not to be contacted.
            jsonl.Append(i % 7 == 0 ? JsonSerializer.Serialize(new { id = $"c{i}", dnc = false }) : JsonSerializer.Serialize(new { id = $"c{i}", first_name = $"N{i}", dnc = i % 5 == 0 })).Append('\n');
        }

        jsonl.Append("{\"id\":\"c1\",\"first_name\":\"again\"}\n");
        var sink = new CollectingSink();
        var summary = await new BatchRunner(catalog, "monthly", new ChannelSettings(BatchChannel.Text))
            .RunAsync(RecipientReader.Read(new StringReader(jsonl.ToString()), RecipientFormat.JsonLines), sink);

        var expected = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var text in sink.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var line = JsonDocument.Parse(text);
            if (!line.RootElement.TryGetProperty("arms", out var arms))
            {
                continue; // the duplicate: never decided
            }

            foreach (var arm in arms.GetString()!.Split(','))
            {
                var counts = expected.TryGetValue(arm, out var c) ? c : expected[arm] = new(StringComparer.Ordinal) { ["rendered"] = 0, ["suppressed"] = 0, ["rejected"] = 0 };
                counts[line.RootElement.GetProperty("status").GetString()!]++;
            }
        }

        Assert.Equal(["lift=control", "lift=treated", "subject_test=a", "subject_test=b", "subject_test=none"], expected.Keys);
        Assert.Equal(400, expected["lift=control"].Values.Sum() + expected["lift=treated"].Values.Sum());
        Assert.True(expected["lift=control"]["suppressed"] > 50 && expected["lift=treated"]["rejected"] > 5 && expected["subject_test=b"]["rendered"] > 5);
        Assert.Equal(0, expected["lift=control"]["rendered"]);
        Assert.Equal(Flatten(expected), Flatten(summary.Arms));
        Assert.Equal(Flatten(expected), Flatten(Json(summary.ToJson())));
        Assert.Contains($"lift=control 0 rendered/{expected["lift=control"]["suppressed"]} suppressed/{expected["lift=control"]["rejected"]} rejected", summary.ToReport(), StringComparison.Ordinal);

        var resumed = new BatchSummary();
        resumed.RestoreCounts(summary.SaveCounts());
        Assert.Equal(Flatten(expected), Flatten(resumed.Arms));
    }

    private static Dictionary<string, Dictionary<string, long>> Json(string summary)
    {
        using var document = JsonDocument.Parse(summary);
        return document.RootElement.GetProperty("arms").EnumerateObject().ToDictionary(
            static arm => arm.Name,
            static arm => arm.Value.EnumerateObject().ToDictionary(static s => s.Name, static s => s.Value.GetInt64()));
    }

    private static string Flatten<TCounts>(IEnumerable<KeyValuePair<string, TCounts>> arms)
        where TCounts : IEnumerable<KeyValuePair<string, long>> =>
        string.Join("; ", arms.OrderBy(static a => a.Key, StringComparer.Ordinal).Select(static a => a.Key + ": " + string.Join(", ", a.Value.OrderBy(static s => s.Key, StringComparer.Ordinal).Select(static s => $"{s.Key} {s.Value}"))));
}
