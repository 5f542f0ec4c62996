using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Benchmarks.Infrastructure;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The in-process rates that <c>benchmarks/run-batch.sh</c> compares the CLI's end-to-end run with: decide + render as
/// text of the bundled example's message for 1,024 recipients shaped like the script's, on one thread and on every
/// core at once (the cores share the recipients out in runs of 16; two cores of a virtual machine seldom give twice one
/// core's rate), and the batch runner over the same recipients, read as UTF-8 bytes as the CLI reads a file, on one
/// worker into a discarding JSON Lines stream (its overhead: JSON parsing of the records, ordering, serialisation of the
/// results), and on a worker per core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class BatchBenchmarks
{
    /// <summary>The recipients each benchmark decides and renders per operation batch.</summary>
    internal const int Count = 1024;

    private Catalog _catalog = null!;
    private Recipients.Recipient[] _recipients = null!;
    private byte[] _jsonl = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = LoadExample();
        var lines = Lines();

        // Parsed as the CLI parses each line, so that deciding and rendering read fields exactly as they do there.
        var parser = new Recipients.RecipientJsonParser();
        _recipients = Array.ConvertAll(lines, l => parser.Parse(System.Text.Encoding.UTF8.GetBytes(l)));
        _jsonl = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        if (DecideRenderText() == 0)
        {
            throw new InvalidOperationException("The example rendered nothing.");
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long DecideRenderText() => DecideRender(_catalog, _recipients, 0, Count);

    /// <summary>The same 1,024 messages shared out between all cores in runs of 16 (a core that is ahead takes more): the time per operation is the inverse of the rate they reach together.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long DecideRenderTextAllCores()
    {
        const int Run = 16;
        var next = 0;
        long length = 0;
        var cores = Environment.ProcessorCount;
        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, _ =>
        {
            long mine = 0;
            int from;
            while ((from = Interlocked.Add(ref next, Run) - Run) < Count)
            {
                mine += DecideRender(_catalog, _recipients, from, Math.Min(from + Run, Count));
            }

            Interlocked.Add(ref length, mine);
        });
        return length;
    }

    /// <summary>Decides and renders as text the message of the example for recipients <paramref name="from"/> to <paramref name="to"/> (exclusive); gives the bodies' length.</summary>
    internal static long DecideRender(Catalog catalog, Recipients.Recipient[] recipients, int from, int to)
    {
        long length = 0;
        for (var i = from; i < to; i++)
        {
            var decision = catalog.Decide(recipients[i], "monthly");
            if (!decision.IsSuppressed)
            {
                length += catalog.Render(decision, Channel.Text).Body.Length;
            }
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long RunnerOneWorker() => Run(workers: 1);

    /// <summary>The runner with a worker per core, as the CLI runs by default: against <see cref="RunnerOneWorker"/>, how well the workers scale when they take turns at reading and writing.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long RunnerAllCores() => Run(workers: Environment.ProcessorCount);

    private long Run(int workers) => RunBatch(_catalog, new MemoryStream(_jsonl), workers).Rendered;

    /// <summary>Runs the batch runner as the CLI does over JSON Lines of the example's recipients, rendering text into a discarding JSON Lines stream.</summary>
    internal static BatchSummary RunBatch(Catalog catalog, Stream jsonl, int workers)
    {
        var sink = new JsonLinesSink(Stream.Null);
        try
        {
            return new BatchRunner(catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = workers })
                .RunAsync(RecipientReader.Read(jsonl, RecipientFormat.JsonLines), sink).GetAwaiter().GetResult();
        }
        finally
        {
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Loads the bundled example campaign.</summary>
    internal static Catalog LoadExample() => new CatalogLoader().Load(Path.Combine(FindRoot(), "examples", "beer-of-the-month"));

    /// <summary>The JSON Lines records of <see cref="Count"/> recipients, shaped as <c>benchmarks/run-batch.sh</c> generates them.</summary>
    internal static string[] Lines()
    {
        var lines = new string[Count];
        for (var i = 1; i <= Count; i++)
        {
            lines[i - 1] = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = $"c{i:D7}", ["first_name"] = $"Name{i}", ["email"] = $"c{i}@example.com", ["gender"] = i % 3 == 0 ? "female" : "male",
                ["iq"] = 80 + (i * 13 % 50), ["tier"] = (i % 4) switch { 0 => "silver", 1 => "bronze", 2 => "bronze", _ => "gold" },
                ["points"] = i * 37 % 9000, ["last_category"] = i % 5 == 0 ? "ipa" : "lager", ["country"] = "US", ["locale"] = "en-US", ["unsubscribed"] = i % 29 == 0,
            });
        }

        return lines;
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No OneToOne.Composition.sln above the benchmark.");
    }
}
