using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Analysis;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>The solver against enumerating every assignment of small domains, on random formulas.</summary>
public sealed class SolverProperties
{
    private const string Opaque = "\u0001o";

    private static readonly Dictionary<string, object?[]> Domains = new(StringComparer.Ordinal)
    {
        ["a"] = [0d, 1d, 2d, 3d, null],
        ["b"] = ["x", "y", null],
        ["p"] = [ObjectValue.Instance, "t", null],
        ["p.q"] = [1d, 2d, null],
        ["c"] = [.. Enumerable.Range(0, 20).Select(static i => (object?)(double)i), null],
    };

    private static readonly FieldPath A = FieldPath.Field("a");
    private static readonly FieldPath B = FieldPath.Field("b");
    private static readonly FieldPath P = FieldPath.Field("p");
    private static readonly FieldPath C = FieldPath.Field("c");
    private static readonly Formula.Opaque TopicAtom = new(Formula.OptedOutKey("x", "b"), "opted out of 'x'");

    private static readonly CompareOp[] Ops = Enum.GetValues<CompareOp>();

    /// <summary>
    /// The solver finds a solution exactly when some assignment of the domains makes every formula true, and what it
    /// returns makes every formula true: with forward checking and its choice of which variable to set next, including
    /// a member whose parent may hold no object.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property Solve_AgreesWithEnumeration(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        List<Formula> formulas = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomFormula(random, 3))];

        var found = new Solver(Domains).Solve(formulas);
        var exists = Assignments().Any(a => AllTrue(formulas, a));

        return (exists == found is not null && (found is null || AllTrue(formulas, found)))
            .Label($"solver {(found is null ? "none" : CatalogAnalyzer.Describe(found))}, enumeration {(exists ? "some" : "none")}");
    }

    /// <summary>
    /// One solver asked many questions in turn (the last solution tried first, formulas' values remembered, a field's
    /// long value lists met through a set) answers each as enumerating does.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property ManyQuestions_OneSolver_AgreeWithEnumeration(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        List<Formula> pool = [.. Enumerable.Range(0, 6).Select(_ => RandomFormula(random, 3))];
        var solver = new Solver(Domains);
        var all = Assignments().ToList();
        for (var n = 0; n < 12; n++)
        {
            List<Formula> formulas = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => pool[random.Next(pool.Count)])];
            var exists = all.Exists(a => AllTrue(formulas, a));
            if (solver.IsSatisfiable(formulas) != exists || (solver.Solve(formulas) is { } found ? !AllTrue(formulas, found) : exists))
            {
                return false.Label($"question {n}: enumeration {(exists ? "some" : "none")}");
            }
        }

        return true.ToProperty();
    }

    /// <summary>Long value lists of one field, met through a set, keep exactly the values in both (c: 0 to 19, or missing).</summary>
    [Fact]
    public void LongValueLists_KeepTheValuesInBoth()
    {
        var solver = new Solver(Domains);
        Formula Cmp(CompareOp op, double value) => new Formula.Compare(C, op, value);

        Assert.Null(solver.Solve([Cmp(CompareOp.Greater, 2), Cmp(CompareOp.NotEqual, 5), Cmp(CompareOp.Less, 3)]));
        var found = solver.Solve([Cmp(CompareOp.Greater, 2), Cmp(CompareOp.NotEqual, 5), Cmp(CompareOp.Greater, 17), Cmp(CompareOp.NotEqual, 18)]);
        Assert.NotNull(found);
        Assert.True(found.TryGetField("c", out var c));
        Assert.Equal(19d, c);
    }

    /// <summary>The same questions take the same work, and the work limit stops a question that would need more.</summary>
    [Property(MaxTest = 100)]
    public Property Work_IsDeterministic_AndTheLimitStopsAQuestion(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        List<Formula> formulas = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomFormula(random, 3))];
        var (first, second) = (new Solver(Domains), new Solver(Domains));
        first.Solve(formulas);
        second.Solve(formulas);
        var needed = first.Work;

        var limited = new Solver(Domains);
        var enough = limited.TryWithin(needed, () => limited.Solve(formulas));
        var tooLittle = new Solver(Domains);
        var tooLittleFinished = tooLittle.TryWithin(needed - 1, () => tooLittle.Solve(formulas));

        return (second.Work == needed && enough && !tooLittleFinished)
            .Label($"work {needed} then {second.Work}; within {needed}: {enough}; within {needed - 1}: {tooLittleFinished}");
    }

    private static bool AllTrue(List<Formula> formulas, Assignment assignment) => formulas.TrueForAll(f => f.Evaluate(assignment) == true);

    private static IEnumerable<Assignment> Assignments() =>
        from a in Domains["a"]
        from b in Domains["b"]
        from p in Domains["p"]
        from q in Domains["p.q"]
        from c in Domains["c"]
        from o in new[] { true, false }
        from t in new[] { true, false }
        select Assignment.Empty.WithField("a", a).WithField("b", b).WithField("p", p).WithField("p.q", q).WithField("c", c).WithOpaque(Opaque, o).WithOpaque(TopicAtom.Key, t);

    private static Formula RandomFormula(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return random.Next(10) switch
            {
                7 or 8 => new Formula.Compare(C, Ops[random.Next(Ops.Length)], (double)random.Next(-1, 21)),
                9 => new Formula.OptOut(B, "x", TopicAtom, new HashSet<string>(["x"], StringComparer.Ordinal)),
                0 or 1 => new Formula.Compare(A, Ops[random.Next(Ops.Length)], (double)random.Next(-1, 5)),
                2 => new Formula.Compare(B, Ops[random.Next(Ops.Length)], random.Next(3) switch { 0 => "x", 1 => "y", _ => null }),
                3 => new Formula.Compare(P, random.Next(2) == 0 ? CompareOp.Equal : CompareOp.NotEqual, null),
                4 => new Formula.Compare(P.Member("q", indexed: random.Next(2) == 0), Ops[random.Next(Ops.Length)], (double)random.Next(0, 4)),
                5 => new Formula.Truthy(P),
                _ => new Formula.Opaque(Opaque, "o()"),
            };
        }

        return random.Next(5) switch
        {
            4 => Formula.Rejects(RandomFormula(random, depth - 1)),
            0 => Formula.Not(RandomFormula(random, depth - 1)),
            1 => Formula.And(RandomFormula(random, depth - 1), RandomFormula(random, depth - 1)),
            2 => Formula.Or(RandomFormula(random, depth - 1), RandomFormula(random, depth - 1)),
            _ => Formula.Any([RandomFormula(random, depth - 1), RandomFormula(random, depth - 1)]),
        };
    }
}
