namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests
{
    private const string Catalog = """
        catalog: t
        modules:
          a: "A"
          b: "B"
        slots:
          s: { from: [a, b] }
        messages:
          m: { body: '{{ slot "s" }}' }
        """;

    [Fact]
    public void Analyze_Example_CountsTheMessagesCombinations_ExitsZero()
    {
        var run = CliRun.Of("analyze", Example.Folder, "--message", "monthly");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("message 'monthly': 1,656 reachable combinations of modules, 35 reachable modules", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FindingIsAWarning_AndStrictMakesItAnErrorWithExitOne()
    {
        using var temp = new TempDirectory();
        var file = temp.File("c.yaml");
        File.WriteAllText(file, Catalog);

        var lenient = CliRun.Of("analyze", file);
        var strict = CliRun.Of("analyze", file, "--strict");

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("c.yaml(6,18): warning OTO1501: Module 'b' can never be chosen in slot 's'", lenient.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("c.yaml(6,18): error OTO1501:", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("message 'm': 1 reachable combination of modules", strict.Stdout, StringComparison.Ordinal);
    }
}
