namespace OneToOne.Composition.Batch;

/// <summary>
/// Where a run was when something other than a record's own error ended it (a sink, an observer, the input or the
/// checkpoint failing, or a fault of the library): the record's number and id and the stage. The runner notes it on the
/// exception that ends the run (its <see cref="Exception.Data"/>, so the exception a caller gets is unchanged), with the
/// run's counts so far, for the tool to say which record it was working on and what was done.
/// </summary>
/// <param name="Record">The 1-based number of the record (as a rejects file and a trace number it), or null for a fault after the last record (<see cref="Sink"/>).</param>
/// <param name="RecipientId">The record's recipient id, or null when it has none or it was not read.</param>
/// <param name="Stage">What the run was doing with it: <c>read</c>, <c>decide</c>, <c>write</c>, <c>observe</c> or <c>checkpoint</c>; <c>complete</c> when a sink failed to finish its output after the last record.</param>
internal sealed record BatchFault(long? Record, string? RecipientId, string Stage)
{
    /// <summary>The stage of a sink finishing its output after the last record (<see cref="IMessageSink.CompleteAsync"/>).</summary>
    public const string Completing = "complete";

    /// <summary>Gets the sink that failed to complete (<see cref="SinkList.Describe"/>), or null when the fault came at a record.</summary>
    public string? Sink { get; init; }

    /// <summary>Gets the number of the last record the run read before its sinks were completed (0: none), for a fault at <see cref="Completing"/>.</summary>
    public long LastRecord { get; init; }

    /// <summary>
    /// Gets whether the run's checkpoint recorded every record the run wrote after the sink failed to complete (its last
    /// commit succeeded, or had nothing left to record); false when that commit failed too (a flush on the full disk that
    /// failed the completion), leaving the checkpoint at an earlier record, or when the run has no checkpoint.
    /// </summary>
    public bool Committed { get; init; }

    /// <summary>Notes on <paramref name="exception"/>, a sink's failure to complete, that the checkpoint's last commit after it succeeded.</summary>
    public static void NoteCommitted(Exception exception)
    {
        if (exception.Data[FaultKey] is BatchFault { Stage: Completing } fault)
        {
            exception.Data[FaultKey] = fault with { Committed = true };
        }
    }

    /// <summary>Notes on <paramref name="exception"/> that <paramref name="sink"/> failed to complete its output after the last record.</summary>
    /// <returns>False, as <see cref="Note"/>.</returns>
    public static bool NoteCompleting(Exception exception, string sink, long lastRecord)
    {
        if (exception is not OperationCanceledException && !exception.Data.Contains(FaultKey))
        {
            exception.Data[FaultKey] = new BatchFault(null, null, Completing) { Sink = sink, LastRecord = lastRecord };
        }

        return false;
    }

    private const string FaultKey = "OneToOne.Composition.Batch.Fault";
    private const string SummaryKey = "OneToOne.Composition.Batch.Summary";

    /// <summary>Notes on <paramref name="exception"/> where the run was, unless an earlier stage already did.</summary>
    /// <returns>False, so it can stand in an exception filter and let the exception go on.</returns>
    public static bool Note(Exception exception, long record, string? recipientId, string stage)
    {
        if (exception is not OperationCanceledException && !exception.Data.Contains(FaultKey))
        {
            exception.Data[FaultKey] = new BatchFault(record, recipientId, stage);
        }

        return false;
    }

    /// <summary>Notes the run's counts on the exception that ends it: the records written, as its checkpoint holds them.</summary>
    /// <returns>False, as <see cref="Note"/>.</returns>
    public static bool NoteSummary(Exception exception, BatchSummary summary)
    {
        if (exception is not OperationCanceledException && !exception.Data.Contains(SummaryKey))
        {
            exception.Data[SummaryKey] = summary;
        }

        return false;
    }

    /// <summary>Where the run was when <paramref name="exception"/> ended it, or null when the runner did not say.</summary>
    public static BatchFault? Of(Exception exception) => exception.Data[FaultKey] as BatchFault;

    /// <summary>The counts of the run <paramref name="exception"/> ended, or null.</summary>
    public static BatchSummary? SummaryOf(Exception exception) => exception.Data[SummaryKey] as BatchSummary;
}
