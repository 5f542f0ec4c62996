using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// "Did you mean" passes over candidates that cannot win and stops measuring one once it is past the best so far (an
/// unknown module among 3,000 ids no longer measures every id in full): it still suggests exactly what measuring every
/// candidate in full suggests.
/// </summary>
public sealed class SuggestProperties
{
    // Few letters, both cases and a hyphen: many candidates within a few edits of each other, ties, swaps and case-only differences.
    private static Gen<string> Word() =>
        from length in Gen.Frequency((1, Gen.Choose(0, 3)), (4, Gen.Choose(4, 9)), (1, Gen.Choose(10, 16)))
        from letters in Gen.Elements('a', 'b', 'c', 'A', 'B', '-').ArrayOf(length)
        select new string(letters);

    [Property(MaxTest = 2000)]
    public Property Closest_SuggestsWhatMeasuringEveryCandidateInFullSuggests() =>
        Prop.ForAll(
            Word().ToArbitrary(),
            Word().ListOf().ToArbitrary(),
            static (word, candidates) => (Suggest.Closest(word, candidates) == MeasuringEveryCandidate(word, candidates))
                .Label($"'{word}' among [{string.Join(", ", candidates)}]: '{Suggest.Closest(word, candidates)}', in full '{MeasuringEveryCandidate(word, candidates)}'"));

    [Fact]
    public void Closest_AmongThousandsOfIds_SuggestsTheFirstNearest()
    {
        var ids = Enumerable.Range(0, 3000).Select(static i => $"s{i / 10:D3}-m{i % 10}").ToList();

        Assert.Equal("s123-m4", Suggest.Closest("s123-m4x", ids));
        Assert.Equal("s123-m4", Suggest.Closest("S123-M4", ids));
        Assert.Equal("s012-m0", Suggest.Closest("s0123-m", ids)); // s012-m0 and s012-m3 are both two edits away: the first wins
        Assert.Null(Suggest.Closest("footer", ids));
    }

    /// <summary>The suggestion as it was worked out before: every candidate's distance in full, the first nearest, if near enough.</summary>
    private static string? MeasuringEveryCandidate(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Suggest.Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= Suggest.Allowed(word) ? best : null;
    }
}
