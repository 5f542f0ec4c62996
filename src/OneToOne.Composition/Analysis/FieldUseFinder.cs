using Scriban.Syntax;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// Tells what made-up personas need from how templates and conditions use recipient fields and experiments: which
/// experiments' arms they read (<c>experiment.NAME</c>), and which fields hold numbers, dates or true/false, so that a
/// made-up persona gets a value of that kind (<c>{{ points | math.format "N0" }}</c> needs a number, not text). A field
/// is a number when piped into or called with a <c>math</c> function, <c>number</c>, <c>money</c> or
/// <c>string.plural</c>, used in arithmetic other than <c>+</c> (or <c>+</c> with a number), in a range, or compared
/// with a number; a date when given to a
/// <c>date</c> function other than <c>date.parse</c> (which reads text); true/false when compared with true or false. The
/// first use that tells wins.
/// Fields holding lists and objects are told by their paths: <c>address.city</c> (or <c>address["city"]</c>) reads member
/// <c>city</c> of object <c>address</c>, <c>for p in purchases</c> makes <c>purchases</c> a list whose items are <c>purchases[]</c> (so
/// <c>p.price | math.format</c> tells <c>purchases[].price</c> is a number), and so does <c>purchases.size</c>. Paths
/// stop at <see cref="MaxDepth"/> steps.
/// </summary>
internal sealed class FieldUseFinder : ScriptVisitor
{
    /// <summary>The most steps (members or list items) a path takes below its field: made-up values nest no deeper.</summary>
    public const int MaxDepth = 4;

    private const string Item = "[]";

    /// <summary>The member Scriban gives lists (and text) for their length: no member of a recipient's object (as in <see cref="ConditionTranslator"/>).</summary>
    private const string Size = "size";

    private readonly Dictionary<string, ValueKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>The path each loop variable in scope stands for (the item path of what it iterates).</summary>
    private readonly Dictionary<string, string> _loopVariables = new(StringComparer.Ordinal);

    /// <summary>Gets each field or path whose use tells its kind (those not listed are text as far as anything tells).</summary>
    public IReadOnlyDictionary<string, ValueKind> Kinds => _kinds;

