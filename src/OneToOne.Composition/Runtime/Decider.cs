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
        var outcomes = new CandidateOutcome[slot.Candidates.Length];
        var chosen = slot.Pick == PickMode.Best ? DecideBest(context, slot, outcomes) : DecideInOrder(context, slot, outcomes);

        var usedFallback = false;
        if (chosen.Count == 0 && slot.Fallback is { } fallback)
        {
            chosen.Add(fallback);
            usedFallback = true;
        }

        var modules = chosen.ToArray();
        state.Chosen[slotId] = modules;
        slots.Add(new SlotDecision(slot, outcomes, modules, usedFallback));

        foreach (var module in modules)
        {
            foreach (var use in module.SlotUses)
            {
                DecideSlot(runtime, context, state, use.Id, slots);
            }
        }
    }

    private static List<CompiledModule> DecideInOrder(RenderContext context, CompiledSlot slot, CandidateOutcome[] outcomes)
    {
        var chosen = new List<CompiledModule>(1);
        for (var i = 0; i < slot.Candidates.Length; i++)
        {
            var module = slot.Candidates[i];
            var condition = module.Condition;
            if (chosen.Count >= slot.Count)
            {
                outcomes[i] = CandidateOutcome.NotEvaluated;
            }
            else if (condition is null || context.Evaluate(condition, module.Id))
            {
                chosen.Add(module);
                outcomes[i] = CandidateOutcome.Chosen;
            }
            else
            {
                outcomes[i] = CandidateOutcome.ConditionFalse;
            }
        }

        return chosen;
    }

    private static List<CompiledModule> DecideBest(RenderContext context, CompiledSlot slot, CandidateOutcome[] outcomes)
    {
        var eligible = new List<(CompiledModule Module, int Order)>();
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
        var chosen = new List<CompiledModule>(Math.Min(slot.Count, eligible.Count));
        for (var rank = 0; rank < eligible.Count && rank < slot.Count; rank++)
        {
            chosen.Add(eligible[rank].Module);
            outcomes[eligible[rank].Order] = CandidateOutcome.Chosen;
        }

        return chosen;
    }
}
