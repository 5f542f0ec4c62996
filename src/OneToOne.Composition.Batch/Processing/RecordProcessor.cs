using System.Globalization;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Decides and renders one message for one record: text, web HTML, or a print rendering and a channel package's
/// document (an email, a PDF) through <see cref="ChannelSettings.Documents"/>. Every
/// record ends rendered, suppressed or rejected (with the stage). Thread-safe: the runner's workers share one.
/// </summary>
/// <param name="catalog">The compiled catalog.</param>
/// <param name="messageId">The message to decide; the catalog has it.</param>
/// <param name="settings">The channel and its choices.</param>
/// <param name="schema">The fields recipients must have, checked before deciding, or null.</param>
internal sealed class RecordProcessor(Catalog catalog, string messageId, ChannelSettings settings, RecipientSchema? schema = null)
{
    /// <summary>Processes one record. Never throws for a bad record: it is rejected instead.</summary>
    /// <param name="record">The record.</param>
    /// <param name="pooledText">Whether a text or web body is rendered into pooled characters (see <see cref="BatchResult.ReleaseText"/>) rather than a string.</param>
    /// <param name="conditionFields">The run's watch on the fields the conditions read, told of every recipient decided.</param>
    /// <param name="cancellationToken">The run's stop: a template stops at its next loop step.</param>
    /// <returns>What became of it.</returns>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled while the record was decided or rendered: the record has no
    /// outcome (it is not rejected), so it is left for a resumed run to do.
    /// </exception>
    public BatchResult Process(RecipientRecord record, bool pooledText, ConditionFieldCheck conditionFields, CancellationToken cancellationToken)
    {
        if (record.Recipient is not { } recipient)
        {
            // A later record with an id taken is a duplicate whatever it holds, as it is in JSON Lines.
            return record.IsDuplicate
                ? BatchResult.Duplicate(record.Number, record.Id!, record.IsWrittenOtherWay)
                : BatchResult.Rejected(record.Number, record.Id, RejectStage.Read, record.Error ?? "The record could not be read.");
        }

        if (IdProblem(recipient) is { } idProblem)
        {
            return BatchResult.Rejected(record.Number, null, RejectStage.Read, string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: the id field '{recipient.IdField}' holds {idProblem}, but an id must be text or a number: it names the recipient's file and decides its shard. Fix the record, or give the right field with --id-field."));
        }

        if (record.IsDuplicate)
        {
            // Deciding it again would render the same recipient twice, and caps would not hold: contacts are recorded after deciding.
            return BatchResult.Duplicate(record.Number, recipient.Id!, record.IsWrittenOtherWay);
        }

        if (schema?.Check(recipient) is { } problem)
        {
            return BatchResult.Rejected(record.Number, recipient.Id, RejectStage.Read, string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: recipient '{recipient.Id ?? "(no id)"}': {problem}. Fix the record, or the schema if it is wrong."));
        }

        conditionFields.Observe(recipient);
        Decision decision;
        try
        {
            decision = catalog.Decide(recipient, messageId, cancellationToken);
        }
#pragma warning disable CA1031 // A batch must account for every record: any failure for one recipient rejects that record (with the cause) instead of losing the rest of the run.
        // A contact history that cannot be read is no recipient's fault: it stops the run (thrown by RunAsync; the records
        // before are written and checkpointed), instead of rejecting every record after it one by one.
        catch (Exception ex) when (ex is not OutOfMemoryException and not ContactHistoryException && !Stopped(ex, cancellationToken))
#pragma warning restore CA1031
        {
            return BatchResult.Rejected(record.Number, recipient.Id, RejectStage.Decide, Describe(record, recipient.Id, ex));
        }

        if (decision.IsSuppressed)
        {
            // A holdout the customer's say routes to another channel is that channel's control, not this run's: counted
            // here as held out, the control group would hold every channel's recipients and the treated this channel's only.
            return decision.HeldOutChannel is { } heldOut && settings.Channel != BatchChannel.Text && heldOut != ChannelSettings.ContactChannel(settings.Channel)
                ? BatchResult.Suppressed(record.Number, decision, $"routed to {heldOut}", "routed")
                : BatchResult.Suppressed(record.Number, decision);
        }

        if (decision.Channel is { } routed && settings.Channel != BatchChannel.Text && routed != ChannelSettings.ContactChannel(settings.Channel))
        {
            // The customer's say routed this message to another channel: this run does not send it, and says where it goes.
            return BatchResult.Suppressed(record.Number, decision, $"routed to {routed}", "routed");
        }

        try
        {
            return settings.Channel switch
            {
                BatchChannel.Email => BatchResult.Documented(record.Number, decision, null, Document(settings.Documents!, decision, null, cancellationToken)),
                BatchChannel.Print => Print(record.Number, decision, cancellationToken),
                BatchChannel.Web when pooledText && !settings.Page && !settings.DecisionJson => RenderPooled(record.Number, decision, Channel.Web, cancellationToken),
                BatchChannel.Web => BatchResult.Rendered(
                    record.Number,
                    decision,
                    catalog.Render(decision, Channel.Web, cancellationToken),
                    settings.Page ? catalog.RenderPage(decision, cancellationToken) : null,
                    settings.DecisionJson ? catalog.RenderModules(decision, Channel.Web, cancellationToken) : null),
                _ when pooledText => RenderPooled(record.Number, decision, Channel.Text, cancellationToken),
                _ => BatchResult.Rendered(record.Number, decision, catalog.Render(decision, Channel.Text, cancellationToken)),
            };
        }
#pragma warning disable CA1031 // As above: one recipient's failure rejects that record only.
        catch (Exception ex) when (ex is not OutOfMemoryException && !Stopped(ex, cancellationToken))
#pragma warning restore CA1031
        {
            return BatchResult.Rejected(record.Number, recipient.Id, RejectStage.Render, Describe(record, recipient.Id, ex), decision);
        }
    }

    /// <summary>
    /// What is wrong with the recipient's id value, or null when it is text, a number or another formattable scalar (a
    /// date, a GUID from a database) — or missing. A list or an object would become a type name or its JSON as the id, and
    /// true/false the .NET spelling <c>True</c>.
    /// </summary>
    private static string? IdProblem(Recipient recipient)
    {
        if (!recipient.TryGetValue(recipient.IdField, out var value) || value is null or string or IFormattable)
        {
            return null;
        }

        return value switch
        {
            bool flag => flag ? "true" : "false",
            System.Collections.IList => "a list",
            _ => "an object",
        };
    }

    /// <summary>
    /// Whether a failure is the run stopping rather than the record's fault: a cancellation while the run's token is
    /// cancelled. A cancellation of something else (a score provider's own timeout) still rejects the record.
    /// </summary>
    private static bool Stopped(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private BatchResult RenderPooled(long number, Decision decision, Channel channel, CancellationToken cancellationToken)
    {
        var body = new PooledText();
        try
        {
            return BatchResult.Rendered(number, decision, catalog.Render(decision, channel, body, cancellationToken), body);
        }
        catch
        {
            body.Release();
            throw;
        }
    }

    private BatchResult Print(long number, Decision decision, CancellationToken cancellationToken)
    {
        // The message's print: settings (page, margins, address window, fonts) travel with the content.
        var message = catalog.RenderPrint(decision, cancellationToken);
        return BatchResult.Documented(number, decision, message, settings.Documents is { } documents ? Document(documents, decision, message, cancellationToken) : null);
    }

    /// <summary>Renders a record's document; a renderer that returns none breaks its contract, which rejects the record.</summary>
    private BatchDocument Document(BatchDocumentRenderer renderer, Decision decision, PrintContent? print, CancellationToken cancellationToken) =>
        renderer.Render(catalog, decision, print, cancellationToken)
            ?? throw new InvalidOperationException($"{renderer.GetType().Name}.Render returned no document: a document renderer returns the record's document, or throws a MessageRejectedException for a recipient it cannot render.");

    private string Describe(RecipientRecord record, string? recipientId, Exception ex) => ex switch
    {
        // These name the recipient and the message themselves (a document renderer's refusal: by its contract), on one
        // line; a recipient without an id, or with a blank one ('' or '  ' names nobody), is found by its line.
        RecipientException or MessageRejectedException => string.IsNullOrWhiteSpace(recipientId) ? string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: {ex.Message}") : ex.Message,
        _ => string.Create(CultureInfo.InvariantCulture, $"Line {record.Line}: recipient '{recipientId ?? "(no id)"}', message '{messageId}': unexpected {ex.GetType().Name}: {ex.Message}"),
    };
}
