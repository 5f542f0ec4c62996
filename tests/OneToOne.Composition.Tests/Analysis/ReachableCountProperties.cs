using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Tests.Analysis;

public sealed class ReachableCountProperties
{
    /// <summary>
    /// The analysis counts exactly what deciding produces: on small random catalogs, the number of distinct
    /// combinations (modules per placed slot, unsuppressed recipients) over a grid that covers every class of values
    /// equals <c>MessageAnalysis.ReachableCombinations</c>, and so do the reachable modules.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Count_EqualsBruteForceEnumeration(PositiveInt seed)
    {
        var yaml = RandomCatalogs.Build(seed.Get);
        var catalog = new CatalogLoader().Parse(yaml);
        var combinations = new HashSet<string>(StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in RandomCatalogs.Grid())
        {
            var decision = catalog.Decide(recipient, "m");
            if (decision.IsSuppressed)
            {
                continue;
            }

            combinations.Add(string.Join(';', decision.Slots.OrderBy(static s => s.SlotId, StringComparer.Ordinal).Select(static s => $"{s.SlotId}={string.Join(',', s.ModuleIds)}")));
            modules.UnionWith(decision.Slots.SelectMany(static s => s.ModuleIds));
        }

        var analysis = catalog.Analyze("m").Messages[0];

        return (analysis.ReachableCombinations == combinations.Count
                && analysis.ReachableModules.Order(StringComparer.Ordinal).SequenceEqual(modules.Order(StringComparer.Ordinal)))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }
}
