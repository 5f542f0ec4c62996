using System.Globalization;

namespace OneToOne.Composition.Cli.Progress;

/// <summary>Progress as plain lines on standard error, for logs and redirected output: one line per report.</summary>
/// <param name="error">Standard error.</param>
internal sealed class PlainProgress(TextWriter error) : IProgress<BatchProgress>
{
    /// <inheritdoc />
    public void Report(BatchProgress value)
    {
        error.WriteLine(Describe(value));
        error.Flush();
    }

    /// <summary>Formats a snapshot: <c>progress: 120000 of 1000000 records (12%), 15000 records/s, 12 rejected, ETA 0:00:58</c>.</summary>
    /// <param name="value">The snapshot.</param>
    /// <returns>The line.</returns>
    public static string Describe(BatchProgress value)
    {
        var done = value.Total is { } total && total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Done} of {total} records ({100.0 * value.Done / total:0}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Done} records");
        var eta = value.Remaining is { } remaining ? string.Create(CultureInfo.InvariantCulture, $", ETA {remaining:h\\:mm\\:ss}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"progress: {done}, {value.RecordsPerSecond:0} records/s, {value.Rejected} rejected{eta}");
    }
}
