using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

public sealed class ScoreTests
{
    private const string Yaml = """
        catalog: bank
        modules:
          card: { score: uplift.card * 120, priority: 1, content: "Card" }
          loan: { score: uplift.loan * 900, priority: 5, content: "Loan" }
          savings: { score: uplift.savings * 40, when: age < 60, content: "Savings" }
          plain: { priority: 100, content: "Plain" }
        slots:
          offers: { pick: best, count: 2, from: [card, loan, savings, plain] }
        messages:
          m:
            body: |
              {{ slot "offers" }}
        """;

    private static readonly Catalog Bank = Parse(Yaml);

    private static Dictionary<string, object?> Uplift(double card, double loan, double savings) => new() { ["card"] = card, ["loan"] = loan, ["savings"] = savings };

    /// <summary>Scores that differ look different in the trace (small uplifts), without float noise; tiny ones in three digits.</summary>
    [Theory]
    [InlineData(0.0000004, 0.00000004, "score 0.000048, priority 1", "score 0.000036, priority 5")]
    [InlineData(0.1 / 120 * 3, 0.0, "score 0.3, priority 1", "score 0, priority 5")]
    [InlineData(0.00000000001, 0.0, "score 1.2E-09, priority 1", "score 0, priority 5")]
    public void Trace_ShowsScoresThatDiffer_AsDifferent(double card, double loan, string cardShown, string loanShown)
    {
        var catalog = Parse("""
            catalog: bank
            modules:
              card: { score: uplift.card * 120, priority: 1, content: "Card" }
              loan: { score: uplift.loan * 900, priority: 5, content: "Loan" }
            slots:
              offers: { pick: best, from: [card, loan] }
            messages:
              m:
                body: '{{ slot "offers" }}'
            """);

        var trace = catalog.Decide(Person(("id", "a"), ("uplift", Uplift(card, loan, 0))), "m").ToTraceString();

        Assert.Contains($"card  — chosen: eligible, {cardShown}", trace, StringComparison.Ordinal);
        Assert.Contains($"loan  — eligible, {loanShown}, but outranked", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void PickBest_RanksByScoreThenPriorityThenOrder_AndUnscoredLast()
    {
        var decision = Bank.Decide(Person(("id", "a"), ("age", 40), ("uplift", Uplift(0.05, 0.001, 0.2))), "m");
        var slot = decision.GetSlot("offers")!;
        Assert.Equal(["savings", "card"], slot.ModuleIds);   // 8, 6, 0.9; plain has no score
        Assert.Equal(SlotPick.Best, slot.Pick);
        Assert.Contains("slot offers (pick best) → savings, card: highest score", decision.ToTraceString(), StringComparison.Ordinal);
        var loan = slot.Candidates.Single(static c => c.ModuleId == "loan");
        Assert.Equal(CandidateOutcome.Outranked, loan.Outcome);
        Assert.Equal(0.9, loan.Score!.Value, 6);
        Assert.Contains("score 8, priority 0", decision.ToTraceString(), StringComparison.Ordinal);

        // Ties on score fall to priority: card and loan both 0 → loan (priority 5) first.
        var tie = Bank.Decide(Person(("id", "b"), ("age", 70), ("uplift", Uplift(0, 0, 1))), "m");
        Assert.Equal(["loan", "card"], tie.GetSlot("offers")!.ModuleIds);
    }

    [Fact]
    public void PickBest_ATieOnScoreAndPriority_FallsToFromOrder_WhicheverWayTheFromListRuns()
    {
        // The third key of the ranking: with score and priority equal, the earlier candidate in 'from' wins, so the
        // slot's choice is the author's order, not an accident of sorting.
        foreach (var (from, expected, outranked) in new[] { ("[a, b, c]", new[] { "a", "b" }, "c"), ("[c, b, a]", ["c", "b"], "a"), ("[b, c, a]", ["b", "c"], "a") })
        {
            var catalog = Parse("""
                catalog: ties
                modules:
                  a: { score: s * 2, priority: 3, content: "A" }
                  b: { score: s * 2, priority: 3, content: "B" }
                  c: { score: s * 2, priority: 3, content: "C" }
                slots:
                  offers: { pick: best, count: 2, from: FROM }
                messages:
                  m: { body: '{{ slot "offers" }}' }
                """.Replace("FROM", from, StringComparison.Ordinal));

            var slot = catalog.Decide(Person(("id", "t"), ("s", 0.5)), "m").GetSlot("offers")!;

            Assert.Equal(expected, slot.ModuleIds);
            Assert.Equal(CandidateOutcome.Outranked, slot.Candidates.Single(c => c.ModuleId == outranked).Outcome);
        }
    }

    [Fact]
    public void AScoreThatIsNotANumber_RejectsTheRecipientNamingTheModule()
    {
        var ex = Assert.Throws<RecipientException>(() => Bank.Decide(Person(("id", "c"), ("age", 40), ("uplift", new Dictionary<string, object?> { ["card"] = "high", ["loan"] = 0.1, ["savings"] = 0.1 })), "m"));
        Assert.Equal("c", ex.RecipientId);
        Assert.Equal("card", ex.ModuleId);
        Assert.Contains("score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AScoreOfAnyNumericType_Ranks_AsTheNumberItIs()
    {
        // A .NET recipient's short, byte, uint, ulong or Half was rejected as "3 (Int16), not a number".
        var catalog = Parse("""
            catalog: t
            modules:
              a: { score: a, content: "A" }
              b: { score: b, content: "B" }
            slots:
              s: { pick: best, from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        object[][] pairs = [[(short)3, (short)7], [(byte)3, (byte)7], [(sbyte)-3, (sbyte)7], [(ushort)3, (ushort)7], [3u, 7u], [3ul, 7ul], [(Half)0.5, (Half)1.5]];
        foreach (var pair in pairs)
        {
            var decision = catalog.Decide(Person(("id", "r"), ("a", pair[0]), ("b", pair[1])), "m");
            Assert.Equal(["b"], decision.GetSlot("s")!.ModuleIds);
            Assert.Equal(Convert.ToDouble(pair[1] is Half h ? (double)h : pair[1], System.Globalization.CultureInfo.InvariantCulture), decision.GetSlot("s")!.Candidates.Single(static c => c.ModuleId == "b").Score);
        }
    }

    private sealed class FixedScores(Dictionary<string, double> scores) : IScoreProvider
    {
        public double? GetScore(ScoreRequest request) => scores.TryGetValue(request.ModuleId, out var s) ? s : null;
    }

    [Fact]
    public void AScoreProvider_OverridesTheExpression_AndIsRegisteredThroughOptions()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { ScoreProvider = new FixedScores(new() { ["plain"] = 99, ["card"] = -1 }) }).Parse(Yaml);
        var decision = catalog.Decide(Person(("id", "d"), ("age", 40), ("uplift", Uplift(0.5, 0.001, 0.1))), "m");
        Assert.Equal(["plain", "savings"], decision.GetSlot("offers")!.ModuleIds);
    }

    private sealed class FailingScores(Exception failure) : IScoreProvider
    {
        public double? GetScore(ScoreRequest request) => request.ModuleId == "loan" ? throw failure : null;
    }

    /// <summary>Stands for a model service: the client gives up (the token is cancelled) while the first candidate is scored.</summary>
    private sealed class ClientGoneWhileScoring(CancellationTokenSource client) : IScoreProvider
    {
        public List<(string Module, bool SawTheCallsToken)> Asked { get; } = [];

        public double? GetScore(ScoreRequest request)
        {
            Asked.Add((request.ModuleId, request.CancellationToken == client.Token));
            client.Cancel();
            return 1;
        }
    }

    [Fact]
    public void AScoreProvider_GetsTheCallsToken_AndACancelledCallAsksForNoMoreScores()
    {
        using var client = new CancellationTokenSource();
        var provider = new ClientGoneWhileScoring(client);
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { ScoreProvider = provider }).Parse(Yaml);

        Assert.Throws<OperationCanceledException>(() => catalog.Decide(Person(("id", "c"), ("age", 40), ("uplift", Uplift(0.5, 0.001, 0.1))), "m", client.Token));

        Assert.Equal([("card", true)], provider.Asked);
    }

    [Fact]
    public void AScoreProviderThatThrows_RejectsTheRecipientNamingTheModuleAndTheProvider_AndCancellationStaysCancellation()
    {
        var failing = new CatalogLoader(TestCatalogs.Untimed with { ScoreProvider = new FailingScores(new HttpRequestException("model service unavailable")) }).Parse(Yaml);
        var cancelled = new CatalogLoader(TestCatalogs.Untimed with { ScoreProvider = new FailingScores(new OperationCanceledException()) }).Parse(Yaml);
        var person = Person(("id", "e"), ("age", 40), ("uplift", Uplift(0.5, 0.001, 0.1)));

        var ex = Assert.Throws<RecipientException>(() => failing.Decide(person, "m"));

        Assert.Equal("e", ex.RecipientId);
        Assert.Equal("loan", ex.ModuleId);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.EndsWith("the score provider (FailingScores) failed for slot 'offers': HttpRequestException: model service unavailable. Fix the provider, or return null to use the module's own 'score:'.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<OperationCanceledException>(() => cancelled.Decide(person, "m"));
    }

    [Fact]
    public void CatalogsWithoutScores_KeepPriorityOrder()
    {
        var catalog = Parse("""
            catalog: p
            modules:
              a: { priority: 1, content: "A" }
              b: { priority: 9, content: "B" }
            slots:
              s: { pick: best, from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var slot = catalog.Decide(Person(("id", "x")), "m").GetSlot("s")!;
        Assert.Equal(["b"], slot.ModuleIds);
        Assert.All(slot.Candidates, static c => Assert.Null(c.Score));
    }
}

public sealed class DecisioningRegistrationTests
{
    private sealed class Constant : IScoreProvider
    {
        public double? GetScore(ScoreRequest request) => request.ModuleId == "b" ? 10 : 1;
    }

    [Fact]
    public void TheDiBuilder_RegistersTheScoreProviderAndTheContactHistory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oto-di-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "catalog: d\nmodules:\n  a: { score: 5, content: A }\n  b: { content: B }\nslots:\n  s: { pick: best, from: [a, b] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        try
        {
            var history = new OneToOne.Composition.Contacts.InMemoryContactHistory();
            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            Microsoft.Extensions.DependencyInjection.OneToOneCompositionServiceCollectionExtensions.AddOneToOneComposition(services, o => o.CatalogPath = path)
                .AddScoreProvider<Constant>()
                .AddContactHistory(history);
            using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
            var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OneToOne.Composition.DependencyInjection.OneToOneCompositionOptions>(provider);
            Assert.Same(history, options.Composition.ContactHistory);
            var catalog = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Catalog>(provider);
            Assert.Equal(["b"], catalog.Decide(TestCatalogs.Person(("id", "x")), "m").GetSlot("s")!.ModuleIds);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
