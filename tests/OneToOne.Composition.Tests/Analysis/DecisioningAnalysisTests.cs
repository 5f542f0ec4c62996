using OneToOne.Composition.Analysis;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>The analysis follows decisioning: what it can decide exactly, and what it leaves free (never a false "never chosen").</summary>
public sealed class DecisioningAnalysisTests
{
    private static List<string> Unreachable(CatalogAnalysis analysis) =>
        [.. analysis.Findings.Where(static f => f.Code == DiagnosticCodes.UnreachableModule).Select(static f => f.Message)];

    private static string Offers(string modules, string slot, string extra = "") =>
        "catalog: t\n" + extra + "\nmodules:\n" + modules + "\nslots:\n  " + slot + "\nmessages:\n  m:\n    body: '{{ slot \"offer\" }}'\n";

    [Fact]
    public void ScoredBest_ALowerPriorityModuleThatWinsByScore_IsReachable()
    {
        const string Modules = """
              loan: { score: uplift_loan * 900, priority: 5, content: "Loan" }
              card: { score: uplift_card * 120, priority: 1, content: "Card" }
            """;
        var catalog = Parse(Offers(Modules, "offer: { pick: best, from: [loan, card] }"));

        var analysis = catalog.Analyze("m");

        Assert.Empty(Unreachable(analysis));
        Assert.Equal(2, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["loan", "card"], analysis.Messages[0].ReachableModules);
        Assert.Equal(["scores in slot 'offer' (any eligible scored candidate may rank first)"], analysis.Messages[0].UndecidableConditions);
        Assert.Equal(["card"], catalog.Decide(Person(("id", "a"), ("uplift_loan", 0.001), ("uplift_card", 0.05)), "m").GetSlot("offer")!.ModuleIds);

        // Without scores, priority alone decides: then 'card' really is never chosen.
        var unscored = Parse(Offers(Modules.Replace("score: uplift_loan * 900, ", string.Empty, StringComparison.Ordinal).Replace("score: uplift_card * 120, ", string.Empty, StringComparison.Ordinal),
            "offer: { pick: best, from: [loan, card] }"));
        Assert.Contains(Unreachable(unscored.Analyze("m")), static m => m.StartsWith("Module 'card' can never be chosen", StringComparison.Ordinal));
    }

