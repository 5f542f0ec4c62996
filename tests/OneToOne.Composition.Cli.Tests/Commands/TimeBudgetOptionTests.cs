namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>--time-budget DURATION</c>: how long one message may take (<see cref="RenderLimits.TimeBudget"/>, 1 s unless given),
/// for a legitimate template that needs more, or a loaded machine. Its own budgets here, never the test runner's.
/// </summary>
public sealed class TimeBudgetOptionTests
{
    // 2^(depth+1) calls of f, within the recursion depth and without a loop: only the time budget can stop it. At depth 16,
    // 131,071 interpreted calls, which no machine runs in 1 ms; at depth 40 it would run for days.
    private const string Catalog = """
        catalog: spin
        modules:
          deep:
            content: "{{ func f(n); if n > 0; f(n-1); f(n-1); end; end; f(depth) }}done {{ depth }}"
        slots:
          s: { from: [deep] }
        messages:
          m:
            body: "{{ slot 's' }}"
        """;

    [Fact]
    public void Render_ATemplatePastASmallBudget_IsRejectedNamingTheBudget_AndRendersWithItRaised()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), Catalog);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"r1\",\"depth\":16}\n");

        var tight = CliRun.Of("render", temp.File("c.yaml"), "-m", "m", "-r", temp.File("r.jsonl"), "-c", "text", "--time-budget", "1ms");
        var raised = CliRun.Of("render", temp.File("c.yaml"), "-m", "m", "-r", temp.File("r.jsonl"), "-c", "text", "--time-budget", "10m");

        Assert.True(tight.ExitCode == 2, tight.ToString());
        var rejected = Assert.Single(tight.JsonLines());
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var error = rejected.GetProperty("error").GetString();
        Assert.Contains("Recipient 'r1', message 'm', module 'deep'", error, StringComparison.Ordinal);
        Assert.Contains("took longer than its time budget of 1 ms", error, StringComparison.Ordinal);
        Assert.Contains("raise RenderLimits.TimeBudget (onetoone: --time-budget)", error, StringComparison.Ordinal);

        Assert.True(raised.ExitCode == 0, raised.ToString());
        var rendered = Assert.Single(raised.JsonLines());
        Assert.Equal("rendered", rendered.GetProperty("status").GetString());
        Assert.Equal("done 16", rendered.GetProperty("body").GetString()!.Trim());
    }

    [Fact]
    public void Explain_ARunawayTemplate_IsRejectedAtTheBudgetGiven()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), Catalog);

        var run = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "-r", """{"id":"r2","depth":40}""", "--time-budget", "50ms");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("rejected: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Recipient 'r2'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("time budget of 50 ms", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_And_Proof_TakeTheBudget()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), Catalog);
        File.WriteAllText(temp.File("plain.yaml"), "catalog: spin\nmodules:\n  deep:\n    content: \"done {{ depth }}\"\nslots:\n  s: { from: [deep] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"r1\",\"depth\":16}\n");

        var tightDiff = CliRun.Of("diff", temp.File("c.yaml"), temp.File("plain.yaml"), "-r", temp.File("r.jsonl"), "--format", "json", "--time-budget", "1ms");
        var raisedDiff = CliRun.Of("diff", temp.File("c.yaml"), temp.File("plain.yaml"), "-r", temp.File("r.jsonl"), "--format", "json", "--time-budget", "10m");
        var proof = CliRun.Of("proof", temp.File("c.yaml"), "-m", "m", "--sample", temp.File("r.jsonl"), "-o", temp.File("proof"), "--time-budget", "1ms");

        Assert.True(tightDiff.ExitCode == 0, tightDiff.ToString());
        Assert.Contains("\"before\":{\"status\":\"rejected\"", tightDiff.Stdout, StringComparison.Ordinal);
        Assert.Contains("time budget of 1 ms", tightDiff.Stdout, StringComparison.Ordinal);
        Assert.True(raisedDiff.ExitCode == 0, raisedDiff.ToString());
        Assert.Contains("\"changed\":0", raisedDiff.Stdout, StringComparison.Ordinal);
        Assert.True(proof.ExitCode == 0, proof.ToString());
        Assert.Contains("time budget of 1 ms", File.ReadAllText(Path.Combine(temp.File("proof"), "proof.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("render")]
    [InlineData("explain")]
    [InlineData("proof")]
    [InlineData("diff")]
    [InlineData("watch")]
    public void TheCommandsThatDecide_ShowTheOption(string command)
    {
        var help = CliRun.Of(command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--time-budget <DURATION>", help.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s", "'0s' is no time at all, and a budget cannot be switched off")]
    [InlineData("0ms", "'0ms' is no time at all")]
    [InlineData("--time-budget=-1s", "'-1s' is not a duration")]
    [InlineData("3", "'3' is not a duration. Write a positive whole number with ms, s or m")]
    [InlineData("1.5s", "'1.5s' is not a duration")]
    [InlineData("2h", "'2h' is not a duration")]
    public void ABudgetThatIsNotAPositiveDuration_IsRefused_BeforeAnythingIsLoaded(string value, string expected)
    {
        string[] budget = value.StartsWith("--", StringComparison.Ordinal) ? [value] : ["--time-budget", value];

        var run = CliRun.Of(["render", "no-such-catalog.yaml", "-m", "m", "-r", "no-such.jsonl", "-c", "text", .. budget]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--time-budget: {expected}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-catalog", run.Stderr, StringComparison.Ordinal);
    }
}
