using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// Translates compiled conditions into <see cref="Formula"/>s: comparisons of one field with a constant, bare fields,
/// literals, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and segments (expanded) are decided; everything else becomes an
/// opaque atom (a free true/false value). A path below a field (<c>address.country</c>, <c>address["country"]</c>,
/// <c>recipient.address.country</c>; up to <see cref="FieldUseFinder.MaxDepth"/> members deep) is a field of its own
/// (see <see cref="FieldPath"/>), and the field it reads a member of may hold an object (<see cref="ObjectValue"/>);
/// <c>.size</c> is not a member (Scriban gives text and lists a size of their own) and stays opaque. Then gives each
/// field the finite set of values that represents every distinct outcome of its comparisons (each constant, a value
/// between and beyond them, an object when its members are read, missing).
/// <c>experiment.NAME</c> is decided too: a field whose values are the experiment's arms (and null when its coverage
/// leaves buckets out), since the recipient's id can fall in any bucket.
/// A field holds values of the kinds the catalog compares it with (numbers, text, true/false) or is missing; comparisons
/// across kinds follow Scriban (see <see cref="Formula.Compare.Holds"/>). A field compared with both numbers and text
/// is the exception: Scriban compares a number with text as text, written in the recipient's culture, so those
/// comparisons cannot be decided; so is a field compared with text whose members are read too, since Scriban compares
/// an object with text by the way the object is written, which depends on where the data came from. Translation runs
/// twice: every condition once to learn each field's constants, then, after <see cref="Seal"/>, again, with every
/// comparison of such a field with a constant an opaque atom. So is an
/// ordering against true/false (<c>vip &lt; true</c>), which Scriban refuses for a true/false value
/// (<see cref="UndecidedComparisons"/> lists both for the finding).
/// </summary>
internal sealed class ConditionTranslator(IReadOnlyDictionary<string, CompiledSegment> segments, IReadOnlyDictionary<string, CompiledExperiment>? experiments = null, string? defaultLocale = null)
{
    private readonly Dictionary<CompiledCondition, Formula> _cache = [];
    private readonly Dictionary<string, Formula> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<object>> _constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _truthyFields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orderedTextFields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orderedAgainstNull = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?[]> _experimentDomains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TypedComparison>> _comparisons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, SourceLocation Location)> _memberReads = new(StringComparer.Ordinal);
    private HashSet<string>? _mixedFields;
    private Dictionary<string, object?[]>? _domains;
    private Dictionary<string, HashSet<object?>>? _domainSets;

    /// <summary>
    /// Gets, after <see cref="Seal"/>, the comparisons the analysis leaves undecided for their kinds, by field, in the
    /// order translated: each with a number or text of a field compared with both, and each ordering against true/false.
    /// </summary>
    public IReadOnlyList<TypedComparison> UndecidedComparisons => _mixedFields is null ? [] :
        [.. _comparisons.OrderBy(static p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Where(c => c.Kind == ComparisonKind.BooleanOrder || _mixedFields.Contains(p.Key)))];

    /// <summary>Gets, by field (or path), the first read of one of its members (<c>address.country</c>): those fields may hold objects.</summary>
    public IReadOnlyDictionary<string, (string Text, SourceLocation Location)> MemberReads => _memberReads;

    /// <summary>
    /// Ends the first pass: every condition has been translated once, so each field's constants are known. Forgets the
    /// translations; later ones make each comparison of a field compared with both numbers and text, or with text
    /// and read by members, an opaque atom.
    /// </summary>
    public void Seal()
    {
        _mixedFields = [.. _constants.Where(p => p.Value.Any(static c => c is string) && (p.Value.Any(static c => c is double) || _memberReads.ContainsKey(p.Key))).Select(static p => p.Key)];
        _cache.Clear();
        _segments.Clear();
    }

    /// <summary>
    /// Whether, after <see cref="Seal"/>, a formula is one top-level field's equality with a text or number constant
    /// among the field's representative values (<c>sku == "S1"</c>, <c>code == 7</c>) that reads no object: true exactly
    /// for a recipient whose field holds the constant, false for every other (a missing field included), never rejecting.
    /// Candidates testing one field against constants this way (a product feed) are eligible one at most per value,
    /// which <see cref="MessageExplorer"/> and <see cref="CatalogAnalyzer"/> use instead of asking the solver about each pair.
    /// </summary>
    public bool IsEqualityAtom(Formula formula, [NotNullWhen(true)] out string? field, [NotNullWhen(true)] out object? constant)
    {
        field = null;
        constant = null;
        if (formula is not Formula.Compare { Op: CompareOp.Equal, Path: { Parent: null, Key: var key }, Value: (string or double) and var value }
            || key.Contains('.', StringComparison.Ordinal) || !Domains.TryGetValue(key, out var values) || values is [ObjectValue, ..])
        {
            return false;
        }

        if (!(_domainSets ??= new(StringComparer.Ordinal)).TryGetValue(key, out var set))
        {
            _domainSets.Add(key, set = [.. values]);
        }

        if (!set.Contains(value) || !set.Contains(null))
        {
            return false;
        }

        field = key;
        constant = value;
        return true;
    }

    public Formula Translate(CompiledCondition? condition)
    {
        if (condition is null)
        {
            return Formula.True;
        }

        if (!_cache.TryGetValue(condition, out var formula))
        {
            formula = Translate(condition.Expression, condition);
            _cache.Add(condition, formula);
        }

        return formula;
    }

    private Formula Translate(ScriptExpression expression, CompiledCondition owner)
    {
        switch (expression)
        {
            case ScriptNestedExpression { Expression: { } inner }:
                return Translate(inner, owner);
            case ScriptLiteral { Value: bool b }:
                return b ? Formula.True : Formula.False;
            case ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not, Right: { } operand }:
                return Formula.Not(Translate(operand, owner));
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.And, Left: { } left, Right: { } right }:
                return Formula.And(Translate(left, owner), Translate(right, owner));
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.Or, Left: { } left, Right: { } right }:
                return Formula.Or(Translate(left, owner), Translate(right, owner));
            case ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "segment" }, Member.Name: var name } when segments.TryGetValue(name, out var segment):
                if (!_segments.TryGetValue(name, out var expanded))
                {
                    _segments[name] = Formula.False; // a cycle was reported at load; never recurse forever
                    expanded = Translate(segment.Condition.Expression, segment.Condition);
                    _segments[name] = expanded;
                }

                return expanded;
            case ScriptBinaryExpression { Operator: var op, Left: { } left, Right: { } right } when ToCompareOp(op) is { } compare:
                if ((PathOf(left) ?? ExperimentField(left)) is { } lf && Constant(right, out var rc))
                {
                    return Comparison(lf, compare, rc, expression, owner);
                }

                if ((PathOf(right) ?? ExperimentField(right)) is { } rf && Constant(left, out var lc))
                {
                    return Comparison(rf, Flip(compare), lc, expression, owner);
                }

                break;
            default:
                if (ExperimentField(expression) is { } arm)
                {
                    // Arms are non-empty ids: the value is true exactly when the recipient is in the experiment's coverage.
                    return new Formula.Compare(arm, CompareOp.NotEqual, null);
                }

                if (PathOf(expression) is { } field)
                {
                    Register(field, expression, owner);
                    _truthyFields.Add(field.Key);
                    return new Formula.Truthy(field);
                }

                break;
        }

        return Opaque(expression, owner);
    }

    /// <summary>The formula "the recipient's arm of <paramref name="experiment"/> is <paramref name="arm"/>".</summary>
    public Formula IsArm(CompiledExperiment experiment, string arm) => new Formula.Compare(RegisterExperiment(experiment), CompareOp.Equal, arm);

    /// <summary>The field standing for <c>experiment.NAME</c> when the expression reads a defined experiment's arm; else null.</summary>
    private FieldPath? ExperimentField(ScriptExpression expression) => expression switch
    {
        ScriptNestedExpression { Expression: { } inner } => ExperimentField(inner),
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "experiment" }, Member.Name: var name }
            when experiments is not null && experiments.TryGetValue(name, out var experiment) => RegisterExperiment(experiment),
        _ => null,
    };

    private FieldPath RegisterExperiment(CompiledExperiment experiment)
    {
        var field = FieldPath.ExperimentPrefix + experiment.Id;
        if (!_experimentDomains.ContainsKey(field))
        {
            var values = new List<object?>();
            var covered = 0;
            for (var i = 0; i < experiment.Arms.Length && i < experiment.Ranges.Count; i++)
            {
                var (start, end) = experiment.Ranges[i];
                if (end > start)
                {
                    values.Add(experiment.Arms[i]);
                    covered += end - start;
                }
            }

            if (covered < ExperimentBuckets.Count)
            {
                values.Add(null);
            }

            _experimentDomains.Add(field, [.. values]);
        }

        return FieldPath.Field(field);
    }

    private static Formula.Opaque Opaque(ScriptExpression expression, CompiledCondition owner)
    {
        var text = SourceOf(expression, owner.Text);
        return new Formula.Opaque("\u0001" + text, text);
    }

    /// <summary>The part as written, when its span lies inside the condition's text; else Scriban's rendering of it.</summary>
    private static string SourceOf(ScriptExpression expression, string owner)
    {
        var (start, end) = (expression.Span.Start.Offset, expression.Span.End.Offset);
        return start >= 0 && end >= start && end < owner.Length ? owner[start..(end + 1)].Trim() : expression.ToString().Trim();
    }

    private Formula Comparison(FieldPath path, CompareOp op, object? constant, ScriptExpression expression, CompiledCondition owner)
    {
        Register(path, expression, owner);
        var field = path.Key;
        var ordered = op is not (CompareOp.Equal or CompareOp.NotEqual);
        if (constant is null)
        {
            _constants.TryAdd(field, []);
            if (ordered)
            {
                _orderedAgainstNull.Add(field);
            }

            return new Formula.Compare(path, op, null);
        }

        if (ordered && constant is bool)
        {
            // Scriban refuses to order true/false against true/false (it rejects the recipient): never decided.
            Record(new TypedComparison(field, SourceOf(expression, owner.Text), ComparisonKind.BooleanOrder, Where(expression, owner)));
            return Opaque(expression, owner);
        }

        if (_mixedFields?.Contains(field) == true)
        {
            return Opaque(expression, owner);
        }

        if (!_constants.TryGetValue(field, out var set))
        {
            set = [];
            _constants.Add(field, set);
        }

        set.Add(constant);
        if (ordered && constant is string)
        {
            _orderedTextFields.Add(field);
        }

        if (constant is not bool)
        {
            Record(new TypedComparison(field, SourceOf(expression, owner.Text), constant is string ? ComparisonKind.Text : ComparisonKind.Number, Where(expression, owner)));
        }

        return new Formula.Compare(path, op, constant);
    }

    /// <summary>Notes, in the first pass, that each field or path a read goes through holds members (the first such read, for the findings).</summary>
    private void Register(FieldPath path, ScriptExpression expression, CompiledCondition owner)
    {
        for (var read = path; _mixedFields is null && read.Parent is { } parent; read = parent)
        {
            if (!_memberReads.ContainsKey(parent.Key))
            {
                _memberReads.Add(parent.Key, (SourceOf(expression, owner.Text), Where(expression, owner)));
            }
        }
    }

    /// <summary>Keeps a comparison for the findings, in the first pass only (the second translates the same conditions again).</summary>
    private void Record(TypedComparison comparison)
    {
        if (_mixedFields is not null)
        {
            return;
        }

        if (!_comparisons.TryGetValue(comparison.Field, out var uses))
        {
            uses = [];
            _comparisons.Add(comparison.Field, uses);
        }

        uses.Add(comparison);
    }

    private static SourceLocation Where(ScriptExpression expression, CompiledCondition owner) =>
        owner.Origin.Map(expression.Span.Start.Line, expression.Span.Start.Column);

    /// <summary>
    /// Gets, after <see cref="Seal"/>, the texts a field is compared with and that its representative values hold exactly
    /// (none for a field also compared with numbers or read by members, whose comparisons with text are opaque).
    /// </summary>
    public IReadOnlySet<string> ComparedTexts(string field) =>
        _mixedFields?.Contains(field) != false || !_constants.TryGetValue(field, out var constants) ? new HashSet<string>()
            : constants.OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Gets whether conditions only test the field for equality with text or null, or read it bare (never order it,
    /// compare it with a number or true/false, nor read its members): then any list reads as a text they do not name.
    /// </summary>
    public bool OnlyEqualsText(string field) =>
        !_orderedTextFields.Contains(field) && !_orderedAgainstNull.Contains(field) && !_memberReads.ContainsKey(field)
        && (!_constants.TryGetValue(field, out var constants) || constants.All(static c => c is string));

    /// <summary>
    /// Gets each field's representative values: one per class of values no comparison in the catalog tells apart.
    /// Numbers: every constant, a value between each two, one below and one above. Strings: every constant and one
    /// other string, and, when the field is ordered against text, one string in each gap between them.
    /// Booleans (compared with true/false, or read bare): true, false. Scriban reads true and false as 1 and 0 against
    /// numbers, and as "true" and "false" against text, so a field compared with both has those among its constants.
    /// An object, first, when its members are read. Always: null (the field is missing). A field compared with both
    /// numbers and text has opaque comparisons, so only present, false (when read bare) and missing matter.
    /// </summary>
    public IReadOnlyDictionary<string, object?[]> Domains => _domains ??= BuildDomains();

    private Dictionary<string, object?[]> BuildDomains()
    {
        var domains = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var field in _constants.Keys.Union(_truthyFields, StringComparer.Ordinal).Union(_memberReads.Keys, StringComparer.Ordinal))
        {
            var constants = _constants.GetValueOrDefault(field) ?? [];
            var booleans = constants.OfType<bool>().Any();
            var values = new List<object?>();
            if (_mixedFields?.Contains(field) == true)
            {
                values.Add(constants.OfType<string>().Order(StringComparer.Ordinal).First());
            }
            else
            {
                var numbers = constants.OfType<double>().Concat(booleans ? [0d, 1d] : []).Distinct().Order().ToList();
                if (constants.OfType<double>().Any())
                {
                    values.Add(numbers[0] - 1);
                    for (var i = 0; i < numbers.Count; i++)
                    {
                        values.Add(numbers[i]);
                        values.Add(i + 1 < numbers.Count ? (numbers[i] + numbers[i + 1]) / 2 : numbers[i] + 1);
                    }
                }

                if (constants.OfType<string>().Any())
                {
                    values.AddRange(Strings(field, [.. constants.OfType<string>().Concat(booleans ? ["false", "true"] : []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
                }
            }

            if (booleans || _truthyFields.Contains(field))
            {
                values.Add(true);
                values.Add(false);
            }

            if (values.Count == 0)
            {
                // Compared only with null: present or missing; text orders after null, a number or an object does not.
                values.Add(_memberReads.ContainsKey(field) ? ObjectValue.Instance : "something");
                if (_orderedAgainstNull.Contains(field))
                {
                    values.Add(_memberReads.ContainsKey(field) ? "something" : 0d);
                }
            }
            else if (_memberReads.ContainsKey(field))
            {
                values.Insert(0, ObjectValue.Instance);
            }

            values.Add(null);
            domains.Add(field, [.. values]);
        }

        foreach (var (field, arms) in _experimentDomains)
        {
            domains[field] = arms;
        }

        return domains;
    }

    /// <summary>A field's text values: its constants, the gaps between them when it is ordered, and one other string.</summary>
    private List<string> Strings(string field, List<string> strings)
    {
        var values = new List<string>(strings);
        if (_orderedTextFields.Contains(field))
        {
            values.AddRange(StringGaps(strings));
        }

        var other = "other";
        for (var n = 2; values.Contains(other); n++)
        {
            other = "other" + n.ToString(CultureInfo.InvariantCulture);
        }

        // The recipient's culture field must hold a real culture, or deciding rejects the recipient: the catalog's own
        // where the conditions leave it free (a persona then shows what most recipients see), else en-US, else the first.
        if (field == "locale")
        {
            var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(static c => c.Name).Where(static n => n.Length > 0).Order(StringComparer.Ordinal);
            other = new[] { defaultLocale ?? string.Empty, "en-US" }.Where(static n => n.Length > 0).Concat(cultures)
                .First(n => !strings.Contains(n, StringComparer.OrdinalIgnoreCase));
        }

        values.Add(other);
        return values;
    }

    /// <summary>
    /// A string in each gap that an ordering comparison (<c>name &lt; "m"</c>) tells apart from the constants, in ordinal
    /// order as Scriban compares: below the smallest (the empty string), between each two, above the largest.
    /// </summary>
    private static IEnumerable<string> StringGaps(List<string> ordered)
    {
        if (ordered[0].Length > 0)
        {
            yield return string.Empty;
        }

        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (low, high) = (ordered[i], ordered[i + 1]);
            if (!high.StartsWith(low, StringComparison.Ordinal))
            {
                // They differ inside 'low', so every extension of 'low' still sorts before 'high'.
                yield return low + "a";
            }
            else if (high[low.Length] > '\0')
            {
                yield return low + (char)(high[low.Length] - 1);
            }
            else if (high.Length > low.Length + 1)
            {
                yield return low + "\0";
            }
        }

        yield return ordered[^1] + "a";
    }

    /// <summary>
    /// The field or path below one an expression reads (<c>points</c>, <c>recipient.points</c>, <c>address.country</c>,
    /// <c>address["country"]</c>), or null: also for <c>.size</c>, a member of a reserved name (<c>recipient.experiment.x</c>,
    /// which would read as an experiment's arm), or a path deeper than <see cref="FieldUseFinder.MaxDepth"/>.
    /// </summary>
    private static FieldPath? PathOf(ScriptExpression? expression)
    {
        switch (expression)
        {
            case ScriptNestedExpression { Expression: { } inner }:
                return PathOf(inner);
            case ScriptMemberExpression { Target: { } owner, Member.Name: var name } when name != "size" && FieldName(expression) is null:
                return MemberOf(owner, name, indexed: false);
            case ScriptIndexerExpression { Target: { } owner, Index: ScriptLiteral { Value: string name } }:
                return MemberOf(owner, name, indexed: true);
            default:
                return FieldName(expression) is { } field ? FieldPath.Field(field) : null;
        }
    }

    private static FieldPath? MemberOf(ScriptExpression owner, string name, bool indexed) =>
        PathOf(owner) is { } parent && FieldPath.IsMemberName(name) && parent.Depth < FieldUseFinder.MaxDepth
            && (parent.Parent is not null || Array.IndexOf(ScriptEnvironment.ReservedNames, parent.Key) < 0)
            ? parent.Member(name, indexed)
            : null;

    /// <summary>The recipient field an expression reads as a whole (<c>points</c>, <c>recipient.points</c>), or null.</summary>
    internal static string? FieldName(ScriptExpression? expression) => expression switch
    {
        ScriptNestedExpression { Expression: { } inner } => FieldName(inner),
        ScriptVariableGlobal { Name: var name } when !ScriptEnvironment.IsBuiltin(name) && Array.IndexOf(ScriptEnvironment.ReservedNames, name) < 0 => name,
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "recipient" }, Member.Name: var name } => name,
        _ => null,
    };

    private static bool Constant(ScriptExpression expression, out object? value)
    {
        switch (expression)
        {
            case ScriptNestedExpression { Expression: { } inner }:
                return Constant(inner, out value);
            case ScriptLiteral literal:
                value = literal.Value switch
                {
                    null => null,
                    string s => s,
                    bool b => b,
                    int or long or double or float or decimal or short or byte => Convert.ToDouble(literal.Value, CultureInfo.InvariantCulture),
                    BigInteger big => (double)big,
                    _ => literal,
                };
                return value is null or string or bool or double;
            case ScriptUnaryExpression { Operator: ScriptUnaryOperator.Negate, Right: ScriptLiteral { Value: int or long or double or float or decimal } negated }:
                value = -Convert.ToDouble(negated.Value, CultureInfo.InvariantCulture);
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static CompareOp? ToCompareOp(ScriptBinaryOperator op) => op switch
    {
        ScriptBinaryOperator.CompareEqual => CompareOp.Equal,
        ScriptBinaryOperator.CompareNotEqual => CompareOp.NotEqual,
        ScriptBinaryOperator.CompareLess => CompareOp.Less,
        ScriptBinaryOperator.CompareLessOrEqual => CompareOp.LessOrEqual,
        ScriptBinaryOperator.CompareGreater => CompareOp.Greater,
        ScriptBinaryOperator.CompareGreaterOrEqual => CompareOp.GreaterOrEqual,
        _ => null,
    };

    private static CompareOp Flip(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
        _ => op,
    };
}
