namespace OneToOne.Composition.Analysis;

/// <summary>
/// Chooses few sets that together cover a universe: exactly minimal by trying every combination in increasing size
/// when there are at most <see cref="ExactLimit"/> candidate sets, otherwise greedy (each step takes the set that covers
/// the most still-uncovered items; within a factor ln n of minimal).
/// </summary>
internal static class SetCover
{
    public const int ExactLimit = 16;

    /// <summary>Returns the indexes of the chosen sets and whether the choice is proven minimal.</summary>
    public static (List<int> Chosen, bool IsMinimal) Cover(IReadOnlyList<IReadOnlySet<string>> sets, IReadOnlySet<string> universe)
    {
        var coverable = universe.Where(u => sets.Any(s => s.Contains(u))).ToHashSet(StringComparer.Ordinal);
        if (coverable.Count == 0)
        {
            return ([], true);
        }

        var greedy = Greedy(sets, coverable);
        if (sets.Count > ExactLimit)
        {
            return (greedy, greedy.Count == 1);
        }

        for (var size = 1; size < greedy.Count; size++)
        {
            if (FirstCombination(sets, coverable, size) is { } exact)
            {
                return (exact, true);
            }
        }

        return (greedy, true);
    }

    private static List<int> Greedy(IReadOnlyList<IReadOnlySet<string>> sets, HashSet<string> universe)
    {
        var uncovered = new HashSet<string>(universe, StringComparer.Ordinal);
        var chosen = new List<int>();
        while (uncovered.Count > 0)
        {
            var best = -1;
            var gain = 0;
            for (var i = 0; i < sets.Count; i++)
            {
                var g = sets[i].Count(uncovered.Contains);
                if (g > gain)
                {
                    (best, gain) = (i, g);
                }
            }

            chosen.Add(best);
            uncovered.ExceptWith(sets[best]);
        }

        return chosen;
    }

    private static List<int>? FirstCombination(IReadOnlyList<IReadOnlySet<string>> sets, HashSet<string> universe, int size)
    {
        var indexes = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            if (universe.All(u => indexes.Any(i => sets[i].Contains(u))))
            {
                return [.. indexes];
            }

            var k = size - 1;
            while (k >= 0 && indexes[k] == sets.Count - size + k)
            {
                k--;
            }

            if (k < 0)
            {
                return null;
            }

            indexes[k]++;
            for (var j = k + 1; j < size; j++)
            {
                indexes[j] = indexes[j - 1] + 1;
            }
        }
    }
}
