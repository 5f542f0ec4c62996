using System.Globalization;
using System.Reflection;
using System.Text.Json;
using OneToOne.Composition.Analysis;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Runtime;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// Conditions that read members (<c>address.country</c>, <c>address["country"]</c>, <c>customer.card.level</c>): each path
/// is a field of the analysis of its own, read as Scriban reads it through the real decider — a member of a missing
/// field rejects the recipient, a member of text, a number or true/false is missing, an index into one rejects.
/// </summary>
public sealed class MemberReadTests
{
    private static readonly string[] Conditions =
    [
        "x.m == 1", "x.m != 1", "x.m < 1", "x.m >= 0.5", "x.m == \"a\"", "x.m < \"b\"", "x.m == null", "x.m != null", "x.m > null",
        "x.m == true", "x.m", "!x.m", "x[\"m\"] == 1", "x[\"m\"] != null", "x.m.n == 1", "x.m.n == null", "x[\"m\"].n > 0",
        "recipient.x.m == 1", "x && x.m == 1", "!x || x.m != 1", "x.m == 1 || x", "x == null || x.m == 1", "x != null && x.m.n",
        "x > 0 || x.m == 1", "x == true && x.m == null", "x == false || !(x.m > 2)", "x.m.n == \"a\" && x.m != null",
        "x && x[\"m\"] == 1", "x.m > 0 || x[\"m\"][\"n\"] == 1",
    ];

