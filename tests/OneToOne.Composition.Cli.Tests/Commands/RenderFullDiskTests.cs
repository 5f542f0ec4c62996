using System.Diagnostics;
using System.Text.Json;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// Runs on a disk that fills, or takes nothing: a 256 KB tmpfs, mounted (read-only for one test) for the test. Mounting needs root (CAP_SYS_ADMIN), as CI here runs;
/// elsewhere the tests return without checking, since a full disk cannot be made portably (the advice the run gives is
/// tested on its own in <see cref="RenderCommandTests"/>).
/// </summary>
public sealed class RenderFullDiskTests
{
    [Fact]
    public async Task Render_ToAFolderOnAFullDisk_TellsTheFirstFailure_AndLeavesTheFolderUnlocked()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.File("disk"));
        if (disk is null)
        {
            return;
        }

        var outDir = Path.Combine(disk.Path, "out");
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Recipients(temp, 3_000), "-c", "text", "--out", outDir);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("Unhandled", run.Stderr, StringComparison.Ordinal);

        // The first failure is a record's file that did not fit; closing results.jsonl fails after it, on the same full
        // disk, and its error used to replace the first.
        var error = Assert.Single(run.Stderr.Split('\n'), static l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Matches(@"^error: No space left on device : '.*/out/\.c\d{5}\.txt\.[0-9a-f]{32}\.tmp'\. The disk \(or the quota\) is full: free space on it, then run the command again", error);

        // The lock is released and its file deleted although closing the folder's results.jsonl failed: the folder is
        // not left claimed by a run that is over, in this process or on disk.
        Assert.False(File.Exists(Path.Combine(outDir, ".onetoone.lock")));
        await using var again = new DirectorySink(outDir, new ChannelSettings(BatchChannel.Text));
        Assert.Equal(Path.GetFullPath(outDir), again.FullPath);
    }

    [Fact]
    public void Render_AMergedPdfOnAFullDisk_StopsWithAnError_AndLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.File("disk"));
        if (disk is null)
        {
            return;
        }

        // SkiaSharp writes the PDF from native code: the full disk's exception used to end the process there, leaving the
        // temporary PDF, which filled the disk, and the lock file.
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Recipients(temp, 1_000), "-c", "print", "--merge", Path.Combine(disk.Path, "all.pdf"));

        Assert.True(run.ExitCode == 1, run.ToString());
        var error = Assert.Single(run.Stderr.Split('\n'), static l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Matches(@"^error: No space left on device : '.*/\.all\.pdf\.[0-9a-f]{32}\.tmp'\. The disk \(or the quota\) is full", error);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    [Fact]
    public void Render_WithASummaryOnAReadOnlyDisk_IsRefusedBeforeTheRun()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.File("disk"), readOnly: true);
        if (disk is null)
        {
            return;
        }

        // The summary is written after the last record: a folder that takes no file was found only then, after a whole
        // night's run, which ended in an error with its outputs written and no summary.
        var outDir = temp.File("out");
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", outDir, "--summary", Path.Combine(disk.Path, "summary.json"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"^error: --summary '.*/summary\.json' cannot be written: Read-only file system : '.*/\.summary\.json\.[0-9a-f]{32}\.tmp'\n$", run.Stderr);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>The example's recipients over and over, with ids c00000, c00001…</summary>
    private static string Recipients(TempDirectory temp, int count)
    {
        var records = Example.JsonlRecords();
        var path = temp.File("recipients.jsonl");
        using var writer = new StreamWriter(path);
        for (var i = 0; i < count; i++)
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(records[i % records.Count].GetRawText())!;
            fields["id"] = JsonSerializer.SerializeToElement($"c{i:D5}");
            writer.WriteLine(JsonSerializer.Serialize(fields));
        }

        return path;
    }

    /// <summary>A tmpfs of 256 KB, unmounted on dispose.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        /// <summary>Mounts the disk at <paramref name="path"/>, or returns null where this process may not mount.</summary>
        public static SmallDisk? Mount(string path, bool readOnly = false)
        {
            if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            {
                return null;
            }

            Directory.CreateDirectory(path);
            return Run("mount", "-t", "tmpfs", "-o", readOnly ? "ro,size=256k" : "size=256k", "tmpfs", path) == 0 ? new SmallDisk(path) : null;
        }

        public void Dispose() => Run("umount", "-l", Path);

        private static int Run(string program, params string[] args)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                process.WaitForExit();
                return process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return -1;
            }
        }
    }
}
