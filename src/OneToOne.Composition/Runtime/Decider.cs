using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Runtime;

/// <summary>Decides a message for a recipient: suppression, then each slot it places, recording the trace.</summary>
internal static class Decider
{
    public static Decision Decide(CatalogRuntime runtime, Recipient recipient, string messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var message = runtime.GetMessage(messageId);
        var state = new DecisionState(runtime, recipient, runtime.ResolveCulture(recipient, messageId), messageId);
        var context = runtime.Rent();
        context.Begin(state, cancellationToken);
        try
        {
            if (message.Policy is { Experiments.Length: > 0 } assigned && !string.IsNullOrWhiteSpace(recipient.Id))
            {
                // Assigned first, whatever then suppresses the record (its dates, the single 'suppress:' rule, the policy):
                // an experiment is read by intent to treat, so every decided record carries its arms and the arms add up.
                // A recipient without an id cannot be assigned: suppressed before the policy, as before; else the policy
                // rejects it, naming the experiment.
                foreach (var experiment in assigned.Experiments)
                {
                    PolicyDecider.Assign(state, experiment);
                }
            }

            if (GovernanceRules.Suppression(runtime, state, message) is { } closed)
            {
                (state.Decisioning ??= new DecisioningState()).SuppressedBy = "inactive";
                return new Decision(state, runtime.Name, messageId, true, closed, []);
            }

            if (message.Suppress is { } suppress && context.Evaluate(suppress, null))
            {
                return new Decision(state, runtime.Name, messageId, true, message.SuppressReason, []);
            }

            if (message.Policy is { } policy && PolicyDecider.Apply(runtime, context, state, policy) is { } reason)
            {
                return new Decision(state, runtime.Name, messageId, true, reason, []);
            }

            var slots = new List<SlotDecision>(message.Body.Slots.Length * 2);
            foreach (var use in message.Body.Slots)
            {
                DecideSlot(runtime, context, state, use.Id, slots);
            }

            if (message.Required.Count > 0)
            {
                GovernanceRules.CheckRequired(state, message, slots);
            }

            return new Decision(state, runtime.Name, messageId, false, null, slots);
        }
        finally
        {
            context.End();
            runtime.Return(context);
        }
    }

    internal static void DecideSlot(CatalogRuntime runtime, RenderContext context, DecisionState state, string slotId, List<SlotDecision> slots)
    {
        if (state.Chosen.Contains(slotId))
        {
            return;
        }

        var slot = runtime.Slots[slotId];
        if (SlotPolicy.Applies(runtime, state, slot))
        {
            SlotPolicy.Decide(runtime, context, state, slot, slots);
            return;
        }

        // The context's scratch list: emptied here, copied out below before any nested slot reuses it.
        var chosen = context.ChosenScratch;
        chosen.Clear();
        var outcomes = new CandidateOutcomes(slot.Candidates.Length, scored: false);
        var order = slot.Pick == SlotPick.Best ? slot.Ranked : null;
        var runs = slot.EqualityRuns;
        var nextRun = 0;
        for (var n = 0; n < slot.Candidates.Length && chosen.Count < slot.Count; n++)
        {
            if (runs is not null && nextRun < runs.Length && runs[nextRun].Start == n
                && DecideRun(context, state, slot, order, runs[nextRun++], chosen, outcomes) is var after and >= 0)
            {
                n = after - 1;
                continue;
            }

            var index = order is null ? n : order[n];
            var module = slot.Candidates[index];
            if (!GovernanceRules.IsActive(state, module))
            {
                outcomes.Set(index, CandidateOutcome.Inactive);
                continue;
            }

            if (module.Condition is null || context.Evaluate(module.Condition, module.Id))
            {
                chosen.Add(module);
                outcomes.Set(index, CandidateOutcome.Chosen);
            }
            else
            {
                outcomes.Set(index, CandidateOutcome.ConditionFalse);
            }
        }

        var usedFallback = false;
        if (chosen.Count == 0 && slot.Fallback is { } fallback && GovernanceRules.IsActive(state, fallback))
        {
            chosen.Add(fallback);
            usedFallback = true;
        }

        var modules = chosen.ToArray();
        var decided = new SlotDecision(slot, outcomes, modules, usedFallback);
        Place(runtime, context, state, slotId, modules, decided, slots);
    }

