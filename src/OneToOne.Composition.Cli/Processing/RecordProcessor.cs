using System.Globalization;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>Decides and renders one message for one record at a time; every record ends rendered, suppressed or rejected.</summary>
/// <param name="catalog">The compiled catalog.</param>
/// <param name="messageId">The message to decide; the catalog has it.</param>
/// <param name="channel">The channel to render for.</param>
internal sealed class RecordProcessor(Catalog catalog, string messageId, Channel channel)
{
    /// <summary>Processes one record. Never throws for a bad record: it is rejected instead.</summary>
    /// <param name="record">The record.</param>
    /// <returns>What became of it.</returns>
    public RecordResult Process(RecipientRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Recipient is not { } recipient)
        {
            return RecordResult.Rejected(record.Number, record.Id, record.Error ?? "The record could not be read.");
        }

        try
        {
            var decision = catalog.Decide(recipient, messageId);
            if (decision.IsSuppressed)
            {
                return RecordResult.Suppressed(record.Number, decision.RecipientId, decision.SuppressionReason ?? "suppressed");
            }

            var message = catalog.Render(decision, channel);
            return RecordResult.Rendered(record.Number, decision.RecipientId, decision.Slots, message, decision.Culture);
        }
        catch (RecipientException ex)
        {
            return RecordResult.Rejected(record.Number, recipient.Id, ex.Message);
        }
#pragma warning disable CA1031 // A batch must account for every record: an unexpected failure for one recipient rejects that record (with the cause) instead of losing the rest of the run.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return RecordResult.Rejected(record.Number, recipient.Id, string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: unexpected {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
