using System.Runtime.InteropServices;

namespace OneToOne.Composition.Cli.Tests.Packaging;

/// <summary>
/// Packs the tool, installs the package into a private tool path from a private feed, and runs it:
/// proves the NuGet package (not only the build output) works. The pack builds into its own
/// artifacts folder, and the install uses its own packages folder and a nuget.config that lists only
/// the local feed, so the run neither touches nor is fooled by any shared cache and needs no network.
/// </summary>
[Trait("Category", "Pack")]
public sealed class PackedToolTests
{
    // Limits for a hang, not for speed: the pack compiles the tool and its libraries afresh without the compiler server,
    // and each run starts a new process, which on a shared machine at load 40-60 take several times as long as alone.
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The tool package this machine installs: its platform's when the tool's project lists it, else the platform-agnostic
    /// one. Only that package (and the small one that points to it) is packed here: packing every platform's takes minutes.
    /// </summary>
    private static readonly string Platform = System.Xml.Linq.XDocument
        .Load(Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition.Cli", "OneToOne.Composition.Cli.csproj"))
        .Descendants("RuntimeIdentifiers").Single().Value.Split(';')
        .Contains(RuntimeInformation.RuntimeIdentifier) ? RuntimeInformation.RuntimeIdentifier : "any";

    [Fact]
    public void PackedTool_Installs_AndValidatesAndRendersTheExample()
    {
        using var temp = new TempDirectory();
        var feed = temp.File("feed");
        var tools = temp.File("tools");
        var (dotnet, dotnetRoot) = DotnetHost();
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ROOT"] = dotnetRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };

        var project = Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition.Cli", "OneToOne.Composition.Cli.csproj");
        var pack = ProcessRunner.Run(
            dotnet,
            ["pack", project, "-c", "Release", "-o", feed, "--artifacts-path", temp.File("artifacts"), "-nodeReuse:false", "-p:UseSharedCompilation=false", $"-p:ToolPackageRuntimeIdentifiers={Platform}"],
            Example.RepoRoot,
            environment,
            PackTimeout);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, "OneToOne.Composition.Cli.0.1.0.nupkg")), $"No package in {feed}: {string.Join(", ", Directory.GetFiles(feed))}\n{pack}");

        // The platform's own package: its native libraries only, without the native packages' Windows debug symbols
        // (Directory.Build.targets). Another platform's libraries would sit in a runtimes folder.
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"OneToOne.Composition.Cli.{Platform}.0.1.0.nupkg")))
        {
            Assert.Contains(package.Entries, static e => e.Name.StartsWith(OperatingSystem.IsWindows() ? "libSkiaSharp.dll" : "libSkiaSharp.", StringComparison.Ordinal));
            Assert.True(Platform == "any" || !package.Entries.Any(static e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal)), $"{Platform}'s package holds other platforms' libraries");
            Assert.DoesNotContain(package.Entries, static e => e.Name is "libSkiaSharp.pdb" or "libHarfBuzzSharp.pdb");
            // A tool is run, not compiled against: its own and its libraries' XML docs (1.1 MB) are dead weight there.
            Assert.Empty(package.Entries.Where(static e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name.EndsWith(".xml", StringComparison.Ordinal) && e.Name != "DotnetToolSettings.xml").Select(static e => e.FullName));
        }

        File.WriteAllText(temp.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        environment["NUGET_PACKAGES"] = temp.File("packages");
        var install = ProcessRunner.Run(
            dotnet,
            ["tool", "install", "OneToOne.Composition.Cli", "--tool-path", tools, "--configfile", temp.File("nuget.config"), "--add-source", feed],
            temp.Path,
            environment,
            InstallTimeout);
        Assert.True(install.ExitCode == 0, install.ToString());

        var onetoone = Path.Combine(tools, OperatingSystem.IsWindows() ? "onetoone.exe" : "onetoone");
        Assert.True(File.Exists(onetoone), $"No {onetoone} after install.\n{install}");

        var validate = ProcessRunner.Run(onetoone, ["validate", Example.Folder], temp.Path, environment, RunTimeout);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("Catalog 'beer-of-the-month' is valid", validate.Stdout, StringComparison.Ordinal);

        var render = ProcessRunner.Run(onetoone, ["render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "web"], temp.Path, environment, RunTimeout);
        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.Equal(File.ReadLines(Example.Csv).Count(static l => l.Length > 0) - 1, render.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(" records: ", render.Stderr, StringComparison.Ordinal);

        // The channel packages ship in the tool: MimeKit for email, SkiaSharp and its native library for print.
        var email = ProcessRunner.Run(onetoone, ["render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "email", "-o", temp.File("mail")], temp.Path, environment, RunTimeout);
        Assert.True(email.ExitCode == 0, email.ToString());
        var emailed = File.ReadLines(temp.File("mail/results.jsonl")).Count(static l => l.Contains("\"status\":\"rendered\"", StringComparison.Ordinal));
        Assert.True(emailed > 0, email.ToString());
        Assert.Equal(emailed, Directory.GetFiles(temp.File("mail"), "*.eml").Length);

        var merged = temp.File("print/all.pdf");
        var print = ProcessRunner.Run(onetoone, ["render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "print", "--merge", merged], temp.Path, environment, RunTimeout);
        Assert.True(print.ExitCode == 0, print.ToString());
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(temp.File("print/all.manifest.json")));
        Assert.Equal(emailed, manifest.RootElement.GetProperty("entries").GetArrayLength());
        Assert.Equal(manifest.RootElement.GetProperty("totalPages").GetInt32(), PdfText.PageCount(merged));
    }

    /// <summary>The dotnet host that runs these tests, and its root folder (for DOTNET_ROOT).</summary>
    internal static (string Dotnet, string Root) DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return (hostPath, Path.GetDirectoryName(hostPath)!);
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, exe);
        return File.Exists(candidate) ? (candidate, root) : (exe, root);
    }
}
