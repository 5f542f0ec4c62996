using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// The load-time check of <c>required:</c>: a message fails validation (OTO1402) when some reachable recipient — any
/// unsuppressed recipient, at the loader's instant, with undecidable condition parts free — could get it without one
/// of its required modules. Since independent slot groups combine freely, that happens exactly when every group has an
/// outcome without the module(s).
/// </summary>
internal static class RequiredModuleCheck
{
    public static void Run(CatalogRuntime runtime, CatalogDocument document, DiagnosticBag diagnostics)
    {
        if (!runtime.Messages.Values.Any(static m => m.Required.Count > 0))
        {
            return;
        }

        var analyzer = new CatalogAnalyzer(runtime, document);
        var explorer = analyzer.Explorer();
        foreach (var id in runtime.MessageIds)
        {
            var message = runtime.Messages[id];
            if (message.Required.Count == 0)
            {
                continue;
            }

            var components = explorer.Explore(message);
            if (MessageExplorer.NobodyGets(components))
            {
                continue; // nobody can get the message
            }

            RequiredSlotPlacement.Check(runtime, message, diagnostics);

            foreach (var requirement in message.Required)
            {
                var avoiding = new List<Outcome>();
                var truncated = false;
                foreach (var component in components)
                {
                    if (component.Outcomes.FirstOrDefault(o => !o.ModuleIds.Any(requirement.ModuleIds.Contains)) is { } outcome)
                    {
                        avoiding.Add(outcome);
                    }

                    truncated |= component.Truncated;
                }

                if (avoiding.Count == components.Count)
                {
                    var witness = avoiding.Aggregate(Assignment.Empty, (w, o) => w.Merge(analyzer.Solver.Solve([o.Condition]) ?? Assignment.Empty));
                    var slots = string.Join(", ", avoiding.SelectMany(static o => o.Slots).Select(static s => $"{s.SlotId}: {(s.ModuleIds.Length == 0 ? "(empty)" : string.Join(" + ", s.ModuleIds))}"));
                    diagnostics.Error(DiagnosticCodes.RequiredModuleMissing, requirement.Location,
                        $"Message '{message.Id}' requires {requirement.Describe()}, but {CatalogAnalyzer.SuchAs(witness)} gets it without: {(slots.Length == 0 ? "no slots" : slots)}. Make the module a candidate every such recipient reaches (an unconditional last candidate or a slot fallback), or suppress the message for them.");
                }
                else if (truncated)
                {
                    diagnostics.Warning(DiagnosticCodes.RequiredModuleMissing, requirement.Location,
                        $"Message '{message.Id}' has more reachable combinations than the check can explore (it stops at {MessageExplorer.MaxOutcomes:N0} combinations per group of slots that share fields, or when the search of one group reaches its work limit), so it could not prove that every recipient gets {requirement.Describe()}. Split the slots into smaller independent groups (slots whose conditions read no field in common).");
                }
            }
        }
    }
}
