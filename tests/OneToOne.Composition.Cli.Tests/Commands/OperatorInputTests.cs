namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// Inputs an operator meets at night, given to the commands that read recipients: each is told with the path, what is
/// wrong and what to give instead.
/// </summary>
public sealed class OperatorInputTests
{
    [Fact]
    public void Explain_AFolderAsTheRecipient_IsSaidToBeAFolder_NotAMissingFile()
    {
        // render, diff and proof said "'DIR' is a folder, not a recipients file"; explain said the folder was "neither a
        // JSON object nor an existing file", which sent the operator looking for a typo in a path that exists.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("exports"));

        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", temp.File("exports"));

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.Equal(
            $"error: --recipient '{temp.File("exports")}' is a folder, not a recipient. Give the recipients file in it (a .jsonl or .csv file, with --id or --record to pick one), a .json file, or inline JSON such as '{{\"id\":\"c1\",\"first_name\":\"Ada\"}}'.\n",
            run.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(run.Stdout);
    }
}
