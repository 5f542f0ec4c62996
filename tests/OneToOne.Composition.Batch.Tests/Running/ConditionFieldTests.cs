using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// A field misspelt in a condition reads as null for every recipient, silently: the run's summary tells it once, with
/// the close name the records have, and leaves alone a field only some records leave out.
/// </summary>
public sealed class ConditionFieldTests
{
    private const string Yaml = """
        catalog: beer
        segments:
          women: gendr == "female"
          regulars: visits > 3
        modules:
          light: { when: segment.women, content: "Light for {{ id }}" }
          club: { when: "segment.regulars && vip_code != null", content: "Club" }
          plain: { content: "Plain" }
        slots:
          hero: { pick: first, from: [light, club, plain] }
        messages:
          monthly:
            body: '{{ slot "hero" }}'
          other:
            suppress: { when: "Countr == \"XX\"", reason: test }
            body: hi
        """;

    private static readonly Catalog Catalog = new CatalogLoader(TestOptions.Untimed).Parse(Yaml);

    [Fact]
    public void ConditionFields_AreThoseOfTheMessagesConditions_ThroughTheirSegments_EachOnce()
    {
        Assert.Equal(["vip_code", "gendr", "visits"], Catalog.ConditionFields("monthly"));
        Assert.Equal(["Countr"], Catalog.ConditionFields("other"));
    }

    [Fact]
    public async Task AFieldMisspeltInACondition_IsToldOnceInTheSummary_WithTheCloseNameTheRecordsHave()
    {
        // 300 records, all with 'gender' and 'visits'; only one has 'vip_code', which is legitimately rare.
        var jsonl = string.Join('\n', Enumerable.Range(1, 300).Select(static i =>
            i == 250 ? $$"""{"id":"r{{i}}","gender":"female","visits":9,"vip_code":"V1"}""" : $$"""{"id":"r{{i}}","gender":"female","visits":{{i % 7}}}"""));

        var sink = new CollectingSink();
        var summary = await new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = 4 })
            .RunAsync(TestCampaign.Records(jsonl), sink);

        Assert.Equal(300, summary.Rendered);
        Assert.Equal(new Dictionary<string, string?> { ["gendr"] = "gender" }, summary.MissingConditionFields);
        var report = summary.ToReport();
        Assert.Contains("  conditions read fields no record had, each read as null for every recipient: 'gendr' (did you mean 'gender'?)\n", report, StringComparison.Ordinal);
        Assert.Single(report.Split('\n'), static line => line.Contains("gendr", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.Equal("gender", json.RootElement.GetProperty("missingConditionFields").GetProperty("gendr").GetString());
    }

    [Fact]
    public async Task AFieldNoRecordHas_WithNoCloseName_IsToldWithoutASuggestion_AndEveryFieldSeen_TellsNothing()
    {
        var missing = await new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Text))
            .RunAsync(TestCampaign.Records("""{"id":"a","sex":"f","visits":1}""" + "\n"), new CollectingSink());
        var present = await new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Text))
            .RunAsync(TestCampaign.Records("""{"id":"a","gendr":"f","visits":1}""" + "\n" + """{"id":"b","gendr":"m","vip_code":null}""" + "\n"), new CollectingSink());

        Assert.Equal(new Dictionary<string, string?> { ["gendr"] = null, ["vip_code"] = null }, missing.MissingConditionFields);
        Assert.Contains(": 'gendr', 'vip_code'\n", missing.ToReport(), StringComparison.Ordinal);
        Assert.Empty(present.MissingConditionFields);
        Assert.DoesNotContain("conditions read fields", present.ToReport(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACloseNameTheRecordsHave_IsWrittenOnOneLine_ItsControlCharactersEscaped()
    {
        // A record's field name is data: one holding a line break (or a terminal's escape) wrote it into the report.
        var summary = await new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Text))
            .RunAsync(TestCampaign.Records("""{"id":"a","gendr":"f","visits":1,"vip\ncode":"V1"}""" + "\n"), new CollectingSink());

        Assert.Equal("vip\ncode", summary.MissingConditionFields["vip_code"]);
        Assert.Contains("'vip_code' (did you mean 'vip\\ncode'?)\n", summary.ToReport(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCloseName_IsFound_AlsoWhenRecordsBeforeItHadMoreThanAThousandOtherNames()
    {
        // Each record has a key of its own (a source's per-record keys); the one with 'gender' comes last.
        var jsonl = string.Join('\n', Enumerable.Range(1, 1200).Select(static i =>
            i == 1200 ? $$"""{"id":"r{{i}}","gender":"female","visits":1,"vip_code":"V"}""" : $$"""{"id":"r{{i}}","extra_{{i}}":1,"visits":1,"vip_code":"V"}"""));

        var summary = await new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = 1 })
            .RunAsync(TestCampaign.Records(jsonl), new CollectingSink());

        Assert.Equal(new Dictionary<string, string?> { ["gendr"] = "gender" }, summary.MissingConditionFields);
    }

    [Fact]
    public void TheCloseName_IsTheSame_WhateverOrderTheWorkersObserveTheRecordsIn()
    {
        // Workers observe records in the order the scheduler runs them: the summary must not depend on it. Names at the same
        // distance from 'gendr' ('gender', 'gendre') are chosen between as Suggest does, the first in ordinal order.
        var records = Enumerable.Range(1, 1500).Select(static i => i switch
        {
            700 => Json("""{"id":"a","gendre":"f"}"""),
            1400 => Json("""{"id":"b","gender":"f"}"""),
            _ => Json($$"""{"id":"r{{i}}","extra_{{i}}":1}"""),
        }).ToList();
        var forward = new ConditionFieldCheck(["gendr", "visits"]);
        var backward = new ConditionFieldCheck(["gendr", "visits"]);
        var shuffled = new ConditionFieldCheck(["gendr", "visits"]);
        records.ForEach(forward.Observe);
        Enumerable.Reverse(records).ToList().ForEach(backward.Observe);
        var order = records.ToArray();
        new Random(7).Shuffle(order);
        Array.ForEach(order, shuffled.Observe);

        var expected = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["gendr"] = "gender", ["visits"] = null };
        Assert.Equal(expected, forward.Missing());
        Assert.Equal(expected, backward.Missing());
        Assert.Equal(expected, shuffled.Missing());
    }

    private static Recipients.Recipient Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Recipients.Recipient.FromJson(document.RootElement.Clone());
    }
}
