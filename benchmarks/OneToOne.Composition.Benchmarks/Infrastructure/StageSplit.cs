using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--split STAGE FILE [WORKERS] [PASSES]</c>: where the CLI's CPU goes beyond deciding and rendering, in CPU time
/// (which a shared machine disturbs far less than wall-clock time). One stage of the end-to-end run over a JSON Lines
/// file of recipients for the bundled example, in a process of its own, so that a stage pays its own warm-up as the CLI
/// does: <c>read</c> (the records read and disposed), <c>decide</c> (read, then decided on the same thread),
/// <c>render</c> (read, decided and rendered as text on the same thread, as <c>--batch-rate</c> decides and renders),
/// <c>runner</c> (the batch runner with WORKERS workers, default 2, into a discarding JSON Lines stream, as the CLI runs it
/// but for the tool's own options, progress and summary). Each pass prints the records, the CPU time the process used in
/// it (user + system, all threads) per 1,000,000 records, the bytes allocated, the collections by generation and their
/// pause; the last line the process's CPU since it started (catalog loading included). Run it with the tool's runtime
/// settings (<c>DOTNET_gcServer=1 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=100</c>, hex: 256 calls)
/// to compare it with the CLI.
/// </summary>
internal static class StageSplit
{
    public static int Run(string stage, string path, int workers, int passes)
    {
        if (stage is not ("read" or "decide" or "render" or "runner"))
        {
            Console.Error.WriteLine($"--split {stage}: give read, decide, render or runner.");
            return 2;
        }

        var catalog = BatchBenchmarks.LoadExample();
        var process = Process.GetCurrentProcess();
        for (var pass = 1; pass <= passes; pass++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            var records = stage == "runner" ? RunRunner(catalog, path, workers) : RunOneThread(catalog, path, stage);
            watch.Stop();
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            var perMillion = 1e6 / Math.Max(records, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage} pass {pass}: {records} records, CPU {used.TotalSeconds * perMillion:F2} s per 1,000,000 records ({used.TotalSeconds:F2} s in {watch.Elapsed.TotalSeconds:F2} s), " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Math.Max(records, 1):F0} B allocated per record, " +
                $"collections gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s"));
        }

        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage} process: CPU {process.TotalProcessorTime.TotalSeconds:F2} s (user {process.UserProcessorTime.TotalSeconds:F2} s), server GC {System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }

    /// <summary>Reads every record of the file and, for <c>decide</c> and <c>render</c>, decides (and renders) it on this thread; gives the records read.</summary>
    private static long RunOneThread(Catalog catalog, string path, string stage)
    {
        using var input = File.OpenRead(path);
        long records = 0;
        long length = 0;
        foreach (var record in RecipientReader.Read(input, RecipientFormat.JsonLines))
        {
            using (record)
            {
                records++;
                if (stage == "read" || record.Recipient is not { } recipient)
                {
                    length += record.Number;
                    continue;
                }

                var decision = catalog.Decide(recipient, "monthly");
                if (stage == "render" && !decision.IsSuppressed)
                {
                    length += catalog.Render(decision, Channel.Text).Body.Length;
                }
                else
                {
                    length += decision.Slots.Count;
                }
            }
        }

        return length > 0 ? records : throw new InvalidOperationException("Nothing was read.");
    }

    private static long RunRunner(Catalog catalog, string path, int workers)
    {
        using var input = File.OpenRead(path);
        var summary = BatchBenchmarks.RunBatch(catalog, input, workers);
        return summary.Rendered > 0 ? summary.Input : throw new InvalidOperationException("The example rendered nothing.");
    }
}
