using System.Diagnostics;
using System.Globalization;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--runner-rate FILE [WORKERS]</c>: the batch runner in-process over a JSON Lines file of recipients for the bundled
/// example, as the CLI runs it (the file read as UTF-8 bytes, text bodies, the lines written to a discarding stream), twice
/// in one process. The first pass pays for the runtime compiling the hot path, as every fresh CLI process does; the second
/// runs warm. <c>run-batch.sh</c> takes it beside each CLI run: the CLI against the first pass is what the tool adds
/// (starting, the summary), the first pass against the second what a fresh process costs, and the second against
/// <c>--batch-rate</c> what the runner costs beyond deciding and rendering (parsing, serialising, taking turns).
/// </summary>
internal static class RunnerRate
{
    public static void Run(string path, int workers)
    {
        var catalog = BatchBenchmarks.LoadExample();
        var first = Pass(catalog, path, workers);
        var warm = Pass(catalog, path, workers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runner, {workers} workers: first pass {first:F0} records/s, warm {warm:F0} records/s"));
    }

    /// <summary>Runs the whole file once; gives records per second.</summary>
    private static double Pass(Catalog catalog, string path, int workers)
    {
        using var input = File.OpenRead(path);
        var watch = Stopwatch.StartNew();
        var summary = BatchBenchmarks.RunBatch(catalog, input, workers);
        var rate = summary.Input / watch.Elapsed.TotalSeconds;
        return summary.Rendered > 0 ? rate : throw new InvalidOperationException("The example rendered nothing.");
    }
}
