using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

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
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
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
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.DecisioningGrid());

        var analysis = catalog.Analyze("m").Messages[0];

        return (combinations.Count <= analysis.ReachableCombinations && modules.IsSubsetOf(analysis.ReachableModules))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>
    /// The same when conditions also read the opt-outs field (<c>opted_out == null</c>, <c>opted_out == "t0;t1"</c>):
    /// what a recipient opted out of then follows from the field, and deciding still produces nothing outside the analysis.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property WithConditionsReadingTheOptOuts_BruteForce_IsWithinTheAnalysis(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        string[] reads = ["opted_out == null", "opted_out != null", "opted_out == \"t0\"", "opted_out == \"t0;t1\"", "opted_out != \"t1\""];
        var yaml = System.Text.RegularExpressions.Regex.Replace(RandomCatalogs.Build(seed.Get, decisioning: true), "^    when: '(.*)'$",
            m => random.Next(2) == 0 ? m.Value : $"    when: '{reads[random.Next(reads.Length)]} {(random.Next(2) == 0 ? "&&" : "||")} ({m.Groups[1].Value})'",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.DecisioningGrid());

        var analysis = catalog.Analyze("m").Messages[0];

        return (combinations.Count <= analysis.ReachableCombinations && modules.IsSubsetOf(analysis.ReachableModules))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>
    /// Comparisons across kinds are decided as Scriban decides them: on random catalogs whose conditions also compare
    /// fields with true/false and numbers (<c>flag == 1</c>), true/false and text (<c>c == true</c>), read numbers and
    /// text bare, order text against null and text, over a grid giving each field values of every kind its conditions
    /// use, the analysis counts exactly what deciding produces. Where a field is compared with both numbers and text
    /// (<c>a == "1"</c> besides <c>a &lt; 2</c>), which Scriban compares as text in the recipient's culture, the analysis
    /// is sound (nothing deciding produces lies outside it) and says why (OTO1510); so it is for an ordering against
    /// true/false (<c>c &lt; false</c>), which Scriban refuses for a true/false value, rejecting the recipient.
    /// </summary>
    [Property(MaxTest = 120)]
    public Property WithMixedKinds_Count_EqualsBruteForce_OrIsSoundAndWarned(PositiveInt seed)
    {
        var kinds = new FieldKinds();
        var yaml = RandomCatalogs.Build(seed.Get, kinds: kinds);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.MixedGrid(kinds), allowRejects: true);

        var result = catalog.Analyze("m");
        var analysis = result.Messages[0];

        var warned = result.Findings.Any(static f => f.Code == DiagnosticCodes.MixedTypeComparison);
        var holds = kinds.HasUndecidable
            ? warned && combinations.Count <= analysis.ReachableCombinations && modules.IsSubsetOf(analysis.ReachableModules)
            : !warned && analysis.ReachableCombinations == combinations.Count
                && analysis.ReachableModules.Order(StringComparer.Ordinal).SequenceEqual(modules.Order(StringComparer.Ordinal));
        return holds.Label($"undecidable: {kinds.HasUndecidable}, warned: {warned}; analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>
    /// Member reads are decided as Scriban decides them: on random catalogs whose conditions read members of a field
    /// <c>o</c> (<c>o.a &lt; 2</c>, <c>o["a"] == 1</c>, <c>recipient.o.a</c>, <c>o.n.a &gt; 1</c>) and <c>o</c> itself
    /// (<c>o</c>, <c>o == null</c>), combined with <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and segments, over a grid where
    /// <c>o</c> is missing (a member of it rejects the recipient unless a guard stops first), text or false (its members
    /// are missing, an index into it rejects) or an object with every class of member values, the analysis counts exactly
    /// what deciding produces for the recipients it does not reject.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property WithMemberReads_Count_EqualsBruteForce(PositiveInt seed)
    {
        var yaml = RandomCatalogs.Build(seed.Get, members: true);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
        var (combinations, modules) = BruteForce(catalog, RandomCatalogs.MemberGrid(), allowRejects: true);

        var analysis = catalog.Analyze("m").Messages[0];

        return (analysis.ReachableCombinations == combinations.Count && analysis.IsExact && analysis.UndecidableConditions.Count == 0
                && analysis.ReachableModules.Order(StringComparer.Ordinal).SequenceEqual(modules.Order(StringComparer.Ordinal)))
            .Label($"analysis {analysis.ReachableCombinations} [{string.Join(",", analysis.ReachableModules)}], brute force {combinations.Count} [{string.Join(",", modules.Order(StringComparer.Ordinal))}]\n{yaml}");
    }

    /// <summary>Decides message <c>m</c> for every recipient (skipping rejected ones when <paramref name="allowRejects"/>): the distinct slot combinations produced, and the modules chosen.</summary>
    private static (HashSet<string> Combinations, HashSet<string> Modules) BruteForce(Catalog catalog, IEnumerable<OneToOne.Composition.Recipients.Recipient> recipients, bool allowRejects = false)
    {
        var combinations = new HashSet<string>(StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            Decision decision;
            try
            {
                decision = catalog.Decide(recipient, "m");
            }
            catch (RecipientException) when (allowRejects)
            {
                continue; // a rejected recipient gets nothing
            }

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
