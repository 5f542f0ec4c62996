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
    public void Analyze_PastTheSearchLimit_SaysTheCountIsALowerBound()
    {
        // 20 slots whose conditions all read the same five fields: one group with more combinations than the search explores.
        using var temp = new TempDirectory();
        var file = temp.File("big.yaml");
        var slots = Enumerable.Range(0, 20).ToList();
        File.WriteAllText(file, "catalog: big\nmodules:\n"
            + string.Concat(slots.SelectMany(s => Enumerable.Range(0, 6).Select(m => $"  s{s}m{m}: {{ when: '{"abcd"[(s * 6 + m) % 4]} > {(s * 37 + m * 11) % 100} && t == \"t{(s + m) % 3}\"', content: x }}\n")))
            + string.Concat(slots.Select(s => $"  s{s}z: z\n"))
            + "slots:\n" + string.Concat(slots.Select(s => $"  s{s}: {{ from: [{string.Join(", ", Enumerable.Range(0, 6).Select(m => $"s{s}m{m}"))}, s{s}z] }}\n"))
            + "messages:\n  m:\n    body: |\n" + string.Concat(slots.Select(s => $"      {{{{ slot \"s{s}\" }}}}\n")));

        var run = CliRun.Of("analyze", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(run.Stdout, @"message 'm': at least [0-9,]+ reachable combinations of modules \(the search of a group of slots stopped at its limit, so this is a lower bound\), [0-9]+ reachable modules"), run.Stdout[^400..]);
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
