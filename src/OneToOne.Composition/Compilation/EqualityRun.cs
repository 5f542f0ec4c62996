namespace OneToOne.Composition.Compilation;

/// <summary>
/// Consecutive candidates of a slot, in the order deciding considers them, whose conditions each test the same recipient
/// field for equality with a constant of one kind (<c>sku == "s1"</c>, <c>sku == "s2"</c>, …: a product feed). For a
/// recipient value the compiled comparison answers without Scriban (a text against texts, ordinal; an int against ints),
/// one lookup gives the positions whose constant equals it, in order, so deciding need not evaluate every condition; any
/// other value (null, a missing field, a number against texts, an over-long text) is left to the conditions.
/// </summary>
internal sealed class EqualityRun
{
    /// <summary>The fewest candidates worth a lookup: below it, evaluating each condition costs about as much.</summary>
    internal const int MinimumLength = 4;

    private readonly Dictionary<string, int[]>? _texts;
    private readonly Dictionary<int, int[]>? _numbers;
    private readonly int _longestText;

    private EqualityRun(int start, int end, int field, Dictionary<string, int[]>? texts, Dictionary<int, int[]>? numbers, int longestText, int[] dated, ActiveWindow[] windows)
    {
        Start = start;
        End = end;
        Field = field;
        _texts = texts;
        _numbers = numbers;
        _longestText = longestText;
        Dated = dated;
        Windows = windows;
    }

    /// <summary>Gets the run's first position in the order deciding considers the slot's candidates.</summary>
    public int Start { get; }

    /// <summary>Gets the position after the run's last.</summary>
    public int End { get; }

    /// <summary>Gets the index of the field the run tests in the catalog's field table.</summary>
    public int Field { get; }

    /// <summary>Gets the positions, ascending, whose module has <c>active:</c> dates (the others are always active).</summary>
    public int[] Dated { get; }

    /// <summary>Gets the <c>active:</c> dates of the modules at <see cref="Dated"/>, side by side: read without reaching each module.</summary>
    public ActiveWindow[] Windows { get; }

    /// <summary>
    /// Finds the positions whose constant equals the recipient's value, ascending (empty for none); false when the value
    /// is one the compiled comparison hands to Scriban, or a text it refuses (<paramref name="limitToString"/>), so the
    /// conditions must be evaluated one by one.
    /// </summary>
    public bool TryMatch(object? value, int limitToString, out int[] positions)
    {
        switch (value)
        {
            case string text when _texts is not null && (limitToString <= 0 || (text.Length < limitToString && _longestText < limitToString)):
                positions = _texts.GetValueOrDefault(text) ?? [];
                return true;
            case int number when _numbers is not null:
                positions = _numbers.GetValueOrDefault(number) ?? [];
                return true;
            default:
                positions = [];
                return false;
        }
    }

    /// <summary>Finds a slot's runs of at least <see cref="MinimumLength"/> candidates, in <paramref name="order"/> (null: <c>from</c> order); null when it has none.</summary>
    public static EqualityRun[]? Find(CompiledSlot slot, int[]? order)
    {
        List<EqualityRun>? runs = null;
        var candidates = slot.Candidates;
        var start = 0;
        while (start < candidates.Length)
        {
            if (!Test(candidates[order is null ? start : order[start]], out var field, out var constant))
            {
                start++;
                continue;
            }

            var end = start + 1;
            while (end < candidates.Length && Test(candidates[order is null ? end : order[end]], out var next, out var written)
                && next == field && written.GetType() == constant.GetType())
            {
                end++;
            }

            if (end - start >= MinimumLength)
            {
                (runs ??= []).Add(Create(candidates, order, start, end, field, constant is string));
            }

            start = end;
        }

        return runs?.ToArray();
    }

    private static bool Test(CompiledModule module, out int field, out object constant)
    {
        if (module.Condition?.Compiled is { } compiled)
        {
            return compiled.IsFieldEquality(out field, out constant);
        }

        field = -1;
        constant = string.Empty;
        return false;
    }

    private static EqualityRun Create(CompiledModule[] candidates, int[]? order, int start, int end, int field, bool texts)
    {
        var positions = new Dictionary<object, List<int>>();
        var dated = new List<int>();
        var windows = new List<ActiveWindow>();
        var longest = 0;
        for (var n = start; n < end; n++)
        {
            var module = candidates[order is null ? n : order[n]];
            Test(module, out _, out var constant);
            if (!positions.TryGetValue(constant, out var list))
            {
                positions.Add(constant, list = []);
            }

            list.Add(n);
            longest = Math.Max(longest, (constant as string)?.Length ?? 0);
            if (module.Active is { } window)
            {
                dated.Add(n);
                windows.Add(window);
            }
        }

        return texts
            ? new EqualityRun(start, end, field, positions.ToDictionary(static p => (string)p.Key, static p => p.Value.ToArray(), StringComparer.Ordinal), null, longest, [.. dated], [.. windows])
            : new EqualityRun(start, end, field, null, positions.ToDictionary(static p => (int)p.Key, static p => p.Value.ToArray()), 0, [.. dated], [.. windows]);
    }
}
