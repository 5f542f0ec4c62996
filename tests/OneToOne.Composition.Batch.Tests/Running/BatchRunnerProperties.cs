using FsCheck;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class BatchRunnerProperties
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Property(MaxTest = 40)]
    public bool Accounting_EveryRecordEndsOnceAsExpected_AndTheSummaryAddsUp(int[] seeds, PositiveInt parallel)
    {
        var kinds = seeds.Select(TestCampaign.KindOf).ToArray();
        var sink = new CollectingSink();
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1 + (parallel.Get % 4), MaxInFlight = 3, Schema = TestCampaign.Schema });

        var summary = runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink).GetAwaiter().GetResult();

        var statuses = sink.Results.Select(static r => r.Status).ToArray();
        var expectedReasons = kinds.Count(static k => k == TestCampaign.Kind.Suppressed);
        return sink.Completed
            && summary.Completed
            && sink.Results.Select(static r => r.Number).SequenceEqual(Enumerable.Range(1, kinds.Length).Select(static n => (long)n))
            && statuses.SequenceEqual(kinds.Select(TestCampaign.Expected))
            && summary.Input == kinds.Length
            && summary.Input == summary.Rendered + summary.Suppressed + summary.Rejected
            && summary.Rendered == statuses.Count(static s => s == BatchStatus.Rendered)
            && summary.Rejected == summary.RejectedByStage.Values.Sum()
            && summary.Suppressed == (expectedReasons == 0 ? 0 : summary.SuppressedByReason["recipient unsubscribed"])
            && summary.Modules.Values.Sum() == summary.Rendered
            && sink.Results.Where(static r => r.Status == BatchStatus.Rejected).All(static r => r.Error is { Length: > 0 } && r.Stage is not null && r.Id is not null || r.Stage == RejectStage.Read);
    }

    [Property(MaxTest = 25)]
    public bool Parallel_OutputEqualsSerial(int[] seeds, PositiveInt parallel)
    {
        var jsonl = TestCampaign.Jsonl(seeds.Select(static s => TestCampaign.KindOf(s) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.Good : TestCampaign.KindOf(s)));

        var serial = Run(jsonl, new BatchOptions { MaxDegreeOfParallelism = 1 });
        var wide = Run(jsonl, new BatchOptions { MaxDegreeOfParallelism = 2 + (parallel.Get % 7), MaxInFlight = 1 + (parallel.Get % 5) });

        return serial.Length > 0 == seeds.Length > 0 && serial == wide;
    }

    [Property(MaxTest = 25)]
    public bool Shards_UnionEqualsUnsharded_AndAreDisjoint(int[] seeds, PositiveInt shards)
    {
        var count = 1 + (shards.Get % 5);
        var jsonl = TestCampaign.Jsonl(seeds.Select(static s => TestCampaign.KindOf(s) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.Good : TestCampaign.KindOf(s)));
        var whole = Lines(jsonl, null);

        var parts = Enumerable.Range(1, count).Select(k => Lines(jsonl, Shard.Of(k, count))).ToArray();

        var union = parts.SelectMany(static p => p).OrderBy(static l => l.Number).ToArray();
        return union.Select(static l => l.Number).Distinct().Count() == union.Length
            && union.SequenceEqual(whole);
    }

    [Property(MaxTest = 25)]
    public bool ModuleCounts_EqualTheModulesOfTheRenderedResults_AlsoWhenReadMidway(int[] seeds, PositiveInt parallel)
    {
        var kinds = seeds.Select(TestCampaign.KindOf).ToArray();
        var sink = new CollectingSink();
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1 + (parallel.Get % 3) });

        var summary = runner.RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink).GetAwaiter().GetResult();
        var beforeJson = summary.Modules.ToDictionary(static p => p.Key, static p => p.Value);
        var json = summary.ToJson();

        var expected = sink.Results
            .Where(static r => r.Status == BatchStatus.Rendered)
            .SelectMany(static r => r.Slots!.SelectMany(static s => s.ModuleIds.Select(m => s.SlotId + "/" + m)))
            .GroupBy(static k => k, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => (long)g.Count(), StringComparer.Ordinal);
        return expected.Count == summary.Modules.Count
            && expected.All(p => summary.Modules.TryGetValue(p.Key, out var n) && n == p.Value)
            && beforeJson.Count == summary.Modules.Count
            && expected.All(p => json.Contains($"\"{p.Key}\": {p.Value}", StringComparison.Ordinal));
    }

    [Property(MaxTest = 30)]
    public bool Duplicates_TheFirstRecordOfAnIdCounts_LaterOnesAreSuppressed_WhateverTheParallelism(int[] seeds, PositiveInt parallel)
    {
        // Record j (1-based) takes the id of an earlier record now and then; NotJson records have no recipient, so no id that counts.
        var ids = new int[seeds.Length];
        var kinds = new TestCampaign.Kind[seeds.Length];
        var text = new System.Text.StringBuilder();
        for (var j = 0; j < seeds.Length; j++)
        {
            var seed = Math.Abs(seeds[j]);
            ids[j] = j > 0 && seed % 3 == 0 ? 1 + (seed / 3 % j) : j + 1;
            kinds[j] = TestCampaign.KindOf(seed / 3) == TestCampaign.Kind.HugeField ? TestCampaign.Kind.Good : TestCampaign.KindOf(seed / 3);
            text.Append(TestCampaign.Line(ids[j], kinds[j]).Replace($"\"Name{ids[j]}\"", $"\"Name{j + 1}\"", StringComparison.Ordinal)).Append('\n');
        }

        var jsonl = text.ToString();
        var serial = new CollectingSink();
        var summary = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 1, Schema = TestCampaign.Schema })
            .RunAsync(TestCampaign.Records(jsonl), serial).GetAwaiter().GetResult();
        var wide = new CollectingSink();
        new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { MaxDegreeOfParallelism = 2 + (parallel.Get % 5), MaxInFlight = 1 + (parallel.Get % 7), Schema = TestCampaign.Schema })
            .RunAsync(TestCampaign.Records(jsonl), wide).GetAwaiter().GetResult();

        var seen = new HashSet<int>();
        var expected = kinds.Select((kind, j) => kind != TestCampaign.Kind.NotJson && !seen.Add(ids[j]) ? BatchStatus.Suppressed : TestCampaign.Expected(kind)).ToArray();
        var duplicates = serial.Results.Count(static r => r.Reason == BatchResult.DuplicateReason);
        return serial.Text == wide.Text
            && serial.Results.Select(static r => r.Status).SequenceEqual(expected)
            && duplicates == expected.Length - kinds.Count(static k => k == TestCampaign.Kind.NotJson) - seen.Count
            && (duplicates == 0 ? !summary.SuppressedByReason.ContainsKey(BatchResult.DuplicateReason) : summary.SuppressedByReason[BatchResult.DuplicateReason] == duplicates)
            && summary.Input == seeds.Length
            && summary.Input == summary.Rendered + summary.Suppressed + summary.Rejected;
    }

    private static string Run(string jsonl, BatchOptions options)
    {
        var sink = new CollectingSink();
        new BatchRunner(TestCampaign.Catalog, "monthly", Text, options).RunAsync(TestCampaign.Records(jsonl), sink).GetAwaiter().GetResult();
        return sink.Text;
    }

    private static (long Number, string Line)[] Lines(string jsonl, Shard? shard)
    {
        var sink = new CollectingSink();
        var summary = new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Shard = shard, MaxDegreeOfParallelism = 2 })
            .RunAsync(TestCampaign.Records(jsonl), sink).GetAwaiter().GetResult();
        Assert.Equal(summary.Input, sink.Results.Count);
        var lines = sink.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. sink.Results.Select((r, i) => (r.Number, lines[i]))];
    }
}
