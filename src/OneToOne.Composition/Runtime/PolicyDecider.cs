using System.Collections;
using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// Decides whether and where a message goes, before its slots: experiment arms (and holdouts), named suppress
/// rules, the recipient's topic opt-outs, then routing over the message's channels by preference, consent and
/// frequency caps. Every check is recorded for the trace.
/// </summary>
internal static class PolicyDecider
{
    /// <summary>Assigns (once per decision) the recipient's arm of an experiment.</summary>
    public static ExperimentAssignment Assign(DecisionState state, CompiledExperiment experiment)
    {
        var decisioning = state.Decisioning ??= new DecisioningState();
        foreach (var (known, assignment) in decisioning.Assignments)
        {
            if (ReferenceEquals(known, experiment))
            {
                return assignment;
            }
        }

        var id = RequireId(state, $"it cannot be assigned an arm of experiment '{experiment.Id}'");
        var bucket = ExperimentBuckets.Bucket(experiment.Salt, experiment.Id, id);
        var arm = ExperimentBuckets.ArmIndex(experiment.Ranges, bucket);
        var result = new ExperimentAssignment(experiment.Id, arm < 0 ? null : experiment.Arms[arm], bucket, arm >= 0 && arm == experiment.Holdout);
        decisioning.Assignments.Add((experiment, result));
        return result;
    }

