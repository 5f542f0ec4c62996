using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

/// <summary>
/// An analyst's acceptance check of the declared weights through the whole decision (not only the bucket function): a
/// fixed set of 100,000 ids, so the test cannot flake, and bounds computed from the declared weights alone.
/// </summary>
public sealed class ExperimentSampleRatioTests
{
    private const int N = 100_000;

    private static readonly Catalog Lift = Parse("""
        catalog: lift
        experiments:
          lift:
            salt: q3
            coverage: 80%
            arms: { control: 10, bold: 45, classic: 45 }
            holdout: control
            holdout-gets: suppress
        messages:
          m: { body: "hi {{ experiment.lift }}" }
        """);

    [Fact]
    public void EachArmsShare_IsWithinSixStandardDeviationsOfItsDeclaredWeight_AndTheHoldoutIsSuppressedPerArm()
    {
        // Declared: coverage 80% of weights 10:45:45, so control 8%, bold 36%, classic 36%, outside 20%.
        var declared = new Dictionary<string, double>(StringComparer.Ordinal) { ["control"] = 0.08, ["bold"] = 0.36, ["classic"] = 0.36, ["(outside)"] = 0.20 };
        var counts = declared.Keys.ToDictionary(static k => k, static _ => 0, StringComparer.Ordinal);
        var suppressed = declared.Keys.ToDictionary(static k => k, static _ => 0, StringComparer.Ordinal);
        var arms = new string?[N];
        for (var i = 0; i < N; i++)
        {
            var decision = Lift.Decide(Person(("id", $"customer-{i}")), "m");
            var arm = Assert.Single(decision.Experiments).Arm;
            arms[i] = arm;
            counts[arm ?? "(outside)"]++;
            if (decision.IsSuppressed)
            {
                suppressed[arm ?? "(outside)"]++;
                Assert.Equal("holdout of experiment 'lift' (arm 'control')", decision.SuppressionReason);
            }
        }

        foreach (var (arm, p) in declared)
        {
            // A binomial count's standard deviation is sqrt(N·p·(1−p)); six of them is a bound a uniform hash exceeds
            // with probability about 2e-9, while an off-by-one range or a weight read in the wrong order is far outside.
            var bound = 6 * Math.Sqrt(N * p * (1 - p));
            Assert.True(Math.Abs(counts[arm] - (N * p)) <= bound, $"arm '{arm}': {counts[arm]} of {N}, declared {N * p} ± {bound:F0}");
        }

        // Sample-ratio view of suppressions after assignment: only the holdout is suppressed, all of it.
        Assert.Equal(counts["control"], suppressed["control"]);
        Assert.Equal(0, suppressed["bold"] + suppressed["classic"] + suppressed["(outside)"]);

        // The same id gets the same arm whatever the parallel degree or order it is decided in.
        var parallel = new string?[N];
        Parallel.For(0, N, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[N - 1 - i] = Lift.Decide(Person(("id", $"customer-{N - 1 - i}")), "m").Experiments[0].Arm);
        Assert.Equal(arms, parallel);
    }
}
