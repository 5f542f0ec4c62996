using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Runtime;

/// <summary>Decides a message for a recipient: suppression, then each slot it places, recording the trace.</summary>
internal static class Decider
{
    public static Decision Decide(CatalogRuntime runtime, Recipient recipient, string messageId)
    {
        var message = runtime.GetMessage(messageId);
        var state = new DecisionState(recipient, runtime.ResolveCulture(recipient, messageId), runtime.SegmentList, runtime.ConditionFields, messageId);
        var context = runtime.Rent();
        context.Begin(state);
        try
        {
            if (message.Suppress is { } suppress && context.Evaluate(suppress, null))
            {
                return new Decision(state, runtime.Name, messageId, true, message.SuppressReason, []);
            }

            var slots = new List<SlotDecision>();
            foreach (var use in message.Body.Slots)
            {
                DecideSlot(runtime, context, state, use.Id, slots);
            }

            return new Decision(state, runtime.Name, messageId, false, null, slots);
        }
        finally
        {
            context.End();
            runtime.Return(context);
        }
    }

    private static void DecideSlot(CatalogRuntime runtime, RenderContext context, DecisionState state, string slotId, List<SlotDecision> slots)
    {
        if (state.Chosen.ContainsKey(slotId))
        {
            return;
        }

        var slot = runtime.Slots[slotId];
        var traces = new List<CandidateTrace>(slot.Candidates.Length);
        var chosen = slot.Pick == PickMode.Best ? DecideBest(context, slot, traces) : DecideInOrder(context, slot, traces);

        var usedFallback = false;
        string explanation;
        if (chosen.Count > 0)
        {
            explanation = slot.Pick switch
            {
                PickMode.First => $"'{chosen[0].Id}' is the first eligible candidate",
                PickMode.Best => $"highest priority among the eligible candidates, {chosen.Count} of at most {slot.Count}",
                _ => $"every eligible candidate in order, {chosen.Count}{(slot.Count == int.MaxValue ? string.Empty : $" of at most {slot.Count}")}",
            };
        }
        else if (slot.Fallback is { } fallback)
        {
            chosen.Add(fallback);
            usedFallback = true;
            explanation = $"no candidate was eligible, so the fallback '{fallback.Id}' was used";
        }
        else
        {
            explanation = "no candidate was eligible and the slot has no fallback, so it stays empty";
        }

        var modules = chosen.ToArray();
        state.Chosen[slotId] = modules;
        slots.Add(new SlotDecision(slotId, slot.Pick.ToString().ToLowerInvariant(), [.. modules.Select(static m => m.Id)], traces, usedFallback, explanation));

        foreach (var module in modules)
        {
            foreach (var use in module.SlotUses)
            {
                DecideSlot(runtime, context, state, use.Id, slots);
            }
        }
    }

    private static List<CompiledModule> DecideInOrder(RenderContext context, CompiledSlot slot, List<CandidateTrace> traces)
    {
        var chosen = new List<CompiledModule>();
        foreach (var module in slot.Candidates)
        {
            var condition = module.Condition;
            if (chosen.Count >= slot.Count)
            {
                traces.Add(new CandidateTrace(module.Id, condition?.Text, module.Priority, CandidateOutcome.NotEvaluated,
                    slot.Pick == PickMode.First ? "not evaluated: an earlier candidate was chosen" : $"not evaluated: the slot already has {slot.Count}"));
                continue;
            }

            if (condition is null || context.Evaluate(condition, module.Id))
            {
                chosen.Add(module);
                traces.Add(new CandidateTrace(module.Id, condition?.Text, module.Priority, CandidateOutcome.Chosen,
                    condition is null ? "chosen: unconditional" : "chosen: condition is true"));
            }
            else
            {
                traces.Add(new CandidateTrace(module.Id, condition.Text, module.Priority, CandidateOutcome.ConditionFalse, "condition is false"));
            }
        }

        return chosen;
    }

    private static List<CompiledModule> DecideBest(RenderContext context, CompiledSlot slot, List<CandidateTrace> traces)
    {
        var eligible = new List<(CompiledModule Module, int Order)>();
        var outcomes = new CandidateOutcome[slot.Candidates.Length];
        for (var i = 0; i < slot.Candidates.Length; i++)
        {
            var module = slot.Candidates[i];
            if (module.Condition is null || context.Evaluate(module.Condition, module.Id))
            {
                eligible.Add((module, i));
                outcomes[i] = CandidateOutcome.NotChosen;
            }
            else
            {
                outcomes[i] = CandidateOutcome.ConditionFalse;
            }
        }

        // Highest priority first; ties keep the order of 'from'.
        eligible.Sort(static (a, b) => a.Module.Priority != b.Module.Priority ? b.Module.Priority.CompareTo(a.Module.Priority) : a.Order.CompareTo(b.Order));
        var chosen = new List<CompiledModule>();
        for (var rank = 0; rank < eligible.Count && rank < slot.Count; rank++)
        {
            chosen.Add(eligible[rank].Module);
            outcomes[eligible[rank].Order] = CandidateOutcome.Chosen;
        }

        for (var i = 0; i < slot.Candidates.Length; i++)
        {
            var module = slot.Candidates[i];
            var explanation = outcomes[i] switch
            {
                CandidateOutcome.Chosen => $"chosen: eligible, priority {module.Priority}",
                CandidateOutcome.NotChosen => $"eligible, priority {module.Priority}, but outranked (the slot takes {slot.Count})",
                _ => "condition is false",
            };
            traces.Add(new CandidateTrace(module.Id, module.Condition?.Text, module.Priority, outcomes[i], explanation));
        }

        return chosen;
    }
}
