using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// When a run is clearly broken and should stop (<c>--max-rejects N</c> or <c>N%</c>): after more than a number of
/// rejected records, or when rejected records exceed a share of the records done (judged once at least
/// <see cref="MinimumSample"/> records are done, so that one early reject does not stop a run).
/// </summary>
public sealed record RejectLimit
{
    /// <summary>The records a ratio limit waits for before it judges.</summary>
    public const int MinimumSample = 100;

    private RejectLimit(long? count, double? ratio)
    {
        MaxCount = count;
        MaxRatio = ratio;
    }

    /// <summary>Gets the number of rejects allowed, or null for a ratio limit.</summary>
    public long? MaxCount { get; }

    /// <summary>Gets the share of rejects allowed (0 to 1), or null for a count limit.</summary>
    public double? MaxRatio { get; }

    /// <summary>Allows at most <paramref name="count"/> rejected records: one more stops the run.</summary>
    /// <param name="count">The rejects allowed, 0 or more.</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static RejectLimit Count(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new RejectLimit(count, null);
    }

    /// <summary>Allows rejected records up to a share of the records done.</summary>
    /// <param name="ratio">The share, from 0 to 1 (0.05 for 5%).</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is outside 0 to 1.</exception>
    public static RejectLimit Ratio(double ratio)
    {
        if (double.IsNaN(ratio) || ratio < 0 || ratio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The share of rejects allowed must be from 0 to 1.");
        }

        return new RejectLimit(null, ratio);
    }

    /// <summary>Parses <c>N</c> (a count) or <c>P%</c> (a percentage of the records done).</summary>
    /// <param name="text">The text.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="error">Why the text is not a limit, or null.</param>
    /// <returns>Whether the text is a limit.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RejectLimit? limit, [NotNullWhen(false)] out string? error)
    {
        limit = null;
        error = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.EndsWith('%')
            && double.TryParse(value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent <= 100)
        {
            limit = Ratio(percent / 100);
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            limit = Count(count);
            return true;
        }

        error = $"'{text}' is not a reject limit. Write a number of records (100) or a percentage of the records done (2.5%).";
        return false;
    }

    /// <summary>Tells whether a run with these counts has gone past the limit, and why.</summary>
    /// <param name="rejected">The rejected records so far.</param>
    /// <param name="done">The records done so far.</param>
    /// <returns>The reason to stop, or null to go on.</returns>
    internal string? Exceeded(long rejected, long done)
    {
        if (MaxCount is { } max)
        {
            return rejected > max
                ? string.Create(CultureInfo.InvariantCulture, $"{rejected} {(rejected == 1 ? "record was" : "records were")} rejected, more than the {max} allowed (--max-rejects); fix the input or the catalog (see the rejects), then run again")
                : null;
        }

        // Compared in decimal: in double, 0.29 * 100 is 28.999999999999996, which 29 rejects of 100 would exceed.
        var ratio = MaxRatio!.Value;
        return done >= MinimumSample && rejected > (decimal)ratio * done
            ? string.Create(CultureInfo.InvariantCulture, $"{rejected} of {done} records {(rejected == 1 ? "was" : "were")} rejected ({100.0 * rejected / done:0.##}%), more than the {100 * ratio:0.##}% allowed (--max-rejects); fix the input or the catalog (see the rejects), then run again")
            : null;
    }

    /// <summary>Formats the limit as <c>--max-rejects</c> takes it.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => MaxCount is { } max
        ? max.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{100 * MaxRatio!.Value}%");
}
