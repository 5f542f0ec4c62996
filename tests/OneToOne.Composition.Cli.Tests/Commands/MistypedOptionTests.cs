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

    /// <summary>
    /// '-c Web': the values an option takes are lower-case and matched exactly, as commands and options are, and a value in
    /// another case or mistyped got the list of values but no suggestion, where '--Channel' or 'Render' gets one. Every
    /// command's options that take one of a few values are told so alike.
    /// </summary>
    [Theory]
    [InlineData("Web", "web", "render", "{catalog}", "-m", "monthly", "-r", "{recipients}", "-c", "{value}")]
    [InlineData("EMAIL", "email", "render", "{catalog}", "-m", "monthly", "-r", "{recipients}", "--channel", "{value}")]
    [InlineData("emial", "email", "render", "{catalog}", "-m", "monthly", "-r", "{recipients}", "--channel={value}")]
    [InlineData("JSON", "json", "render", "{catalog}", "-m", "monthly", "-r", "{recipients}", "-c", "web", "--format", "{value}")]
    [InlineData("Live", "live", "render", "{catalog}", "-m", "monthly", "-r", "{recipients}", "-c", "text", "--progress", "{value}")]
    [InlineData("Json", "json", "explain", "{catalog}", "-m", "monthly", "-r", "{recipients}", "--id", "c001", "--format", "{value}")]
    public void AValueInAnotherCaseOrMistyped_IsToldTheValueMeant(string value, string meant, params string[] args)
    {
        var run = CliRun.Of([.. args.Select(a => a.Replace("{catalog}", Example.Folder, StringComparison.Ordinal).Replace("{recipients}", Example.Jsonl, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal))]);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(ErrorLines(run));
        Assert.Contains($": Argument '{value}' not recognized. Must be one of: '", error, StringComparison.Ordinal);
        Assert.EndsWith($". Did you mean '{meant}'?", error, StringComparison.Ordinal);
    }

    /// <summary>A value close to none of those an option takes gets the list alone, no guess.</summary>
    [Fact]
    public void AValueCloseToNone_GetsTheListWithoutAGuess()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "fax");

        var error = Assert.Single(ErrorLines(run));
        Assert.Equal("error: --channel: Argument 'fax' not recognized. Must be one of: 'text', 'web', 'email', 'print'.", error);
    }
}
