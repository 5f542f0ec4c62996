using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Governance;

public sealed class LifecycleTests
{
    private const string Yaml = """
        catalog: life
        modules:
          xmas:
            active: { from: 2026-12-01, until: 2026-12-27 }
            content: "Merry Christmas"
          everyday: "Hello"
          teaser:
            status: draft
            when: vip == true
            content: "Coming soon"
        slots:
          hero: { from: [teaser, xmas, everyday] }
        messages:
          seasonal:
            active: { until: 2027-01-01T00:00:00+01:00 }
            body: '{{ slot "hero" }}'
          preview:
            status: draft
            body: '{{ slot "hero" }}'
        """;

    [Theory]
    [InlineData("2026-11-30T23:59:59Z", "everyday")]
    [InlineData("2026-12-01T00:00:00Z", "xmas")]
    [InlineData("2026-12-26T23:59:59Z", "xmas")]
    [InlineData("2026-12-27T00:00:00Z", "everyday")]
    public void Decide_ModuleOutsideItsDates_IsNotACandidate(string now, string expected)
    {
        var catalog = new CatalogLoader(FixedClock.At(now)).Parse(Yaml);

        var decision = catalog.Decide(Person(("id", "r1"), ("vip", false)), "seasonal");

        Assert.Equal([expected], decision.GetSlot("hero")!.ModuleIds);
    }

    [Fact]
    public void Decide_JudgesEveryDateOfOneDecision_AtOneInstant()
    {
        // A clock a day later at each reading: the message is open at the first reading, the module would be at the second.
        var clock = new TickingClock(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromDays(1));
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { TimeProvider = clock }).Parse(Yaml);

        var decision = catalog.Decide(Person(("id", "r1"), ("vip", false)), "seasonal");

