using System.Globalization;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// Decides and renders one message for one record at a time: text, web HTML, an email or a print rendering (and its
/// PDF). Every record ends rendered, suppressed or rejected.
/// </summary>
/// <param name="catalog">The compiled catalog.</param>
/// <param name="messageId">The message to decide; the catalog has it.</param>
/// <param name="settings">The channel and its choices.</param>
internal sealed class RecordProcessor(Catalog catalog, string messageId, RenderSettings settings)
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

            return settings.Channel switch
            {
                OutputChannel.Email => RecordResult.Emailed(record.Number, decision.RecipientId, decision.Slots, settings.Email!.Compose(catalog, decision), decision.Culture),
                OutputChannel.Print => Print(record.Number, decision),
                OutputChannel.Web => RecordResult.Rendered(
                    record.Number,
                    decision.RecipientId,
                    decision.Slots,
                    catalog.Render(decision, Channel.Web),
                    decision.Culture,
                    settings.Page ? catalog.RenderPage(decision) : null,
                    settings.DecisionJson ? catalog.RenderModules(decision, Channel.Web) : null),
                _ => RecordResult.Rendered(record.Number, decision.RecipientId, decision.Slots, catalog.Render(decision, Channel.Text), decision.Culture),
            };
        }
        catch (RecipientException ex)
        {
            return RecordResult.Rejected(record.Number, recipient.Id, ex.Message);
        }
        catch (EmailException ex)
        {
            return RecordResult.Rejected(record.Number, recipient.Id, ex.Message);
        }
        catch (PrintException ex)
        {
            return RecordResult.Rejected(record.Number, recipient.Id, PrintError(recipient.Id, messageId, ex));
        }
#pragma warning disable CA1031 // A batch must account for every record: an unexpected failure for one recipient rejects that record (with the cause) instead of losing the rest of the run.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return RecordResult.Rejected(record.Number, recipient.Id, string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: unexpected {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>The error of a record that cannot be printed, naming the recipient and the message as the other channels' errors do.</summary>
    /// <param name="recipientId">The recipient id, or null.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="exception">The print failure.</param>
    /// <returns>The error text.</returns>
    public static string PrintError(string? recipientId, string messageId, PrintException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"Recipient '{recipientId ?? "(no id)"}', message '{messageId}': cannot be printed: {exception.Message}";
    }

    private RecordResult Print(long number, Decision decision)
    {
        // The message's print: settings (page, margins, address window, fonts) travel with the content.
        var message = catalog.RenderPrint(decision);
        var pdf = settings.Pdf?.Render(message);
        return RecordResult.Printed(number, decision.RecipientId, decision.Slots, message, pdf, decision.Culture);
    }
}
