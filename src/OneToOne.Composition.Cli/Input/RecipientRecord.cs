using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// One input record: a recipient, or the reason the record could not be read. A recipient read from
/// JSON Lines refers to the line's parsed JSON, which is only valid until the reader moves on.
/// </summary>
internal sealed class RecipientRecord
{
    private RecipientRecord(long number, long line, Recipient? recipient, string? error, string? id)
    {
        Number = number;
        Line = line;
        Recipient = recipient;
        Error = error;
        Id = id ?? recipient?.Id;
    }

    /// <summary>Gets the 1-based number of the record among the input's records (blank lines and the CSV header are not records).</summary>
    public long Number { get; }

    /// <summary>Gets the 1-based line of the input where the record starts.</summary>
    public long Line { get; }

    /// <summary>Gets the recipient, or null when the record could not be read.</summary>
    public Recipient? Recipient { get; }

    /// <summary>Gets the recipient's id: the recipient's, or for a malformed record the id it seems to have, if any.</summary>
    public string? Id { get; }

    /// <summary>Gets why the record could not be read (naming its line), or null when it was read.</summary>
    public string? Error { get; }

    /// <summary>Creates a record that was read.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="recipient">The recipient.</param>
    /// <returns>The record.</returns>
    public static RecipientRecord Read(long number, long line, Recipient recipient) => new(number, line, recipient, null, null);

    /// <summary>Creates a record that could not be read.</summary>
    /// <param name="number">The record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="error">Why; it should name the line.</param>
    /// <param name="id">The id the record seems to have, when it can be told.</param>
    /// <returns>The record.</returns>
    public static RecipientRecord Malformed(long number, long line, string error, string? id = null) => new(number, line, null, error, id);
}
