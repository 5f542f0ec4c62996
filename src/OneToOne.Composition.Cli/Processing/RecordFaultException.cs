using System.Globalization;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// A fault of the tool (a bug: not a record's own error, which rejects the record) that came while a command worked on
/// one record: carries the record's 1-based number (as render, a rejects file and a trace number it), its recipient id
/// when known and the stage, around the fault itself, for <see cref="Report"/>.
/// </summary>
internal sealed class RecordFaultException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="record">The record's 1-based number, or null for a recipient given inline (<c>explain -r '{…}'</c>).</param>
    /// <param name="recipientId">Its recipient id, or null when it has none or it was not read.</param>
    /// <param name="stage">What the command was doing with it (<c>decide</c>, <c>write</c>, …).</param>
    /// <param name="fault">The fault.</param>
    public RecordFaultException(long? record, string? recipientId, string stage, Exception fault)
        : base(string.Create(CultureInfo.InvariantCulture, $"record {record}: {fault.Message}"), fault)
    {
        Record = record;
        RecipientId = recipientId;
        Stage = stage;
    }

    /// <summary>Gets the record's 1-based number, or null for a recipient given inline.</summary>
    public long? Record { get; }

    /// <summary>Gets its recipient id, or null.</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the stage.</summary>
    public string Stage { get; }

    /// <summary>Where a run was when a sink failed to finish its output (a merged PDF moved into place, a file flushed): after every record.</summary>
    /// <param name="sink">The sink, as the batch names it.</param>
    /// <returns>The words, such as <c>completing sink MergedPdfSink '/out/run.pdf' (stage complete, after the last record)</c>.</returns>
    public static string Completing(string sink) => $"completing sink {sink} (stage complete, after the last record)";

    /// <summary>
    /// Wraps a fault that escaped the work on one record, or returns null for what the command reports itself: a
    /// cancellation (Ctrl-C), input that cannot be read, a file-system failure (a full disk, a closed standard output),
    /// and one already wrapped.
    /// </summary>
    /// <returns>The wrapped fault, or null.</returns>
    public static RecordFaultException? Wrap(Exception fault, long? record, string? recipientId, string stage) =>
        fault is OperationCanceledException or RecordFaultException or RecipientInputException or OutOfMemoryException or IOException or UnauthorizedAccessException
            || IsFileTooLarge(fault)
            ? null
            : new RecordFaultException(record, recipientId, stage, fault);

    /// <summary>
    /// Whether <paramref name="failure"/> is a write past the process's file-size limit (<c>ulimit -f</c>: EFBIG), the
    /// operator's to fix as a full disk is: .NET raises it from its file I/O as an <see cref="ArgumentOutOfRangeException"/>
    /// ("Specified file length was too large for the file system"), not as an <see cref="IOException"/>.
    /// </summary>
    /// <param name="failure">What stopped the run.</param>
    /// <returns>True for the file-size limit's failure.</returns>
    public static bool IsFileTooLarge(Exception failure) =>
        failure is ArgumentOutOfRangeException { ParamName: "value" } && failure.TargetSite?.DeclaringType?.Namespace == "System.IO";

    /// <summary>
    /// Writes an internal fault on standard error: one line naming the record (number, recipient id, stage) and the fault,
    /// one saying it is a bug to report, then the stack trace for the report.
    /// </summary>
    /// <param name="error">Standard error.</param>
    /// <param name="record">The record's 1-based number, or null when the fault came outside any record.</param>
    /// <param name="recipientId">Its recipient id, or null.</param>
    /// <param name="stage">The stage, or null.</param>
    /// <param name="fault">The fault itself.</param>
    /// <param name="sink">The sink that failed to complete its output after the last record (stage <c>complete</c>), or null.</param>
    public static void Report(TextWriter error, long? record, string? recipientId, string? stage, Exception fault, string? sink = null)
    {
        var recipient = string.IsNullOrWhiteSpace(recipientId) ? null : $"recipient '{recipientId}'";
        var where = (record, recipient) switch
        {
            ({ } number, null) => string.Create(CultureInfo.InvariantCulture, $" at record {number}"),
            ({ } number, _) => string.Create(CultureInfo.InvariantCulture, $" at record {number} ({recipient})"),
            (null, { }) => $" at {recipient}",
            _ => string.Empty,
        };
        where += stage is null || where.Length == 0 ? string.Empty : $", stage {stage}";
        if (sink is not null)
        {
            // After the last record: no record to name, the sink instead.
            where = $" {Completing(sink)}";
        }

        error.WriteLine(OneLineText.Escape($"internal error{where}: {fault.GetType().Name}: {fault.Message}"));
        error.WriteLine("This is a fault of onetoone itself, not of the catalog or the record: report it with the record number, stage and stack trace below (not the record's data).");
        error.WriteLine(fault.ToString());
    }
}
