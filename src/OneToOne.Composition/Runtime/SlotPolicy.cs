using System.Globalization;
using System.Numerics;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// Fills a slot when decisioning changes how: a holdout shows the fallback, topic opt-outs rule candidates out,
/// and <c>pick: best</c> with scores ranks every eligible candidate by score, then priority, then <c>from</c> order.
/// </summary>
internal static class SlotPolicy
{
    public static bool Applies(CatalogRuntime runtime, DecisionState state, CompiledSlot slot)
    {
        if (slot.Pick == SlotPick.Best && (slot.HasScores || runtime.Options.ScoreProvider is not null))
        {
            return true;
        }

        return state.Decisioning is { } d && (d.IsHoldoutSlot(slot.Id) || (d.OptedOutTopics is { Length: > 0 } && slot.HasTopics));
    }

    public static void Decide(CatalogRuntime runtime, RenderContext context, DecisionState state, CompiledSlot slot, List<SlotDecision> slots)
    {
        var decisioning = state.Decisioning;
        SlotDecision decided;
        CompiledModule[] modules;
        if (decisioning?.HoldoutExperimentOf(slot.Id) is { } holdoutExperiment)
        {
            var optedOutOfFallback = FallbackOptedOut(state, slot);
            modules = !optedOutOfFallback && slot.Fallback is { } holdoutFallback && GovernanceRules.IsActive(state, holdoutFallback) ? [holdoutFallback] : [];
            decided = new SlotDecision(slot, default, modules, modules.Length > 0) { HoldoutExperiment = holdoutExperiment, FallbackOptedOut = optedOutOfFallback };
        }
        else
        {
            var scored = slot.Pick == SlotPick.Best && (slot.HasScores || runtime.Options.ScoreProvider is not null);
            var order = slot.Pick == SlotPick.Best && !scored ? slot.Ranked : null;
            var outcomes = new CandidateOutcomes(slot.Candidates.Length, scored);
            var eligible = new List<(int Index, CompiledModule Module, double? Score)>();
            var optedOut = decisioning?.OptedOutTopics;
            for (var n = 0; n < slot.Candidates.Length && (scored || eligible.Count < slot.Count); n++)
            {
                var index = order is null ? n : order[n];
                var module = slot.Candidates[index];
                if (!GovernanceRules.IsActive(state, module))
                {
                    outcomes.Set(index, CandidateOutcome.Inactive);
                }
                else if (IsOptedOut(optedOut, module))
                {
                    outcomes.Set(index, CandidateOutcome.TopicOptedOut);
                }
                else if (module.Condition is not null && !context.Evaluate(module.Condition, module.Id))
                {
                    outcomes.Set(index, CandidateOutcome.ConditionFalse);
                }
                else
                {
                    eligible.Add((index, module, scored ? Score(runtime, context, state, slot, module) : null));
                }
            }

            if (scored)
            {
                // Scored first (highest first), then priority, then declaration order: a total, deterministic order.
                eligible.Sort(static (a, b) =>
                {
                    var byPresence = (b.Score is not null).CompareTo(a.Score is not null);
                    if (byPresence != 0)
                    {
                        return byPresence;
                    }

                    var byScore = (b.Score ?? 0).CompareTo(a.Score ?? 0);
                    return byScore != 0 ? byScore : b.Module.Priority != a.Module.Priority ? b.Module.Priority.CompareTo(a.Module.Priority) : a.Index.CompareTo(b.Index);
                });
            }

            var chosen = new List<CompiledModule>(Math.Min(slot.Count, eligible.Count));
            foreach (var (index, module, score) in eligible)
            {
                var take = chosen.Count < slot.Count;
                if (take)
                {
                    chosen.Add(module);
                }

                outcomes.Set(index, take ? CandidateOutcome.Chosen : CandidateOutcome.Outranked, score);
            }

            var usedFallback = false;
            var optedOutOfFallback = chosen.Count == 0 && FallbackOptedOut(state, slot);
            if (chosen.Count == 0 && !optedOutOfFallback && slot.Fallback is { } fallback && GovernanceRules.IsActive(state, fallback))
            {
                chosen.Add(fallback);
                usedFallback = true;
            }

            modules = [.. chosen];
            decided = new SlotDecision(slot, outcomes, modules, usedFallback) { FallbackOptedOut = optedOutOfFallback };
        }

        Decider.Place(runtime, context, state, slot.Id, modules, decided, slots);
    }

