using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class RenderWebTests
{
    private const string LayoutMain = "<main class=\"beer-of-the-month\">";

    [Fact]
    public void Render_Web_FormatJson_GivesPerSlotModuleIds_MatchingTheHeroRules_AndTheHtml()
    {
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web", "--format", "json");
        var plain = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web").JsonLines();

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = run.JsonLines();
        Assert.Equal(input.Count, records.Count);
        for (var i = 0; i < input.Count; i++)
        {
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", records[i].GetProperty("status").GetString());
                Assert.False(records[i].TryGetProperty("html", out _));
                continue;
            }

            var slots = records[i].GetProperty("slots");
            Assert.Equal(
                [Example.ExpectedHero(input[i])],
                slots.GetProperty("hero").GetProperty("modules").EnumerateArray().Select(static m => m.GetString()));

            // Every slot is an object with its module ids, the same ids the plain web output lists.
            var plainSlots = plain[i].GetProperty("slots");
            Assert.Equal(
                plainSlots.EnumerateObject().Select(static s => s.Name),
                slots.EnumerateObject().Select(static s => s.Name));
            foreach (var slot in slots.EnumerateObject())
            {
                Assert.Equal(plainSlots.GetProperty(slot.Name).GetRawText(), slot.Value.GetProperty("modules").GetRawText());

                // Each slot's own HTML is part of the whole message's HTML.
                var slotHtml = slot.Value.GetProperty("html").GetString()!;
                Assert.Contains(slotHtml.TrimEnd('\n').Split('\n')[0], records[i].GetProperty("html").GetString()!, StringComparison.Ordinal);
            }

            var html = records[i].GetProperty("html").GetString()!;
            Assert.Equal(plain[i].GetProperty("body").GetString(), html);
            Assert.Contains(ExampleProducts.ExpectedHeroProduct(input[i]), html, StringComparison.Ordinal);
            Assert.Contains(ExampleProducts.ExpectedHeroProduct(input[i]), slots.GetProperty("hero").GetProperty("html").GetString()!, StringComparison.Ordinal);
            Assert.False(records[i].TryGetProperty("body", out _));
        }
    }

    [Fact]
    public void Render_Web_FormatJson_OutDirectory_WritesOneJsonPerRecord()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var first = Example.JsonlRecords()[0];
        var id = first.GetProperty("id").GetString()!;

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "web", "--format", "json", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, id + ".json")));
        var decision = document.RootElement;
        Assert.Equal(id, decision.GetProperty("id").GetString());
        Assert.Equal(Example.ExpectedHero(first), decision.GetProperty("slots").GetProperty("hero").GetProperty("modules")[0].GetString());
        Assert.Contains(ExampleProducts.ExpectedHeroProduct(first), decision.GetProperty("html").GetString(), StringComparison.Ordinal);
        var result = JsonDocument.Parse(File.ReadLines(Path.Combine(outDir, "results.jsonl")).First()).RootElement;
        Assert.Equal($"{id}.json", result.GetProperty("file").GetString());
        Assert.False(result.TryGetProperty("html", out _));
    }

    [Fact]
    public void Render_Web_Page_UsesTheCatalogsWebLayout_InJsonLinesAndFiles()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var input = Example.JsonlRecords();
        var xss = input.Single(static r => r.GetProperty("first_name").GetString()!.StartsWith("<script>", StringComparison.Ordinal)).GetProperty("id").GetString()!;

        var lines = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web", "--page");
        var files = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web", "--page", "-o", outDir);

        Assert.True(lines.ExitCode == 0, lines.ToString());
        Assert.True(files.ExitCode == 0, files.ToString());
        var records = lines.JsonLines();
        for (var i = 0; i < input.Count; i++)
        {
            if (Example.IsUnsubscribed(input[i]))
            {
                continue;
            }

            var id = input[i].GetProperty("id").GetString()!;
            var body = records[i].GetProperty("body").GetString()!;
            Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
            Assert.Contains(LayoutMain, body, StringComparison.Ordinal);
            Assert.Contains(ExampleProducts.ExpectedHeroProduct(input[i]), body, StringComparison.Ordinal);
            var file = File.ReadAllText(Path.Combine(outDir, id + ".html"));
            Assert.Equal(body, file); // the layout's page as is, not wrapped again
            Assert.Equal(1, CountOf(file, "<html"));
        }

        var page = File.ReadAllText(Path.Combine(outDir, xss + ".html"));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_Web_WithoutPage_KeepsTheFragment()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "web");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(
            run.JsonLines().Where(static r => r.GetProperty("status").GetString() == "rendered"),
            static r => Assert.DoesNotContain(LayoutMain, r.GetProperty("body").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text", "--format", "json")]
    [InlineData("email", "--format", "json")]
    [InlineData("text", "--page")]
    [InlineData("email", "--page")]
    public void Render_WebOnlyOptions_OnAnotherChannel_ExitOne(string channel, params string[] extra)
    {
        var run = CliRun.Of(["render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", channel, .. extra]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("--channel web", run.Stderr, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
