using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Decisions;

/// <summary>Experiment arms, the contact policy's checks and the routed channel.</summary>
public sealed partial class Decision
{
    /// <summary>Gets the recipient's arm of each experiment that applies to the message or that a rule read, in the order assigned.</summary>
    public IReadOnlyList<ExperimentAssignment> Experiments =>
        State.Decisioning is { } d ? [.. d.Assignments.Select(static a => a.Assignment)] : [];

    /// <summary>Gets the channel the message is routed to (<c>email</c>, <c>print</c>, <c>web</c>), or null when it names no <c>channels</c> or is suppressed.</summary>
    public string? Channel => IsSuppressed ? null : State.Decisioning?.Channel;

    /// <summary>
    /// Gets the channel a message held back by an experiment's holdout (<c>holdout-gets: suppress</c>) would have gone
    /// on, or null when it was not held back so, or names no <c>channels</c>. A run for one channel counts in its
    /// control group only the holdout that channel would have reached, as it renders only the treated routed to it: the
    /// batch runner suppresses a holdout routed to another channel as <c>routed to CHANNEL</c>, like any other record.
    /// </summary>
    public string? HeldOutChannel => IsSuppressed && State.Decisioning is { SuppressedBy: "holdout" } d ? d.Channel : null;

    /// <summary>Gets the message's topic, or null.</summary>
    public string? Topic => State.Decisioning?.Topic;

    /// <summary>Gets the contact policy's checks (holdouts, suppress rules, topic, consent, caps) in the order they were made.</summary>
    public IReadOnlyList<PolicyCheck> PolicyChecks => State.Decisioning?.Checks ?? (IReadOnlyList<PolicyCheck>)[];

    /// <summary>
    /// Gets a short, stable name for why the message is suppressed, for counting by reason: a suppress rule's name,
    /// <c>holdout</c>, <c>topic</c>, <c>consent</c>, <c>cap</c> or <c>channels</c> (mixed); <c>suppress</c> for the single
    /// <c>suppress: { when, reason }</c> form; <c>inactive</c> for a message outside its <c>active:</c> dates; null when not suppressed.
    /// </summary>
    public string? SuppressedBy => IsSuppressed ? State.Decisioning?.SuppressedBy ?? "suppress" : null;

    /// <summary>Gets the arms as <c>experiment=arm</c> pairs joined by commas (outside coverage: <c>experiment=none</c>), or null when no experiment applies: for headers and manifests.</summary>
    public string? ArmsText => State.Decisioning is { Assignments.Count: > 0 } d
        ? string.Join(",", d.Assignments.Select(static a => $"{a.Assignment.ExperimentId}={a.Assignment.Arm ?? "none"}"))
        : null;

    private void AppendDecisioning(StringBuilder builder)
    {
        if (State.Decisioning is not { } d)
        {
            return;
        }

        foreach (var (_, a) in d.Assignments)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  experiment {a.ExperimentId}: {a.Arm ?? "(not in the experiment)"}{(a.IsHoldout ? " (holdout)" : string.Empty)}   (bucket {a.Bucket})").AppendLine();
        }

        foreach (var check in d.Checks)
        {
            var kind = check.Kind switch
            {
                PolicyCheckKind.Holdout => "holdout",
                PolicyCheckKind.SuppressRule => "suppress rule",
                PolicyCheckKind.Topic => "topic",
                PolicyCheckKind.Consent => "consent",
                PolicyCheckKind.Preference => "preference",
                _ => "cap",
            };
            builder.Append(CultureInfo.InvariantCulture, $"  {(check.Passed ? "✔" : "✘")} {kind} {check.Subject}: {OneLineText.Escape(check.Detail)}").AppendLine();
        }

        if (!IsSuppressed && d.Channel is { } channel)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  channel → {channel}").AppendLine();
        }
        else if (HeldOutChannel is { } heldOut)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  channel → {heldOut} (held out: not sent)").AppendLine();
        }
    }
}