    [Fact]
    public void ScoredBest_AnUnscoredModule_BehindAlwaysEligibleScoredOnes_IsNeverChosen()
    {
        var catalog = Parse(Offers("""
              loan: { score: uplift * 900, content: "Loan" }
              plain: { priority: 100, content: "Plain" }
            """, "offer: { pick: best, from: [plain, loan] }"));

        var analysis = catalog.Analyze("m");

        var finding = Assert.Single(Unreachable(analysis));
        Assert.Equal("Module 'plain' can never be chosen in slot 'offer': 'loan' has a score and no condition, and scored candidates rank before unscored ones, so they fill the slot (1). Give it a 'score:' or add conditions to them.", finding);
        Assert.Equal(1, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["loan"], catalog.Decide(Person(("id", "a"), ("uplift", -5)), "m").GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void ScoredBest_WithCountTwo_CountsEveryOrder()
    {
        var catalog = Parse(Offers("""
              a: { score: sa, content: "A" }
              b: { score: sb, content: "B" }
              c: { score: sc, content: "C" }
            """, "offer: { pick: best, count: 2, from: [a, b, c] }"));

        // Every ordered pair of three is possible, and deciding produces all six.
        Assert.Equal(6, catalog.Analyze("m").Messages[0].ReachableCombinations);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (x, y, z) in new[] { (3, 2, 1), (3, 1, 2), (2, 3, 1), (1, 3, 2), (2, 1, 3), (1, 2, 3) })
        {
            seen.Add(string.Join(',', catalog.Decide(Person(("id", "p"), ("sa", x), ("sb", y), ("sc", z)), "m").GetSlot("offer")!.ModuleIds));
        }

        Assert.Equal(6, seen.Count);
    }

    private const string Topics = """
        policy:
          opted-out-topics: opted_out
        """;

    [Fact]
    public void ATopicTaggedModule_MayBeRuledOut_SoTheModuleAfterItIsReachable()
    {
        var catalog = Parse(Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: "Card"
            """, "offer: { from: [mortgage, card] }", Topics).Replace("  m:\n", "  m:\n    topic: offers\n", StringComparison.Ordinal));

        var analysis = catalog.Analyze("m");

        Assert.Empty(Unreachable(analysis));
        Assert.Equal(["mortgage", "card"], analysis.Messages[0].ReachableModules);
        Assert.Equal(["opt-out of topic 'offers' (opted_out)", "topic opt-outs (opted_out) of 'mortgage'"], analysis.Messages[0].UndecidableConditions);
        Assert.Equal(["card"], catalog.Decide(Person(("id", "a"), ("opted_out", "mortgages")), "m").GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void Personas_OfAPolicyWithTopicOptOuts_HaveTheOptOutsField_SoDecidingThemShowsTheirModules()
    {
        // Deciding refuses a recipient without the opt-outs field: personas made without it got no modules at all.
        var catalog = Parse(Offers("""
              mortgage: { when: age > 30, topics: [mortgages], content: "Mortgage" }
              card: "Card"
            """, "offer: { from: [mortgage, card] }", Topics));

        var personas = catalog.FindPersonas("m");

        Assert.Empty(personas.UncoveredModules);
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").GetSlot("offer")!.ModuleIds));
        Assert.Equal(["card", "mortgage"], personas.Personas.SelectMany(static p => p.Modules).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Personas_OptOutOfTheTopicsTheirModulesNeedRuledOut()
    {
        // 'card' is shown only to recipients who opted out of 'mortgages': a persona that opts out of nothing never gets it.
        var catalog = Parse(Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: "Card"
            """, "offer: { from: [mortgage, card] }", Topics).Replace("  m:\n", "  m:\n    topic: offers\n", StringComparison.Ordinal));

        var personas = catalog.FindPersonas("m");

        Assert.Empty(personas.UncoveredModules);
        var card = Assert.Single(personas.Personas, static p => p.Modules.Contains("card"));
        Assert.True(card.Recipient.TryGetValue("opted_out", out var optedOut));
        Assert.Equal(["mortgages"], Assert.IsAssignableFrom<IEnumerable<string>>(optedOut));
        Assert.Equal("opted out of 'mortgages'", card.Description);
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").GetSlot("offer")!.ModuleIds));
    }

    [Fact]
    public void AFallbacksTopic_RulesItOutAsACandidatesDoes_InCountsPersonasAndTheEmptySlotFinding()
    {
        // 'fb' shows only when 'mortgage' and 'card' are ruled out, and deciding rules a fallback out by its topics as it
        // does a candidate: the persona for 'fb' opts out of theirs and keeps its own, and one who opted out of all three
        // gets an empty slot.
        var catalog = Parse(Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: { topics: [cards], content: "Card" }
              fb: { topics: [savings], content: "FB" }
            """, "offer: { from: [mortgage, card], fallback: fb }", Topics));

        var analysis = catalog.Analyze("m");
        var personas = catalog.FindPersonas("m");

        Assert.Equal(4, analysis.Messages[0].ReachableCombinations);
        Assert.Contains(analysis.Findings, static f => f.Code == DiagnosticCodes.EmptySlot && f.Message.Contains("who opted out of a topic of its fallback 'fb'", StringComparison.Ordinal));
        Assert.Empty(personas.UncoveredModules);
        var fallback = Assert.Single(personas.Personas, static p => p.Modules.Contains("fb"));
        Assert.True(fallback.Recipient.TryGetValue("opted_out", out var optedOut));
        Assert.Equal(["cards", "mortgages"], Assert.IsAssignableFrom<IEnumerable<string>>(optedOut));
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").GetSlot("offer")!.ModuleIds));
        Assert.Empty(catalog.Decide(Person(("id", "a"), ("opted_out", "mortgages;cards;savings")), "m").GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void Personas_WhoseConditionsGiveTheOptOutsFieldAValue_AreNotSaidToOptOutOfMore()
    {
        // 'plain' needs opted_out set: its persona keeps the value its conditions gave (opted_out = "something"), so it
        // does not opt out of 'mortgages' and gets 'mortgage'; it was described as "opted out of 'mortgages'" all the same.
        var catalog = Parse(Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: "Card"
              plain: { when: 'opted_out != null', content: "Plain" }
            """, "offer: { from: [mortgage, card] }\n  other: { from: [plain] }", Topics).Replace("{{ slot \"offer\" }}", "{{ slot \"offer\" }}{{ slot \"other\" }}", StringComparison.Ordinal));

