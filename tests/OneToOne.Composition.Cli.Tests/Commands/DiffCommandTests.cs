namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class DiffCommandTests
{
    private const string Old = """
        catalog: t
        modules:
          gold: { when: 'tier == "gold"', content: G }
          std: S
        slots:
          s: { from: [gold, std] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            body: '{{ slot "s" }}'
        """;

    [Fact]
    public void Diff_ReportsEachRecipientWhoseDecisionChanges_AndHow()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old
            .Replace("tier == \"gold\"", "tier == \"gold\" || points > 1000", StringComparison.Ordinal)
            .Replace("opt_out == true", "opt_out == true || country == \"FR\"", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","points":10,"opt_out":false,"country":"DE"}
            {"id":"b","tier":"std","points":5000,"opt_out":false,"country":"DE"}
            {"id":"c","tier":"std","points":10,"opt_out":false,"country":"FR"}
            {"id":"d","tier":"std","points":10,"opt_out":true,"country":"DE"}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["b: s std → gold", "c: now suppressed: opted out", "2 of 4 recipients change ('m')."],
            run.StdoutLines);
    }
}
