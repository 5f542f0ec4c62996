using System.Diagnostics;
using System.Globalization;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--batch-rate</c>: the in-process decide + render rate of <see cref="BatchBenchmarks"/> over a few seconds, on one
/// thread and then on all cores at once, for <c>benchmarks/run-batch.sh</c> to take right after each CLI run. This
/// machine's speed drifts by a third within minutes, so a rate measured minutes apart from the CLI run (as
/// BenchmarkDotNet's must be) can flatter or wrong the ratio; a rate taken right beside it cannot.
/// </summary>
internal static class BatchRate
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    public static void Run()
    {
        var benchmarks = new BatchBenchmarks();
        benchmarks.Setup();
        Measure(benchmarks.DecideRenderText, WarmUp);
        Measure(benchmarks.DecideRenderTextAllCores, WarmUp / 2);
        var one = Measure(benchmarks.DecideRenderText, Window);
        var all = Measure(benchmarks.DecideRenderTextAllCores, Window);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one thread: {1e6 / one:F3} us per message, {one:F0} messages/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {Environment.ProcessorCount} cores at once: {all:F0} messages/s"));
    }

    /// <summary>Runs a benchmark of 1,024 messages over and over for <paramref name="window"/>; gives messages per second.</summary>
    private static double Measure(Func<long> benchmark, TimeSpan window)
    {
        var watch = Stopwatch.StartNew();
        long messages = 0;
        while (watch.Elapsed < window)
        {
            if (benchmark() == 0)
            {
                throw new InvalidOperationException("The example rendered nothing.");
            }

            messages += BatchBenchmarks.Count;
        }

        return messages / watch.Elapsed.TotalSeconds;
    }
}
