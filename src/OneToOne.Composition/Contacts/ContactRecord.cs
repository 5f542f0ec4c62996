using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Contacts;

/// <summary>One contact made: a message sent to a recipient on a channel at an instant, in a run.</summary>
/// <param name="RecipientId">The recipient.</param>
/// <param name="MessageId">The message.</param>
/// <param name="Channel">The channel it went out on (<c>email</c>, <c>print</c>, <c>web</c>).</param>
/// <param name="Topic">The message's topic, or null.</param>
/// <param name="At">When it was sent (the run's "now", such as the CLI's <c>--as-of</c>).</param>
/// <param name="RunId">The run that sent it: with the recipient and the message, the key that makes recording idempotent.</param>
public sealed record ContactRecord(string RecipientId, string MessageId, string Channel, string? Topic, DateTimeOffset At, string RunId)
{
    /// <summary>Builds the record of sending a decided message.</summary>
    /// <param name="decision">A decision that is not suppressed.</param>
    /// <param name="at">When it was sent.</param>
    /// <param name="runId">The run's id (for example the batch's start instant or a job id).</param>
    /// <param name="channel">The channel it went out on; defaults to the decision's routed <see cref="Decision.Channel"/>.</param>
    /// <returns>The contact record.</returns>
    /// <exception cref="ArgumentException">The decision is suppressed, the recipient has no id, or no channel is known.</exception>
    public static ContactRecord FromDecision(Decision decision, DateTimeOffset at, string runId, string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        if (decision.IsSuppressed)
        {
            throw new ArgumentException($"Recipient '{decision.RecipientId}', message '{decision.MessageId}' is suppressed ({decision.SuppressionReason}); nothing was sent, so there is no contact to record.", nameof(decision));
        }

        var id = decision.RecipientId ?? throw new ArgumentException($"The recipient of message '{decision.MessageId}' has no id, so its contacts cannot be recorded.", nameof(decision));
        var on = channel ?? decision.Channel
            ?? throw new ArgumentException($"Message '{decision.MessageId}' names no 'channels', so say which channel it went out on.", nameof(channel));
        return new ContactRecord(id, decision.MessageId, on, decision.Topic, at, runId);
    }
}
