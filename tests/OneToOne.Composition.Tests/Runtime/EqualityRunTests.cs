using System.Reflection;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A product feed's slot (<c>sku == "sK"</c> per module) is decided by one lookup, with each outcome and the trace exactly
/// as evaluating every condition in turn gives them (<see cref="Linear"/>: the same catalog without its runs).
/// </summary>
public sealed class EqualityRunTests
{
    private const string Feed = """
        catalog: feed
        modules:
          members: { when: 'tier == "gold"', content: 'members' }
          p0: { when: 'sku == "s0"', content: 'p0' }
          p1: { when: 'sku == "s1"', content: 'p1' }
          p2: { when: '"s2" == sku', content: 'p2', active: { from: 2999-01-01 } }
          p3: { when: 'sku == "s3"', content: 'p3' }
          p4: { when: 'sku == "s2"', content: 'p4' }
          p5: { when: 'sku == "s5"', content: 'p5', status: draft }
          p6: { when: 'sku == "s3"', content: 'p6' }
          other: 'other'
        slots:
          x: { pick: PICK, from: [members, p0, p1, p2, p3, p4, p5, p6, other] }
        messages:
          msg:
            body: "{{ slot 'x' }}"
        """;

    /// <summary>Parses a catalog, then takes its equality runs away, so every slot evaluates each condition in turn.</summary>
    internal static Catalog Linear(string yaml, CompositionOptions? options = null)
    {
        var catalog = new CatalogLoader(options ?? TestCatalogs.Untimed).Parse(yaml);
        foreach (var slot in Runtime(catalog).Slots.Values)
        {
            slot.EqualityRuns = null;
        }

        return catalog;
    }

    [Fact]
    public void Feed_IsDecidedByOneRun_OfTheCandidatesThatTestSkuForEquality()
    {
        var runs = Runtime(Parse(Feed.Replace("PICK", "first", StringComparison.Ordinal))).Slots["x"].EqualityRuns;

        var run = Assert.Single(runs!);
        Assert.Equal((1, 8), (run.Start, run.End));
        Assert.Equal([3], run.Dated);
    }

    [Theory]
    [InlineData("s1", "p1")]
    [InlineData("s3", "p3")]
    [InlineData("s9", "other")]
    public void Feed_ChoosesTheMatchingProduct_AndTracesEveryEarlierOneAsFalse(string sku, string expected)
    {
        var (indexed, linear) = Both("first");

        var decision = indexed.Decide(Person(("id", "r1"), ("sku", sku), ("tier", "silver")), "msg");

        Assert.Equal(expected, decision.Slots[0].ModuleIds[0]);
        Assert.Equal(linear.Decide(Person(("id", "r1"), ("sku", sku), ("tier", "silver")), "msg").ToTraceString(), decision.ToTraceString());
    }

    [Fact]
    public void AMatchOutsideItsDates_IsNoCandidate_AndTheNextMatchIsChosen()
    {
        var (indexed, linear) = Both("first");
        var recipient = Person(("id", "r1"), ("sku", "s2"), ("tier", "silver"));

        var trace = indexed.Decide(recipient, "msg").ToTraceString();

        Assert.Contains("- p2  when \"s2\" == sku  — not a candidate: active from 2999-01-01", trace, StringComparison.Ordinal);
        Assert.Contains("✔ p4  when sku == \"s2\"  — chosen: condition is true", trace, StringComparison.Ordinal);
        Assert.Equal(linear.Decide(recipient, "msg").ToTraceString(), trace);
    }

    [Fact]
    public void TheSameConstantTwice_FirstWins_AndPickAllTakesBothInOrder()
    {
        var (first, _) = Both("first");
        var (all, linearAll) = Both("all");
        var recipient = Person(("id", "r1"), ("sku", "s3"), ("tier", "gold"));

        Assert.Equal(["members"], first.Decide(recipient, "msg").Slots[0].ModuleIds);
        Assert.Equal(["members", "p3", "p6", "other"], all.Decide(recipient, "msg").Slots[0].ModuleIds);
        Assert.Equal(linearAll.Decide(recipient, "msg").ToTraceString(), all.Decide(recipient, "msg").ToTraceString());
        Assert.Equal("p3", first.Decide(Person(("id", "r1"), ("sku", "s3")), "msg").Slots[0].ModuleIds[0]);
    }

    [Fact]
    public void AChosenDraft_FailsTheRecipient_AsWithoutTheRun()
    {
        var (indexed, linear) = Both("first");
        var recipient = Person(("id", "r1"), ("sku", "s5"), ("tier", "silver"));

        var error = Assert.Throws<RecipientException>(() => indexed.Decide(recipient, "msg"));

        Assert.Equal("p5", error.ModuleId);
        Assert.Equal(Assert.Throws<RecipientException>(() => linear.Decide(recipient, "msg")).Message, error.Message);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData(5, true)]
    [InlineData(3L, true)]
    [InlineData(true, true)]
    public void AValueTheRunCannotLookUp_IsComparedByEachCondition(object? sku, bool present)
    {
        var (indexed, linear) = Both("all");
        var recipient = present ? Person(("id", "r1"), ("sku", sku), ("tier", "silver")) : Person(("id", "r1"), ("tier", "silver"));

        var trace = indexed.Decide(recipient, "msg").ToTraceString();

        Assert.Contains("✘ p0  when sku == \"s0\"  — condition is false", trace, StringComparison.Ordinal);
        Assert.Equal(linear.Decide(recipient, "msg").ToTraceString(), trace);
    }

