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
    public static (List<int> Chosen, bool IsMinimal) Cover(IReadOnlyList<IReadOnlySet<string>> sets, IReadOnlySet<string> universe) =>
        Cover(sets, universe, sets.Count);

    /// <summary>
    /// Makes the choice <see cref="Cover(IReadOnlyList{IReadOnlySet{string}}, IReadOnlySet{string})"/> makes over a list of
    /// <paramref name="count"/> sets, given only its distinct sets in the order they first occur in it: the chosen indexes
    /// are into <paramref name="sets"/>, each standing for the set's first occurrence. The same because a set equal to an
    /// earlier one is never chosen from the list: the greedy step takes the first of the sets that cover the most, and the
    /// first combination (in index order) of the smallest size that covers has no set twice and, with a later copy of a set
    /// swapped for its first occurrence, would come earlier. Whether the search is exact goes by the list's count, not the
    /// distinct sets'.
    /// </summary>
    /// <param name="sets">The distinct sets, in the order of their first occurrence.</param>
    /// <param name="universe">The items to cover.</param>
    /// <param name="count">How many sets the list has, copies included.</param>
    /// <returns>The indexes of the chosen sets and whether the choice is proven minimal.</returns>
    public static (List<int> Chosen, bool IsMinimal) Cover(IReadOnlyList<IReadOnlySet<string>> sets, IReadOnlySet<string> universe, long count)
    {
        var coverable = universe.Where(u => sets.Any(s => s.Contains(u))).ToHashSet(StringComparer.Ordinal);
        if (coverable.Count == 0)
        {
            return ([], true);
        }

        var greedy = Greedy(sets, coverable);
        if (count > ExactLimit)
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
