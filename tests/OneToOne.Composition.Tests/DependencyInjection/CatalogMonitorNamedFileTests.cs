using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// A monitor follows the files its catalog names (print fonts, images), not only its YAML: an author who replaces the hero
/// image or the brand font sees it taken up, and a file deleted keeps the last good catalog with the catalog's own error.
/// </summary>
public sealed class CatalogMonitorNamedFileTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] TrueType = [0x00, 0x01, 0x00, 0x00];

    private static string CatalogShowing(string image, string? font = null) =>
        "catalog: shop\n"
        + "modules:\n"
        + $"  hello: {{ content: \"Hello {{{{ name }}}}\\n\\n![Our summer sale]({image})\" }}\n"
        + "slots:\n"
        + "  s: { from: [hello] }\n"
        + "messages:\n"
        + "  m:\n"
        + "    body: \"{{ slot 's' }}\"\n"
        + (font is null ? string.Empty : $"    print:\n      fonts:\n        regular: {font}\n");

    /// <summary>A catalog naming brand.ttf and hero.png, and a monitor that judges the font's age by a clock <paramref name="after"/> its write.</summary>
    private static (CatalogMonitor Monitor, List<CatalogReloadedEventArgs> Raised) FontCatalog(TempDirectory folder, TimeSpan after)
    {
        Save(folder.File("brand.ttf"), TrueType, "v1");
        var written = File.GetLastWriteTimeUtc(folder.File("brand.ttf"));
        Save(folder.File("hero.png"), Png, "v1");
        File.WriteAllText(folder.File("catalog.yaml"), CatalogShowing("hero.png", font: "brand.ttf"));
        var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan, new Governance.FixedClock(new DateTimeOffset(written + after)));
        var raised = new List<CatalogReloadedEventArgs>();
        monitor.Reloaded += (_, e) => raised.Add(e);
        return (monitor, raised);
    }

    /// <summary>Rewrites the font in place to the same length (v1 becomes v2), its write time put back, as <c>cp -p</c> does.</summary>
    private static void RewriteInPlace(string font)
    {
        var written = File.GetLastWriteTimeUtc(font);
        using (var stream = new FileStream(font, FileMode.Open, FileAccess.Write))
        {
            stream.Write([.. TrueType, .. "v2"u8]);
        }

        File.SetLastWriteTimeUtc(font, written);
    }

    /// <summary>Writes a file as an editor saves it: a new file renamed over the old, so no reader sees it half written.</summary>
    private static void Save(string path, byte[] signature, string version)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".saving";
        File.WriteAllBytes(temp, [.. signature, .. System.Text.Encoding.ASCII.GetBytes(version)]);
        File.Move(temp, path, overwrite: true);
    }

    [Fact]
    public void Reload_AfterAnImageIsReplaced_TellsListeners_ButNotWhenItsBytesAreTheSame()
    {
        using var folder = new TempDirectory();
        Save(folder.File("images/hero.png"), Png, "v1");
        File.WriteAllText(folder.File("catalog.yaml"), CatalogShowing("images/hero.png"));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan);
        var first = monitor.Current;
        var raised = new List<CatalogReloadedEventArgs>();
        monitor.Reloaded += (_, e) => raised.Add(e);

        Save(folder.File("images/hero.png"), Png, "v1");
        Assert.True(monitor.Reload());
        Assert.Empty(raised); // saved as it was: nothing to take up
        Assert.Same(first, monitor.Current);

        Save(folder.File("images/hero.png"), Png, "v2");
        Assert.True(monitor.Reload());

        var reload = Assert.Single(raised);
        Assert.True(reload.Succeeded);
        Assert.NotSame(first, monitor.Current);
        Assert.Same(monitor.Current, reload.Catalog);
    }

    [Fact]
    public void Reload_AFontRewrittenInPlaceToTheSameLength_InTheTickItWasLastWritten_IsTakenUp()
    {
        // A reload reads a named file again only when its stamp (length, times) changed: a file rewritten within one tick
        // of a coarse clock (whole seconds on some file systems), to the same length, keeps its stamp, so a stamp taken
        // as the file was being written is not trusted. The monitor's clock reads a second after the font's write,
        // however slow the machine is: by the system's, the stamp was trusted, and the rewrite missed, when more than two
        // seconds passed before the monitor's load.
        using var folder = new TempDirectory();
        var (monitor, raised) = FontCatalog(folder, TimeSpan.FromSeconds(1));
        using var _ = monitor;

        RewriteInPlace(folder.File("brand.ttf"));
        Assert.True(monitor.Reload());

        Assert.Single(raised);
    }

    [Fact]
    public void Reload_AFontRewrittenToTheSameLength_WithItsTimesPutBack_AsCpDashPDoes_IsTakenUpOnLinux()
    {
        // 'cp -p' (or 'touch -r') over a font, same length, puts its write time back: its stamp (length, write and
        // creation times) was the one whose bytes were hashed long before, and the new bytes were never read. Putting the
        // times back sets the status change time, which nothing sets back: on Linux it is part of the stamp.
        using var folder = new TempDirectory();

        // An hour after the font's write, its stamp is trusted (not written within the racy window of its read).
        var (monitor, raised) = FontCatalog(folder, TimeSpan.FromHours(1));
        using var _ = monitor;
        Assert.True(monitor.Reload());
        Assert.Empty(raised); // nothing changed yet

        RewriteInPlace(folder.File("brand.ttf"));
        Assert.True(monitor.Reload());

        // Elsewhere no status change time is read (documented): the rewrite waits for a stamp that changes.
        Assert.Equal(OperatingSystem.IsLinux() ? 1 : 0, raised.Count);
    }

    [Fact]
    public async Task AnImageReplaced_Deleted_AndPutBack_IsTakenUpWithoutAsking_KeepingTheLastGoodCatalogWhileItIsMissing()
    {
        using var folder = new TempDirectory();
        Save(folder.File("images/hero.png"), Png, "v1");
        File.WriteAllText(folder.File("catalog.yaml"), CatalogShowing("images/hero.png"));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, TimeSpan.FromMilliseconds(50));
        var events = Listen(monitor);
        var first = monitor.Current;

        Save(folder.File("images/hero.png"), Png, "v2");
        var replaced = await Next(events, static e => e.Succeeded);
        Assert.NotSame(first, replaced.Catalog);
        Assert.Same(replaced.Catalog, monitor.Current);

        File.Delete(folder.File("images/hero.png"));
        var deleted = await Next(events, static e => !e.Succeeded);
        Assert.Same(replaced.Catalog, monitor.Current); // the last good version stays
        var error = Assert.Single(monitor.Errors, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.MissingFile, folder.File("catalog.yaml"), 3), (error.Code, error.Location.File, error.Location.Line));
        Assert.Contains($"looked for {folder.File("images/hero.png")}", error.Message, StringComparison.Ordinal);
        Assert.Same(deleted.Diagnostics, monitor.Errors);

        Save(folder.File("images/hero.png"), Png, "v3");
        var back = await Next(events, static e => e.Succeeded);
        Assert.Empty(monitor.Errors);
        Assert.Same(back.Catalog, monitor.Current);
    }

    [Fact]
    public async Task AFontOutsideTheCatalogsFolder_IsWatchedThere()
    {
        // catalog/catalog.yaml names ../shared/fonts/brand.ttf, as a team that shares its fonts between campaigns does.
        using var folder = new TempDirectory();
        Save(folder.File("catalog/hero.png"), Png, "v1");
        Save(folder.File("shared/fonts/brand.ttf"), TrueType, "v1");
        var catalog = folder.File("catalog/catalog.yaml");
        Directory.CreateDirectory(folder.File("catalog"));
        File.WriteAllText(catalog, CatalogShowing("hero.png", font: "../shared/fonts/brand.ttf"));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), catalog, TimeSpan.FromMilliseconds(50));
        var events = Listen(monitor);
        var first = monitor.Current;

        Save(folder.File("shared/fonts/brand.ttf"), TrueType, "v2");
        var replaced = await Next(events, static e => e.Succeeded);
        Assert.NotSame(first, replaced.Catalog);

        File.Delete(folder.File("shared/fonts/brand.ttf"));
        await Next(events, static e => !e.Succeeded);
        var error = Assert.Single(monitor.Errors, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.MissingFile, catalog), (error.Code, error.Location.File));
        Assert.StartsWith("The font file '../shared/fonts/brand.ttf' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Same(replaced.Catalog, monitor.Current);
    }

    [Fact]
    public async Task AFileAnEditNamesBeforeItExists_IsTakenUpWhenItIsCreated()
    {
        // The author names the new image first, then exports it: the version that failed is the one whose files matter.
        using var folder = new TempDirectory();
        Save(folder.File("hero.png"), Png, "v1");
        File.WriteAllText(folder.File("catalog.yaml"), CatalogShowing("hero.png"));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.File("catalog.yaml"), TimeSpan.FromMilliseconds(50));
        var events = Listen(monitor);

        File.WriteAllText(folder.File("catalog.yaml"), CatalogShowing("art/winter.png"));
        var failed = await Next(events, static e => !e.Succeeded);
        Assert.Contains(failed.Diagnostics, d => d.Code == DiagnosticCodes.MissingFile && d.Message.Contains(folder.File("art/winter.png"), StringComparison.Ordinal));

        Save(folder.File("art/winter.png"), Png, "v1");
        var created = await Next(events, static e => e.Succeeded);
        Assert.Same(created.Catalog, monitor.Current);
        Assert.Empty(monitor.Errors);
    }

    [Fact]
    public void TryLoad_ListsTheYamlFiles_ThenEveryFileTheyName_MissingOnesToo_ButNoRemoteOrPersonalisedImage()
    {
        using var folder = new TempDirectory();
        Save(folder.File("catalog/hero.png"), Png, "v1");
        Save(folder.File("shared/brand.ttf"), TrueType, "v1");
        Directory.CreateDirectory(folder.File("catalog"));
        File.WriteAllText(folder.File("catalog/a.yaml"), CatalogShowing("hero.png", font: "../shared/brand.ttf"));
        File.WriteAllText(folder.File("catalog/b.yaml"), """
            modules:
              more: { content: "![Winter]({{photo}}) ![Logo](https://cdn.example.com/logo.png) ![Missing](art/gone.png)" }
            """);

        var loaded = new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog"), out _, out var diagnostics, out var filesRead);

        Assert.False(loaded);
        Assert.Equal(
            [folder.File("catalog/a.yaml"), folder.File("catalog/b.yaml"), folder.File("catalog/art/gone.png"), folder.File("catalog/hero.png"), folder.File("shared/brand.ttf")],
            filesRead);
        Assert.Equal(DiagnosticCodes.MissingFile, Assert.Single(diagnostics, static d => d.Severity == DiagnosticSeverity.Error).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("catalog\0.yaml")]
    public void TryLoad_OfAPathNoFileCanHave_ReportsIt_AndListsNothing(string path)
    {
        var loaded = new CatalogLoader(TestCatalogs.Untimed).TryLoad(path, out _, out var diagnostics, out var filesRead);

        Assert.False(loaded);
        Assert.Equal(DiagnosticCodes.NoCatalogFiles, Assert.Single(diagnostics).Code);
        Assert.Empty(filesRead);
    }

    [Fact]
    public async Task TheCatalogFolderMovedAwayAndMadeAgain_IsWatchedAgain_SoACatalogFileNewToItIsTakenUp()
    {
        // The watcher of the folder moved away (to the trash) watched it there: the folder made again in its place (a
        // copy put back, 'git stash' of a new folder and its pop) is another, and a file created in it was never taken up.
        using var root = new TempDirectory();
        var folder = root.File("catalog");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "catalog.yaml"), CatalogShowing("hero.png"));
        Save(Path.Combine(folder, "hero.png"), Png, "v1");
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder, TimeSpan.FromMilliseconds(50));
        var events = Listen(monitor);

        Directory.Move(folder, root.File("trash"));
        await Next(events, static e => !e.Succeeded);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(root.File("trash"), "hero.png"), Path.Combine(folder, "hero.png"));
        File.Copy(Path.Combine(root.File("trash"), "catalog.yaml"), Path.Combine(folder, "catalog.yaml"));
        var back = await Next(events, static e => e.Succeeded);

        File.WriteAllText(Path.Combine(folder, "more.yaml"), "modules:\n  more: 'More'\n");
        var more = await Next(events, static e => e.Succeeded);

        Assert.NotSame(back.Catalog, more.Catalog);
        Assert.Same(more.Catalog, monitor.Current);
    }

    private static System.Threading.Channels.Channel<CatalogReloadedEventArgs> Listen(CatalogMonitor monitor)
    {
        var events = System.Threading.Channels.Channel.CreateUnbounded<CatalogReloadedEventArgs>();
        monitor.Reloaded += (_, e) => events.Writer.TryWrite(e);
        return events;
    }

    /// <summary>Waits for the watcher's next reload that matches (it never fails on time alone: a slow machine only waits longer).</summary>
    private static async Task<CatalogReloadedEventArgs> Next(System.Threading.Channels.Channel<CatalogReloadedEventArgs> events, Func<CatalogReloadedEventArgs, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (match(e))
            {
                return e;
            }
        }
    }
}
