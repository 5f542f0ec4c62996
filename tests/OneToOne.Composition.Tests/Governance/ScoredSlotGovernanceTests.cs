using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Governance;

/// <summary>Slots decided by score (through the decisioning slot policy) follow the governance rules: active dates, drafts, locale variants.</summary>
public sealed class ScoredSlotGovernanceTests
{
    private const string Yaml = """
        catalog: scored
        locale: en-US
        modules:
          loan:
            score: uplift_loan * 900
            active: { until: 2026-01-01 }
            content: "Loan"
          preview:
            score: uplift_preview * 1000
            status: draft
            content: "Preview"
          card:
            score: uplift_card * 120
            content: "Card"
            locales: { de: "Karte" }
          savings: { score: uplift_savings * 40, content: "Savings" }
        slots:
          offer: { pick: best, from: [savings, card, loan, preview] }
        messages:
          m:
            body: '{{ slot "offer" }}'
        """;

    private static Catalog At(string date, bool allowDrafts = false) => new CatalogLoader(FixedClock.At(date, allowDrafts)).Parse(Yaml);

    private static OneToOne.Composition.Recipients.Recipient Customer(double loan, double card, double preview = 0, string? locale = null) =>
        Person(("id", "c1"), ("uplift_loan", loan), ("uplift_card", card), ("uplift_preview", preview), ("uplift_savings", 0.1), ("locale", locale));

    [Fact]
    public void AnInactiveTopScorer_IsSkippedAsInactive_AndTheNextScoreWins()
    {
        var customer = Customer(loan: 0.1, card: 0.05);   // loan 90, card 6, savings 4

        Assert.Equal(["loan"], At("2025-06-01T00:00:00Z").Decide(customer, "m").GetSlot("offer")!.ModuleIds);

        var slot = At("2026-06-01T00:00:00Z").Decide(customer, "m").GetSlot("offer")!;
        Assert.Equal(["card"], slot.ModuleIds);
        Assert.Equal(CandidateOutcome.Inactive, slot.Candidates.Single(static c => c.ModuleId == "loan").Outcome);
        Assert.Equal(CandidateOutcome.Outranked, slot.Candidates.Single(static c => c.ModuleId == "savings").Outcome);
    }

    [Fact]
    public void ADraftChosenByScore_FailsWithoutAllowDrafts_NamingTheModule()
    {
        var customer = Customer(loan: 0, card: 0.05, preview: 1);   // preview 1000 wins

        var ex = Assert.Throws<RecipientException>(() => At("2025-06-01T00:00:00Z").Decide(customer, "m"));
        Assert.Equal("preview", ex.ModuleId);
        Assert.Equal("c1", ex.RecipientId);
        Assert.Contains("draft", ex.Message, StringComparison.Ordinal);

        Assert.Equal(["preview"], At("2025-06-01T00:00:00Z", allowDrafts: true).Decide(customer, "m").GetSlot("offer")!.ModuleIds);

        // A draft that loses on score is never chosen, so it does not stop the run.
        Assert.Equal(["card"], At("2025-06-01T00:00:00Z").Decide(Customer(loan: 0, card: 0.05, preview: 0), "m").GetSlot("offer")!.ModuleIds);
    }

    [Theory]
    [InlineData("de-DE", "Karte")]
    [InlineData("de-AT", "Karte")]
    [InlineData("en-GB", "Card")]
    [InlineData(null, "Card")]
    public void AModuleChosenByScore_TakesTheRecipientsLocaleVariant(string? locale, string expected)
    {
        var catalog = At("2026-06-01T00:00:00Z");
        var decision = catalog.Decide(Customer(loan: 0.1, card: 0.05, locale: locale), "m");

        Assert.Equal(["card"], decision.GetSlot("offer")!.ModuleIds);
        Assert.Equal(expected, catalog.Render(decision, Channel.Text).Body.Trim());
    }
}
