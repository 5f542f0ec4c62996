using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

public sealed class ExperimentTests
{
    private static readonly Catalog Heroes = Parse("""
        catalog: heroes
        experiments:
          hero_test:
            salt: spring-2025
            arms: { control: 10, bold-hero: 45, classic-hero: 45 }
            holdout: control
            slots: [hero]
        modules:
          bold: { when: 'experiment.hero_test == "bold-hero"', content: "BOLD {{ experiment.hero_test }}" }
          classic: { when: 'experiment.hero_test == "classic-hero"', content: "Classic" }
          generic: "Generic"
        slots:
          hero: { from: [bold, classic], fallback: generic }
        messages:
          m:
            body: |
              {{ slot "hero" }}
        """);

    private static JsonElement Vectors { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "experiment-test-vectors.json"))).RootElement;

    [Fact]
    public void Bucket_MatchesEveryPublishedVector()
    {
        var count = 0;
        foreach (var vector in Vectors.GetProperty("buckets").EnumerateArray())
        {
            var bucket = ExperimentBuckets.Bucket(vector.GetProperty("salt").GetString()!, vector.GetProperty("experiment").GetString()!, vector.GetProperty("recipientId").GetString()!);
            Assert.Equal(vector.GetProperty("bucket").GetInt32(), bucket);
            count++;
        }

        Assert.True(count >= 40);
    }

    [Fact]
    public void Catalog_AssignsThePublishedArmsForEachWeightTable()
    {
        foreach (var table in Vectors.GetProperty("weightTables").EnumerateArray())
        {
            var experiment = table.GetProperty("experiment").GetString()!;
            var arms = string.Join(", ", table.GetProperty("arms").EnumerateObject().Select(static a => $"{a.Name}: {a.Value.GetString()}"));
            var coverage = table.GetProperty("coverage").GetInt32() / 100m;
            var catalog = Parse($$"""
                catalog: v
                experiments:
                  {{experiment}}:
                    salt: "{{table.GetProperty("salt").GetString()}}"
                    coverage: {{coverage}}%
                    arms: { {{arms}} }
                messages:
                  m: { body: "x" }
                """);
            foreach (var expected in table.GetProperty("assignments").EnumerateArray())
            {
                var decision = catalog.Decide(Person(("id", expected.GetProperty("recipientId").GetString())), "m");
                var assignment = Assert.Single(decision.Experiments);
                Assert.Equal(expected.GetProperty("bucket").GetInt32(), assignment.Bucket);
                Assert.Equal(expected.GetProperty("arm").GetString(), assignment.Arm);
            }

            var ranges = ExperimentBuckets.Ranges([.. table.GetProperty("arms").EnumerateObject().Select(static a => decimal.Parse(a.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture))], table.GetProperty("coverage").GetInt32());
            var published = table.GetProperty("ranges").EnumerateObject().Select(static r => (r.Value[0].GetInt32(), r.Value[1].GetInt32())).ToArray();
            Assert.Equal(published, ranges);
        }
    }

    [Property(MaxTest = 200)]
    public bool Assignment_IsDeterministicAndIndependentOfOrder(NonEmptyString id, NonEmptyString other)
    {
        if (string.IsNullOrWhiteSpace(id.Get) || string.IsNullOrWhiteSpace(other.Get))
        {
            return true; // A blank id is rejected, not assigned (ABlankId_IsRejected_InsteadOfPuttingEveryRecipientWithoutOneInTheSameArm).
        }

        var first = Heroes.Decide(Person(("id", id.Get)), "m").Experiments[0];
        _ = Heroes.Decide(Person(("id", other.Get)), "m");
        var again = Heroes.Decide(Person(("id", id.Get)), "m").Experiments[0];
        return first == again && first.Bucket == ExperimentBuckets.Bucket("spring-2025", "hero_test", id.Get);
    }

    private static Arbitrary<decimal[]> Weights => Gen.Choose(0, 100).ArrayOf().Where(static w => w.Length is > 0 and < 8 && w.Sum() > 0)
        .Select(static w => w.Select(static x => (decimal)x).ToArray()).ToArbitrary();

    [Fact]
    public void Reweighting_MovesOnlyRecipientsWhoseBucketLeftTheirArmsRange()
    {
        Prop.ForAll(Weights, Gen.Choose(0, 6).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (weights, which, newWeight) =>
        {
            var changed = (decimal[])weights.Clone();
            changed[which % weights.Length] = newWeight;
            if (changed.Sum() == 0)
            {
                return true;
            }

            var before = ExperimentBuckets.Ranges(weights);
            var after = ExperimentBuckets.Ranges(changed);
            for (var bucket = 0; bucket < ExperimentBuckets.Count; bucket++)
            {
                var a = ExperimentBuckets.ArmIndex(before, bucket);
                var b = ExperimentBuckets.ArmIndex(after, bucket);
                var stillInItsRange = a >= 0 && bucket >= after[a].Start && bucket < after[a].End;
                if ((a != b) == stillInItsRange)
                {
                    return false;
                }
            }

            // Arms whose ranges did not change keep every recipient.
            return Enumerable.Range(0, weights.Length).Where(i => before[i] == after[i]).All(i =>
                Enumerable.Range(before[i].Start, before[i].End - before[i].Start).All(bucket => ExperimentBuckets.ArmIndex(after, bucket) == i));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arms_AreUniform_AndIndependentBetweenExperimentsSharingASalt()
    {
        // 60,000 ids over two experiments with one salt, arms 1:1:1: each arm within 1.5% of a third, and each pair of arms
        // within 1.5% of a ninth (the experiment id is hashed in, so one experiment's arm tells nothing of another's).
        var ranges = ExperimentBuckets.Ranges([1m, 1m, 1m]);
        var joint = new int[3, 3];
        const int N = 60_000;
        for (var i = 0; i < N; i++)
        {
            var id = $"customer-{i}";
            joint[ExperimentBuckets.ArmIndex(ranges, ExperimentBuckets.Bucket("q2", "hero_test", id)), ExperimentBuckets.ArmIndex(ranges, ExperimentBuckets.Bucket("q2", "subject_test", id))]++;
        }

        for (var a = 0; a < 3; a++)
        {
            Assert.InRange(joint[a, 0] + joint[a, 1] + joint[a, 2], N * (1 / 3.0 - 0.015), N * (1 / 3.0 + 0.015));
            Assert.InRange(joint[0, a] + joint[1, a] + joint[2, a], N * (1 / 3.0 - 0.015), N * (1 / 3.0 + 0.015));
            for (var b = 0; b < 3; b++)
            {
                Assert.InRange(joint[a, b], N * (1 / 9.0 - 0.015), N * (1 / 9.0 + 0.015));
            }
        }
    }

    /// <summary>
    /// Pearson's chi-square over the buckets (in 50 bands of 200) of many ids, and over the joint bands of two experiments,
    /// for 24 experiment/salt pairs drawn with a fixed seed. The ids and pairs are fixed, so the test cannot flake; the
    /// thresholds are generous (a uniform, independent hash passes them with p &gt; 0.999999), while a modulo bias of a
    /// short hash, or an experiment left out of the hash (every experiment's arms the same), fails them by far.
    /// </summary>
    [Fact]
    public void Buckets_AreUniform_AndTwoExperimentsBucketsIndependent_ByChiSquare()
    {
        var random = new Random(20_261_207);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1))]);
        var ids = Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? $"c{i}" : Text(random.Next(1, 12))).Distinct(StringComparer.Ordinal).ToArray();
        const int Bands = 50, JointBands = 10;
        for (var pair = 0; pair < 24; pair++)
        {
            var (salt, experiment, other) = (pair % 3 == 0 ? string.Empty : Text(6), Text(8), Text(8));
            var counts = new long[Bands];
            var joint = new long[JointBands, JointBands];
            foreach (var id in ids)
            {
                var bucket = ExperimentBuckets.Bucket(salt, experiment, id);
                counts[bucket * Bands / ExperimentBuckets.Count]++;
                joint[bucket * JointBands / ExperimentBuckets.Count, ExperimentBuckets.Bucket(salt, other, id) * JointBands / ExperimentBuckets.Count]++;
            }

            // df 49: mean 49, sd 9.9; p = 1e-6 is about 103. df 81: mean 81, sd 12.7; p = 1e-6 is about 150.
            var expected = (double)ids.Length / Bands;
            var uniform = counts.Sum(c => (c - expected) * (c - expected) / expected);
            Assert.True(uniform < 110, $"salt '{salt}', experiment '{experiment}': chi-square {uniform:F1} over {Bands} bands of buckets");
            var cell = (double)ids.Length / (JointBands * JointBands);
            var independent = joint.Cast<long>().Sum(c => (c - cell) * (c - cell) / cell);
            Assert.True(independent < 160, $"salt '{salt}', experiments '{experiment}' and '{other}': chi-square {independent:F1} over {JointBands}×{JointBands} joint bands");
        }
    }

    [Fact]
    public void Arms_DoNotMove_WhenUnrelatedPartsOfTheCatalogChange()
    {
        // Another experiment, module, slot and message, and the message's policy, change nobody's arm of 'hero_test'.
        var changed = Parse("""
            catalog: heroes-2
            experiments:
              subject_test: { arms: { a: 1, b: 1 } }
              hero_test:
                salt: spring-2025
                arms: { control: 10, bold-hero: 45, classic-hero: 45 }
                holdout: control
                slots: [hero]
            policy:
              opted-out-topics: opted_out
            modules:
              bold: { when: 'experiment.hero_test == "bold-hero" && experiment.subject_test == "a"', topics: [beer], content: "BOLD" }
              classic: "Classic"
              generic: "Generic"
              extra: "Extra"
            slots:
              hero: { from: [classic, bold], fallback: generic }
              more: { from: [extra] }
            messages:
              other: { body: '{{ slot "more" }}' }
              m:
                topic: beer
                body: |
                  {{ slot "more" }} {{ slot "hero" }}
            """);
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>().Filter(static id => !string.IsNullOrWhiteSpace(id.Get)), id =>
        {
            var before = Heroes.Decide(Person(("id", id.Get)), "m").Experiments.Single(static e => e.ExperimentId == "hero_test");
            var after = changed.Decide(Person(("id", id.Get), ("opted_out", null)), "m").Experiments.Single(static e => e.ExperimentId == "hero_test");
            return before == after;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddingCoverage_NeverReassignsAnyoneAlreadyIn()
    {
        Prop.ForAll(Weights, Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (weights, c1, c2) =>
        {
            var (low, high) = (Math.Min(c1, c2), Math.Max(c1, c2));
            var narrow = ExperimentBuckets.Ranges(weights, low);
            var wide = ExperimentBuckets.Ranges(weights, high);
            for (var bucket = 0; bucket < ExperimentBuckets.Count; bucket++)
            {
                var arm = ExperimentBuckets.ArmIndex(narrow, bucket);
                if (arm >= 0 && ExperimentBuckets.ArmIndex(wide, bucket) != arm)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ConditionsAndTemplates_ReadTheArm_AndTheHoldoutGetsTheFallback()
    {
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < 400; i++)
        {
            var decision = Heroes.Decide(Person(("id", $"c{i}")), "m");
            var arm = decision.Experiments[0].Arm!;
            seen[arm] = seen.GetValueOrDefault(arm) + 1;
            var body = Heroes.Render(decision, Channel.Text).Body.Trim();
            Assert.Equal(arm switch { "bold-hero" => "BOLD bold-hero", "classic-hero" => "Classic", _ => "Generic" }, body);
            Assert.Equal($"hero_test={arm}", decision.ArmsText);
            Assert.Contains($"experiment hero_test: {arm}", decision.ToTraceString(), StringComparison.Ordinal);
            if (arm == "control")
            {
                Assert.True(decision.Experiments[0].IsHoldout);
                Assert.Contains("holdout of experiment 'hero_test'", decision.GetSlot("hero")!.Explanation, StringComparison.Ordinal);
            }
        }

        Assert.InRange(seen["control"], 20, 65);
        Assert.InRange(seen["bold-hero"], 140, 220);
    }

    [Fact]
    public void Trace_OfAHoldoutSlot_SaysItsCandidatesWereNotEvaluatedBecauseOfTheHoldout()
    {
        var id = Enumerable.Range(0, 400).Select(static i => $"c{i}").First(static id => Heroes.Decide(Person(("id", id)), "m").Experiments[0].IsHoldout);
        var decision = Heroes.Decide(Person(("id", id)), "m");

        var candidates = decision.GetSlot("hero")!.Candidates;
        Assert.All(candidates, static c => Assert.Equal(CandidateOutcome.NotEvaluated, c.Outcome));
        Assert.All(candidates, static c => Assert.Equal("not evaluated: the recipient is in the holdout of experiment 'hero_test'", c.Explanation));
        Assert.DoesNotContain("an earlier candidate was chosen", decision.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EachHoldoutSlot_NamesTheExperimentThatHeldItOut_WhenTheRecipientIsInTheHoldoutOfTwo()
    {
        // The slot took the last holdout's experiment whatever held it out: 'hero' said 'footer_test'.
        var catalog = Parse("""
            catalog: two
            experiments:
              hero_test: { arms: { control: 1, treated: 1 }, holdout: control, slots: [hero] }
              footer_test: { arms: { control: 1, treated: 1 }, holdout: control, slots: [footer] }
            modules:
              a: "A"
              b: "B"
              plain: "Plain"
            slots:
              hero: { from: [a], fallback: plain }
              footer: { from: [b], fallback: plain }
            messages:
              m:
                body: |
                  {{ slot "hero" }} {{ slot "footer" }}
            """);
        var decision = Enumerable.Range(0, 400).Select(i => catalog.Decide(Person(("id", $"c{i}")), "m"))
            .First(static d => d.Experiments.Count == 2 && d.Experiments.All(static e => e.IsHoldout));

        Assert.Equal("hero_test", decision.GetSlot("hero")!.HoldoutExperiment);
        Assert.Equal("holdout of experiment 'hero_test', so the fallback 'plain' was used", decision.GetSlot("hero")!.Explanation);
        Assert.Equal("not evaluated: the recipient is in the holdout of experiment 'hero_test'", decision.GetSlot("hero")!.Candidates[0].Explanation);
        Assert.Equal("footer_test", decision.GetSlot("footer")!.HoldoutExperiment);
        Assert.Equal("not evaluated: the recipient is in the holdout of experiment 'footer_test'", decision.GetSlot("footer")!.Candidates[0].Explanation);
    }

    [Fact]
    public void ABlankId_IsRejected_InsteadOfPuttingEveryRecipientWithoutOneInTheSameArm()
    {
        var ex = Assert.Throws<RecipientException>(() => Heroes.Decide(Person(("id", "")), "m"));
        Assert.Contains("the recipient has a blank id, so it cannot be assigned an arm of experiment 'hero_test'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldoutGetsSuppress_SuppressesTheHoldoutWithTheReason()
    {
        var catalog = Parse("""
            catalog: h
            experiments:
              lift:
                arms: { control: 50, treated: 50 }
                holdout: control
                holdout-gets: suppress
            messages:
              m: { body: "hi" }
            """);
        var decisions = Enumerable.Range(0, 100).Select(i => catalog.Decide(Person(("id", $"r{i}")), "m")).ToList();
        Assert.All(decisions, d => Assert.Equal(d.Experiments[0].Arm == "control", d.IsSuppressed));
        var suppressed = decisions.First(static d => d.IsSuppressed);
        Assert.Equal("holdout", suppressed.SuppressedBy);
        Assert.Equal("holdout of experiment 'lift' (arm 'control')", suppressed.SuppressionReason);
    }

    [Fact]
    public void HoldoutGetsSuppress_CountsOnlyTheHoldoutTheMessageWouldHaveReached_OthersAreSuppressedAsInEveryArm()
    {
        // The holdout is the control group: compared with the arms' rendered records, it must hold the recipients the
        // message would have reached. One with no consent or hit by a suppress rule is suppressed for that, in every arm.
        var catalog = Parse("""
            catalog: h
            experiments:
              lift:
                arms: { control: 50, treated: 50 }
                holdout: control
                holdout-gets: suppress
              later: { arms: { a: 1, b: 1 } }
            policy:
              consent: { email: email_ok }
            messages:
              m:
                channels: [email]
                suppress: [{ name: dnc, when: dnc == true, reason: "asked not to be contacted" }]
                body: "hi"
            """);
        var counts = new Dictionary<(string? Arm, string? By), int>();
        for (var i = 0; i < 600; i++)
        {
            var decision = catalog.Decide(Person(("id", $"r{i}"), ("email_ok", i % 3 != 0), ("dnc", i % 5 == 0)), "m");
            var eligible = i % 3 != 0 && i % 5 != 0;
            var arm = decision.Experiments.Single(static e => e.ExperimentId == "lift").Arm;
            Assert.Equal(eligible ? (arm == "control" ? "holdout" : null) : (i % 5 == 0 ? "dnc" : "consent"), decision.SuppressedBy);
            Assert.Equal(["lift", "later"], decision.Experiments.Select(static e => e.ExperimentId));
            Assert.StartsWith("lift=" + arm + ",later=", decision.ArmsText, StringComparison.Ordinal);
            counts[(arm, decision.SuppressedBy)] = counts.GetValueOrDefault((arm, decision.SuppressedBy)) + 1;
        }

        Assert.True(counts[("control", "holdout")] > 100 && counts[("control", "consent")] > 50 && counts[("control", "dnc")] > 50);
        var holdout = catalog.Decide(Person(("id", Enumerable.Range(0, 600).Select(static i => $"r{i}").First(id => ExperimentBuckets.Bucket(string.Empty, "lift", id) < 5000)), ("email_ok", true), ("dnc", false)), "m");
        Assert.Equal("holdout of experiment 'lift' (arm 'control')", holdout.SuppressionReason);
        Assert.Contains("✘ holdout lift: arm 'control' is the holdout: not sent, to measure lift", holdout.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordSuppressedByTheSingleSuppressRuleOrItsDates_StillCarriesItsArms_SoTheArmsAddUpToTheDecidedRecords()
    {
        // Intent to treat: the analyst counts every decided record per arm (the run's summary 'arms'); one suppressed
        // before the policy's checks must not drop out of its arm, or the arms' totals fall short of the records.
        var catalog = Parse("""
            catalog: h
            experiments:
              lift: { arms: { control: 1, treated: 1 }, holdout: control, holdout-gets: suppress }
            messages:
              m:
                suppress: { when: unsubscribed == true, reason: "unsubscribed" }
                body: "hi"
              old:
                active: { until: 2020-01-01 }
                body: "hi"
            """);
        var arms = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var id = $"r{i}";
            var arm = ExperimentBuckets.Bucket(string.Empty, "lift", id) < 5000 ? "control" : "treated";
            var decision = catalog.Decide(Person(("id", id), ("unsubscribed", i % 2 == 0)), "m");
            Assert.Equal(i % 2 == 0 ? "unsubscribed" : arm == "control" ? "holdout of experiment 'lift' (arm 'control')" : null, decision.SuppressionReason);
            Assert.Equal($"lift={arm}", decision.ArmsText);
            Assert.Equal(new ExperimentAssignment("lift", arm, ExperimentBuckets.Bucket(string.Empty, "lift", id), arm == "control"), Assert.Single(decision.Experiments));
            arms[arm] = arms.GetValueOrDefault(arm) + 1;

            var inactive = catalog.Decide(Person(("id", id)), "old");
            Assert.Equal("inactive", inactive.SuppressedBy);
            Assert.Equal($"lift={arm}", inactive.ArmsText);
        }

        Assert.Equal(200, arms["control"] + arms["treated"]);

        // One without an id has no arm to carry: suppressed by the dates or the rule as before assignment came first, not rejected.
        Assert.Equal(("inactive", null), (catalog.Decide(Person(("name", "x")), "old").SuppressedBy, catalog.Decide(Person(("name", "x")), "old").ArmsText));
        Assert.Equal("unsubscribed", catalog.Decide(Person(("name", "x"), ("unsubscribed", true)), "m").SuppressionReason);
        Assert.Contains("no id, so it cannot be assigned an arm of experiment 'lift'", Assert.Throws<RecipientException>(() => catalog.Decide(Person(("name", "x"), ("unsubscribed", false)), "m")).Message, StringComparison.Ordinal);
        Assert.Contains("  experiment lift: ", catalog.Decide(Person(("id", "r0"), ("unsubscribed", true)), "m").ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARecipientWithoutAnId_IsRejectedByName()
    {
        var ex = Assert.Throws<RecipientException>(() => Heroes.Decide(Person(("name", "x")), "m"));
        Assert.Contains("no id, so it cannot be assigned an arm of experiment 'hero_test'", ex.Message, StringComparison.Ordinal);
    }
}
