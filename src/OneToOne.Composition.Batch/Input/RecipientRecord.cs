using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>
/// One input record of a batch: a recipient, or the reason the record could not be read. A record may own what its
/// recipient reads in place (the <see cref="System.Text.Json.JsonDocument"/> of a recipient made with
/// <see cref="Recipient.FromJson"/>): <see cref="BatchRunner"/> disposes each record once it is written; dispose it
/// yourself when you enumerate records without the runner.
/// </summary>
public sealed class RecipientRecord : IDisposable
{
    private IDisposable? _owner;

    private RecipientRecord(long number, long line, Recipient? recipient, string? error, string? id, IDisposable? owner)
    {
        Number = number;
        Line = line;
        Recipient = recipient;
        Error = error;
        Id = id ?? recipient?.Id;
        _owner = owner;
    }

    /// <summary>Gets the 1-based number of the record among the input's records (blank lines and the CSV header are not records).</summary>
    public long Number { get; }

    /// <summary>Gets the 1-based line (or row) of the input where the record starts.</summary>
    public long Line { get; }

    /// <summary>Gets the recipient, or null when the record could not be read.</summary>
    public Recipient? Recipient { get; }

    /// <summary>Gets the recipient's id: the recipient's, or for a malformed record the id it seems to have, if any.</summary>
    public string? Id { get; }

    /// <summary>Gets why the record could not be read (naming its line, on one line: control and bidirectional formatting characters from the data written as escapes such as <c>\u001B</c>), or null when it was read.</summary>
    public string? Error { get; }

    /// <summary>Gets or sets whether an earlier record of the run had the same id: <see cref="BatchRunner"/> suppresses this one.</summary>
    internal bool IsDuplicate { get; set; }

    /// <summary>
    /// Gets or sets whether the earlier record's id is this one's written with other code points, canonically equal ('é' and
    /// 'e' + U+0301): the duplicate's reason says so, as the two look alike.
    /// </summary>
    internal bool IsWrittenOtherWay { get; set; }

    /// <summary>
    /// Gets or sets whether the record could not be read because the input ends in the middle of it (a JSON Lines line
    /// cut off without its line break, a CSV quoted field never closed before the end): the file may have been cut short.
    /// <see cref="BatchRunner"/> warns of it in its summary (<see cref="BatchSummary.InputWarnings"/>).
    /// </summary>
    internal bool IsCutShort { get; set; }

    /// <summary>
    /// Gets whether the record was read whole but a value does not fit its declared type (a CSV cell under a schema):
    /// its id is as sure as a read record's, so it takes the id as a JSON Lines record the schema rejects does.
    /// </summary>
    internal bool IsUnfit { get; private init; }

    /// <summary>Creates a record that was read.</summary>
    /// <param name="number">The 1-based record number.</param>
    /// <param name="line">The line the record starts on (the record number when the source has no lines).</param>
    /// <param name="recipient">The recipient.</param>
    /// <param name="owner">What the recipient reads in place and must outlive it (disposed with the record), or null.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipient"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> or <paramref name="line"/> is less than 1.</exception>
    public static RecipientRecord Read(long number, long line, Recipient recipient, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        CheckPosition(number, line);
        return new(number, line, recipient, null, null, owner);
    }

    /// <summary>Creates a record that could not be read; a batch rejects it at the <see cref="RejectStage.Read"/> stage.</summary>
    /// <param name="number">The 1-based record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="error">Why; it should name the line.</param>
    /// <param name="id">The id the record seems to have, when it can be told.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> or <paramref name="line"/> is less than 1.</exception>
    public static RecipientRecord Malformed(long number, long line, string error, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        CheckPosition(number, line);

        // The error may quote the data (a bad literal, a cell): its control characters are written as escapes.
        return new(number, line, null, OneLineText.Escape(error), id, null);
    }

