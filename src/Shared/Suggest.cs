namespace OneToOne.Composition;

/// <summary>"Did you mean" suggestions by edit distance: for catalog diagnostics, and for the CLI's mistyped commands and options (compiled into each package that suggests, <c>src/Shared</c>).</summary>
internal static class Suggest
{
    /// <summary>
    /// Returns the closest candidate within a small edit distance, or null. The distance allowed grows with the word: a
    /// name of two letters matches only when it differs in case ('ID' for 'id', never 'iq'), one of up to five letters by
    /// one edit (a swap of neighbours is one), a longer one by a third of its length (at least two).
    /// </summary>
    /// <remarks>
    /// A catalog's errors each ask over every id of their kind (an unknown module among 3,000), so a candidate is only
    /// measured as far as it could still win: one whose length differs by more than the edits allowed, or than the best
    /// found so far, is passed over, and a measurement stops once every way through it is past that bound. The answer is
    /// the same as measuring every candidate in full: the first closest one, when within the distance allowed.
    /// </remarks>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var lower = word.ToLowerInvariant();

        // Only a candidate within the allowed distance can be the answer, and only one nearer than the best so far replaces it.
        var bound = Allowed(word);
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - lower.Length) > bound)
            {
                continue;
            }

            var distance = Distance(lower, candidate.ToLowerInvariant(), bound);
            if (distance <= bound)
            {
                best = candidate;
                if (distance == 0)
                {
                    break;
                }

                bound = distance - 1;
            }
        }

        return best;
    }

    /// <summary>The most edits a candidate may be from <paramref name="word"/> to be suggested for it (<see cref="Closest"/>).</summary>
    internal static int Allowed(string word) => word.Length switch
    {
        <= 2 => 0,
        <= 5 => 1,
        _ => Math.Max(2, word.Length / 3),
    };

    /// <summary>
    /// Formats " Did you mean 'x'?" or an empty string; when the two differ only where it cannot be seen (a character
    /// that does not show, or a letter of another script that looks like a Latin one), it says which characters differ.
    /// </summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        var closest = Closest(word, candidates);
        return closest is null ? string.Empty : $" Did you mean '{closest}'?{HiddenDifference(word, closest)}";
    }

    /// <summary>
    /// Says how a name differs from the one it was taken for where the difference is easy to miss: Cyrillic 'і' (U+0456)
    /// for Latin 'i' pasted from a document, an accent ('é' for 'e'), or a zero-width space (U+200B) that a copy brought
    /// along. Empty when every difference is between ASCII characters (a typo the reader sees as it is).
    /// </summary>
    internal static string HiddenDifference(string written, string meant)
    {
        var differences = new List<string>();
        if (written.Length == meant.Length)
        {
            for (var i = 0; i < written.Length; i++)
            {
                var (w, m) = (written[i], meant[i]);
                if (w == m || char.ToLowerInvariant(w) == char.ToLowerInvariant(m))
                {
                    continue;
                }

                if (w < 0x80 && m < 0x80)
                {
                    return string.Empty;
                }

                differences.Add($"character {i + 1} is {Describe(w)} here but {Describe(m)} in '{meant}'");
            }
        }
        else
        {
            differences.AddRange(written.Where(c => IsInvisible(c) && !meant.Contains(c)).Distinct().Select(static c => $"this name holds {Describe(c)}"));
            differences.AddRange(meant.Where(c => IsInvisible(c) && !written.Contains(c)).Distinct().Select(c => $"'{meant}' holds {Describe(c)}"));
        }

        return differences.Count == 0
            ? string.Empty
            : $" The difference is easy to miss: {string.Join("; ", differences)}. Type the name again by hand, or copy it from where it is defined.";
    }

    /// <summary>Whether a character takes no room where it is shown (a zero-width space, a soft hyphen, a byte-order mark, a joiner).</summary>
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static string Describe(char c) => c switch
    {
        < '\u0080' when !char.IsControl(c) => $"'{c}'",
        _ when IsInvisible(c) || char.IsControl(c) || char.IsSurrogate(c) => $"U+{(int)c:X4}, which does not show",
        _ => $"'{c}' (U+{(int)c:X4})",
    };

    /// <summary>The edits that turn one word into the other: a letter inserted, deleted or replaced, or two neighbours swapped ("heor", "hero").</summary>
    internal static int Distance(string a, string b) => Distance(a, b, int.MaxValue - 1);

    /// <summary>
    /// <see cref="Distance(string, string)"/> when it is at most <paramref name="limit"/>, else some number above it: a row's
    /// smallest entry never shrinks further down, so once it is past the limit the rest cannot come back under it.
    /// </summary>
    private static int Distance(string a, string b, int limit)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var smallest = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                smallest = Math.Min(smallest, current[j]);
            }

            if (smallest > limit)
            {
                return limit + 1;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
