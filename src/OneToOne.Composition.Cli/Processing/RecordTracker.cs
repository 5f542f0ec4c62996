using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// Passes a command's numbered recipients on to code that takes them one at a time (proof's persona choice, which
/// decides each before it takes the next), remembering the one taken last until the next is asked for, so a fault of
/// the tool that escapes that code names the record it was working on.
/// </summary>
/// <param name="records">The numbered recipients (<see cref="Input.RecipientFile.ReadNumbered"/>).</param>
/// <param name="stage">The stage the code takes each record through, for the report.</param>
/// <param name="probe">The test seam (<see cref="CliConsole.FaultProbe"/>), or null.</param>
internal sealed class RecordTracker(IEnumerable<(long Number, Recipient Recipient)> records, string stage, Action<string, long>? probe)
{
    private (long Number, Recipient Recipient)? _current;

    /// <summary>Gets the recipients, in order: each is the current record until the next is asked for or the end is reached.</summary>
    public IEnumerable<Recipient> Recipients
    {
        get
        {
            foreach (var record in records)
            {
                _current = record;
                probe?.Invoke(stage, record.Number);
                yield return record.Recipient;
            }

            _current = null;
        }
    }

    /// <summary>The fault wrapped with the current record, or null when there is none or the fault is the command's to report (<see cref="RecordFaultException.Wrap"/>).</summary>
    public RecordFaultException? Wrap(Exception fault) =>
        _current is { } current ? RecordFaultException.Wrap(fault, current.Number, current.Recipient.Id, stage) : null;
}
