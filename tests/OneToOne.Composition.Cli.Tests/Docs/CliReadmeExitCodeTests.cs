using System.Reflection;
using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// The tool README's "Exit codes" table, which a scheduler or CI script is written from, has a row for every code the
/// tool exits with (<see cref="ExitCodes"/>): <c>diff --exit-code</c>'s 3 was added without one, so a script reading the
/// table took 3 for an unknown failure.
/// </summary>
public sealed class CliReadmeExitCodeTests
{
    [Fact]
    public void EveryExitCodeConstant_HasARowInTheToolReadmesExitCodeTable()
    {
        var readme = File.ReadAllText(Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition.Cli", "README.md"));
        var table = Regex.Match(readme, @"(?ms)^## Exit codes\n.*?(?=^#|\z)").Value;
        var documented = Regex.Matches(table, @"(?m)^\| ([0-9][0-9, ]*) \|")
            .SelectMany(static m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToHashSet();
        Assert.Contains(0, documented);

        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral)
            .Select(static f => (f.Name, Code: (int)f.GetRawConstantValue()!))
            .ToList();
        Assert.NotEmpty(codes);
        var missing = codes.Where(c => !documented.Contains(c.Code)).ToList();
        Assert.True(missing.Count == 0, $"src/OneToOne.Composition.Cli/README.md's Exit codes table has no row for {string.Join(", ", missing.Select(static c => $"{c.Code} ({c.Name})"))}:\n{table}");
    }
}
