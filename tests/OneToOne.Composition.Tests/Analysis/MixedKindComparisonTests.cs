using System.Globalization;
using OneToOne.Composition.Analysis;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// Comparisons across kinds of values (number, text, true/false, an object, missing), as Scriban 7.5 decides them through the real
/// decider, and the analysis agreeing with it — or, where it cannot (a number against text, an ordering against
/// true/false), saying so with OTO1510.
/// </summary>
public sealed class MixedKindComparisonTests
{
    private static readonly object?[] Values = [null, -1, 0, 0.5, 1, 2, true, false, "", "a", "false", "true", "x", new Dictionary<string, object?> { ["k"] = 1 }];

    private static readonly object?[] Constants = [null, 0, 1, 0.5, true, false, "", "a", "true", "x"];

    private static readonly (string Text, CompareOp Op)[] Operators =
    [
        ("==", CompareOp.Equal), ("!=", CompareOp.NotEqual), ("<", CompareOp.Less),
        ("<=", CompareOp.LessOrEqual), (">", CompareOp.Greater), (">=", CompareOp.GreaterOrEqual),
    ];

    [Fact]
    public void Holds_AgreesWithTheDecider_ForEveryPairOfKindsTheAnalysisDecides()
    {
        // One catalog per comparison 'x OP K', whose slot shows its module exactly when the comparison is true; deciding
        // rejects the recipient when Scriban fails the comparison (an object against a number).
        var comparisons = Operators.SelectMany(static o => Constants.Select(c => (o.Text, o.Op, Constant: c)))
            .Where(static c => !(c.Constant is bool && c.Op is not (CompareOp.Equal or CompareOp.NotEqual)))
            .ToList();
        var catalogs = comparisons.ConvertAll(static c => TestCatalogs.Parse($$$"""
            catalog: t
            modules:
              c: { when: 'x {{{c.Text}}} {{{Formula.Literal(Analysed(c.Constant))}}}', content: C }
            slots:
              s: { from: [c] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """));

        var checkedPairs = 0;
        foreach (var value in Values)
        {
            var person = TestCatalogs.Person(("id", "r"), ("x", value));
            for (var i = 0; i < comparisons.Count; i++)
            {
                var (text, op, constant) = comparisons[i];
                if (Analysed(value) is double or ObjectValue && constant is string || Analysed(value) is string && constant is not (null or string or bool))
                {
                    continue; // a number or an object against text: never decided (see below)
                }

                var scriban = Decided(catalogs[i], person);
                Assert.True(scriban == Formula.Compare.Holds(Analysed(value), op, Analysed(constant)), $"x = {Formula.Literal(Analysed(value))}: x {text} {Formula.Literal(constant)} is {scriban} for Scriban");
                checkedPairs++;
            }
        }

        Assert.True(checkedPairs > 450, $"only {checkedPairs} pairs checked");
    }

