using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--compare</c>: a cross-check for a busy machine, not a replacement for BenchmarkDotNet. The library and its peers
/// run in turns, round after round, over the same recipients, and each keeps its fastest round: load from other
/// processes slows every method alike within a round, and the minimum is the least disturbed run. Also compares one
/// and two threads, and the library on 35 and 3,000 modules, the same way.
/// </summary>
internal static class InterleavedComparison
{
    private const int Rounds = 15;

    public static void Run()
    {
        foreach (var purchases in new[] { 0, 5, 50 })
        {
            var fixture = Fixture.Create(purchases: purchases);
            var methods = new List<(string Name, Func<IReadOnlyDictionary<string, object?>, string> Render)> { ("Library", fixture.RenderWithLibrary) };
            methods.AddRange(Fixture.CreatePeers());

            // Scriban with 50 purchases takes a fifth of a millisecond a message: 2,000 recipients keep a round short.
            var recipients = fixture.Recipients.Take(2000).ToArray();
            var best = new double[methods.Count];
            Array.Fill(best, double.MaxValue);
            for (var round = 0; round <= Rounds; round++)
            {
                for (var m = 0; m < methods.Count; m++)
                {
                    var microseconds = Time(recipients, methods[m].Render);
                    best[m] = round == 0 ? best[m] : Math.Min(best[m], microseconds); // round 0 warms up
                }
            }

            for (var m = 0; m < methods.Count; m++)
            {
                Print($"{purchases,2} purchases  {methods[m].Name,-11} {best[m],8:F2} µs/message {1e6 / best[m],11:N0} messages/s   library is {best[m] / best[0]:F2}× as fast");
            }
        }

        CompareThreads();
        CompareCatalogSizes();
    }

    private static void CompareThreads()
    {
        var fixture = Fixture.Create(purchases: 5);
        var recipients = fixture.Recipients.ToArray();
        var lengths = new int[recipients.Length];
        var best = new[] { double.MaxValue, double.MaxValue };
        for (var round = 0; round <= Rounds; round++)
        {
            for (var threads = 1; threads <= 2; threads++)
            {
                var watch = Stopwatch.StartNew();
                Parallel.For(0, recipients.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => lengths[i] = fixture.RenderWithLibrary(recipients[i]).Length);
                var microseconds = watch.Elapsed.TotalMicroseconds / recipients.Length;
                best[threads - 1] = round == 0 ? best[threads - 1] : Math.Min(best[threads - 1], microseconds);
            }
        }

        Print($"threads      1: {best[0]:F2} µs/message, 2: {best[1]:F2} µs/message wall clock: {best[0] / best[1]:F2}× the throughput");
    }

    private static void CompareCatalogSizes()
    {
        var sizes = new[] { ScenarioCatalog.BaseModuleCount, 3000 };
        var fixtures = Array.ConvertAll(sizes, static modules => Fixture.Create(modules: modules));
        var render = new[] { double.MaxValue, double.MaxValue };
        var decide = new[] { double.MaxValue, double.MaxValue };
        for (var round = 0; round <= Rounds; round++)
        {
            for (var k = 0; k < fixtures.Length; k++)
            {
                var fixture = fixtures[k];
                var recipients = fixture.Recipients.ToArray();
                var renderTime = Time(recipients, fixture.RenderWithLibrary);
                var decideTime = Time(recipients, r => fixture.Catalog.Decide(Recipient.FromDictionary(r), ScenarioCatalog.MessageId).MessageId);
                render[k] = round == 0 ? render[k] : Math.Min(render[k], renderTime);
                decide[k] = round == 0 ? decide[k] : Math.Min(decide[k], decideTime);
            }
        }

        for (var k = 0; k < sizes.Length; k++)
        {
            Print($"{sizes[k],5} modules  decide + render {render[k],6:F2} µs ({render[k] / render[0]:F2}×), decide only {decide[k],6:F2} µs ({decide[k] / decide[0]:F2}×, {1e6 / decide[k]:N0} decisions/s)");
        }
    }

    private static double Time(IReadOnlyDictionary<string, object?>[] recipients, Func<IReadOnlyDictionary<string, object?>, string> render)
    {
        long length = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < recipients.Length; i++)
        {
            length += render(recipients[i]).Length;
        }

        GC.KeepAlive(length);
        return watch.Elapsed.TotalMicroseconds / recipients.Length;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
