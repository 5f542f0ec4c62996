using System.Collections;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The records of a CSV input, with what the reading found worth a warning once it ended (<see cref="DecimalMarkCheck"/>):
/// <see cref="BatchRunner"/> puts those into its summary (<see cref="BatchSummary.InputWarnings"/>) when it is given these
/// records as they are.
/// </summary>
/// <param name="read">Reads the records, adding warnings to the list it is given when the reading ends.</param>
internal sealed class CsvRecords(Func<List<string>, IEnumerable<RecipientRecord>> read) : IEnumerable<RecipientRecord>
{
    /// <summary>Gets the warnings of the reading, complete once its enumerator is disposed.</summary>
    public List<string> Warnings { get; } = [];

    /// <inheritdoc />
    public IEnumerator<RecipientRecord> GetEnumerator() => read(Warnings).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
