using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>A service follows edits of its catalog's files, keeping the last good version when an edit does not compile.</summary>
public sealed class CatalogMonitorTests
{
    private const string Catalog = """
        catalog: shop
        modules:
          hello: { content: "HELLO_TEXT {{ name }}" }
        slots:
          s: { from: [hello] }
        messages:
          m: { body: "{{ slot 's' }}" }
        """;

    private static string Render(Catalog catalog) =>
        catalog.Render(catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "c1", ["name"] = "Ann" }), "m"), Channel.Text).Body.TrimEnd();

    [Fact]
    public void Reload_AfterAnEdit_MakesTheNewVersionCurrent_AndTellsListeners()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Hello", StringComparison.Ordinal));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan);
        var first = monitor.Current;
        var raised = new List<CatalogReloadedEventArgs>();
        monitor.Reloaded += (_, e) => raised.Add(e);

        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Welcome", StringComparison.Ordinal));

        Assert.True(monitor.Reload());
        Assert.Equal("Welcome Ann", Render(monitor.Current));
        Assert.Equal("Hello Ann", Render(first)); // the version taken before stays as it was
        var reload = Assert.Single(raised);
        Assert.True(reload.Succeeded);
        Assert.Same(monitor.Current, reload.Catalog);
        Assert.Empty(monitor.Errors);
    }

    [Fact]
    public void ARenderUnderWayWhenANewVersionIsSwappedIn_CompletesOnItsOwnVersion_AndTheThreadThenRendersTheNewOne()
    {
        using var folder = new TempDirectory();
        const string Versioned = """
            catalog: shop
            segments:
              named: name == "NAME_TEXT"
            modules:
              hello: { content: "{{ for i in 1..3 }}HELLO_TEXT-{{ i }} {{ name }} {{ end }}{{ if segment.named }}named{{ end }}" }
            slots:
              s: { from: [hello] }
            messages:
              m: { subject: "HELLO_TEXT subject", body: "{{ slot 's' }}" }
            """;
        File.WriteAllText(folder.File("catalog.yaml"), Versioned.Replace("HELLO_TEXT", "v1", StringComparison.Ordinal).Replace("NAME_TEXT", "Ann", StringComparison.Ordinal));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan);
        using var reading = new ManualResetEventSlim();
        using var swapped = new ManualResetEventSlim();
        var recipient = new Blocking(reading, swapped);
        string? during = null;
        string? after = null;
        Exception? failure = null;

        var request = new Thread(() =>
        {
            try
            {
                // A request takes the catalog once; its template reads 'name' (which waits for the swap) halfway through.
                var catalog = monitor.Current;
                var message = catalog.Render(catalog.Decide(recipient, "m"), Channel.Text);
                during = message.Subject + " / " + message.Body.TrimEnd();

                // The next request on the same thread takes the new version, with the context this thread kept.
                var next = monitor.Current;
                var nextMessage = next.Render(next.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "c2", ["name"] = "Bo" }), "m"), Channel.Text);
                after = nextMessage.Subject + " / " + nextMessage.Body.TrimEnd();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        request.Start();

        Assert.True(reading.Wait(Waits.Hang), "the render never read the field");
        File.WriteAllText(folder.File("catalog.yaml"), Versioned.Replace("HELLO_TEXT", "v2", StringComparison.Ordinal).Replace("NAME_TEXT", "Bo", StringComparison.Ordinal));
        Assert.True(monitor.Reload());
        Assert.Equal("v2-1 Ann v2-2 Ann v2-3 Ann", Render(monitor.Current)); // another thread renders the new version meanwhile
        swapped.Set();
        request.Join();

        Assert.Null(failure);
        Assert.Equal("v1 subject / v1-1 Ann v1-2 Ann v1-3 Ann named", during);
        Assert.Equal("v2 subject / v2-1 Bo v2-2 Bo v2-3 Bo named", after);
    }

    /// <summary>A recipient whose name, read by the template, waits until the test has swapped the catalog.</summary>
    private sealed class Blocking(ManualResetEventSlim reading, ManualResetEventSlim swapped)
    {
        public string Id => "c1";

        public string Name
        {
            get
            {
                if (!reading.IsSet)
                {
                    reading.Set();
                    swapped.Wait(Waits.Hang);
                }

                return "Ann";
            }
        }
    }

    [Fact]
    public void Reload_OfAnEditThatDoesNotCompile_KeepsTheLastGoodVersion_AndReportsWhere_UntilTheFilesAreFixed()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Hello", StringComparison.Ordinal));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.File("catalog.yaml"), Timeout.InfiniteTimeSpan);
        var good = monitor.Current;
        var raised = new List<CatalogReloadedEventArgs>();
        monitor.Reloaded += (_, e) => raised.Add(e);

        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT {{ name }}", "Hello {{ name ", StringComparison.Ordinal));

        Assert.False(monitor.Reload());
        Assert.Same(good, monitor.Current);
        var error = Assert.Single(monitor.Errors, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.TemplateSyntax, folder.File("catalog.yaml"), 3), (error.Code, error.Location.File, error.Location.Line));
        Assert.False(Assert.Single(raised).Succeeded);
        Assert.Same(good, raised[0].Catalog);

        // Put back as it was: the same catalog, but listeners learn that the files compile again.
        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Hello", StringComparison.Ordinal));
        Assert.True(monitor.Reload());
        Assert.Empty(monitor.Errors);
        Assert.Equal(2, raised.Count);
        Assert.True(raised[1].Succeeded);
        Assert.Equal("Hello Ann", Render(monitor.Current));
    }

    [Fact]
    public void Reload_OfFilesSavedUnchanged_KeepsTheCatalog_AndRaisesNothing()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan);
        var current = monitor.Current;
        var raised = 0;
        monitor.Reloaded += (_, _) => raised++;

        File.WriteAllText(folder.File("catalog.yaml"), Catalog);

        Assert.True(monitor.Reload());
        Assert.Same(current, monitor.Current);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void AHandlerThatRetriesAFailedReload_GetsItsResult_WithoutAnEventOfItsOwn()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, Timeout.InfiniteTimeSpan);
        var events = 0;
        var retried = new List<bool>();
        monitor.Reloaded += (sender, e) =>
        {
            events++;
            if (!e.Succeeded && retried.Count < 1000)
            {
                retried.Add(((CatalogMonitor)sender!).Reload());
            }
        };
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: shop\nmodules:\n  a: { content: \"{{ x \" }\n");

        Assert.False(monitor.Reload());

        Assert.Equal(1, events);
        Assert.Equal([false], retried);
    }

    [Fact]
    public void New_WithADebounceLongerThanATimerWaits_IsRefused_InsteadOfEndingTheProcessAtTheFirstSave()
    {
        // TimeSpan.MaxValue read as "practically never" was accepted; the first save then restarted the timer with it, whose
        // ArgumentOutOfRangeException, thrown on the file watcher's thread, ended the process.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        using (var timer = TimeProvider.System.CreateTimer(static _ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.MaxValue, Timeout.InfiniteTimeSpan));
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, TimeSpan.MaxValue));
        using var longest = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, TimeSpan.FromMilliseconds(uint.MaxValue - 1));

        Assert.Equal("debounce", e.ParamName);
        Assert.Contains("Timeout.InfiniteTimeSpan watches nothing", e.Message, StringComparison.Ordinal);
        Assert.Equal("shop", longest.Current.Id);
    }

    [Fact]
    public void New_OverAFileInAFolderThatDoesNotExist_Throws_AsLoadDoes()
    {
        // A mount path with a typo: the watcher's ArgumentException ("The directory name … does not exist") came first, so a
        // service that catches CatalogException at start to log the diagnostics did not catch it.
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "not-mounted", "catalog.yaml");

        var expected = Assert.Throws<CatalogException>(() => new CatalogLoader(TestCatalogs.Untimed).Load(path));
        var error = Assert.Throws<CatalogException>(() => new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), path));

        Assert.Equal(expected.Diagnostics.Select(static d => d.ToString()), error.Diagnostics.Select(static d => d.ToString()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_OverACatalogWithErrors_Throws_AsLoadDoes()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: shop\nmodules:\n  a: { content: \"{{ x \" }\n");

        var error = Assert.Throws<CatalogException>(() => new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path));

        Assert.Contains(error.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateSyntax);
    }

    [Theory]
    [InlineData("more.yml")]
    [InlineData("More.YML")]
    public async Task ASave_IsTakenUpWithoutAskingOnceTheFilesAreQuiet(string name)
    {
        // More.YML: the loader reads a catalog file whatever the case of its extension (saved so on Windows), but the
        // watcher's filters were case-sensitive on Linux, so its save was never taken up.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Hello", StringComparison.Ordinal));
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, TimeSpan.FromMilliseconds(50));
        var reloaded = new TaskCompletionSource<CatalogReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The reload that took up the whole file: the file is created empty and then written, two events, and a thread
        // held up between them for longer than the debounce (a loaded machine) reloads the empty file first, which adds
        // nothing (the write's event then brings another reload). A watcher that misses the file's saves reloads nothing.
        monitor.Reloaded += (_, e) =>
        {
            if (e.Succeeded && e.Catalog.MessageIds.Contains("goodbye"))
            {
                reloaded.TrySetResult(e);
            }
        };

        // A second file of the same catalog, written as an editor or a deployment would.
        File.WriteAllText(folder.File(name), "messages:\n  goodbye: { body: \"Bye\" }\n");

        // Waits for the watcher (it never fails on time alone: a slow machine only waits longer).
        var reload = await reloaded.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(reload.Succeeded);
        Assert.Equal(["goodbye", "m"], monitor.Current.MessageIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AKubernetesConfigMapUpdate_IsTakenUp_ThoughItOnlyReplacesTheDataLink(bool watchTheFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Kubernetes mounts ConfigMaps so on Linux; making symbolic links on Windows needs a privilege.
        }

        // A ConfigMap's volume as the kubelet writes it: each file a link into '..data', itself a link to a timestamped
        // folder; an update writes a new folder and renames a new link over '..data', so no '*.yaml' name changes.
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("..2026_12_07_01"));
        File.WriteAllText(folder.File("..2026_12_07_01/catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Hello", StringComparison.Ordinal));
        File.CreateSymbolicLink(folder.File("..data"), "..2026_12_07_01");
        File.CreateSymbolicLink(folder.File("catalog.yaml"), "..data/catalog.yaml");
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), watchTheFile ? folder.File("catalog.yaml") : folder.Path, TimeSpan.FromMilliseconds(50));
        Assert.Equal("Hello Ann", Render(monitor.Current));
        var reloaded = new TaskCompletionSource<CatalogReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.Reloaded += (_, e) => reloaded.TrySetResult(e);

        Directory.CreateDirectory(folder.File("..2026_12_07_02"));
        File.WriteAllText(folder.File("..2026_12_07_02/catalog.yaml"), Catalog.Replace("HELLO_TEXT", "Welcome", StringComparison.Ordinal));
        File.CreateSymbolicLink(folder.File("..data_tmp"), "..2026_12_07_02");
        ReplaceLink(folder.File("..data_tmp"), folder.File("..data"));
        Directory.Delete(folder.File("..2026_12_07_01"), recursive: true);

        // Waits for the watcher (it never fails on time alone: a slow machine only waits longer).
        var reload = await reloaded.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(reload.Succeeded);
        Assert.Equal("Welcome Ann", Render(monitor.Current));
    }

    /// <summary>Renames a link over another in one step, as the kubelet does (File.Move refuses a link to a folder).</summary>
    private static void ReplaceLink(string link, string over)
    {
        using var move = System.Diagnostics.Process.Start("mv", ["-T", "-f", link, over]);
        move.WaitForExit();
        Assert.Equal(0, move.ExitCode);
    }

    [Fact]
    public async Task Dispose_WhileFilesAreBeingSaved_EndsQuietly()
    {
        // A save's event on its way while the monitor is disposed must not throw on the watcher's thread, which would end the process.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        for (var round = 0; round < 20; round++)
        {
            var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path, TimeSpan.FromMilliseconds(1));
            using var stop = new CancellationTokenSource();
            var saving = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    File.WriteAllText(folder.File("catalog.yaml"), Catalog);
                }
            });
            await Task.Delay(5);
            monitor.Dispose();
            await stop.CancelAsync();
            await saving;
            Assert.Equal("shop", monitor.Current.Id);
        }
    }

    [Fact]
    public void AfterDispose_TheCatalogStaysReadable_ButReloadIsRefused()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder.Path);

        monitor.Dispose();

        Assert.Equal("shop", monitor.Current.Id);
        Assert.Throws<ObjectDisposedException>(() => monitor.Reload());
    }

    [Fact]
    public void AddOneToOneComposition_RegistersAMonitorOfTheCatalogPath_DisposedWithTheContainer()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), Catalog);
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = folder.Path);

        CatalogMonitor monitor;
        using (var provider = services.BuildServiceProvider())
        {
            monitor = provider.GetRequiredService<CatalogMonitor>();
            Assert.Same(monitor, provider.GetRequiredService<CatalogMonitor>());
            Assert.Equal("shop", monitor.Current.Id);
            Assert.Equal(folder.Path, monitor.Path);
        }

        Assert.Throws<ObjectDisposedException>(() => monitor.Reload());
    }

    [Fact]
    public async Task AGitCheckoutSwitchingTheCatalogsFiles_IsWaitedFor_SoTheHalfSwitchedSetIsNeverLoaded()
    {
        // git writes a checkout's files one after another while it holds .git/index.lock: the monitor reloaded between
        // them (the tool's watch waited), loading a catalog naming a module its other file did not define yet.
        using var temp = new TempDirectory();
        var folder = GitCheckout.Repository(temp);
        using var monitor = new CatalogMonitor(new CatalogLoader(TestCatalogs.Untimed), folder, TimeSpan.FromMilliseconds(50), new Governance.FixedClock(GitCheckout.Clock));
        var waitedOrFailed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var switched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloads = new System.Collections.Concurrent.ConcurrentQueue<CatalogReloadedEventArgs>();
        monitor.WaitingForGit = f => waitedOrFailed.TrySetResult(f);
        monitor.Reloaded += (_, e) =>
        {
            reloads.Enqueue(e);
            if (!e.Succeeded)
            {
                waitedOrFailed.TrySetResult("reloaded with " + e.Diagnostics[0]);
            }
            else if (Render(e.Catalog) == "OfferB for Ann")
            {
                switched.TrySetResult();
            }
        };

        var lockFile = GitCheckout.Lock(temp);
        GitCheckout.Switch(folder, "catalog.yaml", "offer-b");

        // Waits for the watcher (it never fails on time alone: a slow machine only waits longer).
        Assert.Equal(lockFile, await waitedOrFailed.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        GitCheckout.Switch(folder, "offers.yaml", "offer-b");
        File.Delete(lockFile);
        await switched.Task.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(reloads, static r => Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics)));
        Assert.Equal("OfferB for Ann", Render(monitor.Current));
        Assert.Empty(monitor.Errors);
    }
}
