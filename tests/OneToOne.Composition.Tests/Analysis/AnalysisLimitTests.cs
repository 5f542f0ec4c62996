using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OneToOne.Composition.Analysis;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// The analysis of a catalog too large to explore: it ends, with the count a lower bound, and its findings are still
/// true (each slot the body places decided on its own).
/// </summary>
public sealed class AnalysisLimitTests
{
    private static readonly string[] Fields = ["age", "points", "spend", "visits"];

    [Fact]
    public void SharedFields_AnalysisEnds_WithALowerBound_AndEveryModuleReachable()
    {
        // 30 slots of 10 modules whose conditions all read the same five fields: one group of slots with far more
        // combinations than the search can explore (before the work limit, it ran for more than five minutes).
        var analysis = Load(SharedFields(30)).Analyze();

        var message = analysis.Messages[0];
        Assert.False(message.IsExact);
        Assert.True(message.ReachableCombinations > 1);
        Assert.Equal(300, message.ReachableModules.Count);
        Assert.DoesNotContain(analysis.Findings, static f => f.Code is DiagnosticCodes.UnreachableModule or DiagnosticCodes.EmptySlot);
    }

    [Fact]
    public void PastTheLimit_TheCountIsTheSameEachTime_AndUnreachableModulesAndEmptySlotsAreStillFound()
    {
        var yaml = SharedFields(30, slot => slot switch
        {
            0 => (["never"], true),    // a condition that is never true, ahead of the unconditional module
            1 => (["shadowed"], false), // after the unconditional module
            2 => ([], false),           // no unconditional module and no fallback: the slot can come out empty
            _ => ([], true),
        }) + """
              never: { when: age > 5 && age < 3, content: "never" }
              shadowed: "shadowed"
            """;

        var analysis = Limited(yaml, 100_000).Analyze();

        var message = analysis.Messages[0];
        Assert.False(message.IsExact);
        Assert.Equal(message.ReachableCombinations, Limited(yaml, 100_000).Analyze().Messages[0].ReachableCombinations);
        var findings = analysis.Findings.Where(static f => f.Code is DiagnosticCodes.UnreachableModule or DiagnosticCodes.EmptySlot).Select(static f => f.Message).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, static m => m.StartsWith("Module 'never' can never be chosen in slot 's0': its condition 'age > 5 && age < 3' can never be true", StringComparison.Ordinal));
        Assert.Contains(findings, static m => m.StartsWith("Module 'shadowed' can never be chosen in slot 's1': it comes after 's1-m9'", StringComparison.Ordinal));
        Assert.Contains(findings, static m => m.StartsWith("Slot 's2' can come out empty", StringComparison.Ordinal));
    }

    [Fact]
    public void PastTheLimit_TheModulesOfASlotNestedInTheGroupAreNotJudged()
    {
        // Every module of the last slot places 'inner'. Its first candidate is reachable (every field negative and tier
        // "t0": then no condition holds and every slot shows its unconditional module), but not in the branches the search
        // takes first, where earlier slots' first candidates hold; the search stops long before it gets there.
        var yaml = Regex.Replace(SharedFields(30), "\"slot 29 module [0-9]\"", "'{{ slot \"inner\" }}'")
            .Replace("messages:", "  inner: { from: [i1, i2] }\nmessages:", StringComparison.Ordinal) + """
              i1: { when: age < 0 && points < 0 && spend < 0 && visits < 0 && tier == "t0", content: "i1" }
              i2: "i2"
            """;

        var analysis = Limited(yaml, 100_000).Analyze();
        Assert.False(analysis.Messages[0].IsExact);
        Assert.Contains("i2", analysis.Messages[0].ReachableModules);
        Assert.DoesNotContain(analysis.Findings, static f => f.Message.Contains("'i1'", StringComparison.Ordinal));
    }

    [Fact]
    public void PastTheLimit_PersonasStillShowEveryReachableModule()
    {
        var catalog = Limited(SharedFields(30), 1_000_000);

        var personas = catalog.FindPersonas("main");

        Assert.Equal(300, personas.ReachableModules.Count);
        Assert.Empty(personas.UncoveredModules);
        Assert.Equal(personas.ReachableModules.Order(StringComparer.Ordinal), personas.Personas.SelectMany(static p => p.Modules).Distinct().Order(StringComparer.Ordinal));
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules.Order(StringComparer.Ordinal), catalog.Decide(p.Recipient, "main").Slots.SelectMany(static s => s.ModuleIds).Order(StringComparer.Ordinal)));
    }

    /// <summary>
    /// Past the limit, a group whose search stopped before it found any outcome still gets personas, packed from its
    /// slots decided one by one: on random catalogs, whatever the full analysis's personas show, those past the limit show
    /// too (a search that found nothing gave no persona, and every reachable module uncovered). Without scores: a scored
    /// slot may rank its candidates in any order for the analysis, so a persona meant for one ranking may get another
    /// (a known limit, the same with or without the work limit). Each kind of catalog at a limit that stops some searches
    /// before their first outcome (the packing of personas has the same limit, so it must not be too small either).
    /// </summary>
    [Theory]
    [InlineData(false, false, 200)]
    [InlineData(false, true, 500)]
    [InlineData(true, false, 400)]
    public void PastTheLimit_ASearchThatFoundNoOutcome_StillGetsPersonas(bool decisioning, bool members, long limit)
    {
        var none = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var yaml = Regex.Replace(RandomCatalogs.Build(seed, decisioning, members: members), "^ +score: .*\n", string.Empty, RegexOptions.Multiline);
            var full = Load(yaml).FindPersonas("m");
            var catalog = Limited(yaml, limit);
            var limited = catalog.FindPersonas("m");

            var context = $"seed {seed}\n{yaml}";
            Assert.False(limited.IsMinimal && !catalog.Analyze("m").Messages[0].IsExact, context);
            Assert.True(full.UncoveredModules.Count > 0 || limited.UncoveredModules.Count == 0, $"uncovered [{string.Join(",", limited.UncoveredModules)}], {context}");
            Assert.All(limited.Personas, p => Assert.Equal(
                p.Modules.Order(StringComparer.Ordinal),
                catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds).Distinct().Order(StringComparer.Ordinal)));
            none += catalog.Analyze("m").Messages[0].ReachableCombinations == 0 ? 1 : 0;
        }

        // Some searches stopped before they found any outcome (the case this is about).
        Assert.True(none > 0, "no search stopped before its first outcome");
    }

    /// <summary>
    /// The overlap check compares every pair of a slot's conditional candidates: past the work limit it stops, says how
    /// far it got, and reports only the overlaps it found; the same each time. Here every pair of the 40 candidates
    /// overlaps partly (two ranges of 'points' for each of two tiers), so the full check reports all 780.
    /// </summary>
    [Fact]
    public void TheOverlapCheck_StopsAtTheWorkLimit_AndSaysHowFarItGot()
    {
        var modules = string.Concat(Enumerable.Range(0, 40).Select(static i => FormattableString.Invariant(
            $"  m{i}: {{ when: 'points > {i} && points < {100 + i} || tier == \"t{i}\"', content: \"m{i}\" }}\n")));
        var yaml = "catalog: wide\nmodules:\n" + modules + "slots:\n  s: { from: [" + string.Join(", ", Enumerable.Range(0, 40).Select(static i => $"m{i}")) + "] }\n"
            + "messages:\n  main:\n    body: '{{ slot \"s\" }}'\n";

        static (List<string> Overlaps, List<string> Stopped) Check(Catalog catalog)
        {
            var findings = catalog.Analyze().Findings.Where(static f => f.Code == DiagnosticCodes.OverlappingConditions).Select(static f => f.Message).ToList();
            return ([.. findings.Where(static m => m.StartsWith("Modules ", StringComparison.Ordinal))], [.. findings.Where(static m => m.StartsWith("Slot ", StringComparison.Ordinal))]);
        }

        var (all, none) = Check(Load(yaml));
        Assert.Equal(40 * 39 / 2, all.Count);
        Assert.Empty(none);

        var (some, stopped) = Check(Limited(yaml, 20_000));
        var message = Assert.Single(stopped);
        Assert.InRange(some.Count, 1, all.Count - 1);
        Assert.StartsWith("Slot 's' has 40 candidates with conditions: the overlap check stopped at its work limit after ", message, StringComparison.Ordinal);
        Assert.EndsWith(" of their 780 pairs, so overlaps among the rest are not reported. Split it into slots of fewer candidates to have every pair checked.", message, StringComparison.Ordinal);
        Assert.Subset(all.ToHashSet(), some.ToHashSet());
        var (again, stoppedAgain) = Check(Limited(yaml, 20_000));
        Assert.Equal(some, again);
        Assert.Equal(stopped, stoppedAgain);
    }

    [Fact]
    public void Analyze_StopsWhenCanceled_AndTheCatalogAnalysesAfterwards()
    {
        var catalog = Limited(SharedFields(30), 1_000_000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.ThrowsAny<OperationCanceledException>(() => catalog.Analyze(cancellationToken: cancel.Token));

        var after = catalog.Analyze().Messages[0];
        Assert.Equal(Limited(SharedFields(30), 1_000_000).Analyze().Messages[0].ReachableCombinations, after.ReachableCombinations);
    }

    /// <summary>
    /// On random catalogs analysed with a tiny work limit, so that the search stops early: every finding is one the
    /// full analysis makes too (none is false), the only ones missing are about the nested slot 'inner' (whose modules
    /// the limited analysis does not judge) or overlaps in a slot whose overlap check stopped (and says so), the count and the reachable modules are within the full ones, and equal
    /// them when the limited search finished.
    /// </summary>
    [Fact]
    public void WithATinyWorkLimit_FindingsAreTrue_AndOnlyNestedSlotsGoUnjudged()
    {
        var stopped = 0;
        for (var seed = 1; seed <= 120; seed++)
        {
            var yaml = RandomCatalogs.Build(seed);
            var full = Load(yaml).Analyze();
            var limited = Limited(yaml, 20).Analyze();

            var (f, l) = (full.Messages[0], limited.Messages[0]);
            stopped += l.IsExact ? 0 : 1;
            var fullFindings = full.Findings.Select(static d => (d.Code, d.Location)).ToHashSet();
            var limitedFindings = Judged(limited).Select(static d => (d.Code, d.Location)).ToHashSet();
            var context = $"seed {seed}\n{yaml}";
            Assert.True(limitedFindings.IsSubsetOf(fullFindings), context);
            var overlapsStopped = limited.Findings.Where(static d => d.Message.Contains("overlap check stopped", StringComparison.Ordinal)).Select(static d => d.Message.Split('\'')[1]).ToList();
            Assert.All(full.Findings.Where(d => !limitedFindings.Contains((d.Code, d.Location))), d => Assert.True(
                d.Message.Contains("slot 'inner'", StringComparison.OrdinalIgnoreCase)
                || (d.Code == DiagnosticCodes.OverlappingConditions && overlapsStopped.Exists(slot => d.Message.Contains($"in slot '{slot}'", StringComparison.Ordinal))),
                d.Message));
            Assert.True(l.ReachableCombinations <= f.ReachableCombinations, context);
            Assert.True(l.ReachableModules.ToHashSet().IsSubsetOf(f.ReachableModules), context);
            if (l.IsExact)
            {
                Assert.Equal(f.ReachableCombinations, l.ReachableCombinations);
            }
        }

        Assert.True(stopped > 60, $"the limit stopped only {stopped} of 120 searches");
    }

    /// <summary>
    /// Past the limit, a module that a body slot decided on its own shows only to recipients another slot's condition
    /// rejects (reading a member of a missing 'o.n') is not reported reachable: nobody gets the message so.
    /// </summary>
    [Fact]
    public void PastTheLimit_AModuleOnlyRecipientsRejectedElsewhereWouldGet_IsNotReachable()
    {
        const string Yaml = """
            catalog: rejected
            modules:
              deep: { when: 'o.n.a == 2', content: "deep" }
              flat: { when: 'o.n == null', content: "flat" }
            slots:
              first: { from: [deep] }
              second: { from: [flat] }
            messages:
              m:
                body: '{{ slot "first" }} {{ slot "second" }}'
            """;

        var full = Load(Yaml).Analyze().Messages[0];
        var limited = Limited(Yaml, 1).Analyze().Messages[0];

        Assert.DoesNotContain("flat", full.ReachableModules);
        Assert.False(limited.IsExact);
        Assert.Equal(["deep"], limited.ReachableModules);
    }

    /// <summary>
    /// A message suppressed for everyone, whose search stopped before it found that out (the suppress condition reads the
    /// slot's field, so it is searched with the slot): its slot is not judged, as the full analysis does not judge it
    /// either (it said 'b' is covered by 'a' ahead of it, which is never chosen).
    /// </summary>
    [Fact]
    public void PastTheLimit_TheSlotsOfAMessageNobodyGetsAreNotJudged()
    {
        var yaml = SuppressedWhen("x > 5 || x <= 5 || x == null");

        var full = Load(yaml).Analyze();
        var limited = Limited(yaml, 1).Analyze();

        Assert.False(limited.Messages[0].IsExact);
        Assert.Equal([DiagnosticCodes.SuppressedForEveryone], full.Findings.Select(static f => f.Code));
        Assert.Equal([DiagnosticCodes.SuppressedForEveryone], limited.Findings.Select(static f => f.Code));
    }

    /// <summary>
    /// Personas for a message whose search stopped before it found any outcome (the suppress condition reads the slot's
    /// field): none, and not claimed the minimum, since the message does reach recipients.
    /// </summary>
    [Fact]
    public void PastTheLimit_PersonasAreNotClaimedMinimal()
    {
        var yaml = SuppressedWhen("x > 5");

        Assert.True(Load(yaml).FindPersonas("m").IsMinimal);
        var personas = Limited(yaml, 1).FindPersonas("m");

        Assert.Empty(personas.Personas);
        Assert.False(personas.IsMinimal);
    }

    /// <summary>
    /// On random catalogs whose conditions read members (which can reject a recipient), analysed with a tiny work limit:
    /// every finding is one the full analysis makes too, and the count and the reachable modules are within the full ones.
    /// </summary>
    [Fact]
    public void WithATinyWorkLimit_AndMemberReads_FindingsAndReachableModulesAreWithinTheFullOnes()
    {
        for (var seed = 1; seed <= 120; seed++)
        {
            var yaml = RandomCatalogs.Build(seed, decisioning: seed % 2 == 0, members: true);
            var full = Load(yaml).Analyze();
            var limited = Limited(yaml, 20).Analyze();

            var (f, l) = (full.Messages[0], limited.Messages[0]);
            var context = $"seed {seed}\n{yaml}";
            Assert.True(Judged(limited).Select(static d => (d.Code, d.Location)).ToHashSet().IsSubsetOf(full.Findings.Select(static d => (d.Code, d.Location))), context);
            Assert.True(l.ReachableCombinations <= f.ReachableCombinations, context);
            Assert.True(l.ReachableModules.ToHashSet().IsSubsetOf(f.ReachableModules), context);
        }
    }

    /// <summary>
    /// Past the limit, a message's analysis is the same whatever was analysed before with the same catalog (here another
    /// message first): the work a search takes does not depend on the solutions found for earlier questions.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PastTheLimit_AMessagesAnalysisDoesNotDependOnWhatWasAnalysedBefore(bool decisioning)
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var yaml = RandomCatalogs.Build(seed, decisioning) + "  m2:\n    body: '{{ slot \"t0\" }}'\n";
            var fresh = Limited(yaml, 50).Analyze();
            var used = Limited(yaml, 50);
            _ = used.Analyze("m2");
            var after = used.Analyze();

            Assert.True(Summary(fresh) == Summary(after), $"seed {seed}\n{Summary(fresh)}\n---\n{Summary(after)}\n{yaml}");
        }

        static string Summary(Composition.Analysis.CatalogAnalysis analysis) => string.Join('\n', analysis.Messages
            .Select(static m => $"{m.MessageId}: {m.ReachableCombinations} {m.IsExact} {string.Join(',', m.ReachableModules)}")
            .Concat(analysis.Findings.Select(static f => f.ToString())));
    }

    private static Catalog Load(string yaml) => new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);

    /// <summary>The findings about the catalog, less those saying a check stopped at its limit.</summary>
    private static IEnumerable<Diagnostic> Judged(CatalogAnalysis analysis) =>
        analysis.Findings.Where(static d => !d.Message.Contains("stopped at its work limit", StringComparison.Ordinal));

    /// <summary>One slot of 'a' (x &gt; 7) then 'b' (x &gt; 3), in a message whose suppress condition reads the same field, so it is searched with the slot.</summary>
    private static string SuppressedWhen(string condition) => $$$"""
        catalog: suppressed
        modules:
          a: { when: 'x > 7', content: "a" }
          b: { when: 'x > 3', content: "b" }
        slots:
          s: { from: [a, b] }
        messages:
          m:
            body: '{{ slot "s" }}'
            suppress: { when: '{{{condition}}}' }
        """;

    private static Catalog Limited(string yaml, long work)
    {
        var catalog = Load(yaml);
        catalog.AnalysisWorkLimit = work;
        return catalog;
    }

    /// <summary>
    /// A catalog of <paramref name="slots"/> slots of ten modules each, every condition 'FIELD > N &amp;&amp; tier == "tK"'
    /// over four numeric fields and a tier, and the last module of each slot unconditional; <paramref name="extra"/>
    /// adds module ids to a slot's 'from' (before or after its unconditional module) or drops that module. Further modules
    /// can be appended to the returned text, which ends inside 'modules:'.
    /// </summary>
    private static string SharedFields(int slots, Func<int, (string[] Ids, bool BeforeLast)>? extra = null)
    {
        var yaml = new StringBuilder("catalog: big\nlocale: en-US\nslots:\n");
        for (var s = 0; s < slots; s++)
        {
            var (ids, beforeLast) = extra?.Invoke(s) ?? ([], true);
            var from = Enumerable.Range(0, 9).Select(m => $"s{s}-m{m}").ToList();
            if (beforeLast)
            {
                from.AddRange(ids);
                from.Add($"s{s}-m9");
            }
            else if (ids.Length > 0)
            {
                from.Add($"s{s}-m9");
                from.AddRange(ids);
            }

            yaml.Append(CultureInfo.InvariantCulture, $"  s{s}: {{ from: [{string.Join(", ", from)}] }}\n");
        }

        yaml.Append("messages:\n  main:\n    body: |\n");
        for (var s = 0; s < slots; s++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {{{{ slot \"s{s}\" }}}}\n");
        }

        yaml.Append("modules:\n");
        for (var s = 0; s < slots; s++)
        {
            for (var m = 0; m < 10; m++)
            {
                var condition = m < 9 ? $"when: {Fields[(s * 10 + m) % 4]} > {(s * 37 + m * 11) % 100} && tier == \"t{(s + m) % 3}\", " : string.Empty;
                yaml.Append(CultureInfo.InvariantCulture, $"  s{s}-m{m}: {{ {condition}content: \"slot {s} module {m}\" }}\n");
            }
        }

        return yaml.ToString();
    }
}
