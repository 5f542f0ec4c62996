namespace OneToOne.Composition.Batch;

/// <summary>How a record ended: every record of a batch ends in exactly one of these.</summary>
public enum BatchStatus
{
    /// <summary>The message was decided and rendered.</summary>
    Rendered,

    /// <summary>The message must not be sent to this recipient; the reason is recorded.</summary>
    Suppressed,

    /// <summary>The record could not be read, decided, rendered or written; the error and the stage are recorded.</summary>
    Rejected,
}
