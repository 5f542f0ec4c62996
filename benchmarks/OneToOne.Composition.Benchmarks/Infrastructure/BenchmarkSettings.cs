using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// The suite's configuration: BenchmarkDotNet's defaults plus the memory diagnoser and the GitHub Markdown report,
/// and two switches of our own that BenchmarkDotNet's command line does not have.
/// </summary>
internal static class BenchmarkSettings
{
    /// <summary>One launch, one warm-up and three measured iterations: minutes, not an hour, and noisy.</summary>
    public const string QuickSwitch = "--quick";

    /// <summary>Runs in this process instead of a generated one (faster to start; slightly less isolated).</summary>
    public const string InProcessSwitch = "--in-process";

    /// <summary>How long the generated benchmark project may take to build.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    public static (IConfig Config, string[] Remaining) FromArgs(string[] args)
    {
        var quick = args.Contains(QuickSwitch);
        var inProcess = args.Contains(InProcessSwitch);
        var remaining = args.Where(static a => a is not QuickSwitch and not InProcessSwitch).ToArray();

        // DefaultConfig already exports the GitHub Markdown report; the memory diagnoser is also on each class.
        // The generated benchmark project rebuilds the library, its packages and this project with their analyzers:
        // on a 2-core machine that is busy building something else it takes longer than BenchmarkDotNet's default
        // two minutes, which killed the build and reported every benchmark as NA.
        IConfig config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(ArtifactsPath())
            .WithBuildTimeout(BuildTimeout);
        if (quick || inProcess)
        {
            var job = quick
                ? Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                : Job.Default;
            if (inProcess)
            {
                job = job.WithToolchain(InProcessEmitToolchain.Instance);
            }

            config = config.AddJob(job.AsDefault());
        }

        return (config, remaining);
    }

    /// <summary>
    /// <c>BenchmarkDotNet.Artifacts</c> next to this project (git-ignored), wherever the command is run from, so a run
    /// never litters the repository root. Falls back to BenchmarkDotNet's default when the project is not found.
    /// </summary>
    private static string ArtifactsPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OneToOne.Composition.Benchmarks.csproj")))
            {
                return Path.Combine(directory.FullName, "BenchmarkDotNet.Artifacts");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }
}
