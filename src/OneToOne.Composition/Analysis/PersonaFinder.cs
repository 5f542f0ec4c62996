using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// Finds personas for proofs. Synthetic: each independent group of slots needs its reachable outcomes covered, a
/// persona takes one outcome from every group, so the fewest personas is the largest of the groups' minimum covers;
/// each persona's fields are a solution of its outcomes' conditions (objects built from the members they set), plus
/// made-up values for fields and members only templates and scores read (lists and objects when read as such).
/// Every arm of the experiments the message carries gets a persona, and each persona's id is chosen to hash into the arms
/// its conditions need (a module only arm B shows needs a persona in arm B).
/// From a sample: the fewest sample recipients whose decisions together cover the reachable modules, plus one in every arm
/// no chosen recipient is in (a made-up persona for an arm no sample recipient is in); the sample is read once, a
/// recipient at a time, keeping only what that choice needs (<see cref="SampleDigest"/>).
/// </summary>
internal sealed class PersonaFinder(Catalog catalog, CatalogRuntime runtime, CatalogAnalyzer analyzer)
{
    private const string ExperimentPrefix = FieldPath.ExperimentPrefix;

    /// <summary>How many ids <see cref="IdFor"/> tries: enough for two experiments' arms of 1% each, most of the time.</summary>
    private const int MaxIdTries = 200_000;

    public PersonaSet Synthesize(string messageId)
    {
        var message = runtime.GetMessage(messageId);
        var components = analyzer.Explore(message);
        var slotBySlot = SureSlotBySlot(message);
        var reachable = Reachable(components, slotBySlot);

        // A group whose search stopped also gets outcomes packed from its slots decided one by one, even when the search
        // found none before it stopped.
        var reached = !MessageExplorer.NobodyGets(components);
        var outcomesOf = components.Select(c => c.Truncated && reached ? [.. c.Outcomes, .. Packed(c, slotBySlot)] : c.Outcomes).ToList();
        if (outcomesOf.Exists(static o => o.Count == 0))
        {
            // Nobody gets the message, or a search stopped before it found any outcome (then no persona is proven minimal).
            return new PersonaSet(messageId, [], reachable, reachable, !components.Any(static c => c.Truncated));
        }

        var covers = new List<List<Outcome>>();
        var minimal = true;
        var seenIn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < components.Count; c++)
        {
            var outcomes = outcomesOf[c];
            var sets = outcomes.Select(static o => (IReadOnlySet<string>)o.ModuleIds.ToHashSet(StringComparer.Ordinal)).ToList();
            var universe = sets.SelectMany(static s => s).ToHashSet(StringComparer.Ordinal);
            foreach (var module in universe)
            {
                // A module reachable in two independent groups could be covered by either: the per-group bound is then not tight.
                minimal &= !seenIn.TryGetValue(module, out var other) || other == c;
                seenIn[module] = c;
            }

            var (chosen, exact) = SetCover.Cover(sets, universe);
            minimal &= exact;
            covers.Add(chosen.Count == 0 ? [outcomes[0]] : [.. chosen.Select(i => outcomes[i])]);
        }

        var count = covers.Max(static c => c.Count);
        minimal |= count <= LowerBound(components);
        var templates = Templates(message);
        var templateFields = new SortedSet<string>(templates.SelectMany(FieldsRead), StringComparer.Ordinal);
        var scores = Scores(message);
        templateFields.UnionWith(scores.SelectMany(static s => Analyze(s).RequiredFields).Select(static f => f.Name));
        var uses = Uses(templates, scores);
        var witnesses = new List<(Assignment Witness, List<Formula> Conditions)>();
        for (var k = 0; k < count; k++)
        {
            var witness = Assignment.Empty;
            var conditions = new List<Formula>();
            foreach (var cover in covers)
            {
                var outcome = cover[Math.Min(k, cover.Count - 1)];
                witness = witness.Merge(analyzer.Solver.Solve([outcome.Condition]) ?? Assignment.Empty);
                conditions.Add(outcome.Condition);
            }

            witnesses.Add((witness, conditions));
        }

