using System.Diagnostics;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>The built tool, its standard output read through a pipe whose reader goes away (`onetoone render … | head -1`).</summary>
public sealed class ClosedOutputTests
{
    [Fact]
    public async Task StdoutClosedByItsReader_StopsTheRun_Exit1_SayingWhy_WithoutASummaryOfRecordsThatWentNowhere()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, 4000, withPoison: false);
        var summary = temp.File("summary.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "onetoone.dll"), .. CliRun.WithTestBudget(["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--progress", "none", "--summary", summary])])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();

        // Megabytes of output, far more than a pipe holds: the run is still writing when the reader goes.
        var first = await process.StandardOutput.ReadLineAsync();
        process.StandardOutput.Close();
        // A limit for a hang: a process starting and rendering at load 60 on two cores can take minutes.
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "the run did not end");
        var stderr = await errors;

        Assert.StartsWith("{\"id\":\"c", first, StringComparison.Ordinal);
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{stderr}");
        Assert.Contains("error: standard output was closed before the run ended", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(summary), "a summary counted records as rendered that were written nowhere");
    }
}
