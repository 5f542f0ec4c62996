namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>Review probes of the follow-on suppression after "Did you mean" for a mistyped option.</summary>
public sealed class ReviewProbeCliTests
{
    /// <summary>A stray word that happens to equal the mistyped option's value is a second mistake of its own.</summary>
    [Fact]
    public void ReviewProbe_AStrayWordEqualToTheMistypedValue_IsStillReported()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage", "monthly", "--message", "monthly", "-r", Example.Jsonl, "-c", "text", "monthly");

        var errors = ErrorLines(run);

        Assert.Contains("error: Unrecognized command or argument '--mesage'. Did you mean '--message'?", errors);
        Assert.Equal(2, errors.Length);
    }

    /// <summary>'--mesage=monthly' is the same mistake as '--mesage monthly'.</summary>
    [Fact]
    public void ReviewProbe_MistypedOptionWithEquals_GetsDidYouMean()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage=monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.Contains("Did you mean '--message'?", run.Stderr, StringComparison.Ordinal);
    }

    private static string[] ErrorLines(CliRun run) =>
        [.. run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => l.StartsWith("error: ", StringComparison.Ordinal))];
}