        var experiments = Experiments(message, uses.Experiments);
        if (CoverArms(witnesses, experiments))
        {
            // Personas added to show an arm: minimal only when as many are needed for the modules or for the arms.
            minimal = witnesses.Count <= Math.Max(LowerBound(components), experiments.Max(static e => ArmsOf(e).Count));
        }

        var personas = new List<Persona>();
        for (var k = 0; k < witnesses.Count; k++)
        {
            var witness = witnesses[k].Witness;
            var id = IdFor(k, witness, experiments);
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = id };
            var solved = witness.Fields;

            // experiment.NAME is the arm of the persona's id (chosen to hash into it), not a field it can be given; a
            // member (address.country) goes into its field's object; the id is made up only when no condition sets it.
            var names = new SortedSet<string>(templateFields, StringComparer.Ordinal);
            names.UnionWith(solved.Keys.Where(static k => FieldPath.ParentKey(k) is null && !k.StartsWith(ExperimentPrefix, StringComparison.Ordinal)));
            foreach (var name in names)
            {
                if ((solved.ContainsKey(name) || !fields.ContainsKey(name)) && MadeUp(name, name, id, uses, solved) is { } value)
                {
                    fields[name] = value;
                }
            }

            if (message.Policy?.OptedOutTopicsField is { } optOuts)
            {
                witness = GiveOptOuts(optOuts, witness, fields);
            }