        var personas = catalog.FindPersonas("m");

        Assert.All(personas.Personas, static p =>
        {
            p.Recipient.TryGetValue("opted_out", out var optedOut);
            var topics = optedOut is string[] list ? list : [];
            Assert.Equal(topics.Length > 0, p.Description.Contains("opted out of", StringComparison.Ordinal));
            Assert.Equal(topics.Contains("mortgages"), !p.Modules.Contains("mortgage"));
        });
    }

    [Fact]
    public void AConditionReadingTheOptOutsField_AgreesWithTheTopicsItOptsOutOf()
    {
        // A recipient whose opted_out is null has opted out of nothing, so 'loan' is shown to it: 'none' (shown only when
        // opted_out is null) is never chosen. One whose opted_out is exactly "loans; cards" has opted out of 'loans' and
        // gets 'exact'. The analysis took the opt-outs for free of the field, and counted 'none' (and 'loan' for "loans; cards").
        var catalog = Parse(Offers("""
              loan: { topics: [loans], content: "Loan" }
              none: { when: 'opted_out == null', content: "None" }
              exact: { when: 'opted_out == "loans; cards"', content: "Exact" }
            """, "offer: { from: [loan, none, exact] }", Topics));

        var analysis = catalog.Analyze("m");

        Assert.Equal(["loan", "exact"], analysis.Messages[0].ReachableModules);
        Assert.Contains(Unreachable(analysis), static m => m.StartsWith("Module 'none' can never be chosen", StringComparison.Ordinal));
        Assert.Equal(3, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["loan"], catalog.Decide(Person(("id", "a"), ("opted_out", null)), "m").GetSlot("offer")!.ModuleIds);
        Assert.Equal(["exact"], catalog.Decide(Person(("id", "a"), ("opted_out", "loans; cards")), "m").GetSlot("offer")!.ModuleIds);
        Assert.Empty(catalog.Decide(Person(("id", "a"), ("opted_out", "loans")), "m").GetSlot("offer")!.ModuleIds);
        var personas = catalog.FindPersonas("m");
        Assert.Empty(personas.UncoveredModules);
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").GetSlot("offer")!.ModuleIds));
    }

    [Fact]
    public void ARecipientWhoseOptOutsFieldIsNull_IsNotSaidToOptOut()
    {
        // A recipient with opted_out null opted out of nothing, and gets 'loan': the required check described it as
        // "opted_out missing, opted out of 'loans'" (the topic's atom, set though the field made it irrelevant).
        var yaml = Offers("""
              loan: { topics: [loans], content: "Loan" }
              exact: { when: 'opted_out == "loans; cards"', content: "Exact" }
            """, "offer: { from: [loan, exact] }", Topics).Replace("  m:\n", "  m:\n    required: [exact]\n", StringComparison.Ordinal);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RequiredModuleMissing, error.Code);
        Assert.Contains("a recipient such as opted_out missing gets it without: offer: loan", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// 'card' needs opted_out set and the loan's topic opted out of: its persona kept the text its conditions gave the
    /// field ("something"), which opts out of nothing, so it got 'loan' and 'card' was shown to no persona. The topic's
    /// atom is keyed by the field and the topic, split at U+0000: a topic holding one was cut there.
    /// </summary>
    [Theory]
    [InlineData("loans", "loans")]
    [InlineData("\"lo\\0ans; x\"", "lo\0ans; x")]
    public void APersonaWhoseConditionsNeedTheOptOutsFieldSet_OptsOutThroughIt(string written, string topic)
    {
        var catalog = Parse(Offers($$"""
              loan: { topics: [{{written}}], content: "Loan" }
              card: { when: 'opted_out != null', content: "Card" }
            """, "offer: { from: [loan, card] }", Topics));

        var personas = catalog.FindPersonas("m");

        Assert.Empty(personas.UncoveredModules);
        var card = Assert.Single(personas.Personas, static p => p.Modules.Contains("card"));
        Assert.True(card.Recipient.TryGetValue("opted_out", out var optedOut));
        Assert.Equal([topic], Assert.IsAssignableFrom<IEnumerable<string>>(optedOut));
        Assert.All(personas.Personas, p => Assert.Equal(p.Modules, catalog.Decide(p.Recipient, "m").GetSlot("offer")!.ModuleIds));
    }

    [Fact]
    public void AConditionReadingTheOptOutsField_ForTheMessagesOwnTopic_SuppressesTheMessage()
    {
        // opted_out = "offers" opts out of the message's topic: the message is never decided for such a recipient.
        var catalog = Parse(Offers("""
              card: { when: 'opted_out == "offers"', content: "Card" }
              plain: "Plain"
            """, "offer: { from: [card, plain] }", Topics).Replace("  m:\n", "  m:\n    topic: offers\n", StringComparison.Ordinal));

        var analysis = catalog.Analyze("m");

        Assert.Equal(["plain"], analysis.Messages[0].ReachableModules);
        Assert.Equal(1, analysis.Messages[0].ReachableCombinations);
    }

    [Fact]
    public void ModulesSharingATopic_AreRuledOutTogether()
    {
        // A recipient who opted out of 'loans' sees neither 'loan' nor 'top-up'; one who did not sees both. Ruling each
        // out on its own counted four combinations (and 'loan' with 'savings-tip', which nobody gets).
        var catalog = Parse(Offers("""
              loan: { topics: [loans], content: "Loan" }
              card: "Card"
              top-up: { topics: [loans, credit], content: "Top-up" }
              savings-tip: "Savings"
            """, "offer: { from: [loan, card] }\n  extra: { from: [top-up, savings-tip] }", Topics)
            .Replace("{{ slot \"offer\" }}", "{{ slot \"offer\" }}{{ slot \"extra\" }}", StringComparison.Ordinal));

        var analysis = catalog.Analyze("m");

        // 'top-up' is also ruled out by 'credit' alone: loan + savings-tip is reachable, card + top-up is not.
        Assert.Equal(3, analysis.Messages[0].ReachableCombinations);
        var personas = catalog.FindPersonas("m");
        Assert.Empty(personas.UncoveredModules);
        Assert.All(personas.Personas, p => Assert.Equal(
            p.Modules.Order(StringComparer.Ordinal),
            catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds).Order(StringComparer.Ordinal)));
        Assert.Equal(["any recipient: loan, top-up", "opted out of 'loans': card, savings-tip"], personas.Personas.Select(static p => $"{p.Description}: {string.Join(", ", p.Modules)}"));
    }

    [Fact]
    public void TopicsDifferingOnlyInCase_AreOneOptOut_AsDecidingMatchesThem()
    {
        // Deciding matches opt-outs in any case, so a recipient who opted out of 'loans' sees neither 'loan' (Loans) nor
        // 'top-up' (loans). As two atoms the analysis counted 'loan' with 'savings-tip', which nobody gets.
        var catalog = Parse(Offers("""
              loan: { topics: [Loans], content: "Loan" }
              card: "Card"
              top-up: { topics: [loans], content: "Top-up" }
              savings-tip: "Savings"
            """, "offer: { from: [loan, card] }\n  extra: { from: [top-up, savings-tip] }", Topics)
            .Replace("{{ slot \"offer\" }}", "{{ slot \"offer\" }}{{ slot \"extra\" }}", StringComparison.Ordinal));

        var analysis = catalog.Analyze("m");

        Assert.Equal(2, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["card", "savings-tip"], catalog.Decide(Person(("id", "a"), ("opted_out", "LOANS")), "m").Slots.SelectMany(static s => s.ModuleIds));
        var personas = catalog.FindPersonas("m");
        Assert.Empty(personas.UncoveredModules);
        Assert.All(personas.Personas, p => Assert.Equal(
            p.Modules.Order(StringComparer.Ordinal),
            catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void AConditionReadingTheOptOutsField_MatchesTopicsInAnyCase()
    {
        // opted_out == "LOANS" opts out of 'loans' when deciding: 'shout' (shown only then) never comes with 'loan'.
        var catalog = Parse(Offers("""
              loan: { topics: [loans], content: "Loan" }
              card: "Card"
              shout: { when: 'opted_out == "LOANS"', content: "Shout" }
              plain: "Plain"
            """, "offer: { from: [loan, card] }\n  extra: { from: [shout, plain] }", Topics)
            .Replace("{{ slot \"offer\" }}", "{{ slot \"offer\" }}{{ slot \"extra\" }}", StringComparison.Ordinal));

        var analysis = catalog.Analyze("m");

        Assert.Equal(3, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["card", "shout"], catalog.Decide(Person(("id", "a"), ("opted_out", "LOANS")), "m").Slots.SelectMany(static s => s.ModuleIds));
        var personas = catalog.FindPersonas("m");
        var shout = Assert.Single(personas.Personas, static p => p.Modules.Contains("shout"));
        Assert.Equal(["card", "shout"], shout.Modules.Order(StringComparer.Ordinal));
        Assert.All(personas.Personas, p => Assert.Equal(
            p.Modules.Order(StringComparer.Ordinal),
            catalog.Decide(p.Recipient, "m").Slots.SelectMany(static s => s.ModuleIds).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void ARequiredModule_MissedByRecipientsWhoOptedOut_NamesTheOptOut()
    {
        var yaml = Offers("""
              loan: { topics: [loans], content: "Loan" }
              card: "Card"
            """, "offer: { from: [loan, card] }", Topics).Replace("  m:\n", "  m:\n    required: [loan]\n", StringComparison.Ordinal);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RequiredModuleMissing, error.Code);
        Assert.Contains("a recipient such as opted out of 'loans' gets it without: offer: card", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopicTaggedModule_AfterAnUnconditionalOne_IsStillNeverChosen()
    {
        var catalog = Parse(Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: "Card"
            """, "offer: { from: [card, mortgage] }", Topics).Replace("  m:\n", "  m:\n    topic: offers\n", StringComparison.Ordinal));

        var finding = Assert.Single(Unreachable(catalog.Analyze("m")));
        Assert.StartsWith("Module 'mortgage' can never be chosen in slot 'offer'", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void AModuleTaggedWithTheMessagesOwnTopic_IsNeverRuledOut_ForTheRecipientsWhoGetTheMessage()
    {
        var yaml = Offers("""
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: "Card"
            """, "offer: { from: [mortgage, card] }", Topics).Replace("  m:\n", "  m:\n    topic: mortgages\n", StringComparison.Ordinal);
        var catalog = Parse(yaml);

        var analysis = catalog.Analyze("m");

        // Opting out of 'mortgages' suppresses the whole message, so whoever gets it gets 'mortgage'.
        Assert.StartsWith("Module 'card' can never be chosen", Assert.Single(Unreachable(analysis)), StringComparison.Ordinal);
        Assert.Equal(1, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["opt-out of topic 'mortgages' (opted_out)"], analysis.Messages[0].UndecidableConditions);
        Assert.True(catalog.Decide(Person(("id", "a"), ("opted_out", "mortgages")), "m").IsSuppressed);
    }

    [Fact]
    public void AHoldoutSlot_ShowsItsFallback_SoTheFallbackIsReachable()
    {
        var catalog = Parse(Offers("""
              bold: "Bold"
              generic: "Generic"
            """, "offer: { from: [bold], fallback: generic }", """
            experiments:
              hero_test:
                arms: { control: 10, treated: 90 }
                holdout: control
                slots: [offer]
            """));

        var analysis = catalog.Analyze("m");

        Assert.Empty(Unreachable(analysis));
        Assert.Equal(2, analysis.Messages[0].ReachableCombinations);
        var decisions = Enumerable.Range(0, 60).Select(i => catalog.Decide(Person(("id", $"r{i}")), "m")).ToList();
        Assert.Contains(decisions, static d => d.GetSlot("offer")!.ModuleIds.SequenceEqual(["generic"]));
        Assert.Contains(decisions, static d => d.GetSlot("offer")!.ModuleIds.SequenceEqual(["bold"]));
    }

    [Fact]
    public void AHoldoutThatSuppresses_LeavesModulesForTheHoldoutArm_Unreachable()
    {
        var catalog = Parse(Offers("""
              control-only: { when: 'experiment.lift == "control"', content: "C" }
              card: "Card"
            """, "offer: { from: [control-only, card] }", """
            experiments:
              lift:
                arms: { control: 50, treated: 50 }
                holdout: control
                holdout-gets: suppress
            """));

        var analysis = catalog.Analyze("m");

        Assert.StartsWith("Module 'control-only' can never be chosen", Assert.Single(Unreachable(analysis)), StringComparison.Ordinal);
        Assert.Equal(1, analysis.Messages[0].ReachableCombinations);
    }

    [Theory]
    [InlineData("", 2, false)]
    [InlineData("\n    coverage: 80%", 3, true)]
    public void ExperimentArms_AreOneOfTheArms_OrNullOutsideCoverage(string coverage, int combinations, bool fallbackReachable)
    {
        var catalog = Parse(Offers("""
              a: { when: 'experiment.ab == "A"', content: "A" }
              b: { when: 'experiment.ab == "B"', content: "B" }
              g: "G"
            """, "offer: { from: [a, b], fallback: g }", "experiments:\n  ab:\n    arms: { A: 50, B: 50 }" + coverage));

        var analysis = catalog.Analyze("m");

        Assert.Equal(combinations, analysis.Messages[0].ReachableCombinations);
        Assert.Empty(analysis.Messages[0].UndecidableConditions);
        Assert.Equal(fallbackReachable, analysis.Messages[0].ReachableModules.Contains("g"));
        var decided = Enumerable.Range(0, 100).Select(i => catalog.Decide(Person(("id", $"r{i}")), "m").GetSlot("offer")!.ModuleIds.Single()).ToHashSet();
        Assert.Equal(fallbackReachable, decided.Contains("g"));
        Assert.Subset(analysis.Messages[0].ReachableModules.ToHashSet(), decided);
    }

    [Fact]
    public void SuppressRules_AndConsent_NarrowWhoGetsTheMessage_AndCapsAreListedAsNotDecided()
    {
        var yaml = Offers("""
              rescue: { when: uplift < 0, content: "Rescue" }
              unconsented: { when: '!email_opt_in', content: "Unconsented" }
              card: "Card"
            """, "offer: { from: [rescue, unconsented, card] }", """
            policy:
              consent:
                email: email_opt_in
            """).Replace("  m:\n", """
              m:
                channels: [email]
                caps:
                  - { max: 1 per 7d, per: message }
                suppress:
                  - { name: sleeping-dog, when: uplift < 0, reason: "contact lowers response" }

            """, StringComparison.Ordinal);
        var catalog = Parse(yaml);

        var analysis = catalog.Analyze("m");

        Assert.Equal(["rescue", "unconsented"], Unreachable(analysis).Select(static m => m.Split('\'')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(1, analysis.Messages[0].ReachableCombinations);
        Assert.Equal(["frequency caps (contact history)"], analysis.Messages[0].UndecidableConditions);
    }
}
