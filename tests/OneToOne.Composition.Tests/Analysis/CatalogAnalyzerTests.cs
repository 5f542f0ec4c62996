using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Analysis;

public sealed class CatalogAnalyzerTests
{
    // Each '‸' marks where one planted finding must point; the codes below are in marker order.
    private const string Crafted = """
        catalog: crafted
        locale: en-US
        segments:
          adults: age >= 18
          ‸ghosts: age < 0
        modules:
          always: "Hi"
          shadowed: "Never shown"
          minors: { when: age < 18, content: "Kids" }
          grown-ups: { when: segment.adults, content: "Grown-ups" }
          impossible: { when: age < 13 && age > 19, content: "Impossible" }
          seniors: { when: age >= 65, content: "Seniors" }
          senior-deal: { when: age >= 70, content: "Deal" }
          ‸orphan: "Nobody uses me"
          hallo:
            content: "Hello"
            locales: { de: "Hallo" }
          ‸hint: "No German"
          xmas:
            active: ‸{ from: 2025-12-01, until: 2025-12-27 }
            content: "Merry Christmas"
        slots:
          greeting: { from: [always, ‸shadowed] }
          ‸age-block: { from: [minors, grown-ups, ‸seniors] }
          ‸maybe: { from: [‸impossible, senior-deal] }
          ‸unused: { from: [always] }
          lang: { pick: all, from: [hallo, hint, xmas] }
        messages:
          m:
            body: |
              {{ slot "greeting" }} {{ slot "age-block" }} {{ slot "maybe" }} {{ slot "lang" }}
        """;

    private static readonly string[] PlantedCodes =
    [
        DiagnosticCodes.UnusedSegment,
        DiagnosticCodes.UnusedModule,
        DiagnosticCodes.MissingTranslation,
        DiagnosticCodes.Inactive,
        DiagnosticCodes.UnreachableModule,
        DiagnosticCodes.EmptySlot,
        DiagnosticCodes.UnreachableModule,
        DiagnosticCodes.EmptySlot,
        DiagnosticCodes.UnreachableModule,
        DiagnosticCodes.UnusedSlot,
    ];

    [Fact]
    public void Analyze_CraftedCatalog_NamesEveryPlantedFindingWithItsPosition()
    {
        var (yaml, positions) = Marker.StripAll(Crafted);
        var catalog = new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).Parse(yaml, "crafted.yaml");

        var findings = catalog.Analyze().Findings;

        for (var i = 0; i < positions.Count; i++)
        {
            var (line, column) = positions[i];
            Assert.Contains(findings, f => f.Code == PlantedCodes[i] && f.Location.Line == line && f.Location.Column == column && f.Severity == DiagnosticSeverity.Warning);
        }

