namespace OneToOne.Composition.Analysis;

/// <summary>
/// Decides whether formulas can all be true together, by a backtracking search over the fields' representative
/// values and the opaque atoms' true/false, pruning as soon as a formula is false. Exact for the model: if it says
/// unsatisfiable, no recipient satisfies them all (with undecidable parts free). A member path whose parent holds no
/// object reads the same whatever its own value, so it then takes just one (missing).
/// </summary>
internal sealed class Solver(IReadOnlyDictionary<string, object?[]> domains)
{
    private static readonly object?[] Booleans = [true, false];

    /// <summary>The last solution found: tried first next time, since the next question is usually a small change of the last.</summary>
    private Assignment? _hint;

    /// <summary>Finds an assignment that makes every formula true, extending <paramref name="start"/>, or null.</summary>
    public Assignment? Solve(IReadOnlyList<Formula> formulas, Assignment? start = null)
    {
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var formula in formulas)
        {
            formula.CollectVariables(variables);
        }

        var order = variables.Order(StringComparer.Ordinal).ToArray();
        var found = Search(formulas, order, 0, start ?? Assignment.Empty);
        if (found is not null)
        {
            _hint = found;
        }

        return found;
    }

    /// <summary>Whether the formulas can all be true together; tries the last solution first (a witness from here may carry unrelated bindings, so findings use <see cref="Solve"/>).</summary>
    public bool IsSatisfiable(IReadOnlyList<Formula> formulas) =>
        (_hint is { } hint && formulas.All(f => f.Evaluate(hint) == true)) || Solve(formulas) is not null;

    private Assignment? Search(IReadOnlyList<Formula> formulas, string[] order, int next, Assignment assignment)
    {
        var undecided = false;
        foreach (var formula in formulas)
        {
            switch (formula.Evaluate(assignment))
            {
                case false:
                    return null;
                case null:
                    undecided = true;
                    break;
            }
        }

        if (!undecided)
        {
            return assignment;
        }

        // Skip variables already assigned by the start assignment.
        while (next < order.Length && (assignment.TryGetField(order[next], out _) || assignment.TryGetOpaque(order[next], out _)))
        {
            next++;
        }

        if (next == order.Length)
        {
            return null;
        }

        var variable = order[next];
        var opaque = variable[0] == '\u0001';
        var values = opaque ? Booleans : domains.GetValueOrDefault(variable) ?? [null];
        if (FieldPath.ParentKey(variable) is { } parent && assignment.TryGetField(parent, out var owner) && owner is not ObjectValue)
        {
            values = [null];
        }

        foreach (var value in values)
        {
            var extended = opaque ? assignment.WithOpaque(variable, (bool)value!) : assignment.WithField(variable, value);
            if (Search(formulas, order, next + 1, extended) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
