using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Decisions;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

/// <summary>
/// The JSON trace an auditor keeps: which catalog version, which instant, which arm and how it was assigned, which checks,
/// which conditions on which values, which module variant and approval state; deterministic, and without recipient data
/// no rule read.
/// </summary>
public sealed class TraceJsonTests
{
    private const string Yaml = """
        catalog: bank
        experiments:
          offer_test:
            salt: q2
            arms: { a: 50, b: 50 }
        policy:
          consent:
            email: email_opt_in
        segments:
          adults: age >= 18
        modules:
          card:
            when: segment.adults
            score: uplift.card * 100
            content: "Card for {{ first_name }}"
          loan:
            when: income >= 20000
            score: uplift.loan * 100
            content: "Loan"
          xmas:
            active: { from: 2025-12-01, until: 2025-12-27 }
            content: "Xmas"
          note:
            status: draft
            content: "Note"
            locales:
              de: "Notiz"
        slots:
          offer: { pick: best, from: [card, loan, xmas] }
          footer: { from: [note] }
        messages:
          m:
            channels: [email]
            suppress:
              - name: sleeping-dog
                when: max_uplift < 0
                reason: "sleeping dog"
            body: |
              {{ slot "offer" }}
              {{ slot "footer" }}
        """;

    private static readonly DateTimeOffset May = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Catalog InMay = Bank(new SetClock(May));

    private static Catalog Bank(TimeProvider clock) =>
        new CatalogLoader(TestCatalogs.Untimed with { TimeProvider = clock, AllowDrafts = true }).Parse(Yaml);

    private static OneToOne.Composition.Recipients.Recipient Ann(string id = "c42", int age = 40) => Person(
        ("id", id),
        ("first_name", "Ann"),
        ("email", "ann@example.com"),
        ("ssn", "123-45-6789"),
        ("locale", "de-DE"),
        ("age", age),
        ("income", 30000),
        ("max_uplift", 0.1),
        ("email_opt_in", true),
        ("uplift", new Dictionary<string, object?> { ["card"] = 0.5, ["loan"] = 0.25 }));