    /// <summary>Gets the paths below fields that are read: <c>address.city</c>, <c>purchases[]</c>, <c>purchases[].name</c>.</summary>
    public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the experiments whose arm is read (<c>experiment.NAME</c>).</summary>
    public HashSet<string> Experiments { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override void Visit(ScriptMemberExpression node)
    {
        if (node is { Target: ScriptVariableGlobal { Name: "experiment" }, Member.Name: var experiment })
        {
            Experiments.Add(experiment);
        }

        // 'recent.size' counts a list's items (Liquid's 'recent | size'): 'recent' is a list, not an object with a member 'size'.
        if (node is { Member.Name: Size, Target: not ScriptVariableGlobal { Name: "recipient" } } && Path(node.Target) is { } counted && Depth(counted) < MaxDepth)
        {
            Paths.Add(counted + Item);
        }

        if (Path(node) is { } path)
        {
            Paths.Add(path);
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptIndexerExpression node)
    {
        if (Path(node) is { } path)
        {
            Paths.Add(path);
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptForStatement node)
    {
        if (node is not { Variable: ScriptVariable { Name: var variable } } || Path(node.Iterator) is not { } iterated || Depth(iterated) >= MaxDepth)
        {
            base.Visit(node);
            return;
        }

        var item = iterated + Item;
        Paths.Add(item);
        var outer = _loopVariables.GetValueOrDefault(variable);
        _loopVariables[variable] = item;
        base.Visit(node);
        if (outer is null)
        {
            _loopVariables.Remove(variable);
        }
        else
        {
            _loopVariables[variable] = outer;
        }
    }

    /// <inheritdoc/>
    public override void Visit(ScriptPipeCall node)
    {
        Note(node.From, FunctionKind(node.To is ScriptFunctionCall { Target: { } target } ? target : node.To));
        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptFunctionCall node)
    {
        if (node.Arguments is { Count: > 0 } arguments)
        {
            Note(arguments[0], FunctionKind(node.Target));
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptBinaryExpression node)
    {
        var kind = node.Operator switch
        {
            ScriptBinaryOperator.Subtract or ScriptBinaryOperator.Multiply or ScriptBinaryOperator.Divide or ScriptBinaryOperator.DivideRound
                or ScriptBinaryOperator.Modulus or ScriptBinaryOperator.Power or ScriptBinaryOperator.RangeInclude or ScriptBinaryOperator.RangeExclude => ValueKind.Number,
            ScriptBinaryOperator.Add or ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual or ScriptBinaryOperator.CompareLess
                or ScriptBinaryOperator.CompareLessOrEqual or ScriptBinaryOperator.CompareGreater or ScriptBinaryOperator.CompareGreaterOrEqual
                => LiteralKind(node.Left) ?? LiteralKind(node.Right),
            _ => null,
        };
        Note(node.Left, kind);
        Note(node.Right, kind);
        base.Visit(node);
    }

    private void Note(ScriptExpression? expression, ValueKind? kind)
    {
        if (kind is { } known && Path(expression) is { } path)
        {
            _kinds.TryAdd(path, known);
        }
    }

    /// <summary>
    /// The path an expression reads below a recipient field (<c>address.city</c>, also for <c>address["city"]</c>, <c>purchases[].name</c> for
    /// <c>p.name</c> inside <c>for p in purchases</c>, <c>purchases[]</c> for <c>purchases[0]</c>), or the field's name;
    /// null when it reads no field or goes deeper than <see cref="MaxDepth"/>.
    /// </summary>
    private string? Path(ScriptExpression? expression)
    {
        var path = expression switch
        {
            ScriptNestedExpression { Expression: var inner } => Path(inner),
            ScriptVariableGlobal { Name: var name } when _loopVariables.TryGetValue(name, out var item) => item,
            ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "recipient" } } => ConditionTranslator.FieldName(expression),
            ScriptMemberExpression { Member.Name: Size } => null,
            ScriptMemberExpression { Target: var target, Member.Name: var member } when Path(target) is { } parent => $"{parent}.{member}",
            ScriptIndexerExpression { Target: var target, Index: ScriptLiteral { Value: int } } when Path(target) is { } parent => parent + Item,
            ScriptIndexerExpression { Target: var target, Index: ScriptLiteral { Value: string member } } when FieldPath.IsMemberName(member) && Path(target) is { } parent => $"{parent}.{member}",
            _ => ConditionTranslator.FieldName(expression),
        };
        return path is not null && Depth(path) <= MaxDepth ? path : null;
    }

    /// <summary>How many steps a path takes below its field.</summary>
    private static int Depth(string path) => path.Count(static c => c == '.') + (path.Length - path.Replace(Item, string.Empty, StringComparison.Ordinal).Length) / Item.Length;

    /// <summary>The kind of value a function takes first: numbers for <c>math.*</c>, <c>number</c>, <c>money</c>; dates for <c>date.*</c> but <c>date.parse</c>.</summary>
    private static ValueKind? FunctionKind(ScriptExpression? function) => function switch
    {
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "math" } } => ValueKind.Number,
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "date" }, Member.Name: not "parse" } => ValueKind.Date,
        ScriptVariableGlobal { Name: "number" or "money" } => ValueKind.Number,
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "string" }, Member.Name: "plural" } => ValueKind.Number,
        _ => null,
    };

    /// <summary>The kind of a literal operand that makes the other one of the same kind (a number, or true/false).</summary>
    private static ValueKind? LiteralKind(ScriptExpression? expression) => expression switch
    {
        ScriptNestedExpression { Expression: var inner } => LiteralKind(inner),
        ScriptLiteral { Value: bool } => ValueKind.Boolean,
        ScriptLiteral { Value: not (null or string) } => ValueKind.Number,
        ScriptUnaryExpression { Operator: ScriptUnaryOperator.Negate, Right: ScriptLiteral { Value: not (null or string or bool) } } => ValueKind.Number,
        _ => null,
    };
}