    /// <summary>
    /// Whether a recipient's opt-outs name the topic. In any case: an opt-out written 'Loans' by a form or a CRM is the
    /// topic 'loans' (an opt-out missed is a message sent against the recipient's word).
    /// </summary>
    internal static bool Contains(string[] optedOut, string topic) =>
        Array.Exists(optedOut, t => string.Equals(t, topic, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the module is about a topic the recipient opted out of (then it is never chosen, not even as a fallback).</summary>
    private static bool IsOptedOut(string[]? optedOut, CompiledModule module) =>
        optedOut is { Length: > 0 } && module.Decisioning?.Topics is { Length: > 0 } topics && Array.Exists(topics, t => Contains(optedOut, t));

    /// <summary>Whether the slot's fallback, active at the decision's instant, is about a topic the recipient opted out of.</summary>
    private static bool FallbackOptedOut(DecisionState state, CompiledSlot slot) =>
        slot.Fallback is { } fallback && GovernanceRules.IsActive(state, fallback) && IsOptedOut(state.Decisioning?.OptedOutTopics, fallback);

    /// <summary>
    /// Asks the pipeline's score provider, with the call's cancellation token; its failure becomes the recipient's, naming
    /// the module (cancellation stays cancellation). A cancelled call asks no more: a provider may wait on a model service
    /// for each candidate, and conditions compiled ahead check no token of their own.
    /// </summary>
    private static double? Provided(IScoreProvider provider, RenderContext context, DecisionState state, CompiledSlot slot, CompiledModule module)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        try
        {
            return provider.GetScore(new ScoreRequest(state.Recipient, state.MessageId, slot.Id, module.Id) { CancellationToken = context.CancellationToken });
        }
#pragma warning disable CA1031 // Whatever the provider throws is this recipient's failure, told with the recipient and module.
        catch (Exception ex) when (ex is not (RecipientException or OperationCanceledException or OutOfMemoryException))
#pragma warning restore CA1031
        {
            throw new RecipientException(state.Recipient.Id, state.MessageId, module.Id, module.Location,
                $"the score provider ({provider.GetType().Name}) failed for slot '{slot.Id}': {ex.GetType().Name}: {ex.Message}{(ex.Message.EndsWith('.') ? string.Empty : ".")} Fix the provider, or return null to use the module's own 'score:'.", ex);
        }
    }

    private static double? Score(CatalogRuntime runtime, RenderContext context, DecisionState state, CompiledSlot slot, CompiledModule module)
    {
        if (runtime.Options.ScoreProvider is { } provider && Provided(provider, context, state, slot, module) is { } provided)
        {
            return double.IsFinite(provided) ? provided : throw new RecipientException(state.Recipient.Id, state.MessageId, module.Id, module.Location,
                $"the score provider returned {provided.ToString(CultureInfo.InvariantCulture)} for this module; a score must be a finite number.");
        }

        if (module.Decisioning?.Score is not { } score)
        {
            return null;
        }

        object? value;
        try
        {
            value = context.Interpret(score.Expression);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new RecipientException(state.Recipient.Id, state.MessageId, module.Id, score.Origin.Map(ex.Span.Start.Line, ex.Span.Start.Column),
                NullMemberRead(state, score.Text, ex.OriginalMessage)
                ?? $"the score '{score.Text}' failed: {ex.OriginalMessage}{(ex.OriginalMessage.EndsWith('.') ? string.Empty : ".")} Check that the fields it reads are there and are numbers, or guard them: '(uplift ?? 0) * margin'.", ex);
        }

        return value switch
        {
            int i => i,
            long l => l,
            double d when double.IsFinite(d) => d,
            float f when float.IsFinite(f) => f,
            decimal m => (double)m,
            BigInteger big => (double)big,

            // A .NET recipient's own numbers, which reach the score as they are.
            short or ushort or byte or sbyte or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            Half h when Half.IsFinite(h) => (double)h,
            _ => throw new RecipientException(state.Recipient.Id, state.MessageId, module.Id, score.Location,
                $"the score '{score.Text}' is {Describe(value)} for this recipient, not a number. Check that the fields it reads are numbers, or guard them: '(uplift ?? 0) * margin'."),
        };
    }

    /// <summary>
    /// Says which field a score's member read found missing or null ('uplift.card' of a recipient without 'uplift'), where
    /// Scriban says only "Cannot get the member uplift.card for a null object", and how to guard that read; null for
    /// another error.
    /// </summary>
    private static string? NullMemberRead(DecisionState state, string score, string message)
    {
        if (!message.StartsWith(RenderContext.ScribanNullMember, StringComparison.Ordinal) || !message.EndsWith(RenderContext.ScribanNullMemberEnd, StringComparison.Ordinal)
            || message.Length <= RenderContext.ScribanNullMember.Length + RenderContext.ScribanNullMemberEnd.Length)
        {
            return null;
        }

        var read = message[RenderContext.ScribanNullMember.Length..^RenderContext.ScribanNullMemberEnd.Length];
        var dot = read.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var target = read[..dot];
        var what = target.Contains('.', StringComparison.Ordinal) ? $"'{target}' is null"
            : state.Recipient.HasField(target) ? $"the field '{target}' is null"
            : $"the recipient has no field '{target}'";
        return $"the score '{score}' reads '{read}', but {what}. Add it to the recipient data, or guard the read: '({target}?.{read[(dot + 1)..]} ?? 0)'.";
    }

    private static string Describe(object? value) => value switch
    {
        null => "empty (a field it reads is missing or null)",
        string text => $"the text \"{text}\"",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
    };
}
