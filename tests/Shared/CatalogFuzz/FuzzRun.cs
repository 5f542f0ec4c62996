using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace OneToOne.Composition.Testing;

/// <summary>
/// How a catalog fuzz property runs: a fixed seed, so CI runs the same cases every time, and a small count, unless
/// <c>ONETOONE_FUZZ_CASES</c> (how many) and <c>ONETOONE_FUZZ_SEED</c> (another fixed seed, for a longer run that
/// finds cases CI does not try) say otherwise. <c>ONETOONE_FUZZ_TRACE</c> names a file each case is written to before
/// it runs, so a case that ends the process (a stack overflow) or never ends can be made again from the file.
/// </summary>
internal static class FuzzRun
{
    /// <summary>The seed CI runs with.</summary>
    public const ulong Seed = 2026120712;

    /// <summary>The gamma of FsCheck's generator CI runs with.</summary>
    private const ulong Gamma = 7919;

    /// <summary>Gets the configuration for a property: the seed, and the number of cases.</summary>
    /// <param name="ciCases">How many cases CI runs.</param>
    /// <param name="share">The share of <c>ONETOONE_FUZZ_CASES</c> this property runs (the CLI's, which starts processes, runs a quarter).</param>
    /// <returns>The configuration; it throws on a failure, with the shrunk case.</returns>
    public static Config Config(int ciCases, int share = 1)
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ONETOONE_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n / share) : ciCases;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("ONETOONE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Seed;
        return FsCheck.Config.QuickThrowOnFailure.WithMaxTest(cases).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));
    }

    /// <summary>
    /// Writes a case to the trace file before it runs, when <c>ONETOONE_FUZZ_TRACE</c> names one, and its time to a
    /// file beside it (<c>.times</c>) once it has run, to find the cases that take long.
    /// </summary>
    /// <param name="fuzzCase">The case about to run.</param>
    /// <returns>Something to dispose of when the case has run.</returns>
    public static IDisposable Trace(FuzzCase fuzzCase)
    {
        if (Environment.GetEnvironmentVariable("ONETOONE_FUZZ_TRACE") is not { Length: > 0 } file)
        {
            return new Traced(null, fuzzCase, 0);
        }

        File.WriteAllText(file, fuzzCase + "\n");
        return new Traced(file + ".times", fuzzCase, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private sealed class Traced(string? times, FuzzCase fuzzCase, long started) : IDisposable
    {
        public void Dispose()
        {
            if (times is not null)
            {
                var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                File.AppendAllText(times, string.Create(CultureInfo.InvariantCulture, $"{ms:F0}\t{fuzzCase}\n"));
            }
        }
    }
}
