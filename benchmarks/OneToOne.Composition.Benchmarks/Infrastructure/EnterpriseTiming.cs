using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--enterprise-timing FOLDER [STEPS]</c>: a Stopwatch walk over an <see cref="EnterpriseCatalog"/> folder, for finding
/// hot spots on a busy machine (CPU time of this process beside wall clock, since other work shares the cores): load
/// (YAML, validate, compile), the analysis of each message, personas, decide + render per recipient, and reloads by a
/// <see cref="CatalogMonitor"/> with the heap after each (an old catalog kept alive shows as a growing heap). STEPS is a
/// comma-separated subset of <c>load,analyze,personas,render,reload</c>, and <c>hash</c> (a hash of each kind of output, to
/// compare before and after a change) or <c>hold</c> (waits 300 s after loading, for a heap snapshot).
/// </summary>
internal static class EnterpriseTiming
{
    // A machine shared with other work can take a recipient past the default 1 s budget (wall clock), which would stop
    // a hash run half way: the budget is a safety limit, not what is measured here.
    private static readonly CompositionOptions Options = CompositionOptions.Default with { Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMinutes(5) } };

    public static void Run(string folder, string steps)
    {
        var wanted = steps.Split(',');
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var catalog = Time("load", () => new CatalogLoader(Options).Load(folder));
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {catalog.MessageIds.Count} messages, {catalog.Warnings.Count} warnings, heap {GC.GetTotalMemory(true) / 1048576} MB"));
        Memory("load", allocated);
        if (wanted.Contains("hold"))
        {
            // For a heap snapshot of the loaded catalog: dotnet-gcdump collect -p PID while it waits.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  holding for 300 s, process {Environment.ProcessId}"));
            Thread.Sleep(TimeSpan.FromSeconds(300));
            GC.KeepAlive(catalog);
        }

        if (wanted.Contains("hash"))
        {
            Hashes(catalog, folder);
        }

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

    // A SHA-256 per kind of output over 1,000 recipients (every message, every locale of the generator), and over the
    // diagnostics of the same catalog with 30 slots naming renamed modules: equal before and after a change that must not
    // change behaviour.
    private static void Hashes(Catalog catalog, string folder)
    {
        var recipients = EnterpriseCatalog.Recipients(1000);
        var ids = catalog.MessageIds;
        var outputs = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        void Add(string kind, string? text) =>
            (outputs.TryGetValue(kind, out var sb) ? sb : outputs[kind] = new StringBuilder()).Append(text ?? "<null>").Append('\0');
        for (var i = 0; i < recipients.Count; i++)
        {
            var decision = catalog.Decide(Recipient.FromDictionary(recipients[i]), ids[i % ids.Count]);
            Add("trace", decision.ToTraceString());
            if (decision.SuppressedBy is not null)
            {
                continue;
            }

            Add("text", catalog.Render(decision, Channel.Text).Body);
            var web = catalog.Render(decision, Channel.Web);
            Add("web", web.Subject + "\n" + web.Body);
            Add("page", catalog.RenderPage(decision));
            foreach (var module in catalog.RenderModules(decision, Channel.Web))
            {
                Add("modules", module.SlotId + "/" + module.ModuleId + "\n" + module.Body);
            }

            var email = catalog.RenderEmail(decision);
            Add("email", string.Join("\n", email.Subject, email.Html, email.Text, email.Preheader, email.To, email.ToName));
            var print = catalog.RenderPrint(decision);
            Add("print", print.Subject + "\n" + print.Markdown);
        }

        var broken = folder.TrimEnd('/') + "-renamed";
        EnterpriseCatalog.Write(broken, 300, renamedSlots: 30);
        new CatalogLoader(Options).TryLoad(broken, out _, out var diagnostics);
        Add("diagnostics", string.Join("\n", diagnostics.Select(static d => d.ToString())));
        Add("warnings", string.Join("\n", catalog.Warnings.Select(static d => d.ToString())));
        foreach (var (kind, sb) in outputs.OrderBy(static o => o.Key, StringComparer.Ordinal))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hash {kind}: {hash} ({sb.Length} chars)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {diagnostics.Count} diagnostics of the renamed catalog"));
    }

    // Allocated during the step, the managed heap a full collection leaves (what the catalog keeps) and the process's
    // peak resident memory so far.
    private static void Memory(string what, long allocated)
    {
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: allocated {allocated / 1048576} MB, retained {retained / 1048576} MB, peak working set {process.PeakWorkingSet64 / 1048576} MB"));
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
