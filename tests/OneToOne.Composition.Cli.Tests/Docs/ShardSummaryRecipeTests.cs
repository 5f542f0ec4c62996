using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// The README's <c>jq</c> recipe that adds up the <c>--summary</c> files of a sharded run, run as written (the real
/// <c>jq</c>, which <c>scripts/install-deps.sh</c> installs) over the summaries the tool writes: one of each shard adds up
/// to the unsharded run's counts, and a set with a shard missing or twice, or of another instant, is refused rather
/// than summed.
/// </summary>
public sealed partial class ShardSummaryRecipeTests
{
    private const string AsOf = "2026-11-23T02:00:00Z";

    [Fact]
    public void Summary_SaysWhichShardCatalogMessageAndInstantItCovers()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--shard", "2/3",
            "--as-of", "2026-11-23T03:00:00+01:00", "--out", temp.File("out"), "--summary", temp.File("summary.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        var root = summary.RootElement;
        Assert.Equal(2, root.GetProperty("shard").GetProperty("index").GetInt32());
        Assert.Equal(3, root.GetProperty("shard").GetProperty("count").GetInt32());
        Assert.Equal("beer-of-the-month", root.GetProperty("catalog").GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("catalog").GetProperty("sha256").GetString());
        Assert.Equal("monthly", root.GetProperty("message").GetString());
        Assert.Equal("2026-11-23T02:00:00.0000000+00:00", root.GetProperty("asOf").GetString());
    }

    [Fact]
    public void Summary_WithoutAsOf_RecordsTheToolsClockAsTheRunsInstant()
    {
        using var temp = new TempDirectory();

        var run = CliRun.At(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), "render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text",
            "--out", temp.File("out"), "--summary", temp.File("summary.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        Assert.Equal("2026-03-29T01:30:00.0000000+00:00", summary.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public void ReadmeJqRecipe_AddsUpOneSummaryPerShard_ToTheUnshardedRunsCounts()
    {
        using var temp = new TempDirectory();
        var shards = Enumerable.Range(1, 3).Select(k => Render(temp, $"{k}/3", AsOf)).ToList();
        var whole = Render(temp, null, AsOf);

        var sum = Jq(temp, shards);

        Assert.True(sum.ExitCode == 0, sum.ToString());
        using var total = JsonDocument.Parse(sum.Stdout);
        using var single = JsonDocument.Parse(File.ReadAllText(whole));
        foreach (var count in new[] { "input", "rendered", "suppressed", "rejected" })
        {
            Assert.Equal(single.RootElement.GetProperty(count).GetInt64(), total.RootElement.GetProperty(count).GetInt64());
        }

        foreach (var counts in new[] { "suppressedByReason", "rejectedByStage", "modules" })
        {
            Assert.Equal(Counts(single.RootElement.GetProperty(counts)), Counts(total.RootElement.GetProperty(counts)));
        }

        Assert.Equal(3, total.RootElement.GetProperty("shards").GetInt32());
        Assert.True(total.RootElement.GetProperty("completed").GetBoolean());
        Assert.Equal("monthly", total.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("1/3,1/3,2/3", "need one summary of each shard 1/N … N/N, got 1/3, 1/3, 2/3")]
    [InlineData("1/3,3/3", "need one summary of each shard 1/N … N/N, got 1/3, 3/3")]
    [InlineData("1/2,2/3,3/3", "need one summary of each shard 1/N … N/N, got 1/2, 2/3, 3/3")]
    public void ReadmeJqRecipe_RefusesAShardMissingOrTwice(string given, string error)
    {
        using var temp = new TempDirectory();
        var files = given.Split(',').Select((shard, i) => Render(temp, shard, AsOf, $"s{i}")).ToList();

        var sum = Jq(temp, files);

        Assert.True(sum.ExitCode != 0, sum.ToString());
        Assert.Contains(error, sum.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, sum.Stdout);
    }

    [Fact]
    public void ReadmeJqRecipe_RefusesShardsDecidedAtDifferentInstants()
    {
        using var temp = new TempDirectory();
        List<string> files = [Render(temp, "1/2", AsOf), Render(temp, "2/2", "2026-11-24T02:00:00Z")];

        var sum = Jq(temp, files);

        Assert.True(sum.ExitCode != 0, sum.ToString());
        Assert.Contains("the summaries are of different runs", sum.Stderr, StringComparison.Ordinal);
        Assert.Contains("2026-11-24T02:00:00.0000000+00:00", sum.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Counts(JsonElement counts) => [.. counts.EnumerateObject().Select(static p => $"{p.Name}={p.Value.GetInt64()}").Order(StringComparer.Ordinal)];

    /// <summary>Renders the example (shard <paramref name="shard"/>, or all) and returns its summary's path.</summary>
    private static string Render(TempDirectory temp, string? shard, string asOf, string? name = null)
    {
        name ??= shard?.Replace('/', '-') ?? "all";
        string[] args = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", asOf, "--out", temp.File("out-" + name), "--summary", temp.File(name + ".summary.json")];
        var run = CliRun.Of(shard is null ? args : [.. args, "--shard", shard]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return temp.File(name + ".summary.json");
    }

    /// <summary>Runs the README's jq program over the summaries.</summary>
    private static Packaging.ProcessRunner.Result Jq(TempDirectory temp, IEnumerable<string> summaries)
    {
        var readme = File.ReadAllText(Path.Combine(Example.RepoRoot, "README.md"));
        var recipe = JqRecipe().Match(readme);
        Assert.True(recipe.Success, "README.md no longer has the jq recipe that adds up the shards' summaries (jq -s '…' out/shard-*.summary.json)");
        Assert.True(Exists("jq"), "jq is not installed: run scripts/install-deps.sh");
        return Packaging.ProcessRunner.Run("jq", ["-s", recipe.Groups["program"].Value, .. summaries], temp.Path, new Dictionary<string, string?>(), TimeSpan.FromMinutes(10)); // for a hang
    }

    private static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    [GeneratedRegex(@"^jq -s '(?<program>.*?)' \\\n\s*out/shard-\*\.summary\.json$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex JqRecipe();
}
