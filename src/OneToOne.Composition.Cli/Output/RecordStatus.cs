namespace OneToOne.Composition.Cli.Output;

/// <summary>How a record ended: every record ends in exactly one of these.</summary>
internal enum RecordStatus
{
    /// <summary>The message was decided and rendered.</summary>
    Rendered,

    /// <summary>The message must not be sent to this recipient; the reason is recorded.</summary>
    Suppressed,

    /// <summary>The record could not be read, decided or rendered; the error is recorded.</summary>
    Rejected,
}