    [Fact]
    public void Scriban_NumberAgainstText_ComparesText_InTheRecipientsCulture_AndRefusesToOrderTrueFalse()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            modules:
              equal: { when: 'x == "2.5"', content: E }
              below: { when: 'x < "9"', content: B }
              more: { when: 'x > 3', content: M }
              order: { when: 'flag < true', content: O }
            slots:
              a: { from: [equal] }
              b: { from: [below] }
              c: { from: [more] }
              d: { from: [order] }
            messages:
              m: { body: '{{ slot "a" }}{{ slot "b" }}{{ slot "c" }}{{ slot "d" }}' }
            """);
        string[] Shown(params (string Key, object? Value)[] fields) =>
            [.. catalog.Decide(TestCatalogs.Person([("id", "r"), .. fields]), "m").Slots.SelectMany(static s => s.ModuleIds)];

        // 2.5 is "2.5" in English and "2,5" in German; 10 is "10", before "9"; the text "10" is after "3" only as a number.
        Assert.Equal(["equal", "below"], Shown(("x", 2.5), ("locale", "en-US")));
        Assert.Equal(["below"], Shown(("x", 2.5), ("locale", "de-DE")));
        Assert.Equal(["below", "more"], Shown(("x", 10), ("locale", "en-US")));
        Assert.Contains("'x > 3' orders the field 'x', the text \"10\", against a number", Assert.Throws<RecipientException>(() => Shown(("x", "10"), ("locale", "en-US"))).Message, StringComparison.Ordinal);
        Assert.Throws<RecipientException>(() => Shown(("x", 1), ("flag", false)));
        Assert.Equal(["below", "order"], Shown(("x", 1), ("flag", 0)));
    }

    [Fact]
    public void Analyze_FieldComparedWithANumberAndWithText_WarnsWhereTheOddOneIs_AndCountsItFree()
    {
        var (yaml, line, column) = Marker.Strip("""
            catalog: t
            modules:
              five: { when: 'age > 3 && ‸age == "5"', content: F }
              older: { when: 'age >= 18', content: O }
              other: X
            slots:
              s: { from: [five, older, other] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var analysis = catalog.Analyze();

        // Scriban gives age 5 'five' (5 is "5" as text); a contradiction for an analysis that kept numbers and text apart.
        Assert.Equal(["five"], catalog.Decide(TestCatalogs.Person(("id", "r"), ("age", 5)), "m").Slots[0].ModuleIds);
        Assert.Contains("five", analysis.Messages[0].ReachableModules);
        Assert.DoesNotContain(analysis.Findings, static f => f.Code == DiagnosticCodes.UnreachableModule);
        var finding = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.MixedTypeComparison);
        Assert.Equal(("t.yaml", line, column, DiagnosticSeverity.Warning), (finding.Location.File, finding.Location.Line, finding.Location.Column, finding.Severity));
        Assert.Contains("'age == \"5\"' compares field 'age' with text, but 'age > 3' (t.yaml(3,18)) compares it with a number", finding.Message, StringComparison.Ordinal);
        Assert.Contains("without quotes", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["age == \"5\"", "age > 3", "age >= 18"], analysis.Messages[0].UndecidableConditions);
    }

    [Fact]
    public void Analyze_ComparisonsAcrossKinds_AreDecidedAsScribanDecidesThem()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            modules:
              many: { when: 'points && points > 100', content: M }
              flagged: { when: 'vip == true && vip >= 1', content: V }
              named: { when: 'name > null', content: N }
              worded: { when: 'answer == false && answer && answer != "maybe"', content: W }
              coded: { when: 'code != null && !(code > null)', content: C }
              other: X
            slots:
              a: { from: [many, other] }
              b: { from: [flagged, other] }
              c: { from: [named, other] }
              d: { from: [worded, other] }
              e: { from: [coded, other] }
            messages:
              m: { body: '{{ slot "a" }}{{ slot "b" }}{{ slot "c" }}{{ slot "d" }}{{ slot "e" }}' }
            """);

        var analysis = catalog.Analyze();

        // A number is true in 'if'; true is 1 against a number; any text orders after null, a number does not; the text
        // "false" equals false, yet is true in 'if'.
        var person = TestCatalogs.Person(("id", "r"), ("points", 500), ("vip", true), ("name", "Ann"), ("answer", "false"), ("code", 7));
        Assert.Equal(["many", "flagged", "named", "worded", "coded"], catalog.Decide(person, "m").Slots.SelectMany(static s => s.ModuleIds));
        Assert.Equal(["many", "flagged", "named", "worded", "coded", "other"], analysis.Messages[0].ReachableModules);
        Assert.Equal(32, (int)analysis.Messages[0].ReachableCombinations);
        Assert.True(analysis.Messages[0].IsExact);
        Assert.Empty(analysis.Messages[0].UndecidableConditions);
        Assert.DoesNotContain(analysis.Findings, static f => f.Code is DiagnosticCodes.UnreachableModule or DiagnosticCodes.MixedTypeComparison);
    }

    [Fact]
    public void Analyze_OrderingAgainstTrueFalse_WarnsAtIt_AndSaysHowToCompare()
    {
        var (yaml, line, column) = Marker.Strip("""
            catalog: t
            modules:
              a: { when: '‸vip < true', content: A }
              b: B
            slots:
              s: { from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");

        var analysis = catalog.Analyze();

        var finding = Assert.Single(analysis.Findings, static f => f.Code == DiagnosticCodes.MixedTypeComparison);
        Assert.Equal((line, column), (finding.Location.Line, finding.Location.Column));
        Assert.Contains("'vip == true'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["vip < true"], analysis.Messages[0].UndecidableConditions);
    }

    /// <summary>A value as the analysis holds it: numbers as double, a dictionary as an object.</summary>
    private static object? Analysed(object? value) => value switch
    {
        int or double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IDictionary<string, object?> => ObjectValue.Instance,
        _ => value,
    };

    /// <summary>What deciding message 'm' comes to for the recipient: its slot's module shown, not shown, or the recipient rejected.</summary>
    private static Truth Decided(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
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
}
