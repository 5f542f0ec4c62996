using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// "Did you mean" for the errors of an enterprise catalog's half-done rename: 100 slots' ids <c>s012-m3-v2</c> (ten
/// per slot) looked up among 3,000 module ids <c>s012-m3</c>, the way validation asks; against the way it measured
/// before, every candidate's distance in full (the baseline). Both give the same suggestions (checked in setup).
/// </summary>
[MemoryDiagnoser]
public class SuggestBenchmarks
{
    private readonly List<string> _ids = [.. Enumerable.Range(0, 3000).Select(static i => string.Create(CultureInfo.InvariantCulture, $"s{i / 10:D3}-m{i % 10}"))];
    private string[] _unknown = null!;

    [GlobalSetup]
    public void Setup()
    {
        _unknown = [.. _ids.Take(1000).Select(static id => id + "-v2")];
        for (var i = 0; i < _unknown.Length; i++)
        {
            if (Suggest.Closest(_unknown[i], _ids) != MeasuringEveryCandidate(_unknown[i], _ids))
            {
                throw new InvalidOperationException("The suggestions differ.");
            }
        }
    }

    /// <summary>The suggestion as it was worked out before: every candidate's distance in full.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public int EveryCandidateInFull()
    {
        var found = 0;
        foreach (var word in _unknown)
        {
            found += MeasuringEveryCandidate(word, _ids) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>The suggestion as validation works it out now.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int Closest()
    {
        var found = 0;
        foreach (var word in _unknown)
        {
            found += Suggest.Closest(word, _ids) is null ? 0 : 1;
        }

        return found;
    }

    private static string? MeasuringEveryCandidate(string word, List<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Suggest.Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= Suggest.Allowed(word) ? best : null;
    }
}