    /// <summary>
    /// Decides a run of candidates that test one field for equality with a constant by one lookup, to exactly the outcomes
    /// evaluating each in turn gives: up to each match, an active candidate's condition is false and an inactive one is
    /// no candidate; a match is chosen when active (and passed over when not), until the slot has its count. Returns the
    /// position to go on from, or -1 when the recipient's value needs each condition evaluated.
    /// </summary>
    private static int DecideRun(RenderContext context, DecisionState state, CompiledSlot slot, int[]? order, EqualityRun run, List<CompiledModule> chosen, CandidateOutcomes outcomes)
    {
        // Evaluating in turn reads the field at the run's first active candidate, so with none active it reads nothing.
        if (!AnyActive(state, run))
        {
            for (var n = run.Start; n < run.End; n++)
            {
                outcomes.Set(order is null ? n : order[n], CandidateOutcome.Inactive);
            }

            return run.End;
        }

        if (!run.TryMatch(state.ReadField(run.Field), context.LimitToString, out var matches))
        {
            return -1;
        }

        var from = run.Start;
        var dated = 0;
        for (var m = 0; m < matches.Length && chosen.Count < slot.Count; m++)
        {
            var match = matches[m];
            dated = NotMatching(state, order, run, from, match, dated, outcomes);
            var index = order is null ? match : order[match];
            var module = slot.Candidates[index];
            if (GovernanceRules.IsActive(state, module))
            {
                chosen.Add(module);
                outcomes.Set(index, CandidateOutcome.Chosen);
            }
            else
            {
                outcomes.Set(index, CandidateOutcome.Inactive);
            }

            from = match + 1;
        }

        if (chosen.Count < slot.Count)
        {
            NotMatching(state, order, run, from, run.End, dated, outcomes);
            return run.End;
        }

        return from;
    }

    private static bool AnyActive(DecisionState state, EqualityRun run)
    {
        if (run.Dated.Length < run.End - run.Start)
        {
            return true;
        }

        foreach (var window in run.Windows)
        {
            if (window.IsActiveAt(state.Now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records the outcomes of the positions from <paramref name="from"/> up to <paramref name="to"/>, none of which
    /// matches: inactive or condition false. <paramref name="dated"/> is where <see cref="EqualityRun.Dated"/> was left;
    /// returns where it is left now.
    /// </summary>
    private static int NotMatching(DecisionState state, int[]? order, EqualityRun run, int from, int to, int dated, CandidateOutcomes outcomes)
    {
        if (order is null)
        {
            outcomes.Set(from, to - from, CandidateOutcome.ConditionFalse);
        }
        else
        {
            for (var n = from; n < to; n++)
            {
                outcomes.Set(order[n], CandidateOutcome.ConditionFalse);
            }
        }

        for (; dated < run.Dated.Length && run.Dated[dated] < to; dated++)
        {
            var n = run.Dated[dated];
            if (n >= from && !run.Windows[dated].IsActiveAt(state.Now))
            {
                outcomes.Set(order is null ? n : order[n], CandidateOutcome.Inactive);
            }
        }

        return dated;
    }

    /// <summary>
    /// Places a decided slot, however it was decided: admits its modules (refusing drafts, choosing locale variants in
    /// place, so <paramref name="decided"/>, which shares the array, sees them), records it, then decides the slots its
    /// modules place.
    /// </summary>
    internal static void Place(CatalogRuntime runtime, RenderContext context, DecisionState state, string slotId, CompiledModule[] modules, SlotDecision decided, List<SlotDecision> slots)
    {
        GovernanceRules.Admit(runtime, state, modules);
        state.Chosen[slotId] = modules;
        slots.Add(decided);
        for (var m = 0; m < modules.Length; m++)
        {
            var uses = modules[m].SlotUses;
            for (var u = 0; u < uses.Length; u++)
            {
                DecideSlot(runtime, context, state, uses[u].Id, slots);
            }
        }
    }
}