    /// <summary>Creates a record that was read whole, but whose <paramref name="error"/> is a value that does not fit the schema.</summary>
    /// <param name="number">The 1-based record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="error">Why; it names the line.</param>
    /// <param name="id">The record's id, or null.</param>
    /// <returns>The record.</returns>
    internal static RecipientRecord Unfit(long number, long line, string error, string? id) =>
        new(number, line, null, OneLineText.Escape(error), id, null) { IsUnfit = true };

    /// <summary>
    /// Creates a record that could not be read because the input ends in the middle of it: its error says the file may
    /// have been cut short (<paramref name="where"/> says how it ends), and the run warns of it.
    /// </summary>
    /// <param name="number">The 1-based record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="error">Why the record cannot be read, naming its line.</param>
    /// <param name="where">How the input ends in the record, such as <c>in the middle of this line, without a line break</c>.</param>
    /// <param name="id">The id the record seems to have, or null.</param>
    /// <returns>The record.</returns>
    internal static RecipientRecord CutShort(long number, long line, string error, string where, string? id = null)
    {
        var record = Malformed(number, line, $"{error.TrimEnd()} It is the input's last record, and the input ends {where}: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole, and run again with the whole file.", id);
        record.IsCutShort = true;
        return record;
    }

    /// <summary>
    /// Gets how many lines after its first a record <see cref="RunsOn"/> took in as the text of a quoted field never
    /// closed (0 for a record cut short on its one line).
    /// </summary>
    internal long LinesTakenIn { get; private set; }

    /// <summary>
    /// Creates a record whose quoted field, never closed, runs from its line over <paramref name="linesAfter"/> more lines to
    /// the end of the input: most likely a quote left open in the middle of a whole file (the lines after it read as its
    /// text), else a file cut short inside a field that spans lines. The run warns of it as of a record cut short.
    /// </summary>
    /// <param name="number">The 1-based record number.</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="error">Why the record cannot be read, naming its line.</param>
    /// <param name="linesAfter">How many lines after <paramref name="line"/> the field took in (1 or more).</param>
    /// <param name="id">The id the record seems to have, or null.</param>
    /// <returns>The record.</returns>
    internal static RecipientRecord RunsOn(long number, long line, string error, long linesAfter, string? id = null)
    {
        var record = Malformed(number, line, string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{error.TrimEnd()} The quoted field runs on from line {line} to the end of the input, taking in the {linesAfter} {(linesAfter == 1 ? "line" : "lines")} after it as its text, not as records: most likely its closing quote is missing (a quote inside a field is written twice), or the file was cut short. Close the quote, or check that the file is whole, and run again."), id);
        record.IsCutShort = true;
        record.LinesTakenIn = linesAfter;
        return record;
    }

    /// <summary>The warning a run gives for a record <see cref="CutShort"/> (or <see cref="RunsOn"/>), once, in its summary.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The warning, naming the record and its line.</returns>
    internal static string CutShortWarning(RecipientRecord record) => record.LinesTakenIn > 0
        ? string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"record {record.Number} (line {record.Line}) opens a quoted field that runs on to the end of the input, taking in the {record.LinesTakenIn} {(record.LinesTakenIn == 1 ? "line" : "lines")} after it, which were not read as records: most likely its closing quote is missing, or the file was cut short. Fix the line, or check that the file is whole, before using this run's output.")
        : string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"the input ends in the middle of its last record (record {record.Number}, line {record.Line}), which was rejected as unreadable: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole before using this run's output.");

    /// <summary>
    /// Refuses a record number or line below 1: a run skips the records a checkpoint has done by number (those up to its
    /// last, 0 when it has none), so a record numbered 0, as a count from 0 would make it, would be dropped unaccounted.
    /// </summary>
    private static void CheckPosition(long number, long line)
    {
        if (number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A record's number is 1-based: the first record of the input is number 1.");
        }

        if (line < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, "A record's line is 1-based: the input's first line is line 1 (give the record number when the source has no lines).");
        }
    }

    /// <summary>Releases what the recipient reads in place; the recipient must not be used afterwards.</summary>
    public void Dispose()
    {
        _owner?.Dispose();
        _owner = null;
    }
}
