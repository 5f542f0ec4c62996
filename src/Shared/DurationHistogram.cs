using System.Diagnostics.Metrics;

namespace OneToOne.Composition;

/// <summary>
/// What the core's and the batch's duration histograms share (compiled into each package that measures, <c>src/Shared</c>):
/// bucket bounds in seconds from 10 µs (a short text message) to 10 s (a long PDF), where OpenTelemetry's default bounds
/// (0, 5, 10, 25 … 10,000) would put every render in the first bucket.
/// </summary>
internal static class DurationHistogram
{
    private static readonly double[] Buckets = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Creates a histogram of durations in seconds, with the shared bucket bounds advised.</summary>
    /// <param name="meter">The meter.</param>
    /// <param name="name">The instrument's name.</param>
    /// <param name="description">What it measures.</param>
    /// <returns>The histogram.</returns>
    public static Histogram<double> Create(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
}