    [Fact]
    public void ToTraceJson_NamesTheCatalogVersion_TheInstant_AndTheFormatVersion()
    {
        var catalog = Bank(new SetClock(May));
        var decision = catalog.Decide(Ann(), "m");

        using var trace = JsonDocument.Parse(decision.ToTraceJson());
        var root = trace.RootElement;

        Assert.Equal("traceVersion", root.EnumerateObject().First().Name);
        Assert.Equal(Decision.TraceJsonVersion, root.GetProperty("traceVersion").GetInt32());
        Assert.Equal("bank", root.GetProperty("catalog").GetProperty("id").GetString());
        Assert.Equal(64, catalog.SourceHash.Length);
        Assert.Equal(catalog.SourceHash, root.GetProperty("catalog").GetProperty("sha256").GetString());
        Assert.Equal("m", root.GetProperty("message").GetString());
        Assert.Equal("c42", root.GetProperty("recipient").GetString());
        Assert.Equal("2025-05-01T08:00:00.0000000Z", root.GetProperty("asOf").GetString());
        Assert.Equal(May, decision.AsOf);
        Assert.Equal("email", root.GetProperty("channel").GetString());
        Assert.False(root.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public void ToTraceJson_ShowsTheArmAndHowItWasAssigned_TheChecks_AndEachCandidatesConditionAndScore()
    {
        var decision = Bank(new SetClock(May)).Decide(Ann(), "m");
        using var trace = JsonDocument.Parse(decision.ToTraceJson());
        var root = trace.RootElement;

        var experiment = Assert.Single(root.GetProperty("experiments").EnumerateArray());
        Assert.Equal("offer_test", experiment.GetProperty("id").GetString());
        Assert.Equal("q2", experiment.GetProperty("salt").GetString());
        Assert.Equal(ExperimentBuckets.Bucket("q2", "offer_test", "c42"), experiment.GetProperty("bucket").GetInt32());
        Assert.Equal(decision.Experiments[0].Arm, experiment.GetProperty("arm").GetString());

        var checks = root.GetProperty("checks").EnumerateArray().Select(static c => (c.GetProperty("kind").GetString(), c.GetProperty("subject").GetString(), c.GetProperty("passed").GetBoolean())).ToList();
        Assert.Contains(("suppress-rule", "sleeping-dog", true), checks);
        Assert.Contains(("consent", "email", true), checks);

        var segment = Assert.Single(root.GetProperty("segments").EnumerateArray());
        Assert.Equal("adults", segment.GetProperty("id").GetString());
        Assert.Equal("age >= 18", segment.GetProperty("condition").GetString());
        Assert.True(segment.GetProperty("value").GetBoolean());

        var offer = root.GetProperty("slots")[0];
        Assert.Equal("offer", offer.GetProperty("id").GetString());
        Assert.Equal("best", offer.GetProperty("pick").GetString());
        Assert.Equal("card", offer.GetProperty("chosen")[0].GetProperty("module").GetString());
        var candidates = offer.GetProperty("candidates");
        Assert.Equal("chosen", candidates[0].GetProperty("outcome").GetString());
        Assert.Equal("segment.adults", candidates[0].GetProperty("condition").GetString());
        Assert.Equal("uplift.card * 100", candidates[0].GetProperty("scoreExpression").GetString());
        Assert.Equal(50, candidates[0].GetProperty("score").GetDouble());
        Assert.Equal("outranked", candidates[1].GetProperty("outcome").GetString());
        Assert.Equal(25, candidates[1].GetProperty("score").GetDouble());
        Assert.Equal("inactive", candidates[2].GetProperty("outcome").GetString());
        Assert.Contains("2025-12-01", candidates[2].GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToTraceJson_ShowsTheChosenModulesLocaleVariantAndApprovalState()
    {
        var decision = Bank(new SetClock(May)).Decide(Ann(), "m");
        using var trace = JsonDocument.Parse(decision.ToTraceJson());
        var root = trace.RootElement;

        var footer = root.GetProperty("slots")[1].GetProperty("chosen")[0];
        Assert.Equal("note", footer.GetProperty("module").GetString());
        Assert.Equal("de", footer.GetProperty("locale").GetString());
        Assert.True(footer.GetProperty("draft").GetBoolean());
        Assert.False(root.GetProperty("slots")[0].GetProperty("chosen")[0].GetProperty("draft").GetBoolean());
        Assert.False(root.GetProperty("messageDraft").GetBoolean());
        Assert.Equal("de-DE", root.GetProperty("culture").GetString());
    }

    [Fact]
    public void ToTraceJson_CopiesOnlyTheFieldsTheRulesRead_WithTheirValues()
    {
        var decision = Bank(new SetClock(May)).Decide(Ann(), "m");
        using var trace = JsonDocument.Parse(decision.ToTraceJson());
        var fields = trace.RootElement.GetProperty("fields");

        Assert.Equal(["max_uplift", "email_opt_in", "age", "uplift", "income"], fields.EnumerateObject().Select(static f => f.Name));
        Assert.Equal(40, fields.GetProperty("age").GetInt32());
        Assert.Equal(30000, fields.GetProperty("income").GetInt32());
        Assert.True(fields.GetProperty("email_opt_in").GetBoolean());
        Assert.Equal(0.5, fields.GetProperty("uplift").GetProperty("card").GetDouble());

        // Read by no rule (a template, the address, nothing at all): never copied into the trace.
        var text = decision.ToTraceJson();
        Assert.DoesNotContain("ann@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AsOf_IsTheInstantOfDeciding_NotOfReadingTheTrace()
    {
        // A catalog with no date rule reads its clock at no point while deciding; the trace must still name that instant.
        var clock = new SetClock(May);
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { TimeProvider = clock }).Parse("""
            catalog: plain
            modules:
              hello: "Hello"
            slots:
              s: { from: [hello] }
            messages:
              m:
                body: '{{ slot "s" }}'
            """);

        var decision = catalog.Decide(Person(("id", "a")), "m");
        clock.Now = May.AddDays(200);

        Assert.Equal(May, decision.AsOf);
        Assert.Contains("\"asOf\":\"2025-05-01T08:00:00.0000000Z\"", decision.ToTraceJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToTraceJson_DecidedAgainAtItsRecordedInstant_ReproducesTheSameBytes()
    {
        // Decided in December, when 'xmas' is active; reproduced months later from what the trace recorded.
        var original = Bank(new SetClock(new DateTimeOffset(2025, 12, 10, 9, 30, 0, TimeSpan.Zero))).Decide(Ann(), "m").ToTraceJson();
        using var kept = JsonDocument.Parse(original);
        var asOf = DateTimeOffset.Parse(kept.RootElement.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var replayed = Bank(new SetClock(asOf)).Decide(Ann(), "m").ToTraceJson();
        var later = Bank(new SetClock(May.AddYears(1))).Decide(Ann(), "m").ToTraceJson();

        Assert.Equal(original, replayed);
        Assert.NotEqual(original, later);
    }

    [Property(MaxTest = 100)]
    public Property ToTraceJson_IsDeterministic_AndValidJson() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), Gen.Choose(0, 120).ToArbitrary(), static (id, age) =>
        {
            // A blank id is no recipient the experiment can assign (the decision is refused, naming it): not this property's case.
            if (string.IsNullOrWhiteSpace(id.Get))
            {
                return true;
            }

            var first = InMay.Decide(Ann(id.Get, age), "m").ToTraceJson();
            var second = InMay.Decide(Ann(id.Get, age), "m").ToTraceJson();
            using var parsed = JsonDocument.Parse(first);
            return first == second && parsed.RootElement.GetProperty("recipient").GetString() == id.Get;
        });

    [Property(MaxTest = 100)]
    public Property ToTraceJson_OfARecord_IsTheTraceWithItsNumberRightAfterTheRecipient() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<PositiveInt>(), static (id, record) =>
        {
            if (string.IsNullOrWhiteSpace(id.Get))
            {
                return true;
            }

            var decision = InMay.Decide(Ann(id.Get), "m");
            var plain = JsonNode.Parse(decision.ToTraceJson())!.AsObject();
            var numbered = JsonNode.Parse(decision.ToTraceJson(record.Get * 1000L))!.AsObject();

            // The same members in the same order, "record" inserted after "recipient"; nothing else differs.
            var names = plain.Select(static m => m.Key).ToList();
            names.Insert(names.IndexOf("recipient") + 1, "record");
            numbered.Remove("record", out var number);
            return numbered.Select(static m => m.Key).SequenceEqual(names.Where(static n => n != "record"))
                && JsonNode.DeepEquals(plain, numbered)
                && number!.GetValue<long>() == record.Get * 1000L
                && JsonNode.Parse(decision.ToTraceJson(record.Get * 1000L))!.AsObject().Select(static m => m.Key).SequenceEqual(names);
        });

    [Fact]
    public void ToTraceJson_OfARecordNumberedBelowOne_IsRefused()
    {
        var decision = InMay.Decide(Ann(), "m");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => decision.ToTraceJson(0));

        Assert.Equal("record", ex.ParamName);
    }

    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
