using System.Numerics;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Analysis;

/// <summary>One reachable way a group of independent slots comes out: the modules per slot, and the condition that leads there.</summary>
/// <param name="Slots">The placed slots and their modules, in deciding order.</param>
/// <param name="Condition">What a recipient must satisfy to get this outcome (with undecidable parts free).</param>
internal sealed record Outcome(IReadOnlyList<(string SlotId, string[] ModuleIds)> Slots, Formula Condition)
{
    public IEnumerable<string> ModuleIds => Slots.SelectMany(static s => s.ModuleIds);
}

/// <summary>A group of slots whose decisions share no field, opaque atom or nesting with any other group: its outcomes combine freely with theirs.</summary>
/// <param name="SlotIds">The group's slots.</param>
/// <param name="Outcomes">Every reachable outcome (distinct by modules per slot).</param>
/// <param name="Truncated">Whether the search stopped at one of its limits (outcomes or work), so <paramref name="Outcomes"/> may be incomplete.</param>
internal sealed record Component(IReadOnlyList<string> SlotIds, IReadOnlyList<Outcome> Outcomes, bool Truncated);

/// <summary>
/// Explores every reachable decision of one message, exactly for conditions the analysis can decide and with
/// undecidable parts free. A reachable combination is the modules placed in each slot the message places (nested
/// slots included, a slot decided once) for some recipient the message is not suppressed for, at the analysis
/// instant (inactive modules are no candidates). Slots are split into independent components, explored depth-first
/// (slot by slot, candidate by candidate, each branch kept only when its conditions can hold together), and the count is
/// the product of the components' outcome counts. Decisioning is followed where it is decidable (experiment arms and
/// holdouts, suppress rules, consent) and left free where it depends on what the analysis cannot know: a scored
/// <c>pick: best</c> slot may rank its eligible scored candidates in any order, a module with topics other than the
/// message's may be ruled out by the recipient's opt-outs, and caps or a topic opt-out may suppress any recipient.
/// </summary>
/// <param name="runtime">The catalog.</param>
/// <param name="translator">Translates its conditions.</param>
/// <param name="solver">Answers whether conditions can hold together.</param>
/// <param name="now">The instant effective dates are judged at.</param>
/// <param name="workLimit">The most solver work the search of one group of slots may take (<see cref="MaxWork"/>).</param>
internal sealed class MessageExplorer(CatalogRuntime runtime, ConditionTranslator translator, Solver solver, DateTimeOffset now, long workLimit)
{
    /// <summary>The most outcomes one component may have before the search stops (and the count becomes a lower bound).</summary>
    public const int MaxOutcomes = 200_000;

    /// <summary>
    /// The most solver work (<see cref="Solver.Work"/>) the search of one component takes before it stops (and the
    /// count becomes a lower bound), unless told otherwise: a few seconds here, so that analysing a catalog ends whatever
    /// its size, with the same result every time.
    /// </summary>
    public const long MaxWork = 5_000_000;

    private readonly Dictionary<string, Formula> _optedOut = new(StringComparer.Ordinal);
    private int _budget;
    private MessagePolicy? _policy;

    /// <summary>The message <see cref="NeverRejected"/> last worked out, and what it came to: the same for each of its body's slots.</summary>
    private (CompiledMessage Message, Formula Accepted)? _neverRejected;

    /// <summary>The fewest consecutive candidates testing one field against constants that <see cref="WalkRun"/> takes as one.</summary>
    internal const int MinimumRun = 2;

    /// <summary>
    /// Gets whether a run of candidates testing one field against constants (<see cref="ConditionTranslator.IsEqualityAtom"/>)
    /// is explored as one step (<see cref="WalkRun"/>) rather than a solver question per candidate; off only to check that
    /// both ways come to the same analysis.
    /// </summary>
    public bool UseEqualityRuns { get; init; } = true;

    /// <summary>Gets whether a slot ranks by score (then any order of its scored candidates is possible).</summary>
    public static bool IsScored(CatalogRuntime runtime, CompiledSlot slot) =>
        slot.Pick == SlotPick.Best && (slot.HasScores || runtime.Options.ScoreProvider is not null);

