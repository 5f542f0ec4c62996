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
        var traces = new CandidateTrace[slot.Candidates.Length];
        var chosen = slot.Pick == PickMode.Best ? DecideBest(context, slot, traces) : DecideInOrder(context, slot, traces);

        var usedFallback = false;
        if (chosen.Count == 0 && slot.Fallback is { } fallback)
        {
            chosen.Add(fallback);
            usedFallback = true;
        }

        var modules = chosen.ToArray();
        var ids = new string[modules.Length];
        for (var i = 0; i < modules.Length; i++)
        {
            ids[i] = modules[i].Id;
        }

        state.Chosen[slotId] = modules;
        slots.Add(new SlotDecision(slotId, slot.PickName, slot.Count, ids, traces, usedFallback));

        foreach (var module in modules)
        {
            foreach (var use in module.SlotUses)
            {
                DecideSlot(runtime, context, state, use.Id, slots);
            }
        }
    }

    private static List<CompiledModule> DecideInOrder(RenderContext context, CompiledSlot slot, CandidateTrace[] traces)
    {
        var chosen = new List<CompiledModule>(1);
        for (var i = 0; i < slot.Candidates.Length; i++)
        {
            var module = slot.Candidates[i];
            var condition = module.Condition;
            CandidateOutcome outcome;
            if (chosen.Count >= slot.Count)
            {
                outcome = CandidateOutcome.NotEvaluated;
            }
            else if (condition is null || context.Evaluate(condition, module.Id))
            {
                chosen.Add(module);
                outcome = CandidateOutcome.Chosen;
            }
            else
            {
                outcome = CandidateOutcome.ConditionFalse;
            }

            traces[i] = new CandidateTrace(module.Id, condition?.Text, module.Priority, outcome, slot.PickName, slot.Count);
        }

        return chosen;
    }

    private static List<CompiledModule> DecideBest(RenderContext context, CompiledSlot slot, CandidateTrace[] traces)
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
        var chosen = new List<CompiledModule>(Math.Min(slot.Count, eligible.Count));
        for (var rank = 0; rank < eligible.Count && rank < slot.Count; rank++)
        {
            chosen.Add(eligible[rank].Module);
            outcomes[eligible[rank].Order] = CandidateOutcome.Chosen;
        }

        for (var i = 0; i < slot.Candidates.Length; i++)
        {
            var module = slot.Candidates[i];
            traces[i] = new CandidateTrace(module.Id, module.Condition?.Text, module.Priority, outcomes[i], slot.PickName, slot.Count);
        }

        return chosen;
    }
}
