using System.Globalization;

namespace OneToOne.Composition.Cli.Output;

/// <summary>Counts the records of a run by how they ended.</summary>
internal sealed class RunSummary
{
    /// <summary>Gets the number of records rendered.</summary>
    public long Rendered { get; private set; }

    /// <summary>Gets the number of records suppressed.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Gets the number of records rejected.</summary>
    public long Rejected { get; private set; }

    /// <summary>Gets the number of records.</summary>
    public long Total => Rendered + Suppressed + Rejected;

    /// <summary>Counts one record.</summary>
    /// <param name="status">How it ended.</param>
    public void Add(RecordStatus status)
    {
        switch (status)
        {
            case RecordStatus.Rendered:
                Rendered++;
                break;
            case RecordStatus.Suppressed:
                Suppressed++;
                break;
            default:
                Rejected++;
                break;
        }
    }

    /// <summary>Formats the summary: <c>N records: R rendered, S suppressed, J rejected</c>.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Total} {(Total == 1 ? "record" : "records")}: {Rendered} rendered, {Suppressed} suppressed, {Rejected} rejected");
}