    /// <summary>Applies the message's policy; returns the suppression reason, or null when the message goes on.</summary>
    public static string? Apply(CatalogRuntime runtime, RenderContext context, DecisionState state, MessagePolicy policy)
    {
        var decisioning = state.Decisioning ??= new DecisioningState();
        decisioning.Topic = policy.Topic;
        // A holdout that is not sent is judged last: one the message would not reach anyway (a suppress rule, an opt-out,
        // no consent, a cap) is suppressed for that reason, as in every other arm, so the holdout counted is the
        // recipients the message would have reached, and lift compares like with like.
        var suppressingHoldout = Holdouts(state, policy);
        var reason = Eligibility(runtime, context, state, policy);
        if (reason is not null || suppressingHoldout is not { } holdout)
        {
            return reason;
        }

        var arm = Assign(state, holdout).Arm;
        decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Holdout, holdout.Id, false, $"arm '{arm}' is the holdout: not sent, to measure lift"));
        decisioning.SuppressedBy = "holdout";
        return $"holdout of experiment '{holdout.Id}' (arm '{arm}')";
    }

    /// <summary>The message's suppress rules, topic opt-outs, routing, consent and caps; returns the suppression reason, or null.</summary>
    private static string? Eligibility(CatalogRuntime runtime, RenderContext context, DecisionState state, MessagePolicy policy)
    {
        var decisioning = state.Decisioning!;
        foreach (var rule in policy.SuppressRules)
        {
            CheckTested(context, state, rule);
            var hit = context.Evaluate(rule.Condition, null);
            decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.SuppressRule, rule.Name, !hit, hit ? $"{rule.Condition.Text} is true: {rule.Reason}" : $"{rule.Condition.Text} is false"));
            if (hit)
            {
                decisioning.SuppressedBy = rule.Name;
                return rule.Reason;
            }
        }

        if (policy.OptedOutTopicsField is { } field)
        {
            decisioning.OptedOutTopics = ReadTopics(context, state, field);
            if (policy.Topic is { } topic)
            {
                var optedOut = SlotPolicy.Contains(decisioning.OptedOutTopics, topic);
                decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Topic, topic, !optedOut,
                    optedOut ? $"the recipient opted out of '{topic}' ({field})" : $"not opted out of '{topic}'"));
                if (optedOut)
                {
                    decisioning.SuppressedBy = "topic";
                    return $"opted out of topic '{topic}'";
                }
            }
        }

        return policy.Channels.Length > 0 ? Route(runtime, context, state, policy) : CheckCaps(runtime, context, state, policy, null);
    }

    /// <summary>
    /// Assigns the message's experiments and shows the fallback in the slots of each holdout that gets it; returns the
    /// first experiment whose holdout is not sent (<c>holdout-gets: suppress</c>) the recipient is in, or null.
    /// </summary>
    private static CompiledExperiment? Holdouts(DecisionState state, MessagePolicy policy)
    {
        var decisioning = state.Decisioning!;
        CompiledExperiment? suppressing = null;
        foreach (var experiment in policy.Experiments)
        {
            var assignment = Assign(state, experiment);
            if (!assignment.IsHoldout)
            {
                continue;
            }

            if (experiment.HoldoutSuppresses)
            {
                suppressing ??= experiment;
                continue;
            }

            decisioning.HoldOut(experiment.Id, experiment.Slots);

            var which = experiment.Slots is null ? "every slot shows" : $"slots {string.Join(", ", experiment.Slots.Order(StringComparer.Ordinal))} show";
            decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Holdout, experiment.Id, true, $"arm '{assignment.Arm}' is the holdout: {which} the fallback"));
        }

        return suppressing;
    }

    private static string? Route(CatalogRuntime runtime, RenderContext context, DecisionState state, MessagePolicy policy)
    {
        var decisioning = state.Decisioning!;
        var order = new List<string>(policy.Channels.Length);
        if (policy.PreferredChannelField is { } field && FieldPath.TryRead(context, state.Recipient, field, out var value) && value is not null and not "")
        {
            // Channel names are lower case; a preference written 'Email' means email.
            var text = (value as string)?.Trim();
            var preferred = Array.Find(policy.Channels, channel => string.Equals(channel, text, StringComparison.OrdinalIgnoreCase));
            if (preferred is not null)
            {
                order.Add(preferred);
            }

            decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Preference, field, preferred is not null, preferred is not null
                ? $"{Describe(value)}: {preferred} is tried first"
                : $"{Describe(value)} ignored: {(text is null ? "a preferred channel is text, one of" : "it is none of")} the message's channels ({string.Join(", ", policy.Channels)})"));
        }

        foreach (var channel in policy.Channels)
        {
            if (!order.Contains(channel))
            {
                order.Add(channel);
            }
        }

        var failures = new List<(string Channel, PolicyCheckKind Kind, string Why)>();
        foreach (var channel in order)
        {
            if (policy.Consent.TryGetValue(channel, out var consent) && !HasConsent(context, state, consent))
            {
                var why = $"no consent ({consent.Condition.Text} is false)";
                decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Consent, channel, false, why));
                failures.Add((channel, PolicyCheckKind.Consent, why));
                continue;
            }

            decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Consent, channel, true,
                consent is null ? "no consent rule for this channel" : $"{consent.Condition.Text} is true"));
            if (CheckCaps(runtime, context, state, policy, channel) is { } capped)
            {
                failures.Add((channel, PolicyCheckKind.Cap, capped));
                continue;
            }

            decisioning.Channel = channel;
            decisioning.SuppressedBy = null;
            return null;
        }

        decisioning.SuppressedBy = failures.TrueForAll(static f => f.Kind == PolicyCheckKind.Consent) ? "consent"
            : failures.TrueForAll(static f => f.Kind == PolicyCheckKind.Cap) ? "cap" : "channels";
        // In the message's channel order, not the order tried: the preference changes the trace, not the reason a run's summary counts by.
        failures.Sort((a, b) => Array.IndexOf(policy.Channels, a.Channel).CompareTo(Array.IndexOf(policy.Channels, b.Channel)));
        return "no allowed channel: " + string.Join("; ", failures.Select(static f => $"{f.Channel}: {f.Why}"));
    }

    /// <summary>
    /// Fails the recipient when a suppress rule tests as true/false a value that is text, a number or a list: Scriban
    /// would take "yes" for not true in 'do_not_contact == true', and send the message the rule is there to stop. A value
    /// that is null, or missing, reads as false, as in any condition.
    /// </summary>
    private static void CheckTested(RenderContext context, DecisionState state, CompiledSuppressRule rule)
    {
        foreach (var field in rule.TestedFields)
        {
            if (state.Recipient.TryGetValue(field, out var value) && value is not (bool or null))
            {
                throw NotTrueOrFalse(state, rule, field, value);
            }
        }

        foreach (var member in rule.TestedMembers)
        {
            if (TryRead(context, member, out var value) && value is not (bool or null))
            {
                throw NotTrueOrFalse(state, rule, member.ToString(), value);
            }
        }
    }

    /// <summary>
    /// Reads a member of recipient data a rule tests; false when it cannot be read (a member of null or of a missing
    /// value), which evaluating the rule then fails on as it always has, told as the recipient's error.
    /// </summary>
    private static bool TryRead(RenderContext context, Scriban.Syntax.ScriptExpression member, out object? value)
    {
        try
        {
            value = context.Interpret(member);
            return true;
        }
        catch (Scriban.Syntax.ScriptRuntimeException)
        {
            value = null;
            return false;
        }
    }

    private static RecipientException NotTrueOrFalse(DecisionState state, CompiledSuppressRule rule, string what, object? value) =>
        new(state.Recipient.Id, state.MessageId, null, rule.Condition.Location,
            $"the suppress rule '{rule.Name}' tests '{what}' as true/false, but its value {Describe(value)} is not true or false, so whether the rule holds is unknown. Make it true or false in the recipient data (or compare it: '{what} == \"yes\"').");

    private static bool HasConsent(RenderContext context, DecisionState state, CompiledConsent consent)
    {
        foreach (var field in consent.Fields)
        {
            if (!state.Recipient.TryGetValue(field, out var value))
            {
                throw new RecipientException(state.Recipient.Id, state.MessageId, null, consent.Condition.Location,
                    $"the consent for '{consent.Channel}' reads the field '{field}', which the recipient does not have; consent is never assumed.{state.Recipient.CloseField(field)} Add '{field}' (true or false) to the recipient data.");
            }

            if (value is not bool && Array.IndexOf(consent.TestedFields, field) >= 0)
            {
                throw new RecipientException(state.Recipient.Id, state.MessageId, null, consent.Condition.Location,
                    $"the consent for '{consent.Channel}' tests the field '{field}' as true/false, but its value {Describe(value)} is not true or false. Consent must be a true/false field (or compare the field: '{field} == \"yes\"').");
            }
        }

        foreach (var member in consent.TestedMembers)
        {
            if (TryRead(context, member, out var value) && value is not bool)
            {
                var text = member.ToString();
                throw new RecipientException(state.Recipient.Id, state.MessageId, null, consent.Condition.Location,
                    $"the consent for '{consent.Channel}' tests '{text}' as true/false, but its value {Describe(value)} is not true or false. Consent must be a true/false value (or compare it: '{text} == \"yes\"').");
            }
        }

        return context.Evaluate(consent.Condition, null);
    }

    /// <summary>
    /// Checks the message's caps for a channel (null: an unrouted message); returns why it is capped, or null. A cancelled
    /// call counts no more: each count may wait on a database, and conditions compiled ahead check no token of their own.
    /// </summary>
    private static string? CheckCaps(CatalogRuntime runtime, RenderContext context, DecisionState state, MessagePolicy policy, string? channel)
    {
        if (policy.Caps.Length == 0)
        {
            return null;
        }

        var decisioning = state.Decisioning!;
        var history = runtime.Options.ContactHistory ?? throw new InvalidOperationException(
            $"Message '{state.MessageId}' has frequency caps, but CompositionOptions.ContactHistory is not set, and caps are never skipped silently. Set a contact history (an InMemoryContactHistory, or a SqliteContactHistory with the CLI's --history FILE).");
        var id = RequireId(state, "its contacts cannot be counted against the message's caps");
        var now = state.Now;
        foreach (var cap in policy.Caps)
        {
            var query = cap.Per switch
            {
                "channel" => new ContactQuery(id, now - cap.Window, now, Channel: channel),
                "topic" => new ContactQuery(id, now - cap.Window, now, Topic: policy.Topic),
                _ => new ContactQuery(id, now - cap.Window, now, MessageId: state.MessageId),
            };
            var subject = cap.Per switch
            {
                "channel" => channel!,
                "topic" => policy.Topic!,
                _ => state.MessageId,
            };
            context.CancellationToken.ThrowIfCancellationRequested();
            var count = Count(history, query, state, cap.Describe(subject), context.CancellationToken);
            var passed = count < cap.Max;
            var detail = string.Create(CultureInfo.InvariantCulture, $"{cap.Describe(subject)}: {count} contact{(count == 1 ? string.Empty : "s")} in the {cap.WindowText} to {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            decisioning.Checks.Add(new PolicyCheck(PolicyCheckKind.Cap, channel ?? subject, passed, detail) { Count = count, Max = cap.Max });
            if (!passed)
            {
                decisioning.SuppressedBy = "cap";
                // The reason names the cap, not the count or the time: it is what a run's summary counts by; the trace has the numbers.
                return $"cap reached: {cap.Describe(subject)}";
            }
        }

        return null;
    }

    /// <summary>
    /// Counts a recipient's contacts for a cap; a history that fails (the embedder's own store, a database gone) is told as
    /// the <see cref="ContactHistoryException"/> <c>Catalog.Decide</c> documents,
    /// naming the recipient, the message and the cap, with the failure as its inner exception: caps are never skipped
    /// silently, and a batch run stops on it instead of rejecting every record. A cancellation of the call goes on as it is.
    /// </summary>
    private static int Count(IContactHistory history, ContactQuery query, DecisionState state, string cap, CancellationToken cancellationToken)
    {
        try
        {
            return history.Count(query);
        }
#pragma warning disable CA1031 // Not swallowed: any failure of the history is thrown again as the documented exception, with it inside.
        catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
        {
            var what = ex is ContactHistoryException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            throw new ContactHistoryException(OneLineText.Escape($"Recipient '{query.RecipientId}', message '{state.MessageId}': the contact history could not count the recipient's contacts for the cap '{cap}', and caps are never skipped silently: {what.TrimEnd('.')}. Fix the contact history (or its connection), then run again."), ex);
        }
    }

    /// <summary>
    /// The recipient's id, which experiments and caps key on; a blank id is no id, or every recipient without one would
    /// share one arm and one contact count.
    /// </summary>
    private static string RequireId(DecisionState state, string why)
    {
        var id = state.Recipient.Id;
        return string.IsNullOrWhiteSpace(id)
            ? throw new RecipientException(id, state.MessageId, null, null,
                $"the recipient has {(id is null ? "no id" : "a blank id")}, so {why}. Give every recipient an id (see --id-field).")
            : id;
    }

    private static string[] ReadTopics(RenderContext context, DecisionState state, string field)
    {
        if (!FieldPath.TryRead(context, state.Recipient, field, out var value))
        {
            throw new RecipientException(state.Recipient.Id, state.MessageId, null, null,
                $"the policy reads topic opt-outs from the field '{field}', which the recipient does not have; opt-outs are never assumed away.{state.Recipient.CloseField(field)} Add '{field}' (a list, or text such as \"mortgages;loans\", or null for none).");
        }

        return value switch
        {
            null => [],
            string text => text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            // Items are trimmed as the text's are: " offers" from a form is the topic 'offers'.
            IEnumerable list => [.. list.Cast<object?>().Select(static t => (Convert.ToString(t, CultureInfo.InvariantCulture) ?? string.Empty).Trim()).Where(static t => t.Length > 0)],
            _ => throw new RecipientException(state.Recipient.Id, state.MessageId, null, null,
                $"the topic opt-outs field '{field}' holds {Describe(value)}; it must be a list of topics or text such as \"mortgages;loans\"."),
        };
    }

    /// <summary>Names a value in a trace: text quoted, a number or true/false as written, a list or an object by its kind (never a .NET type name).</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => RenderContext.KindOf(value),
    };
}
