namespace OneToOne.Composition.Batch;

/// <summary>
/// Observes each record's outcome after the sink has written it: the hook for stages that must record what a batch
/// did, such as a contact history that counts a message towards a recipient's frequency cap when it is rendered.
/// Set it as <see cref="BatchOptions.Observer"/>.
/// </summary>
/// <remarks>
/// <para>Called once per record, from one task at a time, in input order, after <see cref="IMessageSink.WriteAsync"/>
/// returned for that record, for every status: look at <see cref="BatchResult.Status"/> (a contact history counts
/// <see cref="BatchStatus.Rendered"/> only) and <see cref="BatchResult.Decision"/> (the recipient, the message and
/// the modules chosen; null for a record that could not be read or decided). The result and its decision are valid
/// until the call returns.</para>
/// <para>With a checkpoint, the observer runs before the checkpoint records the record as done. After a crash, the
/// records written since the last checkpoint commit are written and observed again: at least once. Make the observer
/// idempotent by keying what it stores on the recipient id, the message id and <see cref="BatchResult.Number"/>
/// (or on <c>MessageId</c> of an email).</para>
/// <para>An exception from the observer stops the run (nothing is lost: the record's output was written and the
/// checkpoint, if any, has not recorded it yet).</para>
/// </remarks>
public interface IBatchObserver
{
    /// <summary>Called after a record's output was written.</summary>
    /// <param name="result">What became of the record.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the outcome is recorded.</returns>
    ValueTask OnRecordWrittenAsync(BatchResult result, CancellationToken cancellationToken);
}
