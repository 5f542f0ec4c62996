using System.Globalization;
using System.Text;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// A product-feed catalog: one slot of thousands of candidates, each for one value of a field (<c>sku == "sN"</c>). The
/// search of the slot conjoins "every earlier candidate false" one candidate at a time; it used to re-evaluate that whole
/// conjunction for every value of the field at each candidate (cubic: 2,000 candidates took twelve minutes and then
/// stopped at the work limit having recorded nothing, so the analysis said "at least 0 combinations, 0 reachable modules").
/// </summary>
public sealed class ProductFeedAnalysisTests
{
    [Fact]
    public void ASlotOfTwoThousandProducts_IsExploredExactly()
    {
        var analysis = Load(Feed(2000)).Analyze();

        var message = Assert.Single(analysis.Messages);
        Assert.True(message.IsExact);
        Assert.Equal(2001, message.ReachableCombinations); // each product, or none (a sku of no product)
        Assert.Equal(2000, message.ReachableModules.Count);
        Assert.Equal(Enumerable.Range(0, 2000).Select(static i => $"m{i}").Order(StringComparer.Ordinal), message.ReachableModules.Order(StringComparer.Ordinal));
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(DiagnosticCodes.EmptySlot, finding.Code);
        Assert.StartsWith("Slot 's' can come out empty: no candidate is eligible for a recipient such as sku = \"other\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoppedInsideTheSlot_TheSearchStillReportsTheProductsItFound()
    {
        // The limit is reached part-way through the slot's candidates: the count of what was found is an honest lower bound, not 0.
        // Without taking the feed's candidates as one run (which needs far less work), as a slot of other conditions is searched.
        var catalog = Load(Feed(2000));
        catalog.AnalysisWorkLimit = 2_000;
        catalog.AnalysisUsesEqualityRuns = false;

        var analysis = catalog.Analyze();

        var message = Assert.Single(analysis.Messages);
        Assert.False(message.IsExact);
        Assert.InRange((int)message.ReachableCombinations, 10, 1999);

        // The products are all reported reachable all the same: the slot decided on its own, which takes less work, finishes.
        Assert.Equal(2000, message.ReachableModules.Count);
        Assert.All(message.ReachableModules.Take(20), id => Assert.Equal(
            [id], catalog.Decide(new Dictionary<string, object?> { ["sku"] = "s" + id[1..], ["name"] = "Ada" }, "m").Slots.SelectMany(static s => s.ModuleIds)));
        Assert.DoesNotContain(analysis.Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);
    }

    [Fact]
    public void AFeed_IsExploredExactly_WithLittleWork()
    {
        // A candidate per product, each asked about with every product ahead of it false, took the feed's square: 20,000
        // products stopped at the work limit with "at least 3,976 combinations", and the overlap check at its limit too.
        var catalog = Load(Feed(2000));
        catalog.AnalysisWorkLimit = 20_000;

        var analysis = catalog.Analyze();

        var message = Assert.Single(analysis.Messages);
        Assert.True(message.IsExact);
        Assert.Equal(2001, message.ReachableCombinations);
        Assert.Equal(2000, message.ReachableModules.Count);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal("Slot 's' can come out empty: no candidate is eligible for a recipient such as sku = \"other\", and it has no fallback. Add 'fallback: some-module' or an unconditional candidate last.", finding.Message);
    }

    [Fact]
    public void AProductRepeatingAnEarlierOnesSku_IsReportedShadowed_AndTheRestReachable()
    {
        var yaml = Feed(2000).Replace("m1500: { when: 'sku == \"s1500\"'", "m1500: { when: 'sku == \"s7\"'", StringComparison.Ordinal);
        var catalog = Load(yaml);
        catalog.AnalysisWorkLimit = 20_000;

        var analysis = catalog.Analyze();

        var message = Assert.Single(analysis.Messages);
        Assert.True(message.IsExact);
        Assert.Equal(2000, message.ReachableCombinations);
        Assert.Equal(1999, message.ReachableModules.Count);
        Assert.DoesNotContain("m1500", message.ReachableModules);
        var shadowed = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);
        Assert.StartsWith("Module 'm1500' can never be chosen in slot 's': whenever its condition 'sku == \"s7\"' holds, the candidates ahead of it ('m0', 'm1', ", shadowed.Message, StringComparison.Ordinal);
        Assert.EndsWith(", 'm1499') already fill the slot. Move it earlier or narrow the conditions ahead of it.", shadowed.Message, StringComparison.Ordinal);
        Assert.Equal(2, analysis.Findings.Count);
    }

    [Fact]
    public void ARequiredProduct_IsCheckedOnTwoThousandCandidates()
    {
        var yaml = Feed(2000).Replace("  m: { body:", "  m: { required: [m7], body:", StringComparison.Ordinal);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RequiredModuleMissing, error.Code);
        Assert.Contains("requires module 'm7', but a recipient such as sku = \"s0\" gets it without: s: m0.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallFeed_GetsOnePersonaPerProduct()
    {
        var catalog = Load(Feed(300));

        var personas = catalog.FindPersonas("m");

        Assert.Equal(300, personas.ReachableModules.Count);
        Assert.Empty(personas.UncoveredModules);
        Assert.Equal(300, personas.Personas.Count);
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds)));
    }

    private static Catalog Load(string yaml) => new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);

    /// <summary>One slot of <paramref name="products"/> modules, module mN for recipients whose sku is "sN".</summary>
    private static string Feed(int products)
    {
        var yaml = new StringBuilder("catalog: feed\nmodules:\n");
        for (var i = 0; i < products; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  m{i}: {{ when: 'sku == \"s{i}\"', content: 'Product {i} for {{{{ name }}}}' }}\n");
        }

        yaml.Append("slots:\n  s: { from: [").AppendJoin(", ", Enumerable.Range(0, products).Select(static i => $"m{i}")).Append("] }\n");
        yaml.Append("messages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        return yaml.ToString();
    }
}
