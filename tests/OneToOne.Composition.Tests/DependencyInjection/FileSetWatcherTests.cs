using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// The files a load read are watched only once it has read them: a file new to the set (an image an edit names, in a
/// folder made meanwhile) that changes between the load's look and its watch raises no event, so the watch reports it.
/// </summary>
public sealed class FileSetWatcherTests
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddHours(-1);

    /// <summary>A catalog folder whose files, and it, were last written an hour ago; the load began a minute ago.</summary>
    private static (TempDirectory Folder, string Catalog, DateTime LoadStarted) Quiet()
    {
        var folder = new TempDirectory();
        var catalog = folder.File("catalog.yaml");
        File.WriteAllText(catalog, "catalog: t\n");
        Directory.CreateDirectory(folder.File("images"));
        File.WriteAllBytes(folder.File("images/hero.png"), [1]);
        foreach (var path in new[] { catalog, folder.File("images/hero.png") })
        {
            File.SetLastWriteTimeUtc(path, LongAgo);
        }

        Directory.SetLastWriteTimeUtc(folder.File("images"), LongAgo);
        Directory.SetLastWriteTimeUtc(folder.Path, LongAgo);
        return (folder, catalog, DateTime.UtcNow.AddMinutes(-1));
    }

    [Theory]
    [InlineData("images/winter.png")] // in a folder watched already, for hero.png: its event was not the set's then
    [InlineData("art/winter.png")] // in a folder made while the load ran
    [InlineData("art/deep/winter.png")]
    public void Watch_AFileNewToTheSet_CreatedAfterTheLoadBegan_IsReported(string name)
    {
        var (folder, catalog, loadStarted) = Quiet();
        using var _ = folder;
        using var watcher = new FileSetWatcher(static () => { });
        watcher.Watch([catalog, folder.File("images/hero.png")]);

        // The load looks for the file (missing), then it is exported, then the load's files are watched.
        Directory.CreateDirectory(Path.GetDirectoryName(folder.File(name))!);
        File.WriteAllBytes(folder.File(name), [1]);
        var missed = watcher.Watch([catalog, folder.File("images/hero.png"), folder.File(name)], loadStarted);

        Assert.True(missed);
    }

    [Fact]
    public void Watch_AFileNewToTheSet_RenamedIntoPlaceWithAnOldTime_IsReported_ByItsFolder()
    {
        // 'mv ~/Downloads/winter.png images/' keeps the file's time; its folder's names changed.
        var (folder, catalog, loadStarted) = Quiet();
        using var _ = folder;
        using var watcher = new FileSetWatcher(static () => { });
        watcher.Watch([catalog]);
        File.WriteAllBytes(folder.File("downloaded.png"), [1]);
        File.SetLastWriteTimeUtc(folder.File("downloaded.png"), LongAgo);
        Directory.SetLastWriteTimeUtc(folder.File("images"), LongAgo);

        File.Move(folder.File("downloaded.png"), folder.File("images/winter.png"));
        var missed = watcher.Watch([catalog, folder.File("images/winter.png")], loadStarted);

        Assert.True(missed);
    }

    [Fact]
    public void Watch_NothingChangedSinceTheLoadBegan_ReportsNothing_NewFilesOrMissingOnesAlike()
    {
        var (folder, catalog, loadStarted) = Quiet();
        using var _ = folder;
        using var watcher = new FileSetWatcher(static () => { });

        var first = watcher.Watch([catalog, folder.File("images/hero.png"), folder.File("art/winter.png")], loadStarted);
        var again = watcher.Watch([catalog, folder.File("images/hero.png"), folder.File("images/missing.png")], loadStarted);

        Assert.Equal((false, false), (first, again));
    }

    [Fact]
    public void Watch_AFileOfTheSetAlreadyWatched_IsLeftToItsEvent()
    {
        // Written after the load began, but watched all along: its own event runs the next load, so no second report.
        var (folder, catalog, loadStarted) = Quiet();
        using var _ = folder;
        using var watcher = new FileSetWatcher(static () => { });
        watcher.Watch([catalog, folder.File("images/hero.png")]);

        File.WriteAllBytes(folder.File("images/hero.png"), [2]);
        var missed = watcher.Watch([catalog, folder.File("images/hero.png")], loadStarted);

        Assert.False(missed);
    }
}
