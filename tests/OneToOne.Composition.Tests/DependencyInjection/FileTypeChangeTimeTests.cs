using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// The status change time <see cref="CatalogMonitor"/> puts in a named file's stamp (read with <c>statx</c> at fixed
/// offsets of its struct) is the one the system keeps: the same as <c>stat</c> prints for the file, links followed.
/// </summary>
public sealed class FileTypeChangeTimeTests
{
    [Fact]
    public void ChangeTime_IsTheOneStatPrints_AfterAWrite_AndAfterItsWriteTimeIsPutBack()
    {
        using var temp = new TempDirectory();
        var file = temp.File("brand.ttf");
        File.WriteAllBytes(file, [0x00, 0x01, 0x00, 0x00]);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(FileType.ChangeTime(file)); // documented: statx is Linux's
            return;
        }

        Assert.Equal(Stat(file), FileType.ChangeTime(file));

        // Put back, as cp -p does: the write time is 2020's, the status change time the system's own.
        var putBack = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(file, putBack);
        var changed = FileType.ChangeTime(file);
        Assert.Equal(Stat(file), changed);
        Assert.NotEqual((putBack - DateTime.UnixEpoch).Ticks, changed);
        Assert.Equal(putBack, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void ChangeTime_FollowsALink_AsTheRestOfTheStamp_AndIsNullForAMissingFile()
    {
        using var temp = new TempDirectory();
        var file = temp.File("hero.png");
        File.WriteAllBytes(file, [0x89, (byte)'P', (byte)'N', (byte)'G']);
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var link = temp.File("hero-link.png");
        File.CreateSymbolicLink(link, file);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(FileType.ChangeTime(link));
            return;
        }

        // The file's status changed after the link was made (its times set again until the system's coarse clock has
        // moved on), so the link's own status change time is another.
        for (var i = 0; i < 1000 && Stat(file) == Stat(link); i++)
        {
            Thread.Sleep(1);
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        }

        Assert.NotEqual(Stat(link), Stat(file));
        Assert.Equal(Stat(file), FileType.ChangeTime(link));
        Assert.Equal(Stat(link, follow: true), FileType.ChangeTime(link));
        Assert.Null(FileType.ChangeTime(temp.File("missing.png")));

        // A link whose file is gone: nothing to follow to, as for a missing file.
        File.Delete(file);
        Assert.Null(FileType.ChangeTime(link));
    }

    /// <summary>The status change time <c>stat</c> prints (<c>%.9Z</c>: seconds and nanoseconds since 1970), in 100 ns ticks.</summary>
    private static long Stat(string path, bool follow = false)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        if (follow)
        {
            start.ArgumentList.Add("-L");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("%.9Z");
        start.ArgumentList.Add(path);
        using var stat = Process.Start(start)!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        var parts = text.Split('.');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond) + (long.Parse(parts[1], CultureInfo.InvariantCulture) / 100);
    }
}
