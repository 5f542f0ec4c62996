namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>The CLI's "Did you mean" for mistyped options, and the follow-on errors it leaves out: the error lines of one run each.</summary>
public sealed class MistypedOptionTests
{
    private static string[] ErrorLines(CliRun run) =>
        [.. run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => l.StartsWith("error: ", StringComparison.Ordinal))];

    /// <summary>'--mesage:monthly' (a colon, as System.CommandLine also takes) is suggested as '=' is.</summary>
    [Fact]
    public void MistypedOption_WithItsValueAfterAColon_SuggestsTheOption()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage:monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.Equal(["error: Unrecognized command or argument '--mesage:monthly'. Did you mean '--message'?"], ErrorLines(run));
    }

    /// <summary>After '--mesage=monthly' nothing is the option's value: a stray 'monthly' is reported.</summary>
    [Fact]
    public void MistypedOptionWithEquals_AStrayWordLikeItsValue_IsReported()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage=monthly", "monthly", "-m", "monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.Equal(["error: Unrecognized command or argument '--mesage=monthly'. Did you mean '--message'?", "error: Unrecognized command or argument 'monthly'."], ErrorLines(run));
    }

    /// <summary>The same mistyped option given twice: each occurrence's value is its own, and neither is a stray word.</summary>
    [Fact]
    public void MistypedOptionGivenTwice_NeitherValueIsAStrayWord()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--chanel", "text", "--chanel", "web");

        Assert.DoesNotContain("error: Unrecognized command or argument 'web'.", ErrorLines(run));
        Assert.DoesNotContain("error: Unrecognized command or argument 'text'.", ErrorLines(run));
    }

    /// <summary>
    /// 'rendr CATALOG -m monthly -r FILE -c text': the words after a command the parser did not recognize were meant
    /// for it, so the command is the one error, with its suggestion, not buried under a line per word that follows.
    /// </summary>
    [Theory]
    [InlineData("error: Unrecognized command or argument 'rendr'. Did you mean 'render'?", "onetoone", "rendr", "{catalog}", "-m", "monthly", "-r", "{recipients}", "-c", "text")]
    [InlineData("error: Unrecognized command or argument 'exprt'. Did you mean 'export'?", "onetoone history", "history", "exprt", "history.db", "-r", "c1")]
    [InlineData("error: Unrecognized command or argument 'histroy'. Did you mean 'history'?", "onetoone", "histroy", "export", "history.db", "-r", "c1")]
    [InlineData("error: Unrecognized command or argument 'bogus'.", "onetoone", "bogus", "{catalog}", "--out", "out")]
    public void MistypedCommand_TheWordsAfterIt_AreNotReportedToo(string expected, string command, params string[] args)
    {
        var run = CliRun.Of([.. args.Select(static a => a.Replace("{catalog}", Example.Folder, StringComparison.Ordinal).Replace("{recipients}", Example.Jsonl, StringComparison.Ordinal))]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal([expected], ErrorLines(run));
        Assert.EndsWith($"Run '{command} --help' for usage.\n", run.Stderr, StringComparison.Ordinal);
    }
}
