using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// Finds personas for proofs. Synthetic: each independent group of slots needs its reachable outcomes covered, a
/// persona takes one outcome from every group, so the fewest personas is the largest of the groups' minimum covers;
/// each persona's fields are a solution of its outcomes' conditions, plus sample values for fields only templates read.
/// From a sample: the fewest sample recipients whose decisions together cover the reachable modules.
/// </summary>
internal sealed class PersonaFinder(Catalog catalog, CatalogRuntime runtime, CatalogAnalyzer analyzer)
{
    public PersonaSet Synthesize(string messageId)
    {
        var message = runtime.GetMessage(messageId);
        var components = analyzer.Explore(message);
        var reachable = Reachable(components);
        if (components.Any(static c => c.Outcomes.Count == 0))
        {
            return new PersonaSet(messageId, [], reachable, [], true);
        }

        var covers = new List<List<Outcome>>();
        var minimal = true;
        var seenIn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < components.Count; c++)
        {
            var outcomes = components[c].Outcomes;
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
        var templateFields = new SortedSet<string>(templates.SelectMany(static t => t.RequiredFields).Select(static f => f.Name), StringComparer.Ordinal);
        var kinds = Kinds(templates);
        var personas = new List<Persona>();
        for (var k = 0; k < count; k++)
        {
            var witness = Assignment.Empty;
            foreach (var cover in covers)
            {
                var outcome = cover[Math.Min(k, cover.Count - 1)];
                witness = witness.Merge(analyzer.Solver.Solve([outcome.Condition]) ?? Assignment.Empty);
            }

            var id = string.Create(CultureInfo.InvariantCulture, $"persona-{k + 1}");
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = id };
            foreach (var (name, value) in witness.Fields)
            {
                // experiment.NAME is the arm of the persona's id, not a field it can be given.
                if (value is not null && !name.StartsWith("experiment.", StringComparison.Ordinal))
                {
                    fields[name] = value is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue ? (int)d : value;
                }
            }

            foreach (var name in templateFields)
            {
                if (!fields.ContainsKey(name) && !witness.Fields.ContainsKey(name))
                {
                    fields[name] = SampleValue(name, id, analyzer.Translator.Domains.GetValueOrDefault(name), kinds.GetValueOrDefault(name));
                }
            }

            var recipient = Recipient.FromDictionary(fields);
            personas.Add(new Persona(recipient, ModulesOf(recipient, messageId), CatalogAnalyzer.Describe(witness), isSynthetic: true));
        }

        return new PersonaSet(messageId, personas, reachable, Uncovered(reachable, personas), minimal);
    }

    public PersonaSet FromSample(string messageId, IEnumerable<Recipient> sample)
    {
        var message = runtime.GetMessage(messageId);
        var components = analyzer.Explore(message);
        var reachable = Reachable(components);
        var candidates = new List<(Recipient Recipient, IReadOnlyList<string> Modules)>();
        foreach (var recipient in sample)
        {
            var modules = ModulesOf(recipient, messageId);
            if (modules.Count > 0)
            {
                candidates.Add((recipient, modules));
            }
        }

        var universe = reachable.Concat(candidates.SelectMany(static c => c.Modules)).ToHashSet(StringComparer.Ordinal);
        var (chosen, minimal) = SetCover.Cover([.. candidates.Select(static c => (IReadOnlySet<string>)c.Modules.ToHashSet(StringComparer.Ordinal))], universe);
        var personas = chosen.Select(i => new Persona(candidates[i].Recipient, candidates[i].Modules, $"sample recipient {candidates[i].Recipient.Id ?? "(no id)"}", isSynthetic: false)).ToList();
        var uncovered = Uncovered(reachable, personas);
        minimal |= uncovered.Count == 0 && personas.Count <= LowerBound(components);
        return new PersonaSet(messageId, personas, reachable, uncovered, minimal);
    }

    /// <summary>
    /// A lower bound on any covering set: a persona gets one outcome of each slot, so a slot whose outcomes hold at most
    /// k modules and reach n modules in all needs at least ⌈n / k⌉ personas. When the cover found meets it, it is minimal.
    /// </summary>
    private static int LowerBound(IReadOnlyList<Component> components)
    {
        var bound = 1;
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

    private List<string> Reachable(IReadOnlyList<Component> components)
    {
        var ids = MessageExplorer.ReachableOutcomes(components).SelectMany(static o => o.ModuleIds).ToHashSet(StringComparer.Ordinal);
        return [.. runtime.Modules.Select(static m => m.Id).Where(ids.Contains)];
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
        templates.AddRange(message.SubjectVariants.Values);
        foreach (var module in catalog.ModulesPlacedBy(message))
        {
            foreach (var form in module.LocaleVariants.Values.Prepend(module))
            {
                templates.AddRange([form.Content, form.Html, form.Text, form.Print]);
            }
        }

        return [.. templates.OfType<CompiledTemplate>()];
    }

    /// <summary>The kind of value each field holds, as the templates and the catalog's conditions use it.</summary>
    private IReadOnlyDictionary<string, ValueKind> Kinds(List<CompiledTemplate> templates)
    {
        var finder = new FieldKindFinder();
        foreach (var template in templates.Where(static t => t.HasCode))
        {
            finder.Visit(template.Template.Page);
        }

        foreach (var condition in runtime.Modules.Select(static m => m.Condition).Concat(runtime.Segments.Values.Select(static s => s.Condition)))
        {
            if (condition is not null)
            {
                finder.Visit(condition.Expression);
            }
        }

        return finder.Kinds;
    }

    /// <summary>
    /// A value for a field only templates read: of the kind its use tells (a number, a date — the analysis instant's day —
    /// or true), taken from the conditions' representative values when one fits; else text (an address for an email field).
    /// </summary>
    private object SampleValue(string name, string id, object?[]? domain, ValueKind kind)
    {
        if (domain?.FirstOrDefault(v => v is not null && (kind == ValueKind.Text || Fits(v, kind))) is { } value)
        {
            return value is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue ? (int)d : value;
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
