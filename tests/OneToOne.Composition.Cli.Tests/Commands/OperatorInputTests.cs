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

    [Theory]
    [InlineData("render")]
    [InlineData("diff")]
    [InlineData("proof")]
    [InlineData("explain")]
    public void ACatalogPathWithATypo_NamesTheCatalogNextToIt(string command)
    {
        // The loader's OTO1008 said the path is not there; a nightly job's "catalgo.yaml" was left to be spotted by eye.
        using var temp = new TempDirectory();
        File.Copy(Example.CatalogFile, temp.File("catalog.yaml"));
        var typo = temp.File("catalgo.yaml");
        string[] args = command switch
        {
            "render" => ["render", typo, "-m", "monthly", "-c", "text", "-r", Example.Jsonl],
            "diff" => ["diff", temp.File("catalog.yaml"), typo, "-r", Example.Jsonl],
            "proof" => ["proof", typo, "-m", "monthly", "--out", temp.File("proof")],
            _ => ["explain", typo, "-m", "monthly", "-r", Example.Jsonl],
        };

        var run = CliRun.Of(args);

        // (proof writes a catalog's errors where it writes its report, on standard output; the others on standard error.)
        var said = (command == "proof" ? run.Stdout : run.Stderr).ReplaceLineEndings("\n");
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.Contains($"{typo}(1,1): error OTO1008: ", said, StringComparison.Ordinal);
        Assert.Contains($"error: '{typo}' does not exist. Did you mean '{temp.File("catalog.yaml")}'?\n", said, StringComparison.Ordinal);
    }
}
