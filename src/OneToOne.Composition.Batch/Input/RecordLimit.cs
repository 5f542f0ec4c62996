using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The longest line the readers of files and standard input take: a longer line is a rejected record, read past without
/// being kept, so that one broken or hostile line (a file whose line breaks were lost, a field of a gigabyte) cannot take
/// the run's memory or end it.
/// </summary>
internal static class RecordLimit
{
    /// <summary>The most bytes a line may have (64 MiB), its line break not counted.</summary>
    public const int MaxLineBytes = 64 << 20;

    /// <summary>The error of a line longer than <see cref="MaxLineBytes"/>: how long it is, and how to fix the input.</summary>
    /// <param name="line">The 1-based line.</param>
    /// <param name="bytes">Its length in bytes.</param>
    /// <returns>The error.</returns>
    public static string TooLong(long line, long bytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"Line {line}: the line is {bytes:N0} bytes long, more than a record may be ({MaxLineBytes:N0} bytes, 64 MiB); it is not read. Check that the input has one record per line (a file whose line breaks were lost reads as one line), and shorten the record's values.");
}