            var recipient = Recipient.FromDictionary(fields);
            var description = CatalogAnalyzer.Describe(witness);
            personas.Add(new Persona(recipient, ModulesOf(recipient, messageId), description, isSynthetic: true));
        }

        // The cover of outcomes a search that stopped at its limit found may not be the smallest cover of all outcomes.
        return new PersonaSet(messageId, personas, reachable, Uncovered(reachable, personas), minimal && !components.Any(static c => c.Truncated));
    }

    /// <summary>
    /// The experiments whose arm a decision of the message carries, in catalog order: those its policy applies, and those
    /// its suppress rule, policy, modules' conditions or templates read.
    /// </summary>
    private List<CompiledExperiment> Experiments(CompiledMessage message, HashSet<string> readByTemplates)
    {
        var translator = analyzer.Translator;
        var variables = new HashSet<string>(StringComparer.Ordinal);
        MessageExplorer.TranslatePolicy(translator, message).CollectVariables(variables);
        translator.Translate(message.Suppress).CollectVariables(variables);
        foreach (var module in catalog.ModulesPlacedBy(message))
        {
            translator.Translate(module.Condition).CollectVariables(variables);
        }

        var read = new HashSet<string>(readByTemplates, StringComparer.Ordinal);
        read.UnionWith(variables.Where(static v => v.StartsWith(ExperimentPrefix, StringComparison.Ordinal)).Select(static v => v[ExperimentPrefix.Length..]));
        var applied = message.Policy?.Experiments ?? [];
        return [.. runtime.Experiments.Values.Where(e => Array.IndexOf(applied, e) >= 0 || read.Contains(e.Id))];
    }

    /// <summary>The arms that own buckets (an arm of weight 0 gets nobody).</summary>
    internal static List<string> ArmsOf(CompiledExperiment experiment) =>
        [.. experiment.Arms.Where((_, i) => i < experiment.Ranges.Count && experiment.Ranges[i].End > experiment.Ranges[i].Start)];

    /// <summary>
    /// Gives every arm of every experiment a persona: an arm no persona's conditions need goes to a persona whose
    /// conditions still hold with it (one they leave free, or one whose arm another persona shows too; a holdout arm,
    /// which hides what the persona shows, not the only persona in another experiment's arm); when there is
    /// none, a persona like the first is added in that arm (its modules are whatever that arm gives it, so it may take
    /// other experiments' arms freely). Returns whether personas were added.
    /// </summary>
    private static bool CoverArms(List<(Assignment Witness, List<Formula> Conditions)> witnesses, List<CompiledExperiment> experiments)
    {
        var added = false;
        foreach (var experiment in experiments)
        {
            var field = ExperimentPrefix + experiment.Id;
            foreach (var arm in ArmsOf(experiment))
            {
                var shown = witnesses.ConvertAll(w => w.Witness.TryGetField(field, out var value) ? (Bound: true, Arm: value as string) : (Bound: false, Arm: null));
                if (shown.Contains((true, arm)))
                {
                    continue;
                }

                // A holdout hides what the persona would show: it never goes to the only persona in another experiment's arm.
                var holdout = experiment.Holdout >= 0 && experiment.Arms[experiment.Holdout] == arm;
                var k = Enumerable.Range(0, witnesses.Count).FirstOrDefault(
                    k => (!shown[k].Bound || shown.Count(s => s == shown[k]) > 1)
                        && !(holdout && experiments.Exists(other => other != experiment && OnlyIn(witnesses, k, ExperimentPrefix + other.Id)))
                        && witnesses[k].Conditions.TrueForAll(c => c.Evaluate(witnesses[k].Witness.WithField(field, arm)) == true),
                    -1);
                if (k >= 0)
                {
                    witnesses[k] = (witnesses[k].Witness.WithField(field, arm), witnesses[k].Conditions);
                }
                else
                {
                    witnesses.Add((witnesses[0].Witness.WithField(field, arm), []));
                    added = true;
                }
            }
        }

        return added;
    }

    /// <summary>Whether persona <paramref name="k"/> is the only one whose witness names its value of <paramref name="field"/>.</summary>
    private static bool OnlyIn(List<(Assignment Witness, List<Formula> Conditions)> witnesses, int k, string field) =>
        witnesses[k].Witness.TryGetField(field, out var value)
        && !Enumerable.Range(0, witnesses.Count).Any(j => j != k && witnesses[j].Witness.TryGetField(field, out var other) && Equals(other, value));

    /// <summary>
    /// An id whose buckets put the persona in the arm (or outside the coverage) its witness names for each experiment:
    /// <c>persona-K</c>, else the first <c>persona-K-N</c> that does; <c>persona-K</c> when none does within the tries.
    /// </summary>
    private static string IdFor(int k, Assignment witness, List<CompiledExperiment> experiments)
    {
        var required = new List<(CompiledExperiment Experiment, string? Arm)>();
        foreach (var experiment in experiments)
        {
            if (witness.TryGetField(ExperimentPrefix + experiment.Id, out var arm))
            {
                required.Add((experiment, arm as string));
            }
        }

        var first = string.Create(CultureInfo.InvariantCulture, $"persona-{k + 1}");
        for (var n = 0; n < MaxIdTries; n++)
        {
            var id = n == 0 ? first : string.Create(CultureInfo.InvariantCulture, $"{first}-{n}");
            if (required.TrueForAll(r => ArmOf(r.Experiment, id) == r.Arm))
            {
                return id;
            }
        }

        return first;
    }

    /// <summary>The arm the id hashes into, or null when it falls outside the experiment's coverage.</summary>
    internal static string? ArmOf(CompiledExperiment experiment, string id) =>
        ExperimentBuckets.ArmIndex(experiment.Ranges, ExperimentBuckets.Bucket(experiment.Salt, experiment.Id, id)) is var i and >= 0 ? experiment.Arms[i] : null;

    public PersonaSet FromSample(string messageId, IEnumerable<Recipient> sample)
    {
        var message = runtime.GetMessage(messageId);
        var components = analyzer.Explore(message);
        var reachable = Reachable(components, SureSlotBySlot(message));
        var templates = Templates(message);
        var experiments = Experiments(message, Uses(templates, Scores(message)).Experiments);

        // Read once, a recipient at a time, keeping only what the choice below needs: the same personas as from the
        // whole sample held in memory (a customer file of millions of recipients took gigabytes).
        var digest = new SampleDigest(experiments);
        foreach (var recipient in sample)
        {
            digest.Add(recipient, ModulesOf(recipient, messageId));
        }

        var candidates = digest.Distinct;
        var universe = reachable.Concat(candidates.SelectMany(static c => c.Modules)).ToHashSet(StringComparer.Ordinal);
        var (chosen, minimal) = SetCover.Cover([.. candidates.Select(static c => c.Set)], universe, digest.Candidates);
        var personas = chosen.Select(i => new Persona(candidates[i].Recipient, candidates[i].Modules, $"sample recipient {candidates[i].Recipient.Id ?? "(no id)"}", isSynthetic: false)).ToList();
        var minimalForModules = minimal || (Uncovered(reachable, personas).Count == 0 && personas.Count <= LowerBound(components));
        var count = personas.Count;
        AddArms(messageId, personas, digest, experiments);
        var uncovered = Uncovered(reachable, personas);
        minimal = personas.Count == count
            ? minimalForModules
            : personas.Count <= Math.Max(LowerBound(components), experiments.Max(static e => ArmsOf(e).Count));
        return new PersonaSet(messageId, personas, reachable, uncovered, minimal);
    }

    /// <summary>
    /// Gives every arm of every experiment a persona chosen from a sample: an arm no chosen persona's id hashes into gets a
    /// sample recipient in it (the first who gets modules, when there is one, else the first), else the made-up persona for
    /// that arm, described as made up because no sample recipient is in it.
    /// </summary>
    private void AddArms(string messageId, List<Persona> personas, SampleDigest sample, List<CompiledExperiment> experiments)
    {
        PersonaSet? madeUp = null;
        foreach (var experiment in experiments)
        {
            foreach (var arm in ArmsOf(experiment))
            {
                if (personas.Exists(p => InArm(experiment, p.Recipient, arm)))
                {
                    continue;
                }

                if (sample.InArm(experiment, arm) is var (recipient, modules))
                {
                    personas.Add(new Persona(recipient, modules, $"sample recipient {recipient.Id}, in arm '{arm}' of experiment '{experiment.Id}'", isSynthetic: false));
                    continue;
                }

                madeUp ??= Synthesize(messageId);
                if (madeUp.Personas.FirstOrDefault(p => InArm(experiment, p.Recipient, arm)) is { } made)
                {
                    personas.Add(new Persona(made.Recipient, made.Modules,
                        $"made up: no sample recipient is in arm '{arm}' of experiment '{experiment.Id}' (pass recipients in it to show a real one); {made.Description}", isSynthetic: true));
                }
            }
        }
    }

    /// <summary>Whether the recipient's id hashes into the arm of the experiment (a recipient without an id is in none).</summary>
    private static bool InArm(CompiledExperiment experiment, Recipient recipient, string arm) => recipient.Id is { } id && ArmOf(experiment, id) == arm;

    /// <summary>
    /// A lower bound on any covering set: a persona gets one outcome of each slot, so a slot whose outcomes hold at most
    /// k modules and reach n modules in all needs at least ⌈n / k⌉ personas. When the cover found meets it, it is minimal.
    /// Just 1 when a search stopped at its limit: an outcome it did not find may hold more modules.
    /// </summary>
    private static int LowerBound(IReadOnlyList<Component> components)
    {
        var bound = 1;
        if (components.Any(static c => c.Truncated))
        {
            return bound;
        }

        foreach (var slot in components.SelectMany(static c => c.Outcomes).SelectMany(static o => o.Slots).GroupBy(static s => s.SlotId, StringComparer.Ordinal))
        {
            var modules = slot.SelectMany(static s => s.ModuleIds).Distinct(StringComparer.Ordinal).Count();
            var most = slot.Max(static s => s.ModuleIds.Length);
            if (most > 0)
            {
                bound = Math.Max(bound, (modules + most - 1) / most);
            }
        }

        return bound;
    }

    /// <summary>
    /// Deciding reads the topic opt-outs field and refuses a recipient without it: gives a persona the field, opting out
    /// of the topics its witness sets (those its outcomes need ruled out). Returns the witness, less the opt-outs a value
    /// the conditions gave the field leaves out.
    /// </summary>
    private Assignment GiveOptOuts(string field, Assignment witness, Dictionary<string, object?> fields)
    {
        var topics = CatalogAnalyzer.OptedOutTopics(witness);
        if (witness.Fields.TryGetValue(field, out var given) && given is null)
        {
            // Conditions that read the field need it null: the persona has it, and opts out of nothing.
            fields.TryAdd(field, null);
        }
        else if (topics.Length > 0 && given is string text && !analyzer.Translator.ComparedTexts(field).Contains(text) && analyzer.Translator.OnlyEqualsText(field))
        {
            // Conditions need the field to hold some text they do not compare it with: the list of the topics compares
            // as that text does (equal to none of theirs, not null), and opts out of them.
            fields[field] = topics;
            return witness;
        }

        // A value the conditions gave the field stays: the persona then opts out of nothing more, and is not said to.
        return fields.TryAdd(field, topics.Length == 0 ? null : topics)
            ? witness
            : witness.Merge(CatalogAnalyzer.OptedOutKeys(witness).Aggregate(Assignment.Empty, static (a, k) => a.WithOpaque(k, false)));
    }

    /// <summary>The outcomes of the message's slots decided one by one that some recipient surely gets (see <see cref="CatalogAnalyzer.SlotBySlot"/>).</summary>
    private List<Outcome> SureSlotBySlot(CompiledMessage message) =>
        [.. analyzer.SlotBySlot(message).Outcomes.Where(static o => o.Sure).Select(static o => o.Outcome)];

    /// <summary>The modules the analysis finds reachable: in the outcomes found, and in each slot decided on its own where a group's search stopped (the sure outcomes).</summary>
    private List<string> Reachable(IReadOnlyList<Component> components, IEnumerable<Outcome> slotBySlot)
    {
        var ids = MessageExplorer.ReachableOutcomes(components).Concat(slotBySlot).SelectMany(static o => o.ModuleIds).ToHashSet(StringComparer.Ordinal);
        return [.. runtime.Modules.Select(static m => m.Id).Where(ids.Contains)];
    }

    /// <summary>
    /// For a group of slots whose search stopped at its limit: outcomes that show the module lists its body's slots can
    /// get (each slot decided on its own) that the outcomes found do not, packed greedily, as many slots' lists per
    /// outcome as can hold together, within the search's work limit (what it leaves out stays uncovered).
    /// </summary>
    private List<Outcome> Packed(Component component, List<Outcome> slotBySlot)
    {
        static string Key((string SlotId, string[] ModuleIds) slot) => slot.SlotId + "\u0000" + string.Join('\u0000', slot.ModuleIds);
        var found = component.Outcomes.SelectMany(static o => o.Slots).Select(Key).ToHashSet(StringComparer.Ordinal);
        var pending = slotBySlot.Where(o => component.SlotIds.Contains(o.Slots[0].SlotId) && !found.Contains(Key(o.Slots[0])))
            .GroupBy(static o => o.Slots[0].SlotId, StringComparer.Ordinal).Select(static g => g.ToList()).ToList();
        var packed = new List<Outcome>();
        var solver = analyzer.Solver;
        solver.TryWithin(analyzer.WorkLimit, () =>
        {
            while (pending.Exists(static p => p.Count > 0))
            {
                var condition = Formula.True;
                var slots = new List<(string SlotId, string[] ModuleIds)>();
                foreach (var outcomes in pending)
                {
                    var i = outcomes.FindIndex(o => solver.IsSatisfiable([condition, o.Condition]));
                    if (i >= 0)
                    {
                        condition = Formula.And(condition, outcomes[i].Condition);
                        slots.Add(outcomes[i].Slots[0]);
                        outcomes.RemoveAt(i);
                    }
                }

                packed.Add(new Outcome(slots, condition));
            }
        });
        return packed;
    }

    private static List<string> Uncovered(List<string> reachable, List<Persona> personas)
    {
        var covered = personas.SelectMany(static p => p.Modules).ToHashSet(StringComparer.Ordinal);
        return [.. reachable.Where(m => !covered.Contains(m))];
    }

    /// <summary>The modules a recipient gets (none when suppressed or when it cannot be decided).</summary>
    private IReadOnlyList<string> ModulesOf(Recipient recipient, string messageId)
    {
        Decision decision;
        try
        {
            decision = catalog.Decide(recipient, messageId);
        }
        catch (RecipientException)
        {
            return [];
        }

        var ids = decision.IsSuppressed ? [] : decision.Slots.SelectMany(static s => s.ModuleIds).ToHashSet(StringComparer.Ordinal);
        return [.. runtime.Modules.Select(static m => m.Id).Where(ids.Contains)];
    }

    /// <summary>Every template of the message and of the modules it can place, in every locale.</summary>
    private List<CompiledTemplate> Templates(CompiledMessage message)
    {
        var templates = new List<CompiledTemplate?> { message.Subject, message.Body, message.Email?.ToName, message.Email?.Preheader, message.Email?.Unsubscribe, message.Print?.Address };
        templates.AddRange(message.LocaleTemplates);
        foreach (var module in catalog.ModulesPlacedBy(message))
        {
            foreach (var form in module.LocaleVariants.Values.Prepend(module))
            {
                templates.AddRange([form.Content, form.Html, form.Text, form.Print]);
            }
        }

        return [.. templates.OfType<CompiledTemplate>()];
    }

    /// <summary>
    /// The fields a template reads without a guard: by name, or through <c>recipient</c> (<c>recipient.nickname</c>); also
    /// those it reads only in a branch, which a persona may take (<c>vip: true</c> reads <c>vip_code</c>).
    /// </summary>
    private static IEnumerable<string> FieldsRead(CompiledTemplate template)
    {
        IEnumerable<BranchRead> branches = template.BranchReads is { } reads ? reads.Values : [];
        var fields = template.RequiredFields.Concat(branches.Select(static r => r.Field).OfType<RequiredField>());
        var members = template.RequiredMembers.Concat(branches.SelectMany(static r => r.Members));
        return fields.Select(static f => f.Name).Concat(members.Where(static m => m.Path.Qualified).Select(static m => m.Path.Field));
    }

    /// <summary>The score expressions of the modules the message can place (<c>uplift.card * margin.card</c>).</summary>
    private List<ScriptExpression> Scores(CompiledMessage message) =>
        [.. catalog.ModulesPlacedBy(message).Select(static m => m.Decisioning?.Score?.Expression).OfType<ScriptExpression>()];

    private static TemplateAnalyzer Analyze(ScriptExpression expression)
    {
        var fields = new TemplateAnalyzer();
        fields.Visit(expression);
        return fields;
    }

    /// <summary>
    /// What personas need from the templates and scores: the experiments they read, the kind of value each field (or path
    /// below one) holds (as the catalog's conditions use it too), and the paths read below fields.
    /// </summary>
    private (IReadOnlyDictionary<string, ValueKind> Kinds, HashSet<string> Experiments, HashSet<string> Paths) Uses(List<CompiledTemplate> templates, List<ScriptExpression> scores)
    {
        var finder = new FieldUseFinder();
        foreach (var template in templates.Where(static t => t.HasCode))
        {
            finder.Visit(template.Template.Page);
        }

        foreach (var score in scores)
        {
            finder.Visit(score);
        }

        // Which experiments the message's conditions read, Experiments finds from their translations; they tell kinds, though.
        var experiments = new HashSet<string>(finder.Experiments, StringComparer.Ordinal);
        foreach (var condition in runtime.Modules.Select(static m => m.Condition).Concat(runtime.Segments.Values.Select(static s => s.Condition)))
        {
            if (condition is not null)
            {
                finder.Visit(condition.Expression);
            }
        }

        return (finder.Kinds, experiments, finder.Paths);
    }

    /// <summary>
    /// The value of a field or path below one: the value the conditions' solution gives it (none when that is
    /// missing), an object when the solution makes it one. Else made up: a list of two made-up items when it is iterated
    /// or indexed (<c>purchases[]</c> read), an object of its members when members are read (<c>address.city</c>), each
    /// made up the same way (paths stop at <see cref="FieldUseFinder.MaxDepth"/> steps, so this ends); else a value of
    /// the kind its use tells. An object holds the members the solution sets and those read anywhere, made up when the
    /// solution leaves them free. Lists and objects are the dictionaries and lists <see cref="Recipient.FromDictionary(IReadOnlyDictionary{string, object?}, string)"/>
    /// takes from callers.
    /// </summary>
    private object? MadeUp(string path, string name, string id, (IReadOnlyDictionary<string, ValueKind> Kinds, HashSet<string> Experiments, HashSet<string> Paths) uses, IReadOnlyDictionary<string, object?> solved)
    {
        var isSolved = solved.TryGetValue(path, out var solution);
        if (isSolved && solution is not ObjectValue)
        {
            return Plain(solution);
        }

        var item = path + "[]";
        if (!isSolved && uses.Paths.Contains(item))
        {
            return new List<object?> { MadeUp(item, $"{name} 1", id, uses, solved), MadeUp(item, $"{name} 2", id, uses, solved) };
        }

        var prefix = path + ".";
        var members = new SortedSet<string>(
            uses.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p[prefix.Length..].Split('.', '[')[0]),
            StringComparer.Ordinal);
        members.UnionWith(solved.Keys.Where(k => FieldPath.ParentKey(k) == path).Select(k => k[prefix.Length..]));
        if (members.Count > 0 || isSolved)
        {
            var value = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                if (MadeUp(prefix + member, $"{name} {member}", id, uses, solved) is { } made)
                {
                    value[member] = made;
                }
            }

            return value;
        }

        return SampleValue(name, id, analyzer.Translator.Domains.GetValueOrDefault(path), uses.Kinds.GetValueOrDefault(path));
    }

    /// <summary>A solved value as a caller's data would hold it: a whole number as an int.</summary>
    private static object? Plain(object? value) => value is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue ? (int)d : value;

    /// <summary>
    /// A value for a field only templates read: of the kind its use tells (a number, a date — the analysis instant's day —
    /// or true), taken from the conditions' representative values when one fits; else text (an address for an email field).
    /// </summary>
    private object SampleValue(string name, string id, object?[]? domain, ValueKind kind)
    {
        if (domain?.FirstOrDefault(v => v is not (null or ObjectValue) && (kind == ValueKind.Text || Fits(v, kind))) is { } value)
        {
            return Plain(value)!;
        }

        return kind switch
        {
            ValueKind.Number => 42,
            ValueKind.Date => DateTime.SpecifyKind(analyzer.Now.UtcDateTime.Date, DateTimeKind.Unspecified),
            ValueKind.Boolean => true,
            _ => name.Contains("email", StringComparison.OrdinalIgnoreCase) ? $"{id}@example.com" : $"Sample {name}",
        };
    }

    private static bool Fits(object value, ValueKind kind) => kind switch
    {
        ValueKind.Number => value is double,
        ValueKind.Boolean => value is bool,
        _ => false,
    };
}
