using OneToOne.Composition.Cli.Tests.Packaging;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// The built tool, run as a child process under a file-size limit (<c>ulimit -f</c>, as a systemd unit's LimitFSIZE sets
/// it). A write past the limit sends the process SIGXFSZ, which ended it at once without a word (exit 153, 128 + 25) after
/// a few files, as an operator probe found; the tool handles the signal, so the write fails instead and the run says so.
/// </summary>
public sealed class RenderFileSizeLimitTests
{
    [Fact]
    public void Render_PastTheFileSizeLimit_StopsWithAnErrorNamingTheOutput_InsteadOfBeingKilledSilently()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var tool = Path.Combine(AppContext.BaseDirectory, "onetoone.dll");

        // 8 blocks: 4 KB under dash (512-byte blocks), 8 KB under bash; each record's file is under 1.1 KB, the results file
        // of the example's 50 records over 8 KB. The runtime maps memory for its generated code through files unless
        // W^X is off, and could not start under so small a limit.
        string[] args = ["-c", "ulimit -f 8 && exec dotnet \"$@\"", "sh", tool, .. CliRun.WithTestBudget(["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", outDir])];
        var run = ProcessRunner.Run("/bin/sh", args, temp.Path, new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = "0" }, TimeSpan.FromMinutes(10));

        // The write's failure (EFBIG) is the limit's, the operator's to fix as a full disk is (exit 1), not a fault of the
        // tool (exit 70), though .NET raises it as an ArgumentOutOfRangeException.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error: completing sink DirectorySink '{outDir}' (stage complete, after the last record): File too large: a write went past the process's file-size limit. Raise the limit (ulimit -f; LimitFSIZE in a systemd unit)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("50 records: 47 rendered, 3 suppressed, 0 rejected", run.Stderr, StringComparison.Ordinal);
    }
}
