namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>A command line that does not parse: errors and one hint on stderr, nothing on stdout (it may be a JSON Lines file), exit 1.</summary>
public sealed class CommandLineErrorTests
{
    [Theory]
    [InlineData("--parallel", "x")]
    [InlineData("--progress", "bogus")]
    [InlineData("--as-of", "yesterday")]
    [InlineData("--bogus")]
    [InlineData("--parallel")]
    public void Render_BadArgument_ErrorsOnStderrOnly_WithOneHint_ExitsOne(params string[] extra)
    {
        var run = CliRun.Of(["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", .. extra]);

        AssertParseFailure(run, "onetoone render");
    }

    [Fact]
    public void Render_UnknownChannel_NamesTheOptionAndTheChoicesOnOneLine()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "sms");

        AssertParseFailure(run, "onetoone render");
        var line = Assert.Single(ErrorLines(run));
        Assert.StartsWith("error: --channel: ", line, StringComparison.Ordinal);
        Assert.Contains("'sms'", line, StringComparison.Ordinal);
        Assert.Contains("'print'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingChannel_ErrorsOnStderrOnly()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl);

        AssertParseFailure(run, "onetoone render");
        Assert.Contains("--channel", Assert.Single(ErrorLines(run)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ParallelNotANumber_SaysAWholeNumber_NotADotNetType()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--parallel", "x");

        Assert.Equal("error: --parallel expects a whole number, got 'x'.", Assert.Single(ErrorLines(run)));
    }

    [Fact]
    public void Render_AsOfNotADate_HasTheErrorPrefix()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "yesterday");

        Assert.StartsWith("error: --as-of: 'yesterday' is not a date.", Assert.Single(ErrorLines(run)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutIsAFile_SaysItMustBeAFolder()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", Example.CatalogFile);

        AssertParseFailure(run, "onetoone render");
        Assert.Equal($"error: --out must be a folder; '{Example.CatalogFile}' is a file.", Assert.Single(ErrorLines(run)));
    }

    [Fact]
    public void UnknownCommand_IsTheOnlyError()
    {
        var run = CliRun.Of("bogus");

        AssertParseFailure(run, "onetoone");
        Assert.Contains("'bogus'", Assert.Single(ErrorLines(run)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rendr", "onetoone", "error: Unrecognized command or argument 'rendr'. Did you mean 'render'?")]
    [InlineData("--mesage", "onetoone render", "error: Unrecognized command or argument '--mesage'. Did you mean '--message'?")]
    [InlineData("--recipient", "onetoone render", "error: Unrecognized command or argument '--recipient'. Did you mean '--recipients'?")]
    [InlineData("--output", "onetoone render", "error: Unrecognized command or argument '--output'. Did you mean '--out'?")]
    public void MistypedCommandOrOption_SuggestsTheClosestOne(string typo, string command, string expected)
    {
        string[] args = typo.StartsWith('-')
            ? ["render", Example.Folder, "-c", "text", typo, "monthly"]
            : [typo, Example.Folder];

        var run = CliRun.Of(args);

        AssertParseFailure(run, command);
        Assert.Equal(expected, ErrorLines(run)[0]);
        Assert.DoesNotContain("Did you mean", string.Join('\n', ErrorLines(run).Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedOption_ItsValueAndTheOptionItMeant_AreNotReportedAgain()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage", "monthly", "--recipients", Example.Jsonl);
        var two = CliRun.Of("render", Example.Folder, "--message", "monthly", "--chanel", "text", "bogus");

        AssertParseFailure(run, "onetoone render");
        Assert.Equal(["error: Unrecognized command or argument '--mesage'. Did you mean '--message'?", "error: Option '--channel' is required."], ErrorLines(run));
        Assert.Equal(
            ["error: Unrecognized command or argument '--chanel'. Did you mean '--channel'?", "error: Unrecognized command or argument 'bogus'.", "error: Option '--recipients' is required."],
            ErrorLines(two));
    }

    [Fact]
    public void MistypedOption_AStrayWordEqualToItsValue_IsStillReported()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage", "monthly", "--message", "monthly", "-r", Example.Jsonl, "-c", "text", "monthly");

        AssertParseFailure(run, "onetoone render");
        Assert.Equal(["error: Unrecognized command or argument '--mesage'. Did you mean '--message'?", "error: Unrecognized command or argument 'monthly'."], ErrorLines(run));
    }

    [Fact]
    public void MistypedOption_WithItsValueAfterAnEqualsSign_SuggestsTheOption()
    {
        var run = CliRun.Of("render", Example.Folder, "--mesage=monthly", "-r", Example.Jsonl, "-c", "text");

        AssertParseFailure(run, "onetoone render");
        Assert.Equal(["error: Unrecognized command or argument '--mesage=monthly'. Did you mean '--message'?"], ErrorLines(run));
    }

    [Fact]
    public void Explain_PluralRecipients_SuggestsTheSingular()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "--recipients", Example.Jsonl);

        AssertParseFailure(run, "onetoone explain");
        Assert.Equal("error: Unrecognized command or argument '--recipients'. Did you mean '--recipient'?", ErrorLines(run)[0]);
    }

    [Theory]
    [InlineData("--summary", "summary.json")]
    [InlineData("--rejects", "rejects.jsonl")]
    [InlineData("--merge", "run.pdf")]
    [InlineData("--checkpoint", "run.checkpoint")]
    [InlineData("--history", "history.db")]
    public void Render_FileOptionIsAFolder_IsRefusedBeforeAnyRecord(string option, string example)
    {
        using var temp = new TempDirectory();
        var output = temp.File("out");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", output, option, temp.Path);

        AssertParseFailure(run, "onetoone render");
        Assert.Equal($"error: {option} must be a file; '{temp.Path}' is a folder. Give a file's path, such as '{Path.Combine(temp.Path, example)}'.", Assert.Single(ErrorLines(run)));
        Assert.False(Directory.Exists(output), "nothing is rendered");
    }

    [Fact]
    public void Help_StillGoesToStdout_ExitsZero()
    {
        var run = CliRun.Of("render", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--recipients", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Help_DescriptionNamesEveryCommand()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(
            "Description:\n  onetoone: validate, render, explain, analyze, proof, diff and watch OneToOne.Composition catalogs; history: data protection on a contact history.\n",
            run.Stdout.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    private static void AssertParseFailure(CliRun run, string command)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Stdout.Length == 0, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, run.ToString());
        Assert.All(lines[..^1], static l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        Assert.Equal($"Run '{command} --help' for usage.", lines[^1]);
    }

    private static string[] ErrorLines(CliRun run) =>
        [.. run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => l.StartsWith("error: ", StringComparison.Ordinal))];
}