    [Fact]
    public void ANumberAgainstTexts_AndATextAgainstNumbers_CompareAsEachConditionDoes()
    {
        const string Yaml = """
            catalog: n
            modules:
              t1: { when: 'code == "4"', content: 't1' }
              t2: { when: 'code == "5"', content: 't2' }
              t3: { when: 'code == "6"', content: 't3' }
              t4: { when: 'code == "7"', content: 't4' }
              n1: { when: 'code == 4', content: 'n1' }
              n2: { when: 'code == 5', content: 'n2' }
              n3: { when: 'code == 6', content: 'n3' }
              n4: { when: 'code == 7', content: 'n4' }
            slots:
              x: { pick: all, from: [t1, t2, t3, t4, n1, n2, n3, n4] }
            messages:
              msg:
                body: "{{ slot 'x' }}"
            """;
        var indexed = Parse(Yaml);
        var linear = Linear(Yaml);
        Assert.Equal(2, Runtime(indexed).Slots["x"].EqualityRuns!.Length);

        foreach (var code in new object[] { 5, "5", 5.0, 5L })
        {
            var recipient = Person(("id", "r1"), ("code", code));
            var expected = linear.Decide(recipient, "msg");
            var actual = indexed.Decide(recipient, "msg");

            Assert.Equal(expected.ToTraceString(), actual.ToTraceString());
            Assert.Equal(expected.Slots[0].ModuleIds, actual.Slots[0].ModuleIds);
        }

        Assert.Equal(["t2", "n2"], indexed.Decide(Person(("id", "r1"), ("code", 5)), "msg").Slots[0].ModuleIds);
    }

    [Fact]
    public void TextTooLongToCompare_FailsTheRecipient_AsEachConditionWould()
    {
        var options = TestCatalogs.Untimed with { Limits = TestCatalogs.Untimed.Limits with { MaxOutputLength = 8 } };
        var yaml = Feed.Replace("PICK", "first", StringComparison.Ordinal);
        var indexed = new CatalogLoader(options).Parse(yaml);
        var linear = Linear(yaml, options);
        var recipient = Person(("id", "r1"), ("sku", "s3-and-a-long-tail"), ("tier", "silver"));

        var error = Assert.Throws<RecipientException>(() => indexed.Decide(recipient, "msg"));

        Assert.Equal("p0", error.ModuleId);
        Assert.Equal(Assert.Throws<RecipientException>(() => linear.Decide(recipient, "msg")).Message, error.Message);
    }

    [Fact]
    public void PickBest_RunsInPriorityOrder()
    {
        const string Yaml = """
            catalog: b
            modules:
              a1: { when: 'sku == "a"', content: 'a1' }
              b1: { when: 'sku == "b"', content: 'b1', priority: 5 }
              a2: { when: 'sku == "a"', content: 'a2', priority: 5 }
              c1: { when: 'sku == "c"', content: 'c1', priority: 5 }
              b2: { when: 'sku == "b"', content: 'b2' }
              c2: { when: 'sku == "c"', content: 'c2', priority: 5 }
            slots:
              x: { pick: best, count: 2, from: [a1, b1, a2, c1, b2, c2] }
            messages:
              msg:
                body: "{{ slot 'x' }}"
            """;
        var indexed = Parse(Yaml);
        var linear = Linear(Yaml);
        var recipient = Person(("id", "r1"), ("sku", "a"));

        var decision = indexed.Decide(recipient, "msg");

        Assert.Equal(["a2", "a1"], decision.Slots[0].ModuleIds);
        Assert.Equal(linear.Decide(recipient, "msg").ToTraceString(), decision.ToTraceString());
    }

    [Fact]
    public void ARunWithNoActiveCandidate_DoesNotReadItsField()
    {
        const string Yaml = """
            catalog: d
            modules:
              a: { when: 'sku == "a"', content: 'a', active: { until: 2000-01-01 } }
              b: { when: 'sku == "b"', content: 'b', active: { until: 2000-01-01 } }
              c: { when: 'sku == "c"', content: 'c', active: { from: 2999-01-01 } }
              d: { when: 'sku == "d"', content: 'd', active: { until: 2000-01-01 } }
              other: 'other'
            slots:
              x: { from: [a, b, c, d, other] }
            messages:
              msg:
                body: "{{ slot 'x' }}"
            """;
        var recipient = OneToOne.Composition.Recipients.Recipient.FromObject(new Shopper());

        var decision = Parse(Yaml).Decide(recipient, "msg");

        Assert.Equal("other", decision.Slots[0].ModuleIds[0]);
        Assert.Equal(Linear(Yaml).Decide(recipient, "msg").ToTraceString(), decision.ToTraceString());
    }

    private static (Catalog Indexed, Catalog Linear) Both(string pick)
    {
        var yaml = Feed.Replace("PICK", pick, StringComparison.Ordinal);
        return (Parse(yaml), Linear(yaml));
    }

    private static CatalogRuntime Runtime(Catalog catalog) =>
        (CatalogRuntime)typeof(Catalog).GetField("_runtime", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(catalog)!;

    /// <summary>A recipient whose sku cannot be read: reading it fails the decision.</summary>
    private sealed class Shopper
    {
        public string Id => "r1";

        public string Sku => throw new InvalidOperationException("the sku was read");
    }
}
