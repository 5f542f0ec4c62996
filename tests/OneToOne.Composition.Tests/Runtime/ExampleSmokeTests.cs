using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Runtime;

public sealed class ExampleSmokeTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    [Fact]
    public void Example_RendersEveryRecipient()
    {
        var root = Path.Combine(RepoRoot(), "examples", "beer-of-the-month");
        var loader = new CatalogLoader();
        Assert.True(loader.TryLoad(Path.Combine(root, "catalog.yaml"), out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        foreach (var line in File.ReadLines(Path.Combine(root, "recipients.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var decision = catalog.Decide(Recipient.FromJson(doc.RootElement.Clone()), "monthly");
            if (!decision.IsSuppressed)
            {
                var web = catalog.Render(decision, Channel.Web);
                var text = catalog.Render(decision, Channel.Text);
                Assert.NotEmpty(web.Body);
                if (decision.RecipientId == "c001")
                {
                    File.WriteAllText("/tmp/c001.html", web.Body);
                    File.WriteAllText("/tmp/c001.txt", text.Body);
                    File.WriteAllText("/tmp/c001.trace", decision.ToTraceString());
                }
            }
        }
    }
}
