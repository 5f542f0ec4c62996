using System.Text;
using System.Text.Json;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests;

/// <summary>
/// Golden cases as data: <c>Cases/golden/NNN-name/{catalog.yaml, recipient.json}</c> and the expected
/// <c>trace.txt</c>, <c>web.html</c>, <c>text.txt</c>, <c>print.md</c> (or <c>error.txt</c>). The first message of the
/// catalog is decided and rendered. To accept new output after a deliberate change, run the tests with
/// ONETOONE_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class GoldenCaseTests
{
    private static readonly string SourceCases = Path.Combine(FindRepoRoot(), "tests", "OneToOne.Composition.Tests", "Cases", "golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(SourceCases).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCase_ProducesTheExpectedOutput(string name)
    {
        var dir = Path.Combine(SourceCases, name);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(dir, "catalog.yaml"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "recipient.json")));
        var recipient = Recipient.FromJson(json.RootElement);

        var actual = new Dictionary<string, string>();
        try
        {
            var decision = catalog.Decide(recipient, catalog.MessageIds[0]);
            actual["trace.txt"] = decision.ToTraceString();
            if (!decision.IsSuppressed)
            {
                actual["web.html"] = catalog.Render(decision, Channel.Web).Body;
                var text = catalog.Render(decision, Channel.Text);
                actual["text.txt"] = $"Subject: {text.Subject}\n\n{text.Body}";
                actual["print.md"] = catalog.Render(decision, Channel.Print).Body;
            }
        }
        catch (RecipientException ex)
        {
            actual["error.txt"] = $"{ex.Problem}\nmodule: {ex.ModuleId}\nat: line {ex.Location?.Line}, column {ex.Location?.Column}\n";
        }

        if (Environment.GetEnvironmentVariable("ONETOONE_UPDATE_GOLDEN") == "1")
        {
            foreach (var (file, content) in actual)
            {
                File.WriteAllText(Path.Combine(dir, file), content, new UTF8Encoding(false));
            }
        }

        var expectedFiles = new[] { "trace.txt", "web.html", "text.txt", "print.md", "error.txt" }.Where(f => File.Exists(Path.Combine(dir, f))).ToArray();
        Assert.Equal(expectedFiles.Order(), actual.Keys.Order());
        foreach (var file in expectedFiles)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(dir, file)), actual[file]);
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (with OneToOne.Composition.sln) was not found above the test output folder.");
    }
}