    /// <summary>
    /// What a recipient must satisfy for the message's policy to let it go: not in a holdout that suppresses, no suppress
    /// rule true, and some channel with consent (when routed). Caps and the message's topic can suppress anyone more.
    /// </summary>
    public static Formula TranslatePolicy(ConditionTranslator translator, CompiledMessage message)
    {
        if (message.Policy is not { } policy)
        {
            return Formula.True;
        }

        var goes = Formula.True;
        foreach (var experiment in policy.Experiments.Where(static e => e.Holdout >= 0))
        {
            var holdout = translator.IsArm(experiment, experiment.Arms[experiment.Holdout]);
            goes = experiment.HoldoutSuppresses ? Formula.And(goes, Formula.Not(holdout)) : goes;
        }

        foreach (var rule in policy.SuppressRules)
        {
            goes = Formula.And(goes, Formula.Not(translator.Translate(rule.Condition)));
        }

        if (policy.Channels.Length > 0)
        {
            goes = Formula.And(goes, Formula.Any(policy.Channels.Select(c => policy.Consent.TryGetValue(c, out var consent) ? translator.Translate(consent.Condition) : Formula.True)));
        }

        return goes;
    }

    public IReadOnlyList<Component> Explore(CompiledMessage message)
    {
        if (message.Active is { } active && !active.IsActiveAt(now))
        {
            return [new Component([], [], false)];
        }

        _policy = message.Policy;
        var notSuppressed = NotSuppressed(message);
        var bodySlots = message.Body.Slots.Select(static s => s.Id).Where(runtime.Slots.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var slots = ReachableSlots(bodySlots);

        // Union-find over slots, variables and the suppress rule.
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            parent.TryAdd(x, x);
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        void Union(string a, string b) => parent[Find(a)] = Find(b);

        const string SuppressNode = "x:suppress";
        Find(SuppressNode);
        var suppressVariables = new HashSet<string>(StringComparer.Ordinal);
        notSuppressed.CollectVariables(suppressVariables);
        foreach (var variable in suppressVariables)
        {
            Union("v:" + variable, SuppressNode);
        }

        foreach (var slot in slots)
        {
            Find("s:" + slot.Id);
            var held = new HashSet<string>(StringComparer.Ordinal);
            Holdout(slot).CollectVariables(held);
            foreach (var variable in held)
            {
                Union("v:" + variable, "s:" + slot.Id);
            }

            foreach (var module in Candidates(slot).Append(slot.Fallback))
            {
                if (module is null)
                {
                    continue;
                }

                var variables = new HashSet<string>(StringComparer.Ordinal);
                translator.Translate(module.Condition).CollectVariables(variables);
                OptedOut(module).CollectVariables(variables);
                foreach (var variable in variables)
                {
                    Union("v:" + variable, "s:" + slot.Id);
                }

                foreach (var use in module.SlotUses)
                {
                    Union("s:" + use.Id, "s:" + slot.Id);
                }
            }
        }

        var components = new List<Component>();
        var groups = slots.GroupBy(s => Find("s:" + s.Id)).ToList();
        var suppressRoot = Find(SuppressNode);
        if (groups.All(g => g.Key != suppressRoot))
        {
            // The suppress rule reads nothing the slots read: on its own, it only decides whether any outcome is reachable.
            components.Add(new Component([], solver.IsSatisfiable([notSuppressed]) ? [new Outcome([], notSuppressed)] : [], false));
        }

        foreach (var group in groups)
        {
            var ids = group.Select(static s => s.Id).ToHashSet(StringComparer.Ordinal);
            var start = group.Key == suppressRoot ? notSuppressed : Formula.True;
            var outcomes = new List<Outcome>();
            _budget = MaxOutcomes;
            var searched = true;
            var finished = solver.TryWithin(workLimit, () => searched = !solver.IsSatisfiable([start]) || Search(start, [.. bodySlots.Where(ids.Contains)], [], outcomes));
            components.Add(new Component([.. group.Select(static s => s.Id)], outcomes, !finished || !searched));
        }

        return components;
    }

    /// <summary>
    /// Every module list one slot of the message's body can come out with, on its own, each with what a recipient must
    /// satisfy to get it, and whether the message surely reaches such a recipient: what the findings use for a group of
    /// slots whose search stopped at its limit. The body places the slot for everyone the message goes to, so no module
    /// list is missing; but a recipient the slot alone allows may be rejected by a condition of another slot (a member
    /// of a missing field), and then gets nothing. An outcome is sure when a recipient gets it whom no condition the
    /// message's slots hold rejects; its condition is then narrowed to such recipients.
    /// </summary>
    public List<(Outcome Outcome, bool Sure)> BodySlotOutcomes(CompiledMessage message, CompiledSlot slot)
    {
        _policy = message.Policy;
        var notSuppressed = NotSuppressed(message);
        var accepted = NeverRejected(message);
        return SlotOutcomes(slot, notSuppressed).ConvertAll(o =>
        {
            var when = Formula.And(notSuppressed, o.When);
            var sure = Formula.And(when, accepted);
            var isSure = solver.IsSatisfiable([sure]);
            return (new Outcome([(slot.Id, [.. o.Modules.Select(static m => m.Id)])], isSure ? sure : when), isSure);
        });
    }

    /// <summary>What a recipient must satisfy for no condition of the modules the message's slots hold to reject it.</summary>
    private Formula NeverRejected(CompiledMessage message)
    {
        if (_neverRejected is not { } known || known.Message != message)
        {
            var accepted = ReachableSlots([.. message.Body.Slots.Select(static s => s.Id)])
                .SelectMany(static s => s.Candidates.Append(s.Fallback)).Select(static m => m?.Condition).OfType<CompiledCondition>().Distinct()
                .Select(c => translator.Translate(c)).Where(f => solver.IsSatisfiable([Formula.Rejects(f)]))
                .Aggregate(Formula.True, static (all, f) => Formula.And(all, Formula.Not(Formula.Rejects(f))));
            known = (message, accepted);
            _neverRejected = known;
        }

        return known.Accepted;
    }

    /// <summary>Every outcome some recipient gets: none when a component has no outcome (the message is suppressed for everyone, or inactive).</summary>
    public static IEnumerable<Outcome> ReachableOutcomes(IReadOnlyList<Component> components) =>
        NobodyGets(components) ? [] : components.SelectMany(static c => c.Outcomes);

    /// <summary>Whether the message reaches nobody: some group of slots has no outcome, and its search did not stop before finding one.</summary>
    public static bool NobodyGets(IReadOnlyList<Component> components) => components.Any(static c => c.Outcomes.Count == 0 && !c.Truncated);

    /// <summary>Multiplies the components' outcome counts: the number of distinct reachable combinations.</summary>
    public static BigInteger Count(IReadOnlyList<Component> components)
    {
        var count = BigInteger.One;
        foreach (var component in components)
        {
            count *= component.Outcomes.Count;
        }

        return count;
    }

    /// <summary>What a recipient must satisfy for the message not to be suppressed (by its condition or its policy).</summary>
    private Formula NotSuppressed(CompiledMessage message)
    {
        var goes = Formula.And(Formula.Not(message.Suppress is null ? Formula.False : translator.Translate(message.Suppress)), TranslatePolicy(translator, message));

        // The message goes only to recipients who have not opted out of its topic (which conditions reading the field may tell).
        return message.Policy is { OptedOutTopicsField: { } field, Topic: { } topic } && OptedOutOf(field, topic) is Formula.OptOut optOut
            ? Formula.And(goes, Formula.Not(optOut))
            : goes;
    }

    /// <summary>Gets the candidates in the order the slot considers them, leaving out modules inactive at the instant.</summary>
    public IEnumerable<CompiledModule> Candidates(CompiledSlot slot)
    {
        var order = slot.Pick == SlotPick.Best ? slot.Ranked : Enumerable.Range(0, slot.Candidates.Length).ToArray();
        foreach (var index in order)
        {
            var module = slot.Candidates[index];
            if (module.Active is not { } active || active.IsActiveAt(now))
            {
                yield return module;
            }
        }
    }

    /// <summary>When a recipient sees the slot's fallback because it is in a holdout of the message's experiments.</summary>
    private Formula Holdout(CompiledSlot slot) => _policy is null ? Formula.False : Formula.Any(_policy.Experiments
        .Where(e => e.Holdout >= 0 && !e.HoldoutSuppresses && (e.Slots is null || e.Slots.Contains(slot.Id)))
        .Select(e => translator.IsArm(e, e.Arms[e.Holdout])));

    /// <summary>
    /// When the recipient's topic opt-outs rule the candidate out: it has opted out of one of the module's topics other
    /// than the message's (which a recipient the message goes to has not opted out of). One atom per topic
    /// (<see cref="Formula.OptedOutKey"/>), so that modules sharing a topic are ruled out together, as deciding does.
    /// </summary>
    public Formula OptedOut(CompiledModule module) =>
        _policy is { OptedOutTopicsField: { } field } policy && module.Decisioning?.Topics is { Length: > 0 } topics
            ? Formula.Any(topics.Where(t => !string.Equals(t, policy.Topic, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).Select(t => OptedOutOf(field, t)))
            : Formula.False;

    /// <summary>
    /// When the recipient opted out of the topic: its atom, tied to the opt-outs field when conditions read the field (a
    /// recipient whose field is null opted out of nothing, one whose field holds a text opted out of that text's topics).
    /// Opt-outs match topics in any case, so 'Loans' and 'loans' share the atom of the spelling met first.
    /// </summary>
    private Formula OptedOutOf(string field, string topic)
    {
        var key = field + "\u0000" + topic.ToUpperInvariant();
        if (!_optedOut.TryGetValue(key, out var formula))
        {
            var linked = FieldPath.IsMemberName(field) && translator.Domains.ContainsKey(field);
            var atom = new Formula.Opaque(Formula.OptedOutKey(topic, linked ? field : null), $"opted out of '{topic}'");
            formula = linked ? new Formula.OptOut(FieldPath.Field(field), topic, atom, translator.ComparedTexts(field)) : atom;
            _optedOut[key] = formula;
        }

        return formula;
    }

    private CompiledModule? Fallback(CompiledSlot slot) =>
        slot.Fallback is { } fallback && (fallback.Active is not { } active || active.IsActiveAt(now)) ? fallback : null;

    /// <summary>Every slot a message can place: its body's, and those the modules of those slots place, each once.</summary>
    public List<CompiledSlot> ReachableSlots(List<string> bodySlots)
    {
        var result = new List<CompiledSlot>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(bodySlots);
        while (pending.TryDequeue(out var id))
        {
            if (!seen.Add(id) || !runtime.Slots.TryGetValue(id, out var slot))
            {
                continue;
            }

            result.Add(slot);
            foreach (var module in slot.Candidates.Append(slot.Fallback))
            {
                foreach (var use in module?.SlotUses ?? [])
                {
                    pending.Enqueue(use.Id);
                }
            }
        }

        return result;
    }

    /// <summary>Depth-first over the pending slots; returns false when the outcome budget ran out.</summary>
    private bool Search(Formula condition, List<string> pending, List<(string SlotId, string[] ModuleIds)> decided, List<Outcome> outcomes)
    {
        var index = 0;
        while (index < pending.Count && decided.Exists(d => d.SlotId == pending[index]))
        {
            index++;
        }

        if (index == pending.Count)
        {
            if (--_budget < 0)
            {
                return false;
            }

            outcomes.Add(new Outcome([.. decided], condition));
            return true;
        }

        var slot = runtime.Slots[pending[index]];
        var rest = pending.Skip(index + 1).ToList();
        var found = SlotOutcomes(slot, condition, out var stopped);
        foreach (var (modules, when) in found)
        {
            var next = new List<string>(rest);
            foreach (var module in modules)
            {
                next.AddRange(module.SlotUses.Select(static u => u.Id));
            }

            decided.Add((slot.Id, [.. modules.Select(static m => m.Id)]));
            var ok = Search(Formula.And(condition, when), next, decided, outcomes);
            decided.RemoveAt(decided.Count - 1);
            if (!ok)
            {
                return false;
            }
        }

        // The slot's outcomes found before the work limit are recorded (where they need no more questions): then it stops.
        return stopped ? throw new SolverLimitException() : true;
    }

    /// <summary>Every distinct module list the slot can produce under <paramref name="context"/>, with the condition for each.</summary>
    /// <exception cref="SolverLimitException">The work limit was reached.</exception>
    public List<(List<CompiledModule> Modules, Formula When)> SlotOutcomes(CompiledSlot slot, Formula context)
    {
        var outcomes = SlotOutcomes(slot, context, out var stopped);
        return stopped ? throw new SolverLimitException() : outcomes;
    }

    /// <summary>
    /// Every distinct module list the slot can produce under <paramref name="context"/>, with the condition for each; or,
    /// when the work limit is reached after some were found (<paramref name="stopped"/>), those (each truly reachable, its
    /// condition perhaps narrower than all the ways to it), so that a search stopped in a slot of thousands of candidates
    /// still reports what it found.
    /// </summary>
    /// <exception cref="SolverLimitException">The work limit was reached before any was found.</exception>
    private List<(List<CompiledModule> Modules, Formula When)> SlotOutcomes(CompiledSlot slot, Formula context, out bool stopped)
    {
        var candidates = Candidates(slot).ToArray();
        var fallback = Fallback(slot);
        var raw = new List<(List<CompiledModule> Modules, Formula When)>();
        var holdout = Holdout(slot);
        // A fallback about a topic the recipient opted out of is ruled out as a candidate is: the slot then stays empty.
        var fallbackOptedOut = fallback is null ? Formula.False : OptedOut(fallback);
        void Empty(Formula path)
        {
            if (fallback is null || fallbackOptedOut == Formula.False)
            {
                raw.Add((fallback is null ? [] : [fallback], path));
                return;
            }

            // The path holds for some recipient: when the fallback cannot be shown on it, it is withheld on all of it.
            var shown = Formula.And(path, Formula.Not(fallbackOptedOut));
            var withheld = Formula.And(path, fallbackOptedOut);
            if (!solver.IsSatisfiable([context, shown]))
            {
                raw.Add(([], withheld));
                return;
            }

            raw.Add(([fallback], shown));
            if (solver.IsSatisfiable([context, withheld]))
            {
                raw.Add(([], withheld));
            }
        }

        // A scored slot looks at every candidate: its eligible ones may then come in any order of score.
        var scored = IsScored(runtime, slot);
        var runs = scored || !UseEqualityRuns ? null : EqualityRuns(candidates);
        void Walk(int i, List<CompiledModule> chosen, Formula path)
        {
            if (runs is not null && chosen.Count == slot.Count - 1 && runs[i].End - i >= MinimumRun && WalkRun(i, runs, candidates, chosen, path, context, Walk))
            {
                return;
            }

            if ((!scored && chosen.Count == slot.Count) || i == candidates.Length)
            {
                foreach (var ranked in scored ? Rankings(slot, chosen) : [new List<CompiledModule>(chosen)])
                {
                    if (ranked.Count == 0)
                    {
                        Empty(path);
                    }
                    else
                    {
                        raw.Add((ranked, path));
                    }
                }

                return;
            }

            // Deciding rules out a candidate of a topic the recipient opted out of before it reads the candidate's condition.
            var module = candidates[i];
            var condition = translator.Translate(module.Condition);
            var optedOut = OptedOut(module);
            var eligible = Formula.And(path, Formula.And(Formula.Not(optedOut), condition));
            if (solver.IsSatisfiable([context, eligible]))
            {
                chosen.Add(module);
                Walk(i + 1, chosen, eligible);
                chosen.RemoveAt(chosen.Count - 1);
            }

            var ineligible = Formula.And(path, Formula.Or(optedOut, Formula.Not(condition)));
            if (solver.IsSatisfiable([context, ineligible]))
            {
                Walk(i + 1, chosen, ineligible);
            }
        }

        stopped = false;
        try
        {
            if (holdout != Formula.False && solver.IsSatisfiable([context, holdout]))
            {
                Empty(holdout);
            }

            Walk(0, [], Formula.Not(holdout));
        }
        catch (SolverLimitException) when (raw.Count > 0)
        {
            stopped = true;
        }

        // Different paths can give the same modules (a fallback that is also a candidate): one outcome, either path.
        return [.. raw.GroupBy(static o => string.Join('\u0000', o.Modules.Select(static m => m.Id)), StringComparer.Ordinal)
            .Select(static g => (g.First().Modules, Formula.Any(g.Select(static o => o.When))))];
    }

    /// <summary>
    /// For each candidate whose condition tests a top-level field against a constant (<see cref="ConditionTranslator.IsEqualityAtom"/>)
    /// and who is about no topic a recipient may opt out of: the field, the constant, and the end of the run of such
    /// candidates on the same field from it on (itself when it is none).
    /// </summary>
    private (string? Field, object? Constant, int End)[] EqualityRuns(CompiledModule[] candidates)
    {
        var runs = new (string? Field, object? Constant, int End)[candidates.Length + 1];
        runs[candidates.Length] = (null, null, candidates.Length);
        for (var i = candidates.Length - 1; i >= 0; i--)
        {
            if (OptedOut(candidates[i]) != Formula.False || !translator.IsEqualityAtom(translator.Translate(candidates[i].Condition), out var field, out var constant))
            {
                runs[i] = (null, null, i);
                continue;
            }

            runs[i] = (field, constant, string.Equals(runs[i + 1].Field, field, StringComparison.Ordinal) ? runs[i + 1].End : i + 1);
        }

        return runs;
    }

    /// <summary>
    /// Walks a run of candidates testing one field against constants (see <see cref="EqualityRuns"/>) when one more module
    /// fills the slot and nothing before reads the field: then a recipient's value of the field makes at most the first
    /// candidate of the run with that constant eligible, so the outcomes are each candidate whose constant no earlier one
    /// of the run has (when the path so far holds for some recipient), then none of them (the field missing, or another
    /// value). Without a solver question per candidate, each as long as the run so far (the run's square in all). The
    /// paths are written short: <c>path &amp;&amp; field == k</c> for a candidate (its constant differs from those ahead of
    /// it, which are then false), <c>path &amp;&amp;</c> <see cref="Formula.NoneOf"/> for none; as the conditions of a
    /// field the paths are otherwise built of, each comes to what the walk's conjunction would under any values, set or
    /// not, so the solver answers and finds witnesses alike. False when the shortcut does not apply.
    /// </summary>
    private bool WalkRun(int i, (string? Field, object? Constant, int End)[] runs, CompiledModule[] candidates, List<CompiledModule> chosen, Formula path, Formula context, Action<int, List<CompiledModule>, Formula> walk)
    {
        var field = runs[i].Field!;
        var variables = new HashSet<string>(StringComparer.Ordinal);
        context.CollectVariables(variables);
        path.CollectVariables(variables);
        if (variables.Contains(field))
        {
            return false;
        }

        // The field is free and can hold each constant or be missing (see IsEqualityAtom): every branch below holds for some recipient, or none does.
        if (!solver.IsSatisfiable([context, path]))
        {
            return true;
        }

        var taken = new HashSet<object>();
        for (var j = i; j < runs[i].End; j++)
        {
            if (taken.Add(runs[j].Constant!))
            {
                chosen.Add(candidates[j]);
                walk(j + 1, chosen, Formula.And(path, translator.Translate(candidates[j].Condition)));
                chosen.RemoveAt(chosen.Count - 1);
            }
        }

        walk(runs[i].End, chosen, Formula.And(path, new Formula.NoneOf(FieldPath.Field(field), taken)));
        return true;
    }

    /// <summary>
    /// Every module list a scored slot can choose from its eligible candidates (in rank order): the scored ones in any
    /// order (every one when a score provider is set, which can score any module), then the unscored ones by rank.
    /// </summary>
    private IEnumerable<List<CompiledModule>> Rankings(CompiledSlot slot, List<CompiledModule> eligible)
    {
        var provider = runtime.Options.ScoreProvider is not null;
        var free = eligible.Where(m => provider || m.Decisioning?.Score is not null).ToList();
        var unscored = eligible.Where(m => !free.Contains(m)).ToList();
        var take = Math.Min(slot.Count, eligible.Count);
        return Arrangements(free, Math.Min(take, free.Count)).Select(first => first.Concat(unscored).Take(take).ToList());
    }

    /// <summary>Every ordered choice of <paramref name="k"/> distinct items.</summary>
    private static IEnumerable<List<CompiledModule>> Arrangements(List<CompiledModule> items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = new List<CompiledModule>(items);
            rest.RemoveAt(i);
            foreach (var tail in Arrangements(rest, k - 1))
            {
                tail.Insert(0, items[i]);
                yield return tail;
            }
        }
    }
}
