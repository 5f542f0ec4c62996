namespace OneToOne.Composition.Analysis;

/// <summary>
/// Decides whether formulas can all be true together, by a backtracking search over the fields' representative
/// values and the opaque atoms' true/false. Exact for the model: if it says unsatisfiable, no recipient satisfies them
/// all (with undecidable parts free). At each step every unassigned variable keeps only the values that leave each
/// formula possibly true (forward checking), a variable with none left ends the branch, and the variable with the fewest
/// left is tried next, so a contradiction in one field is found as soon as the fields it depends on are set, whatever
/// the others. A member path whose parent holds no object reads the same whatever its own value, so it then takes just
/// one (missing), and a parent is always set before its members.
/// </summary>
/// <param name="domains">Each field's representative values (see <see cref="ConditionTranslator.Domains"/>).</param>
internal sealed class Solver(IReadOnlyDictionary<string, object?[]> domains)
{
    private static readonly object?[] Booleans = [true, false];
    private static readonly object?[] OnlyMissing = [null];

    /// <summary>How many formulas <see cref="Alone"/> remembers before it starts again.</summary>
    private const int MaxRemembered = 4096;

    private readonly Dictionary<Formula, Dictionary<string, object?[]>?> _alone = new(ReferenceEqualityComparer.Instance);

    /// <summary>The profiles (<see cref="ProfileOf"/>) of the last few thousand formulas and their parts.</summary>
    private Dictionary<Formula, Profile> _profiles = new(ReferenceEqualityComparer.Instance);

    /// <summary>The profiles remembered before <see cref="_profiles"/> filled up last.</summary>
    private Dictionary<Formula, Profile> _olderProfiles = new(ReferenceEqualityComparer.Instance);

    /// <summary>The last solution found: tried first next time, since the next question is usually a small change of the last.</summary>
    private Assignment? _hint;

    /// <summary>
    /// Gets the work done so far: formula lists evaluated under an assignment, and formulas' profiles worked out (one each,
    /// and one per 64 values of each variable they read). Deterministic for the same questions.
    /// </summary>
    public long Work { get; private set; }

    /// <summary>The <see cref="Work"/> past which a question throws <see cref="SolverLimitException"/>; set by <see cref="TryWithin"/>.</summary>
    private long _limit = long.MaxValue;

    /// <summary>Gets or sets the token that stops a question (checked every few thousand evaluations).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Finds an assignment that makes every formula true, or null.</summary>
    /// <exception cref="SolverLimitException">Inside <see cref="TryWithin"/>, the work limit was reached.</exception>
    /// <exception cref="OperationCanceledException"><see cref="CancellationToken"/> was canceled.</exception>
    public Assignment? Solve(IReadOnlyList<Formula> formulas)
    {
        // Each variable's values that leave every formula possibly true: the values each formula allows on its own, in common.
        var domains = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var formula in formulas)
        {
            if (Alone(formula) is not { } allowed)
            {
                return null;
            }

            foreach (var (variable, values) in allowed)
            {
                var common = domains.TryGetValue(variable, out var before) ? Common(variable, before, values) : values;
                if (common.Length == 0)
                {
                    return null;
                }

                domains[variable] = common;
            }
        }

        var found = Search(formulas, [.. domains.OrderBy(static d => d.Key, StringComparer.Ordinal).Select(static d => (d.Key, d.Value))], Assignment.Empty);
        if (found is not null)
        {
            _hint = found;
        }

