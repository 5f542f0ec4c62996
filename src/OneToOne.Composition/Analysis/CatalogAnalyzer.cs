using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Analysis;

/// <summary>Analyses a compiled catalog's decision logic: counts, unreachable and unused definitions, empty slots, overlaps, translations.</summary>
internal sealed class CatalogAnalyzer
{
    private readonly CatalogRuntime _runtime;
    private readonly CatalogDocument _document;
    private readonly ConditionTranslator _translator;
    private readonly Dictionary<string, IReadOnlyList<Component>> _explored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<(Outcome Outcome, bool Sure)> Outcomes, IReadOnlySet<string> Unjudged)> _slotBySlot = new(StringComparer.Ordinal);
    private Solver? _solver;

    public CatalogAnalyzer(CatalogRuntime runtime, CatalogDocument document)
    {
        _runtime = runtime;
        _document = document;
        Now = runtime.Options.TimeProvider.GetUtcNow();
        _translator = new ConditionTranslator(runtime.Segments, runtime.Experiments, runtime.DefaultCulture.Name);

        // Translate every condition first, so each field's representative values know every constant.
        foreach (var condition in runtime.Modules.Select(static m => m.Condition).Concat(runtime.Messages.Values.Select(static m => m.Suppress)))
        {
            _translator.Translate(condition);
        }

        foreach (var message in runtime.Messages.Values)
        {
            MessageExplorer.TranslatePolicy(_translator, message);
        }

        _translator.Seal();
    }

    /// <summary>Gets or sets the instant effective dates are judged at; may move to any instant with the same <see cref="ActivityKey"/> (the explorations stay valid).</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Which dated modules and messages are active at an instant: two instants with the same key give the same analysis.</summary>
    public static string ActivityKey(CatalogRuntime runtime, DateTimeOffset now) => string.Concat(
        runtime.Modules.Select(static m => m.Active).Concat(runtime.Messages.Values.Select(static m => m.Active))
            .Where(static w => w is not null).Select(w => w!.IsActiveAt(now) ? '1' : '0'));

    /// <summary>Explores a message once; later calls reuse the outcomes.</summary>
    public IReadOnlyList<Component> Explore(CompiledMessage message)
    {
        if (!_explored.TryGetValue(message.Id, out var components))
        {
            components = Explorer().Explore(message);
            _explored.Add(message.Id, components);
        }

        return components;
    }

    public Solver Solver => _solver ??= new Solver(_translator.Domains);

    public ConditionTranslator Translator => _translator;

    /// <summary>Gets the most solver work the search of one group of slots may take.</summary>
    public long WorkLimit { get; init; } = MessageExplorer.MaxWork;

    /// <summary>
    /// Gets whether candidates testing one field against constants (<see cref="ConditionTranslator.IsEqualityAtom"/>) are
    /// judged without a solver question per candidate or pair (see <see cref="MessageExplorer.UseEqualityRuns"/>); off only
    /// to check that both ways come to the same analysis.
    /// </summary>
    public bool UseEqualityRuns { get; init; } = true;

    public MessageExplorer Explorer() => new(_runtime, _translator, Solver, Now, WorkLimit) { UseEqualityRuns = UseEqualityRuns };

    /// <summary>Whether the shortcuts for equality atoms are on and the formula is one (see <see cref="ConditionTranslator.IsEqualityAtom"/>): it never rejects.</summary>
    private bool IsEqualityAtom(Formula formula, out string? field, out object? constant)
    {
        field = null;
        constant = null;
        return UseEqualityRuns && _translator.IsEqualityAtom(formula, out field, out constant);
    }

    public CatalogAnalysis Analyze(string? messageId)
    {
        var messages = messageId is null ? [.. _runtime.MessageIds.Select(id => _runtime.Messages[id])] : new List<CompiledMessage> { _runtime.GetMessage(messageId) };
        var bag = new DiagnosticBag();
        var results = new List<MessageAnalysis>();
        var chosen = new HashSet<(string Slot, string Module)>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var empty = new Dictionary<string, Assignment>(StringComparer.Ordinal);
        var unjudged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var components = Explore(message);
            var modules = new HashSet<string>(StringComparer.Ordinal);
            // The body's slots are judged when some recipient surely gets the message: each group of slots has an outcome
            // (the outcomes found are real), or a slot decided on its own has a sure one. An outcome of a slot decided on
            // its own that is not sure only keeps its modules from being reported unreachable.
            var (bySlot, notJudged) = SlotBySlot(message);
            unjudged.UnionWith(notJudged);
            if (components.All(static c => c.Outcomes.Count > 0) || bySlot.Any(static o => o.Sure))
            {
                placed.UnionWith(message.Body.Slots.Select(static s => s.Id).Where(_runtime.Slots.ContainsKey));
            }

            foreach (var (outcome, sure) in MessageExplorer.ReachableOutcomes(components).Select(static o => (o, true)).Concat(bySlot))
            {
                foreach (var (slot, ids) in outcome.Slots)
                {
                    chosen.UnionWith(ids.Select(id => (slot, id)));
                    if (!sure)
                    {
                        continue;
                    }

                    placed.Add(slot);
                    modules.UnionWith(ids);
                    if (ids.Length == 0 && !empty.ContainsKey(slot))
                    {
                        empty[slot] = Solver.Solve([outcome.Condition]) ?? Assignment.Empty;
                    }
                }
            }

            var inactive = message.Active is { } active && !active.IsActiveAt(Now) ? active.Describe() : null;
            if (inactive is not null && message.Location is { } location)
            {
                bag.Warning(DiagnosticCodes.Inactive, location, $"Message '{message.Id}' is {inactive} ({Instant}), so nobody gets it. Check its 'active:' dates.");
            }
            else if (inactive is null)
            {
                ReportSuppressedForEveryone(bag, message);
            }

            results.Add(new MessageAnalysis(
                message.Id,
                MessageExplorer.Count(components),
                !components.Any(static c => c.Truncated),
                [.. _runtime.Modules.Select(static m => m.Id).Where(modules.Contains)],
                UndecidableParts(message),
                inactive));
        }

        var whole = messageId is null;
        ReportSlots(bag, placed, chosen, empty, unjudged);
        if (whole)
        {
            ReportUnused(bag);
        }

        ReportOverlaps(bag, placed);
        ReportTranslations(bag, messages, [.. results.SelectMany(static r => r.ReachableModules)]);
        ReportInactiveModules(bag);
        ReportMixedTypes(bag);
        ReportRejectingConditions(bag, messages);
        return new CatalogAnalysis(Now, results, bag.ToSortedList());
    }

    private string Instant => Now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private List<string> UndecidableParts(CompiledMessage message)
    {
        var slots = Explorer().ReachableSlots([.. message.Body.Slots.Select(static s => s.Id)]);
        var conditions = slots.SelectMany(static s => s.Candidates).Select(static m => m.Condition).Prepend(message.Suppress)
            .Concat(message.Policy?.SuppressRules.Select(static r => r.Condition) ?? [])
            .Concat(message.Policy?.Consent.Values.Where(c => message.Policy.Channels.Contains(c.Channel)).Select(static c => c.Condition) ?? []);
        var parts = new List<string>();
        foreach (var condition in conditions)
        {
            // Opaque atoms are the variables whose key starts with U+0001 (segments included, as they are expanded).
            var variables = new HashSet<string>(StringComparer.Ordinal);
            _translator.Translate(condition).CollectVariables(variables);
            foreach (var part in variables.Where(static v => v[0] == '\u0001').Select(static v => v[1..]).Order(StringComparer.Ordinal))
            {
                if (!parts.Contains(part))
                {
                    parts.Add(part);
                }
            }
        }

        parts.AddRange(UndecidedPolicy(message, slots));
        return parts;
    }

    /// <summary>The decisioning a message depends on that the analysis cannot know (scores, opt-outs, contact history), as free choices.</summary>
    private IEnumerable<string> UndecidedPolicy(CompiledMessage message, List<CompiledSlot> slots)
    {
        foreach (var slot in slots.Where(s => MessageExplorer.IsScored(_runtime, s)))
        {
            yield return $"scores in slot '{slot.Id}' (any eligible scored candidate may rank first)";
        }

        if (message.Policy is not { } policy)
        {
            yield break;
        }

        if (policy.OptedOutTopicsField is { } field)
        {
            if (policy.Topic is { } topic)
            {
                yield return $"opt-out of topic '{topic}' ({field})";
            }

            var tagged = slots.SelectMany(static s => s.Candidates).Distinct()
                .Where(m => m.Decisioning?.Topics is { Length: > 0 } topics && Array.Exists(topics, t => !string.Equals(t, policy.Topic, StringComparison.OrdinalIgnoreCase))).Select(static m => $"'{m.Id}'").ToList();
            if (tagged.Count > 0)
            {
                yield return $"topic opt-outs ({field}) of {string.Join(", ", tagged)}";
            }
        }

        if (policy.Caps.Length > 0)
        {
            yield return "frequency caps (contact history)";
        }
    }

    /// <summary>
    /// For each group of slots whose search stopped at its limit, so that its outcomes may be incomplete: the outcomes of
    /// each of its body's slots decided on its own, none missing, each with whether the message surely reaches a recipient
    /// who gets it (see <see cref="MessageExplorer.BodySlotOutcomes"/>); and the slots whose modules the findings do not
    /// judge: slots nested in modules, and a body slot whose own question reached the limit. Worked out once per message
    /// (the analysis and its personas share it).
    /// </summary>
    public (IReadOnlyList<(Outcome Outcome, bool Sure)> Outcomes, IReadOnlySet<string> Unjudged) SlotBySlot(CompiledMessage message)
    {
        if (_slotBySlot.TryGetValue(message.Id, out var known))
        {
            return known;
        }

        var components = Explore(message);
        var all = new List<(Outcome Outcome, bool Sure)>();
        var unjudged = new HashSet<string>(StringComparer.Ordinal);
        if (!MessageExplorer.NobodyGets(components))
        {
            var explorer = Explorer();
            foreach (var id in components.Where(static c => c.Truncated).SelectMany(static c => c.SlotIds))
            {
                List<(Outcome Outcome, bool Sure)> outcomes = [];
                if (!message.Body.Slots.Any(s => s.Id == id) || !Solver.TryWithin(MessageExplorer.MaxWork, () => outcomes = explorer.BodySlotOutcomes(message, _runtime.Slots[id])))
                {
                    unjudged.Add(id);
                    continue;
                }

                all.AddRange(outcomes);
            }
        }

        known = (all, unjudged);
        _slotBySlot.Add(message.Id, known);
        return known;
    }

    private void ReportSlots(DiagnosticBag bag, HashSet<string> placed, HashSet<(string Slot, string Module)> chosen, Dictionary<string, Assignment> empty, HashSet<string> unjudged)
    {
        var explorer = Explorer();
        foreach (var definition in _document.Slots)
        {
            if (!placed.Contains(definition.Id) || !_runtime.Slots.TryGetValue(definition.Id, out var slot))
            {
                continue;
            }

            if (empty.TryGetValue(definition.Id, out var witness))
            {
                bag.Warning(DiagnosticCodes.EmptySlot, definition.Location, slot.Fallback switch
                {
                    { Active: { } window } fallback when !window.IsActiveAt(Now) =>
                        $"Slot '{definition.Id}' can come out empty: no candidate is eligible for {SuchAs(witness)}, and its fallback '{fallback.Id}' is {window.Describe()} ({Instant}). Extend its 'active:' dates, or add an unconditional candidate last.",
                    { } fallback =>
                        $"Slot '{definition.Id}' can come out empty: no candidate is eligible for {SuchAs(witness)}, who opted out of a topic of its fallback '{fallback.Id}'. Give the slot a fallback about no topic, or add an unconditional candidate last.",
                    _ => $"Slot '{definition.Id}' can come out empty: no candidate is eligible for {SuchAs(witness)}, and it has no fallback. Add 'fallback: some-module' or an unconditional candidate last.",
                });
            }

            if (unjudged.Contains(definition.Id))
            {
                continue;
            }

            var active = explorer.Candidates(slot).ToList();
            foreach (var module in slot.Candidates.Append(slot.Fallback))
            {
                if (module is null || chosen.Contains((slot.Id, module.Id)) || !active.Contains(module) && module != slot.Fallback)
                {
                    continue;
                }

                if (module == slot.Fallback && (module.Active is { } window && !window.IsActiveAt(Now)))
                {
                    continue;
                }

                var location = definition.From.FirstOrDefault(r => r.Id == module.Id)?.Location
                    ?? (module == slot.Fallback ? definition.Fallback?.Location : definition.Tag?.Location) ?? definition.Location;
                bag.Warning(DiagnosticCodes.UnreachableModule, location, $"Module '{module.Id}' can never be chosen in slot '{slot.Id}': {WhyUnreachable(slot, module, active)}.");
            }
        }
    }

    private string WhyUnreachable(CompiledSlot slot, CompiledModule module, List<CompiledModule> active)
    {
        if (module == slot.Fallback && !slot.Candidates.Contains(module))
        {
            return "some candidate is always eligible, so the fallback is never needed. Remove the fallback or make the candidates conditional";
        }

        var condition = _translator.Translate(module.Condition);
        if (!Solver.IsSatisfiable([condition]))
        {
            return $"its condition '{module.Condition?.Text}' can never be true. Fix the condition";
        }

        if (MessageExplorer.IsScored(_runtime, slot))
        {
            // Scored candidates rank before unscored ones; among themselves any order is possible.
            var scoredAlways = active.Where(m => m != module && m.Condition is null && m.Decisioning?.Score is not null && m.Decisioning.Topics.Length == 0).ToList();
            return _runtime.Options.ScoreProvider is null && module.Decisioning?.Score is null && scoredAlways.Count >= slot.Count
                ? $"{string.Join(", ", scoredAlways.Select(static m => $"'{m.Id}'"))} {(scoredAlways.Count == 1 ? "has" : "have")} a score and no condition, and scored candidates rank before unscored ones, so they fill the slot ({slot.Count}). Give it a 'score:' or add conditions to them"
                : "no reachable recipient satisfies its condition together with the message's other rules";
        }

        var ahead = active.TakeWhile(m => m != module).ToList();
        var unconditional = ahead.Where(static m => m.Condition is null).ToList();
        if (unconditional.Count >= slot.Count)
        {
            var names = string.Join(", ", unconditional.Take(slot.Count).Select(static m => $"'{m.Id}'"));
            return slot.Pick == SlotPick.Best
                ? $"{names} {(unconditional.Count == 1 ? "has" : "have")} no condition and a higher rank, and fill the slot ({slot.Count}). Raise its priority or add conditions to them"
                : $"it comes after {names}, which {(unconditional.Count == 1 ? "has" : "have")} no condition and fill{(unconditional.Count == 1 ? "s" : string.Empty)} the slot. Move it earlier in 'from' or give {names} a condition";
        }

        // A condition that tests a field against a constant never rejects: leaving it out of the question asks the same (and a feed's thousands are not profiled).
        var conditions = ahead.ConvertAll(m => _translator.Translate(m.Condition));
        if (ahead.Count > 0 && !Solver.IsSatisfiable([condition, .. conditions.Where(c => !IsEqualityAtom(c, out _, out _)).Select(static c => Formula.Not(Formula.Rejects(c)))]))
        {
            var failing = ahead.Where((m, i) => Solver.IsSatisfiable([condition, Formula.Rejects(conditions[i])])).Select(static m => $"'{m.Id}' ({m.Condition!.Text})").ToList();
            return $"whenever its condition '{module.Condition?.Text}' holds, a condition ahead of it fails in Scriban, which rejects the recipient, unless the candidates ahead fill the slot first: {string.Join(", ", failing)} {(failing.Count == 1 ? "reads" : "read")} a member of a missing field (or compares an object with a number) for such a recipient. Test the field before reading its member (for example 'address != null && address.country == \"DE\"'), or move this module earlier";
        }

        return ahead.Count == 0
            ? "no reachable recipient satisfies its condition together with the message's other rules"
            : $"whenever its condition '{module.Condition?.Text}' holds, the candidates ahead of it ({string.Join(", ", ahead.Select(static m => $"'{m.Id}'"))}) already fill the slot. Move it earlier or narrow the conditions ahead of it";
    }

    private void ReportUnused(DiagnosticBag bag)
    {
        var inSlots = _runtime.Slots.Values.SelectMany(static s => s.Candidates.Append(s.Fallback)).Where(static m => m is not null).Select(static m => m!.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var module in _document.Modules.Where(m => !inSlots.Contains(m.Id)))
        {
            bag.Warning(DiagnosticCodes.UnusedModule, module.Location,
                $"Module '{module.Id}' is in no slot's 'from' and no fallback, so no message can use it. Add it to a slot, or delete it.");
        }

        var placedAnywhere = _runtime.Messages.Values.SelectMany(static m => m.Body.Slots)
            .Concat(_runtime.Modules.SelectMany(static m => m.SlotUses)).Select(static u => u.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var slot in _document.Slots.Where(s => !placedAnywhere.Contains(s.Id)))
        {
            bag.Warning(DiagnosticCodes.UnusedSlot, slot.Location,
                $"Slot '{slot.Id}' is placed by no message body and no module. Place it with '{{{{ slot \"{slot.Id}\" }}}}', or delete it.");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var conditions = _runtime.Segments.Values.Select(static s => s.Condition)
            .Concat(_runtime.Modules.Select(static m => m.Condition))
            .Concat(_runtime.Messages.Values.Select(static m => m.Suppress));
        foreach (var condition in conditions)
        {
            used.UnionWith(condition?.Segments ?? []);
        }

        var templates = _runtime.Modules.SelectMany(static m => new[] { m.Content, m.Html, m.Text, m.Print }.Concat(m.LocaleVariants.Values.SelectMany(static v => new[] { v.Content, v.Html, v.Text, v.Print })))
            .Concat(_runtime.Messages.Values.SelectMany(static m => new[] { m.Subject, m.Body, m.Email?.Layout, m.Email?.Preheader, m.Email?.ToName, m.Email?.Unsubscribe, m.WebLayout, m.Print?.Address }.Concat(m.LocaleTemplates)));
        foreach (var template in templates)
        {
            if (template is not null)
            {
                // What the compiler's walk found: a catalog of thousands of modules in several languages has tens of
                // thousands of templates, which were walked here a second time.
                used.UnionWith(template.Segments);
            }
        }

        foreach (var segment in _document.Segments.Where(s => !used.Contains(s.Id)))
        {
            bag.Warning(DiagnosticCodes.UnusedSegment, segment.Location,
                $"Segment '{segment.Id}' is read by no condition and no template. Use it as 'segment.{segment.Id}', or delete it.");
        }
    }

    private void ReportOverlaps(DiagnosticBag bag, HashSet<string> placed)
    {
        foreach (var definition in _document.Slots)
        {
            if (!placed.Contains(definition.Id) || !_runtime.Slots.TryGetValue(definition.Id, out var slot) || slot.Pick == SlotPick.All || MessageExplorer.IsScored(_runtime, slot))
            {
                continue;
            }

            // Every pair of conditional candidates, within the work limit (the pairs grow with the square of the candidates).
            // Two that test the same field against different constants are never both eligible: those pairs are passed over.
            var candidates = slot.Candidates.Where(static m => m.Condition is not null).ToList();
            var checkedPairs = 0L;
            var finished = Solver.TryWithin(WorkLimit, () =>
            {
                var pairs = OverlapCandidates(candidates);
                for (var i = 0; i < candidates.Count; i++)
                {
                    var before = checkedPairs;
                    foreach (var j in pairs(i))
                    {
                        checkedPairs = before + (j - i - 1);
                        ReportOverlap(bag, definition, slot, candidates[i], candidates[j]);
                    }

                    checkedPairs = before + (candidates.Count - i - 1);
                }
            });
            if (!finished)
            {
                var pairs = (long)candidates.Count * (candidates.Count - 1) / 2;
                bag.Warning(DiagnosticCodes.OverlappingConditions, definition.Location,
                    $"Slot '{slot.Id}' has {candidates.Count:N0} candidates with conditions: the overlap check stopped at its work limit after {checkedPairs:N0} of their {pairs:N0} pairs, so overlaps among the rest are not reported. Split it into slots of fewer candidates to have every pair checked.");
            }
        }
    }

    /// <summary>
    /// For each candidate, ascending, the later ones that may be eligible with it: all of them, but that a candidate testing
    /// a field against a constant (<see cref="ConditionTranslator.IsEqualityAtom"/>) skips those testing the same field
    /// against another constant, which no recipient satisfies together with it.
    /// </summary>
    private Func<int, IEnumerable<int>> OverlapCandidates(List<CompiledModule> candidates)
    {
        var atoms = candidates.ConvertAll(m => IsEqualityAtom(_translator.Translate(m.Condition), out var field, out var constant) ? (field, constant) : default);
        var sameAtom = new Dictionary<(string, object), List<int>>();
        var notOnField = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var field in atoms.Select(static a => a.field).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            notOnField[field] = [.. Enumerable.Range(0, candidates.Count).Where(j => !string.Equals(atoms[j].field, field, StringComparison.Ordinal))];
        }

        for (var j = 0; j < candidates.Count; j++)
        {
            if (atoms[j] is (string field, object constant))
            {
                if (!sameAtom.TryGetValue((field, constant), out var same))
                {
                    sameAtom.Add((field, constant), same = []);
                }

                same.Add(j);
            }
        }

        return i => atoms[i] is (string field, object constant)
            ? Merge(notOnField[field], sameAtom[(field, constant)]).Where(j => j > i)
            : Enumerable.Range(i + 1, candidates.Count - i - 1);
    }

    /// <summary>Two ascending lists of distinct indexes as one ascending sequence.</summary>
    private static IEnumerable<int> Merge(List<int> a, List<int> b)
    {
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            yield return y == b.Count || (x < a.Count && a[x] < b[y]) ? a[x++] : b[y++];
        }
    }

    /// <summary>Reports two candidates of a slot that can both be eligible, when that is worth a look.</summary>
    private void ReportOverlap(DiagnosticBag bag, SlotDefinition definition, CompiledSlot slot, CompiledModule a, CompiledModule b)
    {
        var ca = _translator.Translate(a.Condition);
        var cb = _translator.Translate(b.Condition);
        if (Solver.Solve([ca, cb]) is not { } both)
        {
            return;
        }

        var location = definition.From.FirstOrDefault(r => r.Id == b.Id)?.Location ?? definition.Location;
        if (slot.Pick == SlotPick.Best && a.Priority == b.Priority)
        {
            bag.Warning(DiagnosticCodes.OverlappingConditions, location,
                $"Modules '{a.Id}' and '{b.Id}' in slot '{slot.Id}' can both be eligible (for example {Describe(both)}) with the same priority {a.Priority.ToString(CultureInfo.InvariantCulture)}, so only their order in 'from' decides. Give one a higher priority if that is not intended.");
        }
        else if (slot.Pick == SlotPick.First && Solver.IsSatisfiable([ca, Formula.Not(cb)]) && Solver.IsSatisfiable([cb, Formula.Not(ca)]))
        {
            // A specific condition ahead of a general one is the usual pattern; only partial overlaps are worth a look.
            bag.Warning(DiagnosticCodes.OverlappingConditions, location,
                $"Modules '{a.Id}' ({a.Condition!.Text}) and '{b.Id}' ({b.Condition!.Text}) in slot '{slot.Id}' overlap: {SuchAs(both)} qualifies for both and gets '{a.Id}' because it comes first. Check that the order is intended.");
        }
    }

    private void ReportTranslations(DiagnosticBag bag, List<CompiledMessage> messages, HashSet<string> reachable)
    {
        var locales = _runtime.Modules.SelectMany(static m => m.LocaleVariants.Keys)
            .Concat(messages.SelectMany(static m => m.SubjectVariants.Keys.Concat(m.PreheaderVariants.Keys)))
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(static l => CultureInfo.GetCultureInfo(l)).ToList();
        if (locales.Count == 0)
        {
            return;
        }

        var defaultLanguage = _runtime.DefaultCulture.TwoLetterISOLanguageName;

        // A locale whose parent is also a target is covered by the parent's report.
        var targets = locales.Where(l => l.TwoLetterISOLanguageName != defaultLanguage && !locales.Exists(p => p.Name == l.Parent.Name)).ToList();
        foreach (var message in messages)
        {
            var missingSubject = targets.Where(l => message.Subject is not null && ReferenceEquals(message.SubjectFor(l), message.Subject)).Select(static l => l.Name).ToList();
            if (missingSubject.Count > 0 && message.Location is { } location)
            {
                bag.Warning(DiagnosticCodes.MissingTranslation, location,
                    $"Message '{message.Id}' has no subject for {string.Join(", ", missingSubject)}: those recipients get the default subject. Add 'locales: {{ {missingSubject[0]}: {{ subject: \"…\" }} }}'.");
            }

            var missingPreheader = targets.Where(l => message.Email?.Preheader is not null && ReferenceEquals(message.PreheaderFor(l), message.Email.Preheader)).Select(static l => l.Name).ToList();
            if (missingPreheader.Count > 0 && message.Location is { } at)
            {
                bag.Warning(DiagnosticCodes.MissingTranslation, at,
                    $"Message '{message.Id}' has no email preheader for {string.Join(", ", missingPreheader)}: those recipients see the default preheader beside the subject in their inbox. Add 'locales: {{ {missingPreheader[0]}: {{ preheader: \"…\" }} }}'.");
            }
        }

        foreach (var module in _runtime.Modules.Where(m => reachable.Contains(m.Id)))
        {
            var missing = targets.Where(l => ReferenceEquals(module.ForCulture(l), module)).Select(static l => l.Name).ToList();
            if (missing.Count > 0)
            {
                bag.Warning(DiagnosticCodes.MissingTranslation, module.Location,
                    $"Module '{module.Id}' has no text for {string.Join(", ", missing)}: recipients with {(missing.Count == 1 ? "that locale" : "those locales")} get its default text. Add 'locales: {{ {missing[0]}: \"…\" }}'.");
            }
        }
    }

    /// <summary>Warns when no recipient gets the message past its suppress rules and policy, pointing at the rule that does it.</summary>
    private void ReportSuppressedForEveryone(DiagnosticBag bag, CompiledMessage message)
    {
        var suppress = message.Suppress is null ? Formula.False : _translator.Translate(message.Suppress);
        if (Solver.IsSatisfiable([Formula.Not(suppress), MessageExplorer.TranslatePolicy(_translator, message)]))
        {
            return;
        }

        const string Advice = "Narrow the condition so it is false for the recipients who should get the message, or delete the message.";
        if (message.Suppress is { } condition && !Solver.IsSatisfiable([Formula.Not(suppress)]))
        {
            bag.Warning(DiagnosticCodes.SuppressedForEveryone, condition.Location,
                $"Message '{message.Id}' is suppressed for every recipient: its suppress condition '{condition.Text}' is always true, so nobody gets it. {Advice}");
            return;
        }

        var rule = message.Policy?.SuppressRules.FirstOrDefault(r => !Solver.IsSatisfiable([Formula.Not(_translator.Translate(r.Condition))]));
        if (rule is not null)
        {
            bag.Warning(DiagnosticCodes.SuppressedForEveryone, rule.Condition.Location,
                $"Message '{message.Id}' is suppressed for every recipient: its suppress rule '{rule.Name}' ({rule.Condition.Text}) is always true, so nobody gets it. {Advice}");
            return;
        }

        if ((message.Suppress?.Location ?? message.Location) is { } location)
        {
            bag.Warning(DiagnosticCodes.SuppressedForEveryone, location, $"Message '{message.Id}' is suppressed for every recipient: its suppress rules, holdouts and consent together leave nobody it may go to. Check that every recipient who should get it passes all of them (and has consent for one of its channels).");
        }
    }

    private void ReportInactiveModules(DiagnosticBag bag)
    {
        foreach (var module in _runtime.Modules)
        {
            if (module.Active is { } active && !active.IsActiveAt(Now))
            {
                bag.Warning(DiagnosticCodes.Inactive, active.Location,
                    $"Module '{module.Id}' is {active.Describe()} ({Instant}): no slot chooses it now. This is expected for a scheduled module; delete it once it has expired.");
            }
        }
    }

    /// <summary>
    /// Warns at each condition the messages evaluate (their suppress conditions and rules, their slots' candidates) that
    /// rejects some recipient rather than coming to true or false, with such a recipient: deciding fails for every one
    /// like it, wherever the condition is reached.
    /// </summary>
    private void ReportRejectingConditions(DiagnosticBag bag, List<CompiledMessage> messages)
    {
        var conditions = messages.SelectMany(message => Explorer().ReachableSlots([.. message.Body.Slots.Select(static s => s.Id)])
                .SelectMany(static s => s.Candidates.Append(s.Fallback)).Select(static m => m?.Condition)
                .Prepend(message.Suppress)
                .Concat(message.Policy?.SuppressRules.Select(static r => r.Condition) ?? []))
            .OfType<CompiledCondition>()
            .DistinctBy(static c => c.Location);
        foreach (var condition in conditions)
        {
            var formula = _translator.Translate(condition);
            if (!IsEqualityAtom(formula, out _, out _) && Solver.Solve([Formula.Rejects(formula)]) is { } witness)
            {
                bag.Warning(DiagnosticCodes.RejectingCondition, condition.Location,
                    $"'{condition.Text}' rejects {SuchAs(witness)} instead of coming to true or false: Scriban fails reading a member of a missing or null field (or comparing an object with a number), and deciding fails for every such recipient. Test the field first ('address != null && address.country == \"DE\"'), or make sure every recipient has it.");
            }
        }
    }

    /// <summary>
    /// Warns where a comparison is left undecided for the kinds it mixes. A field compared with both numbers and text:
    /// at each comparison with the kind it is compared with less often (text on a tie), since Scriban compares a number
    /// with text as text written in the recipient's culture. An ordering against true/false: at the comparison, since
    /// Scriban rejects a recipient whose field is then true or false. A field compared with text whose members are read:
    /// at each comparison with text, since Scriban compares an object with text by the way the object is written.
    /// </summary>
    private void ReportMixedTypes(DiagnosticBag bag)
    {
        foreach (var comparisons in _translator.UndecidedComparisons.GroupBy(static c => c.Field, StringComparer.Ordinal))
        {
            var field = comparisons.Key;
            foreach (var order in comparisons.Where(static c => c.Kind == ComparisonKind.BooleanOrder).DistinctBy(static c => c.Location))
            {
                bag.Warning(DiagnosticCodes.MixedTypeComparison, order.Location,
                    $"'{order.Text}' orders field '{field}' against true/false: Scriban rejects a recipient whose '{field}' is true or false here (it cannot order true and false), so analyze cannot decide it and counts it as free (listed as not decided). Compare true/false with == or != ('{field} == true', '{field} != false').");
            }

            var texts = comparisons.Where(static c => c.Kind == ComparisonKind.Text).ToList();
            var numbers = comparisons.Where(static c => c.Kind == ComparisonKind.Number).ToList();
            if (texts.Count > 0 && _translator.MemberReads.TryGetValue(field, out var read))
            {
                foreach (var comparison in texts.DistinctBy(static c => c.Location))
                {
                    bag.Warning(DiagnosticCodes.MixedTypeComparison, comparison.Location,
                        $"'{comparison.Text}' compares field '{field}' with text, but '{read.Text}' ({read.Location}) reads a member of it, so it may hold an object. Scriban compares an object with text by the way the object is written, which depends on where the data came from (a dictionary, JSON), so analyze cannot decide the comparisons of '{field}' and counts each as free (listed as not decided). Compare one of its members with text instead ('{field}.NAME == \"…\"'), or test whether it is there ('{field} != null').");
                }

                continue;
            }

            if (texts.Count == 0 || numbers.Count == 0)
            {
                continue;
            }

            var (flagged, other) = texts.Count <= numbers.Count ? (texts, numbers[0]) : (numbers, texts[0]);
            foreach (var comparison in flagged.DistinctBy(static c => c.Location))
            {
                var (kind, otherKind, fix) = comparison.Kind == ComparisonKind.Text
                    ? ("text", "a number", $"if '{field}' holds numbers, write the constant here as a number, without quotes; if it holds text, quote the numbers it is compared with elsewhere")
                    : ("a number", "text", $"if '{field}' holds text, quote the number here; if it holds numbers, compare it with numbers elsewhere too");
                bag.Warning(DiagnosticCodes.MixedTypeComparison, comparison.Location,
                    $"'{comparison.Text}' compares field '{field}' with {kind}, but '{other.Text}' ({other.Location}) compares it with {otherKind}. Scriban compares a number with text as text, the number written in the recipient's culture (5 == \"5\", but 10 < \"9\", and 2.5 is \"2,5\" in German), and a recipient whose text the catalog orders against a number is rejected, so analyze cannot decide the comparisons of '{field}' and counts each as free (listed as not decided). Compare '{field}' with one kind only: {fix}.");
            }
        }
    }

    /// <summary>The topics a witness opts out of (its topic atoms set true), in order.</summary>
    internal static string[] OptedOutTopics(Assignment witness) =>
        [.. OptedOutKeys(witness).Select(static k => Formula.OptedOutTopic(k)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The keys of the topic atoms a witness sets true, but those its opt-outs field set to null makes irrelevant.</summary>
    internal static IEnumerable<string> OptedOutKeys(Assignment witness) => witness.OpaqueValues
        .Where(o => o.Value && Formula.OptedOutTopic(o.Key) is not null && !(Formula.OptedOutField(o.Key) is { } field && witness.TryGetField(field, out var value) && value is null))
        .Select(static o => o.Key);

    /// <summary>Writes a witness after a verb's object: "a recipient such as country = \"FR\"", or "any recipient" when no field matters.</summary>
    internal static string SuchAs(Assignment witness) => Describe(witness) is var described && described == "any recipient" ? described : "a recipient such as " + described;

    /// <summary>
    /// Writes a witness the way a marketer reads it: <c>country = "FR", tier missing, address.city = "Bonn", opted out of
    /// 'mortgages'</c>. A member is written only while its parent holds an object, and an object only when none of its
    /// members is written; a topic the witness has not opted out of is not written.
    /// </summary>
    internal static string Describe(Assignment witness)
    {
        var fields = witness.Fields;
        bool Counts(string key) => FieldPath.ParentKey(key) is not { } parent || (fields.GetValueOrDefault(parent) is ObjectValue && Counts(parent));
        var parts = fields.Where(f => Counts(f.Key) && !(f.Value is ObjectValue && fields.Keys.Any(k => FieldPath.ParentKey(k) == f.Key && Counts(k))))
            .OrderBy(static f => f.Key, StringComparer.Ordinal)
            .Select(static f => f.Value is null ? $"{f.Key} missing" : $"{f.Key} = {Formula.Literal(f.Value)}")
            .Concat(witness.OpaqueValues.Where(static o => Formula.OptedOutTopic(o.Key) is null).OrderBy(static o => o.Key, StringComparer.Ordinal)
                .Select(static o => $"'{o.Key[1..]}' {(o.Value ? "true" : "false")}"))
            .Concat(OptedOutTopics(witness).Select(static t => $"opted out of '{t}'"))
            .ToList();
        return parts.Count == 0 ? "any recipient" : string.Join(", ", parts);
    }
}