        // No other module is called unreachable or unused, and no other slot empty ('age-block' is empty when age is missing).
        Assert.Equal(3, findings.Count(static f => f.Code == DiagnosticCodes.UnreachableModule));
        Assert.Equal(2, findings.Count(static f => f.Code == DiagnosticCodes.EmptySlot));
        Assert.Single(findings, static f => f.Code == DiagnosticCodes.UnusedModule);
        Assert.Single(findings, static f => f.Code == DiagnosticCodes.UnusedSegment);
    }

    [Fact]
    public void Analyze_Unreachable_SaysWhy()
    {
        var (yaml, _) = Marker.StripAll(Crafted);
        var findings = new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).Parse(yaml).Analyze().Findings;

        Assert.Contains(findings, static f => f.Message.Contains("'shadowed' can never be chosen in slot 'greeting': it comes after 'always', which has no condition", StringComparison.Ordinal));
        Assert.Contains(findings, static f => f.Message.Contains("'impossible' can never be chosen in slot 'maybe': its condition 'age < 13 && age > 19' can never be true", StringComparison.Ordinal));
        Assert.Contains(findings, static f => f.Message.Contains("'seniors' can never be chosen in slot 'age-block': whenever its condition 'age >= 65' holds, the candidates ahead of it ('minors', 'grown-ups') already fill the slot", StringComparison.Ordinal));
        Assert.Contains(findings, static f => f.Code == DiagnosticCodes.EmptySlot && f.Message.Contains("such as age missing", StringComparison.Ordinal));
        Assert.Contains(findings, static f => f.Code == DiagnosticCodes.MissingTranslation && f.Message.Contains("'hint' has no text for de", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_CountsCombinations_AsTheProductOfIndependentSlots()
    {
        var (yaml, _) = Marker.StripAll(Crafted);
        var analysis = new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).Parse(yaml).Analyze("m").Messages.Single();

        // greeting: 1 (always). age-block and maybe share 'age': age < 18 → (minors, empty); 18 ≤ age < 70 → (grown-ups, empty);
        // age ≥ 70 → (grown-ups, senior-deal); missing → (empty, empty): 4. lang (xmas expired): hallo+hint: 1.
        Assert.Equal(4, (int)analysis.ReachableCombinations);
        Assert.True(analysis.IsExact);
        Assert.DoesNotContain("xmas", analysis.ReachableModules);
    }

    [Fact]
    public void Analyze_SamePriorityOverlapInBest_AndUndecidableConditions_AreReported()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("""
            catalog: t
            modules:
              a: { when: 'tier == "gold"', priority: 5, content: A }
              b: { when: 'points > 100', priority: 5, content: B }
              c: { when: 'name | string.starts_with "Z"', content: C }
            slots:
              s: { pick: best, from: [a, b, c] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """, "t.yaml");

        var analysis = catalog.Analyze();

        var overlap = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.OverlappingConditions);
        Assert.Equal((7, 30), (overlap.Location.Line, overlap.Location.Column));
        Assert.Equal(["name | string.starts_with \"Z\""], analysis.Messages[0].UndecidableConditions);
    }

    [Fact]
    public void Analyze_StringOrdering_IsDecidedAsScribanOrdersStrings_WithAMissingFieldBeforeEveryString()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("""
            catalog: t
            modules:
              early: { when: 'name <= "b"', content: E }
              mid: { when: 'name > "b" && name < "d"', content: M }
              late: { when: 'name >= "d"', content: L }
            slots:
              a: { from: [early] }
              b: { from: [mid] }
              c: { from: [late] }
            messages:
              m: { body: '{{ slot "a" }} {{ slot "b" }} {{ slot "c" }}' }
            """, "t.yaml");

        var analysis = catalog.Analyze();

        // Only a name strictly between "b" and "d" gets 'mid'; a missing name orders before every string, so it gets 'early'.
        Assert.Equal(["early", "mid", "late", "early"], new[] { "alice", "carl", "zoe", null }.Select(name => Chosen(catalog, name)));
        Assert.Equal(3, (int)analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["early", "mid", "late"], analysis.Messages[0].ReachableModules);
        Assert.DoesNotContain(analysis.Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);
    }

    [Fact]
    public void Analyze_MessageSuppressedForEveryone_ReachesNoModule_AndItsProofShowsNone()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("""
            catalog: t
            modules:
              a: { when: 'x > 1', content: A }
              b: B
            slots:
              s: { from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}', suppress: { when: 'true', reason: paused } }
            """, "t.yaml");

        var analysis = catalog.Analyze().Messages.Single();
        var personas = catalog.FindPersonas("m");

        Assert.Equal(0, (int)analysis.ReachableCombinations);
        Assert.Empty(analysis.ReachableModules);
        Assert.Empty(personas.Personas);
        Assert.Empty(personas.ReachableModules);
    }

    [Fact]
    public void Analyze_EmptySlotWhoseFallbackExpired_SaysSo_InsteadOfThatItHasNone()
    {
        var catalog = new CatalogLoader(FixedClock.At("2026-12-05T00:00:00Z")).Parse("""
            catalog: t
            modules:
              a: { when: 'x > 1', content: A }
              fb: { content: FB, active: { until: 2026-01-01 } }
            slots:
              s: { from: [a], fallback: fb }
            messages:
              m: { body: '{{ slot "s" }}' }
            """, "t.yaml");

        var empty = Assert.Single(catalog.Analyze().Findings, static f => f.Code == DiagnosticCodes.EmptySlot);

        Assert.Equal(
            "Slot 's' can come out empty: no candidate is eligible for a recipient such as x = 0, and its fallback 'fb' is active until 2026-01-01, expired at this instant (2026-12-05 00:00 UTC). Extend its 'active:' dates, or add an unconditional candidate last.",
            empty.Message);
    }

    [Fact]
    public void Analyze_SuppressAlwaysTrue_WarnsAtTheSuppressCondition()
    {
        var (yaml, positions) = Marker.StripAll("""
            catalog: t
            modules:
              a: A
            slots:
              s: { from: [a] }
            messages:
              m:
                body: '{{ slot "s" }}'
                suppress: { when: ‸"true", reason: paused }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var analysis = catalog.Analyze();

        Assert.Equal(0, analysis.Messages[0].ReachableCombinations);
        var finding = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.SuppressedForEveryone);
        Assert.Equal((positions[0].Line, positions[0].Column), (finding.Location.Line, finding.Location.Column));
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.StartsWith("Message 'm' is suppressed for every recipient: its suppress condition 'true' is always true, so nobody gets it. Narrow the condition", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SuppressRulesThatTogetherCoverEveryone_WarnAtTheMessage()
    {
        var (yaml, positions) = Marker.StripAll("""
            catalog: t
            modules:
              a: A
            slots:
              s: { from: [a] }
            messages:
              ‸m:
                body: '{{ slot "s" }}'
                suppress:
                  - { name: vips, when: vip }
                  - { name: others, when: '!vip' }
              n:
                body: '{{ slot "s" }}'
                suppress:
                  - { name: vips, when: vip }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var finding = Assert.Single(catalog.Analyze().Findings, static f => f.Code == DiagnosticCodes.SuppressedForEveryone);

        Assert.Equal((positions[0].Line, positions[0].Column), (finding.Location.Line, finding.Location.Column));
        Assert.StartsWith("Message 'm' is suppressed for every recipient: its suppress rules, holdouts and consent together leave nobody", finding.Message, StringComparison.Ordinal);
    }

    private static string Chosen(Catalog catalog, string? name)
    {
        var fields = new Dictionary<string, object?> { ["id"] = "r" };
        if (name is not null)
        {
            fields["name"] = name;
        }

        var decision = catalog.Decide(Recipient.FromDictionary(fields), "m");
        return string.Join(" + ", decision.Slots.SelectMany(static s => s.ModuleIds));
    }
}
