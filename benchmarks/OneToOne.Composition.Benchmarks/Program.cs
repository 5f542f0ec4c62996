using System.Globalization;
using BenchmarkDotNet.Running;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/OneToOne.Composition.Benchmarks -- --filter '*'</c> runs the suite;
/// BenchmarkDotNet's own switches work (<c>--job short</c>, <c>--job dry</c>, <c>--list flat</c>), plus
/// <c>--quick</c> (1 warm-up, 3 iterations) and <c>--in-process</c>. <c>--verify</c> only checks that every peer
/// writes the library's bytes for every recipient, <c>--compare</c> times them in interleaved rounds (a cross-check
/// on a busy machine), <c>--batch-rate</c> measures the in-process decide + render rate for <c>run-batch.sh</c> in a
/// few seconds, <c>--runner-rate FILE [WORKERS]</c> the batch runner's rate over a JSON Lines file, cold and warm, and
/// <c>--split STAGE FILE [WORKERS] [PASSES]</c> the CPU time of one stage of the end-to-end run (read, decide, render,
/// runner) for the split in <c>results/batch-run.md</c>, and <c>--module-html</c> prints the HTML the peers copy, <c>--history-fill FILE NIGHTS RECIPIENTS LAST_NIGHT</c> fills a
/// contact history as a year of nightly runs would, for <c>history-year.sh</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--module-html"])
        {
            ModuleHtmlPrinter.Run();
            return 0;
        }

        if (args is ["--verify"])
        {
            return Verify();
        }

        if (args is ["--batch-rate"])
        {
            BatchRate.Run();
            return 0;
        }

        if (args is ["--runner-rate", var file, .. var rest] && rest.Length <= 1)
        {
            RunnerRate.Run(file, rest is [var workers] ? int.Parse(workers, CultureInfo.InvariantCulture) : Environment.ProcessorCount);
            return 0;
        }

        if (args is ["--split", var stage, var splitFile, .. var more] && more.Length <= 2)
        {
            return StageSplit.Run(stage, splitFile, more.Length > 0 ? int.Parse(more[0], CultureInfo.InvariantCulture) : 2,
                more.Length > 1 ? int.Parse(more[1], CultureInfo.InvariantCulture) : 1);
        }

        if (args is ["--write-enterprise", var folder, .. var size] && size.Length <= 1)
        {
            EnterpriseCatalog.Write(folder, size is [var slots] ? int.Parse(slots, CultureInfo.InvariantCulture) : 300);
            return 0;
        }

        if (args is ["--enterprise-timing", var timed, .. var steps] && steps.Length <= 1)
        {
            EnterpriseTiming.Run(timed, steps is [var list] ? list : "load,analyze,personas,render,reload");
            return 0;
        }

        if (args is ["--history-fill", var history, var nights, var recipients, var lastNight])
        {
            HistoryFill.Run(history, int.Parse(nights, CultureInfo.InvariantCulture), int.Parse(recipients, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(lastNight, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            return 0;
        }

        if (args is ["--compare"])
        {
            InterleavedComparison.Run();
            return 0;
        }

        var (config, remaining) = BenchmarkSettings.FromArgs(args);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(remaining, config);
        return summaries.Any(static s => s.HasCriticalValidationErrors || s.Reports.Any(static r => !r.Success)) ? 1 : 0;
    }

    private static int Verify()
    {
        foreach (var purchases in new[] { 0, 5, 50 })
        {
            var fixture = Fixture.Create(purchases: purchases);
            foreach (var (name, render) in Fixture.CreatePeers())
            {
                var bytes = OutputCheck.Verify(fixture, name, render);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-11} {purchases,2} purchases: {fixture.Recipients.Count:N0} messages identical to the library's, {bytes / fixture.Recipients.Count:N0} bytes each on average"));
            }
        }

        foreach (var modules in new[] { 300, 3000 })
        {
            var fixture = Fixture.Create(modules: modules);
            OutputCheck.Verify(fixture, "HandWritten", Peers.HandWrittenPeer.Render);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"library with {modules:N0} modules: {fixture.Recipients.Count:N0} messages identical to the base catalog's"));
        }

        return 0;
    }
}
