using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// diff for an approver and a CI gate: the per-module summary, a kept module's changed text behind a changed decision,
/// <c>--format json</c>, and <c>--parallel</c> (the same bytes for any value).
/// </summary>
public sealed class DiffSummaryAndJsonTests
{
    private const string Old = """
        catalog: t
        modules:
          gold: { when: 'tier == "gold"', content: G }
          std: 'Save 10%'
          news: 'News 1'
        slots:
          s: { from: [gold, std] }
          n: { from: [news] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            body: |
              {{ slot "s" }}

              {{ slot "n" }}
        """;

    private static readonly string New = Old
        .Replace("tier == \"gold\"", "tier == \"gold\" || points > 1000", StringComparison.Ordinal)
        .Replace("'Save 10%'", "'Save 20%'", StringComparison.Ordinal);

    [Fact]
    public void Diff_EndsWithALinePerModule_RecipientsWhoGainIt_LoseIt_AndGetOtherText_InModuleOrder()
    {
        // An approver of a release over 100,000 recipients read 100,000 lines to learn what each module's change amounts to.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New);
        var recipients = new StringBuilder();
        // The first recipient listed keeps std with its new text, so std is seen before gold: the summary is still in module order.
        recipients.Append("{\"id\":\"t0\",\"tier\":\"std\",\"points\":10,\"opt_out\":false}\n");
        for (var i = 1; i <= 1_204; i++)
        {
            recipients.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"g{i}\",\"tier\":\"std\",\"points\":5000,\"opt_out\":false}}\n");
        }