        Assert.Equal(["everyday"], decision.GetSlot("hero")!.ModuleIds);
        Assert.Equal(1, clock.Readings);
    }

    private sealed class TickingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        public int Readings { get; private set; }

        public override DateTimeOffset GetUtcNow() => start + (step * Readings++);
    }

    [Fact]
    public void Decide_AnEmptySlotWhoseFallbackIsInactive_TraceSaysSo_NotThatItHasNone()
    {
        // Both ways a slot falls back (no candidate eligible, and a holdout) said "the slot has no fallback" of a slot that
        // has one, outside its dates: the trace sent the reader to add a fallback instead of extending its dates.
        var catalog = new CatalogLoader(FixedClock.At("2027-01-15T00:00:00Z")).Parse("""
            catalog: life
            experiments:
              test:
                arms: { hold: 1, go: 0 }
                holdout: hold
                slots: [held]
            modules:
              offer: { when: vip == true, content: "Offer" }
              xmas: { active: { from: 2026-12-01, until: 2026-12-27 }, content: "Merry Christmas" }
            slots:
              hero: { from: [offer], fallback: xmas }
              held: { from: [offer], fallback: xmas }
            messages:
              m:
                body: '{{ slot "hero" }} {{ slot "held" }}'
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("vip", false)), "m");

        Assert.Empty(decision.GetSlot("hero")!.ModuleIds);
        Assert.Equal("no candidate was eligible and the fallback 'xmas' is active from 2026-12-01 until 2026-12-27, not at this instant, so the slot stays empty", decision.GetSlot("hero")!.Explanation);
        Assert.Empty(decision.GetSlot("held")!.ModuleIds);
        Assert.Equal("holdout of experiment 'test', and the fallback 'xmas' is active from 2026-12-01 until 2026-12-27, not at this instant, so the slot stays empty", decision.GetSlot("held")!.Explanation);
        Assert.DoesNotContain("has no fallback", decision.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_InactiveModule_TraceSaysWhy()
    {
        var catalog = new CatalogLoader(FixedClock.At("2026-11-01T00:00:00Z")).Parse(Yaml);

        var decision = catalog.Decide(Person(("id", "r1"), ("vip", false)), "seasonal");

        var xmas = decision.GetSlot("hero")!.Candidates.Single(c => c.ModuleId == "xmas");
        Assert.Equal(CandidateOutcome.Inactive, xmas.Outcome);
        Assert.Contains("not a candidate: active from 2026-12-01 until 2026-12-27", decision.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MessageAfterItsEnd_IsSuppressedWithTheReason()
    {
        // until 2027-01-01T00:00+01:00 is 2026-12-31T23:00Z.
        var before = new CatalogLoader(FixedClock.At("2026-12-31T22:59:59Z")).Parse(Yaml).Decide(Person(("id", "r1")), "seasonal");
        var after = new CatalogLoader(FixedClock.At("2026-12-31T23:00:00Z")).Parse(Yaml).Decide(Person(("id", "r1")), "seasonal");

        Assert.False(before.IsSuppressed);
        Assert.True(after.IsSuppressed);
        Assert.Equal("message 'seasonal' is active until 2026-12-31 23:00:00 UTC, expired at this instant", after.SuppressionReason);

        // Its own key, not the 'suppress' of the message's own 'suppress: { when, reason }'.
        Assert.Equal("inactive", after.SuppressedBy);
        Assert.Null(before.SuppressedBy);
    }

    [Fact]
    public void Decide_DraftModuleChosen_IsRefusedUnlessDraftsAreAllowed()
    {
        var production = new CatalogLoader(FixedClock.At("2026-11-01T00:00:00Z")).Parse(Yaml);
        var proof = new CatalogLoader(FixedClock.At("2026-11-01T00:00:00Z", allowDrafts: true)).Parse(Yaml);

        var error = Assert.Throws<RecipientException>(() => production.Decide(Person(("id", "v1"), ("vip", true)), "seasonal"));
        Assert.Contains("draft", error.Message, StringComparison.Ordinal);
        Assert.Equal("teaser", error.ModuleId);
        Assert.Equal(["everyday"], production.Decide(Person(("id", "n1"), ("vip", false)), "seasonal").GetSlot("hero")!.ModuleIds);
        Assert.Equal(["teaser"], proof.Decide(Person(("id", "v1"), ("vip", true)), "seasonal").GetSlot("hero")!.ModuleIds);
    }

    [Fact]
    public void Decide_DraftMessage_IsRefusedUnlessDraftsAreAllowed()
    {
        var production = new CatalogLoader(FixedClock.At("2026-11-01T00:00:00Z")).Parse(Yaml);

        Assert.Throws<RecipientException>(() => production.Decide(Person(("id", "n1"), ("vip", false)), "preview"));
        Assert.Equal(["preview", "teaser"], production.Drafts("preview").Select(static d => d.Id));
        Assert.Equal(["teaser"], production.Drafts("seasonal").Select(static d => d.Id));
    }

    [Theory]
    [InlineData("2026-11-01T00:00:00Z", new[] { "teaser" })]
    [InlineData("2026-12-02T00:00:00Z", new string[0])]
    [InlineData("2026-10-01T00:00:00Z", new string[0])]
    public void Drafts_ADraftModuleOutsideItsDates_IsNotListed_ForItCannotBeChosen(string now, string[] expected)
    {
        // A draft teaser whose run had ended (or not begun) still made 'render' refuse the run unless --allow-drafts.
        var yaml = Yaml.Replace("    status: draft\n    when: vip == true", "    status: draft\n    active: { from: 2026-10-15, until: 2026-12-01 }\n    when: vip == true", StringComparison.Ordinal);
        Assert.NotEqual(Yaml, yaml);

        var catalog = new CatalogLoader(FixedClock.At(now)).Parse(yaml);

        Assert.Equal(expected, catalog.Drafts("seasonal").Select(static d => d.Id));
        Assert.Equal(["preview", .. expected], catalog.Drafts("preview").Select(static d => d.Id));
    }

    [Theory]
    [InlineData("modules:\n  a:\n    active: { from: ‸someday }\n    content: x\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    active: { from: ‸1/2/2026 }\n    content: x\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    active: { until: ‸Dec 1 2026 }\n    content: x\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    active: ‸{ from: 2026-12-01, until: 2026-11-01 }\n    content: x\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    status: ‸final\n    content: x\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    active: { ‸since: 2026-12-01 }\n    content: x\n", DiagnosticCodes.UnknownKey)]
    public void Load_BadLifecycleKeys_ArePointedAt(string body, string code)
    {
        var (yaml, line, column) = Marker.Strip("catalog: t\n" + body);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
