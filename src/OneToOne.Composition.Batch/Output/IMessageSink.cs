namespace OneToOne.Composition.Batch;

/// <summary>
/// Where a batch puts each record's result: files, JSON Lines, a merged PDF — or your own, such as an SMTP sender or a
/// queue. <see cref="BatchRunner"/> calls a sink from one task at a time, in input order, for every record (rendered,
/// suppressed and rejected alike; look at <see cref="BatchResult.Status"/>).
/// </summary>
/// <remarks>
/// <para>To refuse one record (a bad address, a message the queue rejects) throw <see cref="MessageRejectedException"/>:
/// the record is rejected at <see cref="RejectStage.Write"/> and the run goes on. Any other exception stops the run.</para>
/// <para>With a checkpoint, a record the sink wrote but the checkpoint had not yet recorded when the process died is
/// written again on resume (at least once). The built-in file sinks make that exactly once: per-record files are
/// replaced whole with identical bytes, and their JSON Lines files are cut back to the checkpointed length. A sink of
/// your own that must not repeat a send should key it on <see cref="BatchResult.Number"/> and the recipient id.</para>
/// </remarks>
public interface IMessageSink : IAsyncDisposable
{
    /// <summary>Writes one record's result.</summary>
    /// <param name="result">The result; valid until this call returns.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the record is written.</returns>
    /// <exception cref="MessageRejectedException">This record cannot be taken; the run goes on.</exception>
    ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken);

    /// <summary>Hands everything written so far to the operating system (or the remote end), before a checkpoint records it as done.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when flushed.</returns>
    ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Finishes the output after the last record of a run that was not stopped (a merged PDF moves into place here).</summary>
    /// <param name="cancellationToken">Cancels the completion.</param>
    /// <returns>A task that completes when the output is finished.</returns>
    ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
