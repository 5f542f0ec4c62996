namespace OneToOne.Composition.Batch;

/// <summary>How a <see cref="DirectorySink"/> names each record's file.</summary>
public enum FileNaming
{
    /// <summary>By the recipient's id made safe for a file system (<c>c1.eml</c>); the default.</summary>
    RecipientId,

    /// <summary>
    /// By the record's number in the input (<c>record-17.eml</c>, as a record without an id is named either way), the
    /// same in a sharded or resumed run: no recipient data (an email address used as the id) reaches file names, folder
    /// listings, logs or storage keys. <c>results.jsonl</c> pairs each file with its record's id.
    /// </summary>
    RecordNumber,
}
