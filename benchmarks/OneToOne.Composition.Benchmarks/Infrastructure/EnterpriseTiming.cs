using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--enterprise-timing FOLDER [STEPS]</c>: a Stopwatch walk over an <see cref="EnterpriseCatalog"/> folder, for finding
/// hot spots on a busy machine (CPU time of this process beside wall clock, since other work shares the cores): load
/// (YAML, validate, compile), the analysis of each message, personas, decide + render per recipient, and reloads by a
/// <see cref="CatalogMonitor"/> with the heap after each (an old catalog kept alive shows as a growing heap). STEPS is a
/// comma-separated subset of <c>load,analyze,personas,render,reload</c>.
/// </summary>
internal static class EnterpriseTiming
{
    public static void Run(string folder, string steps)
    {
        var wanted = steps.Split(',');
        var catalog = Time("load", () => new CatalogLoader().Load(folder));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {catalog.MessageIds.Count} messages, {catalog.Warnings.Count} warnings, heap {GC.GetTotalMemory(true) / 1048576} MB"));
        if (wanted.Contains("render"))
        {
            var recipients = EnterpriseCatalog.Recipients(2000);
            var ids = catalog.MessageIds;
            Time("decide+render 2,000 x 40 messages (web)", () =>
            {
                long length = 0;
                for (var i = 0; i < recipients.Count; i++)
                {
                    var decision = catalog.Decide(Recipient.FromDictionary(recipients[i]), ids[i % ids.Count]);
                    if (decision.SuppressedBy is null)
                    {
                        length += catalog.Render(decision, Channel.Web).Body.Length;
                    }
                }

                return length;
            });
        }

        if (wanted.Contains("analyze"))
        {
            foreach (var id in catalog.MessageIds.Take(3))
            {
                Time($"analyze {id}", () => catalog.Analyze(id).Messages[0].ReachableCombinations);
            }

            var analysis = Time("analyze (all)", () => catalog.Analyze());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {analysis.Findings.Count} findings"));
        }

        if (wanted.Contains("personas"))
        {
            foreach (var id in catalog.MessageIds.Take(3))
            {
                Time($"personas {id}", () => catalog.FindPersonas(id).Personas.Count);
            }
        }

        if (wanted.Contains("reload"))
        {
            using var monitor = new CatalogMonitor(new CatalogLoader(), folder, Timeout.InfiniteTimeSpan);
            var first = Path.Combine(folder, "modules-00.yaml");
            var text = File.ReadAllText(first);
            for (var i = 0; i < 3; i++)
            {
                File.WriteAllText(first, text + string.Create(CultureInfo.InvariantCulture, $"# edit {i}\n"));
                Time($"reload {i}", monitor.Reload);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  heap after reload {i}: {GC.GetTotalMemory(true) / 1048576} MB"));
            }

            File.WriteAllText(first, text);
        }
    }

    private static T Time<T>(string what, Func<T> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = run();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {wall.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU -> {result}"));
        return result;
    }
}
