using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// Each example's catalog is one to copy: <c>onetoone validate</c> passes it without a warning, and every finding
/// <c>onetoone analyze</c> reports on it is one its README explains (names the code and why the catalog keeps it), and a
/// count of reachable combinations the README quotes is the one analyze prints, so a
/// newcomer who runs the tool on an example is not left wondering whether the example is wrong.
/// </summary>
public sealed partial class ExampleCatalogFindingTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(Example.RepoRoot, "examples")).Order(StringComparer.Ordinal))
        {
            if (Directory.GetFiles(folder, "*.yaml").Length > 0)
            {
                data.Add(Path.GetFileName(folder));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheExamplesCatalog_ValidatesWithoutWarnings_AndItsReadmeExplainsEveryAnalyzeFinding(string example)
    {
        var folder = Path.Combine(Example.RepoRoot, "examples", example);

        var validate = CliRun.Of("validate", folder);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Matches(@"is valid: .*, 0 warnings\.", validate.Stdout);

        var analyze = CliRun.Of("analyze", folder);
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        var unexplained = Finding().Matches(analyze.Stdout + analyze.Stderr)
            .Select(static m => m.Groups["code"].Value)
            .Distinct()
            .Where(code => !readme.Contains(code, StringComparison.Ordinal))
            .ToList();
        foreach (Match quoted in QuotedCount().Matches(readme))
        {
            Assert.Contains($"{quoted.Groups["count"].Value} reachable combinations of modules", analyze.Stdout, StringComparison.Ordinal);
        }

        Assert.True(unexplained.Count == 0, $"examples/{example}: `onetoone analyze` reports {string.Join(", ", unexplained)}, which its README does not explain (fix the catalog, or say in the README why it stays):\n{analyze}");
    }

    [GeneratedRegex(@"(?<count>\d[\d,]*) reachable combinations")]
    private static partial Regex QuotedCount();

    [GeneratedRegex(@"(?:warning|error) (?<code>OTO\d{4}):")]
    private static partial Regex Finding();
}
