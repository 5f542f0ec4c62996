using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Runtime;

/// <summary>Keeps a routed message off channels it was not routed to: a recipient without consent for a channel is never rendered to it.</summary>
internal static class ContactChannelGuard
{
    public static void Check(Decision decision, string channel)
    {
        if (!decision.IsSuppressed && decision.Channel is { } routed && routed != channel)
        {
            throw new RecipientException(decision.RecipientId, decision.MessageId, null, null,
                $"the message is routed to '{routed}' for this recipient, not '{channel}' (see the decision's policy checks: consent, caps, preference). Render it for '{routed}'.");
        }
    }
}
