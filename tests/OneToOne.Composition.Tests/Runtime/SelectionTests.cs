using OneToOne.Composition.Decisions;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

public sealed class SelectionTests
{
    private static readonly Catalog Shop = Parse("""
        catalog: shop
        segments:
          big_spender: spend > 1000
          regular: visits >= 3 && !segment.big_spender
        modules:
          xs-stout: { when: 'last == "stout"', tags: [cross-sell], priority: 5, content: "Stout" }
          xs-ipa: { when: 'last == "ipa" || segment.big_spender', tags: [cross-sell], priority: 9, content: "IPA" }
          xs-any: { tags: [cross-sell], priority: 1, content: "Anything" }
          vip: { when: segment.big_spender, priority: 10, content: "VIP" }
          reg: { when: segment.regular, priority: 20, content: "Regular" }
          nobody: { when: "false", content: "never" }
          fallback-offer: "Default offer"
          frame:
            content: |
              Frame start

              {{ slot "inner" }}
        slots:
          xsell: { pick: all, count: 2, from: { tag: cross-sell } }
          loyalty: { pick: best, from: [vip, reg, xs-any] }
          loyalty2: { pick: best, count: 2, from: [vip, reg, xs-any] }
          empty: { from: [nobody] }
          offer: { from: [nobody], fallback: fallback-offer }
          outer: { from: [frame] }
          inner: { from: [xs-stout, xs-any] }
        messages:
          m:
            suppress: { when: opted_out, reason: "customer opted out" }
            body: |
              {{ slot "xsell" }}

              {{ slot "loyalty" }}

              {{ slot "loyalty2" }}

              {{ slot "empty" }}

              {{ slot "offer" }}

              {{ slot "outer" }}
        """);

    private static Decision Decide(params (string, object?)[] fields) =>
        Shop.Decide(Person([("opted_out", false), ("spend", 0), ("visits", 0), ("last", "none"), .. fields]), "m");

    [Fact]
    public void Trace_IsTheSameBeforeAndAfterRendering_WhenATemplateReadsAnotherSegment()
    {
        var catalog = Parse("""
            catalog: t
            segments:
              adults: age >= 18
              locals: city == "Gent"
            modules:
              adult: { when: segment.adults, content: "{{ if segment.locals }}Hi neighbour{{ else }}Hi{{ end }}" }
            slots:
              s: { from: [adult] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var decision = catalog.Decide(Person(("id", "t1"), ("age", 30), ("city", "Gent")), "m");
        var before = decision.ToTraceString();

        Assert.Equal("Hi neighbour\n", catalog.Render(decision, Channel.Text).Body);

        Assert.Equal(before, decision.ToTraceString());
        Assert.Equal(["adults"], decision.Segments.Select(static s => s.SegmentId));
    }

    [Fact]
    public void PickAll_TakesEligibleInTagOrderUpToCount()
    {
        Assert.Equal(["xs-stout", "xs-any"], Decide(("last", "stout")).GetSlot("xsell")!.ModuleIds);
        Assert.Equal(["xs-stout", "xs-ipa"], Decide(("last", "stout"), ("spend", 5000)).GetSlot("xsell")!.ModuleIds);
        Assert.Equal(["xs-any"], Decide().GetSlot("xsell")!.ModuleIds);
    }

    [Fact]
    public void PickBest_RanksByPriorityThenOrder()
    {
        var decision = Decide(("spend", 5000));

        var loyalty = decision.GetSlot("loyalty")!;
        Assert.Equal(["vip"], loyalty.ModuleIds);
        // reg (priority 20) is tried first and is false; vip (10) is chosen; xs-any (1) is never evaluated.
        Assert.Equal(CandidateOutcome.Chosen, loyalty.Candidates[0].Outcome);
        Assert.Equal(CandidateOutcome.ConditionFalse, loyalty.Candidates[1].Outcome);
        Assert.Equal(CandidateOutcome.NotEvaluated, loyalty.Candidates[2].Outcome);
        Assert.Contains("higher-priority candidates filled the slot", loyalty.Candidates[2].Explanation, StringComparison.Ordinal);
        Assert.Equal(["reg", "xs-any"], Decide(("visits", 5)).GetSlot("loyalty2")!.ModuleIds);
    }

    [Fact]
    public void Segments_CanReferToOtherSegments_AndAreEvaluatedOncePerRecipient()
    {
        var decision = Decide(("spend", 5000), ("visits", 9));

        Assert.Equal(["vip"], decision.GetSlot("loyalty")!.ModuleIds);
        var segments = decision.Segments.ToDictionary(static s => s.SegmentId, static s => s.Value);
        Assert.True(segments["big_spender"]);
        Assert.False(segments["regular"]);
    }

    [Fact]
    public void EmptySlot_WithoutFallback_StaysEmptyAndSaysSo()
    {
        var decision = Decide();

        var empty = decision.GetSlot("empty")!;
        Assert.Empty(empty.ModuleIds);
        Assert.Contains("stays empty", empty.Explanation, StringComparison.Ordinal);
        var offer = decision.GetSlot("offer")!;
        Assert.True(offer.UsedFallback);
        Assert.Equal(["fallback-offer"], offer.ModuleIds);
    }

    [Fact]
    public void NestedSlots_AreDecidedAfterTheirModulesSlot_AndRenderedInPlace()
    {
        var decision = Decide(("last", "stout"));

        var order = decision.Slots.Select(static s => s.SlotId).ToList();
        Assert.Equal(order.IndexOf("outer") + 1, order.IndexOf("inner"));
        var text = Shop.Render(decision, Channel.Text).Body;
        Assert.EndsWith("Default offer\n\nFrame start\n\nStout\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("never", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppress_StopsTheMessageWithItsReason()
    {
        var decision = Decide(("opted_out", true));

        Assert.True(decision.IsSuppressed);
        Assert.Equal("customer opted out", decision.SuppressionReason);
        Assert.Empty(decision.Slots);
        Assert.Throws<InvalidOperationException>(() => Shop.Render(decision, Channel.Web));
    }

    [Fact]
    public void Trace_ExplainsEveryCandidate()
    {
        var trace = Decide(("last", "ipa")).ToTraceString();

        Assert.Contains("slot xsell (pick all) → xs-ipa, xs-any", trace, StringComparison.Ordinal);
        Assert.Contains("✘ xs-stout  when last == \"stout\"  — condition is false", trace, StringComparison.Ordinal);
        Assert.Contains("slot offer (pick first) → fallback-offer: no candidate was eligible, so the fallback 'fallback-offer' was used", trace, StringComparison.Ordinal);
    }
}