        recipients.Append("{\"id\":\"x\",\"tier\":\"gold\",\"points\":10,\"opt_out\":false}\n");
        recipients.Append("{\"id\":\"o\",\"tier\":\"std\",\"points\":10,\"opt_out\":true}\n");
        File.WriteAllText(temp.File("r.jsonl"), recipients.ToString());

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("t0: text changed (text, web, print): \"Save 10%\" → \"Save 20%\"", run.StdoutLines[0]);
        Assert.Equal(
            [
                "module 'gold': +1,204 recipients gain it, -0 lose it, text changed for 0",
                "module 'std': +0 recipients gain it, -1,204 lose it, text changed for 1",
                "1205 of 1207 recipients change ('m').",
            ],
            run.StdoutLines[^3..]);
        Assert.Equal(1_205 + 3, run.StdoutLines.Length);
    }

    [Fact]
    public void Diff_AChangedDecision_StillShowsTheChangedTextOfAModuleItKeeps()
    {
        // "b: s std → gold" said nothing of the news module's new text, which b gets in both versions.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New.Replace("'News 1'", "'News 2'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"b","tier":"std","points":5000,"opt_out":false}
            {"id":"c","tier":"gold","points":10,"opt_out":false}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "b: s std → gold; module 'news' text changed (text, web, print): \"News 1\" → \"News 2\"",
                "c: text changed (text, web, print): \"News 1\" → \"News 2\"",
                "module 'gold': +1 recipient gains it, -0 lose it, text changed for 0",
                "module 'news': +0 recipients gain it, -0 lose it, text changed for 2",
                "module 'std': +0 recipients gain it, -1 loses it, text changed for 0",
                "2 of 2 recipients change ('m').",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Diff_FormatJson_IsOneVersionedDocument_WithEachChange_BeforeAndAfter_AndTheModuleCounts()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New.Replace("  news: 'News 1'", "  news: { content: 'News 1', status: draft }", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","points":10,"opt_out":false}
            {"id":"b","tier":"std","points":5000,"opt_out":false}
            {"id":"c","tier":"std","points":10,"opt_out":true}
            {"id":"d","tier":"std","points":10,"opt_out":false}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"), "--format", "json", "--exit-code");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("{\"diffVersion\":1,\"old\":{\"catalog\":\"t\",\"sha256\":\"", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, run.Stdout.Count(static c => c == '\n'));
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal(
            ["diffVersion", "old", "new", "messages", "notices", "recipients", "modules", "recipientCount", "changed"],
            root.EnumerateObject().Select(static p => p.Name));
        Assert.NotEqual(root.GetProperty("old").GetProperty("sha256").GetString(), root.GetProperty("new").GetProperty("sha256").GetString());
        Assert.Equal(["m"], root.GetProperty("messages").EnumerateArray().Select(static m => m.GetString()));
        var notice = Assert.Single(root.GetProperty("notices").EnumerateArray());
        Assert.Equal("nowDraft", notice.GetProperty("kind").GetString());
        Assert.Equal("module", notice.GetProperty("itemKind").GetString());
        Assert.Equal("news", notice.GetProperty("item").GetString());

        var recipients = root.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(["b", "d"], recipients.Select(static r => r.GetProperty("id").GetString()));
        var b = recipients[0];
        Assert.Equal(2, b.GetProperty("record").GetInt32());
        Assert.Equal("m", b.GetProperty("message").GetString());
        Assert.Equal("s std → gold", b.GetProperty("change").GetString());
        Assert.Equal(["gold"], b.GetProperty("gained").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal(["std"], b.GetProperty("lost").EnumerateArray().Select(static m => m.GetString()));
        Assert.Empty(b.GetProperty("textChanged").EnumerateArray());
        Assert.Equal("sent", b.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal(["std"], b.GetProperty("before").GetProperty("slots").GetProperty("s").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal(["gold"], b.GetProperty("after").GetProperty("slots").GetProperty("s").EnumerateArray().Select(static m => m.GetString()));
        var d = recipients[1];
        Assert.Equal(4, d.GetProperty("record").GetInt32());
        Assert.Equal(["std"], d.GetProperty("textChanged").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal(["text", "web", "print"], d.GetProperty("forms").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal("Save 10%", d.GetProperty("firstLine").GetProperty("before").GetString());
        Assert.Equal("Save 20%", d.GetProperty("firstLine").GetProperty("after").GetString());

        Assert.Equal(
            ["m gold +1 -0 ~0", "m std +0 -1 ~1"],
            root.GetProperty("modules").EnumerateArray().Select(static m =>
                $"{m.GetProperty("message").GetString()} {m.GetProperty("module").GetString()} +{m.GetProperty("gained").GetInt32()} -{m.GetProperty("lost").GetInt32()} ~{m.GetProperty("textChanged").GetInt32()}"));
        Assert.Equal(4, root.GetProperty("recipientCount").GetInt32());
        Assert.Equal(2, root.GetProperty("changed").GetInt32());
    }

    [Fact]
    public void Diff_FormatJson_ARejectedAndASuppressedOutcome_SayWhy()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("rejects.yaml"), Old.Replace("content: G", "content: 'G {{ nmae }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("suppresses.yaml"), Old.Replace("opt_out == true", "opt_out == true || points < 100", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\",\"points\":10,\"opt_out\":false}\n");

        var rejected = CliRun.Of("diff", temp.File("old.yaml"), temp.File("rejects.yaml"), "--recipients", temp.File("r.jsonl"), "--format", "json");
        var suppressed = CliRun.Of("diff", temp.File("old.yaml"), temp.File("suppresses.yaml"), "--recipients", temp.File("r.jsonl"), "--format", "json");

        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        using var rejects = JsonDocument.Parse(rejected.Stdout);
        var a = Assert.Single(rejects.RootElement.GetProperty("recipients").EnumerateArray());
        Assert.Equal("rejected", a.GetProperty("after").GetProperty("status").GetString());
        Assert.StartsWith("module 'gold': the template uses the field 'nmae'", a.GetProperty("after").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(["gold", "news"], a.GetProperty("lost").EnumerateArray().Select(static m => m.GetString()));
        Assert.True(suppressed.ExitCode == 0, suppressed.ToString());
        using var suppresses = JsonDocument.Parse(suppressed.Stdout);
        var s = Assert.Single(suppresses.RootElement.GetProperty("recipients").EnumerateArray());
        Assert.Equal("now suppressed: opted out", s.GetProperty("change").GetString());
        Assert.Equal("suppressed", s.GetProperty("after").GetProperty("status").GetString());
        Assert.Equal("opted out", s.GetProperty("after").GetProperty("reason").GetString());
        Assert.Equal(["gold", "news"], s.GetProperty("lost").EnumerateArray().Select(static m => m.GetString()));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Diff_Parallel_WritesTheSameBytes_WithOneThreadAndWithMany(string format)
    {
        // Recipients compared on several threads are written in input order; more than one chunk of them.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), New.Replace("'News 1'", "'News {{ points }}'", StringComparison.Ordinal));
        var recipients = new StringBuilder();
        for (var i = 0; i < 700; i++)
        {
            var tier = (i % 3) switch { 0 => "gold", 1 => "std", _ => "silver" };
            recipients.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"r{i}\",\"tier\":\"{tier}\",\"points\":{i * 37 % 2000},\"opt_out\":{(i % 7 == 0 ? "true" : "false")}}}\n");
        }

        File.WriteAllText(temp.File("r.jsonl"), recipients.ToString());

        var one = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl"), "--format", format, "--parallel", "1");
        var many = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl"), "--format", format, "--parallel", "7");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(many.ExitCode == 0, many.ToString());
        Assert.Equal(one.Stdout, many.Stdout);
        Assert.Contains("r698", one.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ParallelZero_IsRefused_SayingWhatToGive()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\"}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("old.yaml"), "-r", temp.File("r.jsonl"), "--parallel", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--parallel 0: give from 1 to 4096 recipients to compare at once", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Diff_ParallelOutOfRange_IsRefusedBeforeEitherCatalogIsLoaded()
    {
        // The check came after loading both catalogs: a broken or missing one was reported first, and a large pair loaded
        // for seconds, only to be told of the mistyped --parallel after.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\"}\n");

        var run = CliRun.Of("diff", temp.File("missing-old.yaml"), temp.File("missing-new.yaml"), "-r", temp.File("r.jsonl"), "--parallel", "5000");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --parallel 5000: give from 1 to 4096 recipients to compare at once", run.Stderr.Split(" (default")[0].Trim());
    }

    [Fact]
    public void Diff_AListedChange_KeepsTheDecisionsAndSubjects_NotTheRenderedTexts()
    {
        // A chunk of changed recipients (256 or more, at any --parallel) waiting to be written in input order kept each
        // version's every rendered form (the whole email HTML) and module text: 200 MB peak on 20,000 recipients.
        var before = new OneToOne.Composition.CatalogLoader().Parse(Old);
        var after = new OneToOne.Composition.CatalogLoader().Parse(New);
        var recipient = OneToOne.Composition.Recipients.Recipient.FromJson(JsonDocument.Parse("{\"id\":\"a\",\"tier\":\"std\",\"points\":10,\"opt_out\":false}").RootElement);

        var change = OneToOne.Composition.Cli.Commands.DiffComparison.Compare("m", OneToOne.Composition.Cli.Commands.DiffComparison.Decide(before, recipient, "m"), OneToOne.Composition.Cli.Commands.DiffComparison.Decide(after, recipient, "m"));

        Assert.NotNull(change);
        Assert.Equal(["std"], change.TextChanged);
        Assert.Equal("\"Save 10%\" → \"Save 20%\"", change.Description.Split(": ", 2)[1]);
        Assert.Equal(["s", "n"], change.After.Decision!.Slots.Select(static s => s.SlotId));
        Assert.Empty(change.Before.Forms);
        Assert.Empty(change.After.Forms);
        Assert.Empty(change.After.ModuleText("std"));
    }
}