        return found;
    }

    /// <summary>Whether the formulas can all be true together; tries the last solution first (a witness from here may carry unrelated bindings, so findings use <see cref="Solve"/>).</summary>
    /// <exception cref="SolverLimitException">Inside <see cref="TryWithin"/>, the work limit was reached.</exception>
    /// <exception cref="OperationCanceledException"><see cref="CancellationToken"/> was canceled.</exception>
    public bool IsSatisfiable(IReadOnlyList<Formula> formulas) =>
        (_hint is { } hint && Holds(formulas, hint) == true) || Solve(formulas) is not null;

    /// <summary>
    /// Asks <paramref name="questions"/> with at most <paramref name="work"/> more <see cref="Work"/>; false when they
    /// reached it, and were stopped there. The last solution and the remembered formulas are forgotten first, so the work
    /// they take, and so where they stop, depends on them alone, not on the questions asked before.
    /// </summary>
    public bool TryWithin(long work, Action questions)
    {
        _hint = null;
        _alone.Clear();
        _profiles.Clear();
        _olderProfiles.Clear();
        _limit = Work + work;
        try
        {
            questions();
            return true;
        }
        catch (SolverLimitException)
        {
            return false;
        }
        finally
        {
            _limit = long.MaxValue;
        }
    }

    /// <summary>
    /// The values of the variable in both lists, in the first's order: one of them when the other is all the variable's
    /// values, and through a set when both are long (a field compared with hundreds of constants).
    /// </summary>
    private object?[] Common(string variable, object?[] first, object?[] second)
    {
        var all = Values(variable);
        if (first == all || first == second)
        {
            return second;
        }

        if (second == all)
        {
            return first;
        }

        if (first.Length * second.Length <= 256)
        {
            return Array.FindAll(first, v => Array.IndexOf(second, v) >= 0);
        }

        var set = new HashSet<object?>(second);
        return Array.FindAll(first, set.Contains);
    }

    private static Assignment Bind(Assignment assignment, string variable, object? value) =>
        variable[0] == '\u0001' ? assignment.WithOpaque(variable, (bool)value!) : assignment.WithField(variable, value);

    private object?[] Values(string variable) =>
        variable[0] == '\u0001' ? Booleans : domains.GetValueOrDefault(variable) ?? OnlyMissing;

    /// <summary>False when some formula is false, true when all are true, otherwise null. Counts as one unit of <see cref="Work"/>.</summary>
    private bool? Holds(IReadOnlyList<Formula> formulas, Assignment assignment)
    {
        if (++Work > _limit)
        {
            throw new SolverLimitException();
        }

        if ((Work & 0xFFF) == 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
        }

        bool? all = true;
        foreach (var formula in formulas)
        {
            switch (formula.Evaluate(assignment))
            {
                case false:
                    return false;
                case null:
                    all = null;
                    break;
            }
        }

        return all;
    }

    /// <summary>
    /// The values of each variable a formula reads that do not make it false with nothing else set, or null when it is
    /// false whatever the values. Kept for the last few thousand formulas: the explorer asks about one context with many
    /// candidates' conditions in turn, and the context is the larger part.
    /// </summary>
    private Dictionary<string, object?[]>? Alone(Formula formula)
    {
        if (_alone.TryGetValue(formula, out var allowed))
        {
            return allowed;
        }

        if (_alone.Count >= MaxRemembered)
        {
            _alone.Clear();
        }

        var profile = ProfileOf(formula);
        if ((profile.Empty & Truth.True) != 0)
        {
            allowed = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var (variable, possible) in profile.ByValue)
            {
                var all = Values(variable);
                var kept = 0;
                foreach (var truth in possible)
                {
                    kept += (int)(truth & Truth.True);
                }

                if (kept == all.Length)
                {
                    allowed[variable] = all;
                    continue;
                }

                var values = new object?[kept];
                for (int i = 0, k = 0; i < all.Length; i++)
                {
                    if ((possible[i] & Truth.True) != 0)
                    {
                        values[k++] = all[i];
                    }
                }

                allowed[variable] = values;
            }
        }

        _alone[formula] = allowed;
        return allowed;
    }

    /// <summary>
    /// What a formula can come to with nothing set, and with each one variable it reads set to each of its values (in
    /// <see cref="Values"/>'s order). Worked out from its parts' (a formula's value under an assignment is its parts'
    /// combined), so that a long conjunction grown one part at a time costs one pass over the values per part, not one
    /// evaluation of the whole per value. Each formula worked out costs one unit of <see cref="Work"/> and one more per 64
    /// values of each variable it reads.
    /// </summary>
    private Profile ProfileOf(Formula root)
    {
        if (Remembered(root) is { } known)
        {
            return known;
        }

        // Parts before the whole, without recursion: a conjunction grown one candidate at a time is thousands deep. The
        // profiles worked out here are kept until the whole's is, whatever the cache forgets meanwhile.
        var worked = new Dictionary<Formula, Profile>(ReferenceEqualityComparer.Instance);
        Profile? Known(Formula formula) => worked.GetValueOrDefault(formula) ?? Remembered(formula);
        var pending = new Stack<(Formula Formula, bool PartsDone)>();
        pending.Push((root, false));
        while (pending.TryPop(out var top))
        {
            var (formula, partsDone) = top;
            if (Known(formula) is not null)
            {
                continue;
            }

            var parts = Parts(formula);
            if (!partsDone && parts.Length > 0)
            {
                pending.Push((formula, true));
                for (var i = parts.Length - 1; i >= 0; i--)
                {
                    if (Known(parts[i]) is null)
                    {
                        pending.Push((parts[i], false));
                    }
                }

                continue;
            }

            var profile = Combine(formula, Array.ConvertAll(parts, part => Known(part)!));
            worked[formula] = profile;
            Remember(formula, profile);
        }

        return worked[root];
    }

    /// <summary>A profile worked out lately, or null; one from the older half is kept on.</summary>
    private Profile? Remembered(Formula formula)
    {
        if (_profiles.TryGetValue(formula, out var profile))
        {
            return profile;
        }

        if (_olderProfiles.TryGetValue(formula, out profile))
        {
            Remember(formula, profile);
            return profile;
        }

        return null;
    }

    /// <summary>Remembers a profile; past <see cref="MaxRemembered"/>, the older half is forgotten (the latest, which the next questions build on, stay).</summary>
    private void Remember(Formula formula, Profile profile)
    {
        if (_profiles.Count >= MaxRemembered)
        {
            (_olderProfiles, _profiles) = (_profiles, _olderProfiles);
            _profiles.Clear();
        }

        _profiles[formula] = profile;
    }

    private static Formula[] Parts(Formula formula) => formula switch
    {
        Formula.NotFormula not => [not.Operand],
        Formula.RejectsFormula rejects => [rejects.Operand],
        Formula.ShortCircuitFormula both => [both.Left, both.Right],
        Formula.AnyFormula any => [.. any.Operands],
        _ => [],
    };

    /// <summary>A formula's profile from its parts' (already known), or, for a formula without parts, by evaluating it.</summary>
    private Profile Combine(Formula formula, Profile[] profiles)
    {
        if (++Work > _limit)
        {
            throw new SolverLimitException();
        }

        var byValue = new Dictionary<string, Truth[]>(StringComparer.Ordinal);
        if (profiles.Length == 0)
        {
            var variables = new HashSet<string>(StringComparer.Ordinal);
            formula.CollectVariables(variables);
            foreach (var variable in variables.Order(StringComparer.Ordinal))
            {
                var values = Values(variable);
                Charge(values.Length);
                var possible = new Truth[values.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    possible[i] = formula.Possible(Bind(Assignment.Empty, variable, values[i]));
                }

                byValue[variable] = possible;
            }

            return new Profile(formula.Possible(Assignment.Empty), byValue);
        }

        var buffer = new Truth[profiles.Length];
        var empty = Whole(formula, Array.ConvertAll(profiles, static p => p.Empty));
        foreach (var variable in profiles.SelectMany(static p => p.ByValue.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var count = Values(variable).Length;
            Charge(count);
            var columns = Array.ConvertAll(profiles, p => p.ByValue.GetValueOrDefault(variable));
            var possible = new Truth[count];
            switch (formula)
            {
                case Formula.NotFormula when columns[0] is { } column:
                    for (var value = 0; value < count; value++)
                    {
                        possible[value] = Formula.NotFormula.Combine(column[value]);
                    }

                    break;
                case Formula.ShortCircuitFormula both:
                    for (var value = 0; value < count; value++)
                    {
                        possible[value] = both.Combine(columns[0]?[value] ?? profiles[0].Empty, columns[1]?[value] ?? profiles[1].Empty);
                    }

                    break;
                default:
                    for (var value = 0; value < count; value++)
                    {
                        for (var i = 0; i < buffer.Length; i++)
                        {
                            buffer[i] = columns[i]?[value] ?? profiles[i].Empty;
                        }

                        possible[value] = Whole(formula, buffer);
                    }

                    break;
            }

            byValue[variable] = possible;
        }

        return new Profile(empty, byValue);
    }

    /// <summary>What a formula with parts comes to when its parts come to <paramref name="parts"/>.</summary>
    private static Truth Whole(Formula formula, Truth[] parts) => formula switch
    {
        Formula.NotFormula => Formula.NotFormula.Combine(parts[0]),
        Formula.RejectsFormula => Formula.RejectsFormula.Combine(parts[0]),
        Formula.ShortCircuitFormula both => both.Combine(parts[0], parts[1]),
        _ => Formula.AnyFormula.Combine(parts),
    };

    /// <summary>Counts a pass over <paramref name="values"/> values: one unit of <see cref="Work"/> per 64.</summary>
    private void Charge(int values)
    {
        Work += values / 64;
        if (Work > _limit)
        {
            throw new SolverLimitException();
        }

        if ((Work & 0xFFF) == 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Forward checking: the values of each variable that leave every formula possibly true with the assignment, or null when a variable has none left.</summary>
    private List<(string Variable, object?[] Values)>? Filter(IReadOnlyList<Formula> formulas, List<(string Variable, object?[] Values)> unassigned, Assignment assignment)
    {
        var remaining = new List<(string Variable, object?[] Values)>(unassigned.Count);
        foreach (var (variable, values) in unassigned)
        {
            var choices = FieldPath.ParentKey(variable) is { } parent && assignment.TryGetField(parent, out var owner) && owner is not ObjectValue ? [null] : values;
            var kept = Array.FindAll(choices, value => Holds(formulas, Bind(assignment, variable, value)) != false);
            if (kept.Length == 0)
            {
                return null;
            }

            remaining.Add((variable, kept));
        }

        return remaining;
    }

    /// <summary>
    /// Sets the variable with the fewest values left next (the first such, and never a member before its parent), and
    /// goes on with the values each other variable has left after it.
    /// </summary>
    private Assignment? Search(IReadOnlyList<Formula> formulas, List<(string Variable, object?[] Values)> unassigned, Assignment assignment)
    {
        switch (Holds(formulas, assignment))
        {
            case true:
                return assignment;
            case false:
                return null;
        }

        var next = -1;
        for (var i = 0; i < unassigned.Count; i++)
        {
            var parent = FieldPath.ParentKey(unassigned[i].Variable);
            var ready = parent is null || !unassigned.Exists(u => u.Variable == parent);
            if (ready && (next < 0 || unassigned[i].Values.Length < unassigned[next].Values.Length))
            {
                next = i;
            }
        }

        if (next < 0)
        {
            return null;
        }

        var (variable, values) = unassigned[next];
        var rest = new List<(string Variable, object?[] Values)>(unassigned);
        rest.RemoveAt(next);
        // Checking ahead the values of the one variable left would take what trying them takes, without stopping at the first that works.
        var last = rest.Count == 1 && FieldPath.ParentKey(rest[0].Variable) is null;
        foreach (var value in values)
        {
            var extended = Bind(assignment, variable, value);
            if ((last ? rest : Filter(formulas, rest, extended)) is { } filtered && Search(formulas, filtered, extended) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>Thrown by <see cref="Solver"/> when a question would take it past the work <see cref="Solver.TryWithin"/> allows.</summary>
internal sealed class SolverLimitException : Exception
{
    public SolverLimitException()
        : base("The analysis reached its work limit.")
    {
    }
}

/// <summary>What a formula can come to with nothing set (<paramref name="Empty"/>), and with one variable set to each of its values.</summary>
internal sealed record Profile(Truth Empty, Dictionary<string, Truth[]> ByValue);
