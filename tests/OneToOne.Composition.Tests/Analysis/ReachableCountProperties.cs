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
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.Grid());

        var analysis = catalog.Analyze("m").Messages[0];

        return (analysis.ReachableCombinations == combinations.Count
                && analysis.ReachableModules.Order(StringComparer.Ordinal).SequenceEqual(modules.Order(StringComparer.Ordinal)))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>
    /// With decisioning the analysis is sound, not exact: scores, opt-outs and the recipient's experiment arm (from
    /// its id) are free choices it cannot see, so it counts every order of scored candidates, every opt-out and every
    /// arm. On random catalogs with an experiment (holdout, arm conditions), scores, topics, a message topic and named
    /// suppress rules, every combination deciding produces over a grid (each with every opt-out) is within the
    /// analysis: no more combinations than it counts, and no module it does not report reachable.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property WithDecisioning_BruteForce_IsWithinTheAnalysis(PositiveInt seed)
    {
        var yaml = RandomCatalogs.Build(seed.Get, decisioning: true);
        var catalog = new CatalogLoader().Parse(yaml);
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.DecisioningGrid());

        var analysis = catalog.Analyze("m").Messages[0];

        return (combinations.Count <= analysis.ReachableCombinations && modules.IsSubsetOf(analysis.ReachableModules))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>Decides message <c>m</c> for every recipient: the distinct slot combinations produced, and the modules chosen.</summary>
    private static (HashSet<string> Combinations, HashSet<string> Modules) BruteForce(Catalog catalog, IEnumerable<OneToOne.Composition.Recipients.Recipient> recipients)
    {
        var combinations = new HashSet<string>(StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            var decision = catalog.Decide(recipient, "m");
            if (decision.IsSuppressed)
            {
                continue;
            }

            combinations.Add(string.Join(';', decision.Slots.OrderBy(static s => s.SlotId, StringComparer.Ordinal).Select(static s => $"{s.SlotId}={string.Join(',', s.ModuleIds)}")));
            modules.UnionWith(decision.Slots.SelectMany(static s => s.ModuleIds));
        }

        return (combinations, modules);
    }
}