    [Fact]
    public void Translation_AgreesWithTheDecider_ForEveryValueTheAnalysisGivesTheFieldsAndPaths()
    {
        var outcomes = new Dictionary<Truth, int>();
        foreach (var condition in Conditions)
        {
            var catalog = TestCatalogs.Parse($$$"""
                catalog: t
                modules:
                  c: { when: '{{{condition.Replace("'", "''", StringComparison.Ordinal)}}}', content: C }
                slots:
                  s: { from: [c] }
                messages:
                  m: { body: '{{ slot "s" }}' }
                """);
            var runtime = (CatalogRuntime)typeof(Catalog).GetField("_runtime", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(catalog)!;
            var translator = new ConditionTranslator(runtime.Segments);
            translator.Translate(runtime.Modules[0].Condition);
            translator.Seal();
            var formula = translator.Translate(runtime.Modules[0].Condition);
            var variables = new HashSet<string>(StringComparer.Ordinal);
            formula.CollectVariables(variables);
            Assert.DoesNotContain(variables, static v => v[0] == '\u0001'); // decided, not opaque

            foreach (var assignment in Assignments([.. variables.Order(StringComparer.Ordinal)], translator.Domains))
            {
                var fields = Fields(assignment);
                var json = JsonSerializer.Serialize(fields);
                var expected = formula.Possible(assignment);
                Assert.True(Decided(catalog, Recipient.FromDictionary(fields)) == expected, $"{condition} for {json}: the analysis says {expected}");
                Assert.True(Decided(catalog, Recipient.FromJson(JsonDocument.Parse(json).RootElement.Clone())) == expected, $"{condition} for JSON {json}: the analysis says {expected}");
                outcomes[expected] = outcomes.GetValueOrDefault(expected) + 1;
            }
        }

        // Every outcome, rejections included, is met often.
        Assert.All(new[] { Truth.True, Truth.False, Truth.Rejected }, t => Assert.True(outcomes.GetValueOrDefault(t) > 40, $"{t}: {outcomes.GetValueOrDefault(t)}"));
    }

    [Fact]
    public void Analyze_MemberConditions_AreDecided_ContradictionsAndShadowingAreReported()
    {
        var (yaml, positions) = Marker.StripAll("""
            catalog: t
            segments:
              gold: customer.tier == "gold" && customer.points > 100
            modules:
              de: { when: 'address.country == "DE"', content: DE }
              at: { when: 'address["country"] == "AT"', content: AT }
              never: { when: 'address.country == "DE" && recipient.address.country == "FR"', content: N }
              north: { when: 'address.country == "DE" && address.zip > 50000', content: S }
              world: W
              club: { when: segment.gold, content: G }
              big: { when: 'customer.points > 1000', content: B }
              deep: { when: 'customer.card.level == "black"', content: D }
              regular: R
            slots:
              region: { from: [de, at, ‸never, ‸north, world] }
              loyalty: { from: [club, big, deep, regular] }
            messages:
              m: { body: '{{ slot "region" }} {{ slot "loyalty" }}' }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var analysis = catalog.Analyze();

        var message = analysis.Messages.Single();
        Assert.Empty(message.UndecidableConditions);
        Assert.True(message.IsExact);
        Assert.Equal(["de", "at", "world", "club", "big", "deep", "regular"], message.ReachableModules);

        // region: de, at, world; loyalty: club, big, deep, regular — independent, as they read different fields.
        Assert.Equal(12, (int)message.ReachableCombinations);
        var unreachable = analysis.Findings.Where(static f => f.Code == DiagnosticCodes.UnreachableModule).ToList();
        Assert.Equal(positions, unreachable.Select(static f => (f.Location.Line, f.Location.Column)));
        Assert.Contains("'never' can never be chosen in slot 'region': its condition 'address.country == \"DE\" && recipient.address.country == \"FR\"' can never be true", unreachable[0].Message, StringComparison.Ordinal);
        Assert.Contains("'north' can never be chosen in slot 'region': whenever its condition 'address.country == \"DE\" && address.zip > 50000' holds, the candidates ahead of it ('de', 'at', 'never') already fill the slot", unreachable[1].Message, StringComparison.Ordinal);

        // 'de' and 'at' exclude each other (so 'region' has no overlap); in 'loyalty', members' values show the overlaps.
        var overlaps = analysis.Findings.Where(static f => f.Code == DiagnosticCodes.OverlappingConditions).Select(static f => f.Message).ToList();
        Assert.Equal(3, overlaps.Count);
        Assert.All(overlaps, static m => Assert.Contains("in slot 'loyalty' overlap", m, StringComparison.Ordinal));
        Assert.Contains("'club' (segment.gold) and 'big' (customer.points > 1000) in slot 'loyalty' overlap: a recipient such as customer.points = 1001, customer.tier = \"gold\" qualifies", overlaps[0], StringComparison.Ordinal);
        Assert.Contains("'big' (customer.points > 1000) and 'deep' (customer.card.level == \"black\") in slot 'loyalty' overlap: a recipient such as customer.card.level = \"black\", customer.points = 1001 qualifies", overlaps[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AMemberOfAMissingFieldRejectsTheRecipient_UnlessTheConditionGuardsIt()
    {
        const string Catalog = """
            catalog: t
            modules:
              de: { when: 'WHEN', content: DE }
              none: { when: 'address == null', content: N }
              other: O
            slots:
              s: { from: [de, none, other] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """;
        var unguarded = TestCatalogs.Parse(Catalog.Replace("WHEN", "address.country == \"DE\"", StringComparison.Ordinal));
        var guarded = TestCatalogs.Parse(Catalog.Replace("WHEN", "address != null && address.country == \"DE\"", StringComparison.Ordinal));

        // Scriban fails reading a member of a missing field: the recipient is rejected before 'none' is looked at.
        Assert.Throws<RecipientException>(() => unguarded.Decide(TestCatalogs.Person(("id", "r")), "m"));
        Assert.Equal(["none"], guarded.Decide(TestCatalogs.Person(("id", "r")), "m").Slots[0].ModuleIds);

        var analysis = unguarded.Analyze();
        Assert.Equal(["de", "other"], analysis.Messages[0].ReachableModules);
        var finding = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);
        Assert.Contains("'none' can never be chosen in slot 's': whenever its condition 'address == null' holds, a condition ahead of it fails in Scriban, which rejects the recipient, unless the candidates ahead fill the slot first: 'de' (address.country == \"DE\") reads a member of a missing field", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["de", "none", "other"], guarded.Analyze().Messages[0].ReachableModules);
        Assert.DoesNotContain(guarded.Analyze().Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);

        // The condition that rejects is reported where it is written, with a recipient it rejects; the guarded one is not.
        var rejecting = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.RejectingCondition);
        Assert.Equal(3, rejecting.Location.Line);
        Assert.StartsWith("'address.country == \"DE\"' rejects a recipient such as address missing instead of coming to true or false", rejecting.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(guarded.Analyze().Findings, static f => f.Code == DiagnosticCodes.RejectingCondition);
    }

    [Fact]
    public void Analyze_AFieldComparedWithTextWhoseMembersAreRead_WarnsAndCountsItFree_AndSizeAndMembersOfReservedNamesStayUndecided()
    {
        var (yaml, line, column) = Marker.Strip("""
            catalog: t
            modules:
              a: { when: '‸address == "none"', content: A }
              b: { when: 'address.country == "DE"', content: B }
              c: { when: 'tags.size > 2', content: C }
              e: { when: 'recipient.experiment.hero == "B"', content: E }
              d: D
            experiments:
              hero: { arms: { A: 1, B: 1 } }
            slots:
              s: { from: [a, b, c, e, d] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var analysis = catalog.Analyze();

        // An object is compared with text as it is written, which differs between a dictionary and JSON.
        var finding = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.MixedTypeComparison);
        Assert.Equal((line, column), (finding.Location.Line, finding.Location.Column));
        Assert.Contains("'address == \"none\"' compares field 'address' with text, but 'address.country == \"DE\"' (t.yaml(4,15)) reads a member of it", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["address == \"none\"", "tags.size > 2", "recipient.experiment.hero == \"B\""], analysis.Messages[0].UndecidableConditions);
        Assert.Equal(["a", "b", "c", "e", "d"], analysis.Messages[0].ReachableModules);
    }

    [Fact]
    public void FindPersonas_MemberConditions_GiveEachPersonaTheMembers_MergedWithThoseTemplatesRead()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            modules:
              de: { when: 'address && address.country == "DE" && address.zip >= 50000', content: 'Hallo {{ address.city }}, {{ address.zip | math.format "N0" }}' }
              at: { when: 'address["country"] == "AT"', content: 'Servus {{ address["street"] }}' }
              none: { when: '!address', content: 'Where do you live?' }
              world: 'Hello {{ name }}'
              black: { when: 'customer.card.level == "black" && customer.points > 1000', content: 'Black card, {{ customer.points }} points' }
              plain: Plain
            slots:
              region: { from: [de, none, at, world] }
              loyalty: { from: [black, plain] }
            messages:
              m: { body: '{{ slot "region" }} {{ slot "loyalty" }}', suppress: { when: 'prefs.news != true' } }
            """);

        var set = catalog.FindPersonas("m");

        Assert.Empty(set.UncoveredModules);
        Assert.True(set.IsMinimal);
        Assert.Equal(4, set.Personas.Count);
        // Deciding the made-up recipients again shows every module: each was made to reach its own.
        var shown = set.Personas.SelectMany(p => catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["at", "black", "de", "none", "plain", "world"], shown.Order(StringComparer.Ordinal));

        var de = Assert.Single(set.Personas, static p => p.Modules.Contains("de"));
        var address = Assert.IsType<Dictionary<string, object?>>(Field(de.Recipient, "address"));
        Assert.Equal("DE", address["country"]);
        Assert.Equal(50000, address["zip"]);
        Assert.Equal("Sample address city", address["city"]);
        var at = Assert.Single(set.Personas, static p => p.Modules.Contains("at"));
        Assert.StartsWith("Servus Sample address street ", catalog.Render(catalog.Decide(at.Recipient, "m"), Channel.Text).Body, StringComparison.Ordinal);

        // Only the suppress condition reads 'prefs.news', and every persona has it, so none is suppressed.
        Assert.All(set.Personas, static p => Assert.Equal(true, Assert.IsType<Dictionary<string, object?>>(Field(p.Recipient, "prefs"))["news"]));
        Assert.StartsWith("Hallo Sample address city, 50,000 ", catalog.Render(catalog.Decide(de.Recipient, "m"), Channel.Text).Body, StringComparison.Ordinal);
        var black = Assert.Single(set.Personas, static p => p.Modules.Contains("black"));
        var customer = Assert.IsType<Dictionary<string, object?>>(Field(black.Recipient, "customer"));
        Assert.Equal("black", Assert.IsType<Dictionary<string, object?>>(customer["card"])["level"]);
        Assert.Equal(1001, customer["points"]);
        Assert.Contains("customer.card.level = \"black\"", black.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("an object", black.Description, StringComparison.Ordinal);
    }

    private static object? Field(Recipient recipient, string name) => recipient.TryGetValue(name, out var value) ? value : null;

    /// <summary>What deciding message 'm' comes to: its slot's module shown, not shown, or the recipient rejected.</summary>
    private static Truth Decided(Catalog catalog, Recipient recipient)
    {
        try
        {
            return catalog.Decide(recipient, "m").Slots.Single().ModuleIds.Count == 1 ? Truth.True : Truth.False;
        }
        catch (RecipientException)
        {
            return Truth.Rejected;
        }
    }

    /// <summary>Every assignment of the variables from their domains.</summary>
    private static IEnumerable<Assignment> Assignments(string[] variables, IReadOnlyDictionary<string, object?[]> domains, int next = 0, Assignment? assignment = null)
    {
        assignment ??= Assignment.Empty;
        if (next == variables.Length)
        {
            yield return assignment;
            yield break;
        }

        foreach (var value in domains[variables[next]])
        {
            foreach (var full in Assignments(variables, domains, next + 1, assignment.WithField(variables[next], value)))
            {
                yield return full;
            }
        }
    }

    /// <summary>The recipient an assignment stands for: a field holding an object is a dictionary of its members' values; missing values are left out.</summary>
    private static Dictionary<string, object?> Fields(Assignment assignment)
    {
        var values = assignment.Fields;
        object? Value(string key) => values[key] is ObjectValue
            ? values.Keys.Where(k => k.StartsWith(key + ".", StringComparison.Ordinal) && k.LastIndexOf('.') == key.Length)
                .Select(k => (Name: k[(key.Length + 1)..], Value: Value(k))).Where(static m => m.Value is not null)
                .ToDictionary(static m => m.Name, static m => m.Value, StringComparer.Ordinal)
            : values[key];
        var fields = values.Keys.Where(static k => !k.Contains('.', StringComparison.Ordinal)).Select(k => (Name: k, Value: Value(k)))
            .Where(static f => f.Value is not null).ToDictionary(static f => f.Name, static f => f.Value, StringComparer.Ordinal);
        fields["id"] = "r";
        return fields;
    }
}
