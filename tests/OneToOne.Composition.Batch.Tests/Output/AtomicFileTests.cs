using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_ReplacesTheFile_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("a.txt");
        File.WriteAllText(path, "old content, longer than the new one");

        AtomicFile.Write(path, "new"u8.ToArray());

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Write_ThatFails_KeepsThePreviousFile_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("a.txt");
        File.WriteAllText(path, "previous");

        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, 0, static (stream, _) =>
        {
            stream.Write("half a fi"u8);
            throw new InvalidOperationException("the writer failed");
        }));

        Assert.Equal("the writer failed", ex.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void WriteThrough_ASymbolicLink_ReplacesTheFileItLeadsTo_AndTheLinkStaysALink()
    {
        // A rename over the link put a file in its place: latest.json stopped following the dated reports.
        using var temp = new TempDirectory();
        var dated = temp.File("2026-12-07.json");
        var latest = temp.File("latest.json");
        File.WriteAllText(dated, "yesterday's");
        File.CreateSymbolicLink(latest, "2026-12-07.json");

        AtomicFile.WriteThrough(latest, "today's"u8.ToArray());

        Assert.Equal("2026-12-07.json", new FileInfo(latest).LinkTarget);
        Assert.Equal("today's", File.ReadAllText(dated));
        Assert.Equal([dated, latest], Directory.GetFiles(temp.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteThrough_ALinkAnotherUserPlantedInASharedFolder_IsRefused_AndTheFileItLeadsToIsUntouched()
    {
        // Following links by name let anyone who may write to /tmp choose which of the user's files --summary replaced
        // (and deleted before the run), which the kernel's protected_symlinks forbids for an open through the link.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return; // Only root can give a link to another user.
        }

        using var temp = new TempDirectory();
        var shared = Directory.CreateDirectory(temp.File("tmp")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0b1_111_111_111); // drwxrwxrwt, as /tmp (the umask would take o+w from a mode given to CreateDirectory)
        var precious = temp.File("precious");
        File.WriteAllText(precious, "keep me");
        var planted = Path.Combine(shared, "summary.json");
        File.CreateSymbolicLink(planted, precious);
        using (var chown = System.Diagnostics.Process.Start("chown", ["-h", "65534", planted]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var e = Assert.Throws<IOException>(() => AtomicFile.WriteThrough(planted, "a summary"u8.ToArray()));

        Assert.Contains("is a symbolic link another user made in a folder everyone may write to", e.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(precious));

        // One's own link there is followed, as before.
        var own = Path.Combine(shared, "own.json");
        File.CreateSymbolicLink(own, precious);
        AtomicFile.WriteThrough(own, "mine"u8.ToArray());
        Assert.Equal("mine", File.ReadAllText(precious));
    }

    [Fact]
    public void WriteThrough_ADescriptorRedirectedToAFile_WritesOnThroughIt_InsteadOfReplacingTheFile()
    {
        // --summary /dev/stderr with '2> run.log': the link led to run.log, which the summary was renamed over, losing
        // what the run had logged (and all it logged after, into the file unlinked). A descriptor of the test's own stands in.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var log = temp.File("run.log");
        using var redirected = new FileStream(log, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        redirected.Write("warning: logged first\n"u8);
        redirected.Flush();
        var stderr = temp.File("stderr");
        File.CreateSymbolicLink(stderr, $"/proc/self/fd/{redirected.SafeFileHandle.DangerousGetHandle()}");

        AtomicFile.WriteThrough(stderr, "{\"input\":1}"u8.ToArray());

        Assert.Equal("warning: logged first\n{\"input\":1}", File.ReadAllText(log));
        Assert.Equal([log, stderr], Directory.GetFiles(temp.Path).Order(StringComparer.Ordinal));
        Assert.Null(AtomicFile.ReplaceableTarget(stderr));
        Assert.True(AtomicFile.IsSpecialFile(stderr));
    }

    [Fact]
    public void WriteThrough_ADevice_WritesThroughIt_InsteadOfPuttingAFileInItsPlace()
    {
        // --summary /dev/stderr (or /dev/null) was renamed over: as root the system's /dev/stderr became a file. A link
        // to /dev/null stands in for it here, so that the test cannot harm the machine when the fix is taken out.
        using var temp = new TempDirectory();
        var device = temp.File("null");
        File.CreateSymbolicLink(device, "/dev/null");

        AtomicFile.WriteThrough(device, "a summary"u8.ToArray());

        Assert.Equal("/dev/null", new FileInfo(device).LinkTarget);
        Assert.True(AtomicFile.IsSpecialFile(device));
        Assert.False(AtomicFile.IsSpecialFile(temp.Path));
        Assert.False(AtomicFile.IsSpecialFile(temp.File("missing")));
    }

    [Fact]
    public void Write_OfARecordsFile_ReplacesALinkPlantedInItsPlace_NeverWritesThroughIt()
    {
        // A record's file is named by the data: a link planted in a shared output folder must not send the letter (as
        // root, anywhere) to the file it leads to.
        using var temp = new TempDirectory();
        var victim = temp.File("victim.txt");
        File.WriteAllText(victim, "not the run's");
        Directory.CreateDirectory(temp.File("out"));
        var record = temp.File(Path.Combine("out", "c001.txt"));
        File.CreateSymbolicLink(record, victim);

        AtomicFile.Write(record, "Dear Ann"u8.ToArray());

        Assert.Equal("not the run's", File.ReadAllText(victim));
        Assert.Null(new FileInfo(record).LinkTarget);
        Assert.Equal("Dear Ann", File.ReadAllText(record));
    }

    [Fact]
    public void TempPath_IsInTheSameFolder_AndHiddenFromRecordNames()
    {
        var temp = AtomicFile.TempPathFor("/data/out/c001.eml");

        Assert.Equal("/data/out", Path.GetDirectoryName(temp));
        Assert.StartsWith(".c001.eml.", Path.GetFileName(temp), StringComparison.Ordinal);
        Assert.EndsWith(".tmp", temp, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteStaleTemporaries_RemovesOnlyLeftoverTemporaries_NotOutputsNorReservedOnes()
    {
        using var temp = new TempDirectory();
        var stale = AtomicFile.TempPathFor(temp.File("c1.txt"));
        var merged = AtomicFile.TempPathFor(temp.File("run.pdf"));
        File.WriteAllText(stale, "half");
        File.WriteAllText(merged, "in progress");
        File.WriteAllText(temp.File("c1.txt"), "whole");
        File.WriteAllText(temp.File(".notes.tmp"), "a user's file");

        AtomicFile.DeleteStaleTemporaries(temp.Path, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "run.pdf" });

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(merged));
        Assert.True(File.Exists(temp.File("c1.txt")));
        Assert.True(File.Exists(temp.File(".notes.tmp")));
    }
}
