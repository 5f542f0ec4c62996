using OneToOne.Composition.Runtime;
using Scriban.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// A condition compiled to a small tree of our own: recipient fields are read through the per-decision
/// cache and segments through their cache, while operators keep Scriban's exact semantics by calling
/// its own operator evaluation. Shapes outside the common subset fall back to Scriban's interpreter.
/// </summary>
internal abstract class ConditionNode
{
    public static readonly object True = true;
    public static readonly object False = false;

    public abstract object? Evaluate(RenderContext context);

    /// <summary>
    /// Gets whether the condition is <c>field == constant</c> (either way round) for a recipient field and a text or a
    /// whole number (<see cref="int"/>) the condition writes: the comparison an equality run answers by one lookup.
    /// </summary>
    /// <param name="field">The field's index in the catalog's field table.</param>
    /// <param name="constant">The text or the number.</param>
    public virtual bool IsFieldEquality(out int field, out object constant)
    {
        field = -1;
        constant = False;
        return false;
    }

    /// <summary>Compiles an expression; fields used get an index in <paramref name="fields"/>.</summary>
    public static ConditionNode Compile(ScriptExpression expression, IReadOnlyDictionary<string, CompiledSegment> segments, FieldTable fields) => expression switch
    {
        ScriptNestedExpression { Expression: { } inner } => Compile(inner, segments, fields),
        ScriptLiteral literal => new Literal(literal.Value),
        ScriptVariableGlobal { Name: var name } when !ScriptEnvironment.IsBuiltin(name) && Array.IndexOf(ScriptEnvironment.ReservedNames, name) < 0
            => new Field(fields.IndexOf(name)),
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "segment" }, Member.Name: var segment } when segments.TryGetValue(segment, out var compiled)
            => new Segment(compiled),
        ScriptPipeCall
        {
            From: { } list,
            To: ScriptFunctionCall { Target: ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "array" }, Member.Name: "size" }, Arguments.Count: 0 },
        } pipe => new Size(Compile(list, segments, fields), pipe),
        ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not, Right: { } operand } unary
            => new Not(Compile(operand, segments, fields), unary.Span),
        ScriptBinaryExpression { Operator: ScriptBinaryOperator.And, Left: { } left, Right: { } right }
            => new And(Compile(left, segments, fields), Compile(right, segments, fields), left.Span, right.Span),
        ScriptBinaryExpression { Operator: ScriptBinaryOperator.Or, Left: { } left, Right: { } right }
            => new Or(Compile(left, segments, fields), Compile(right, segments, fields), left.Span, right.Span),
        ScriptBinaryExpression { Operator: var op, Left: { } left, Right: { } right } binary when RenderContext.IsComparison(op)
            => new Compare(binary, Compile(left, segments, fields), Compile(right, segments, fields)),
        _ => new Interpreted(expression),
    };

    private sealed class Literal(object? value) : ConditionNode
    {
        public object? Value => value;

        public override object? Evaluate(RenderContext context) => value;
    }

    private sealed class Field(int index) : ConditionNode
    {
        public int Index => index;

        public override object? Evaluate(RenderContext context) => context.State!.ReadField(index);
    }

    private sealed class Segment(CompiledSegment segment) : ConditionNode
    {
        public override object? Evaluate(RenderContext context) => context.EvaluateSegment(segment) ? True : False;
    }

    private sealed class Not(ConditionNode operand, SourceSpan span) : ConditionNode
    {
        public override object? Evaluate(RenderContext context) => context.ToBool(span, operand.Evaluate(context)) ? False : True;
    }

    private sealed class And(ConditionNode left, ConditionNode right, SourceSpan leftSpan, SourceSpan rightSpan) : ConditionNode
    {
        public override object? Evaluate(RenderContext context) =>
            context.ToBool(leftSpan, left.Evaluate(context)) && context.ToBool(rightSpan, right.Evaluate(context)) ? True : False;
    }

    private sealed class Or(ConditionNode left, ConditionNode right, SourceSpan leftSpan, SourceSpan rightSpan) : ConditionNode
    {
        public override object? Evaluate(RenderContext context) =>
            context.ToBool(leftSpan, left.Evaluate(context)) || context.ToBool(rightSpan, right.Evaluate(context)) ? True : False;
    }

    private sealed class Compare(ScriptBinaryExpression binary, ConditionNode left, ConditionNode right) : ConditionNode
    {
        private readonly ScriptBinaryOperator _op = binary.Operator;

        // Recipient text ordered against a number the condition writes fails the recipient, checked as the
        // interpreter checks it (RenderContext.Evaluate): each side as soon as it is read.
        private readonly bool _checkLeft = RenderContext.OrderedAgainstANumber(binary, binary.Left!);
        private readonly bool _checkRight = RenderContext.OrderedAgainstANumber(binary, binary.Right!);

        public override bool IsFieldEquality(out int field, out object constant)
        {
            // Either way round: the compiled comparison of two texts (ordinal) or two ints is symmetric.
            if (_op == ScriptBinaryOperator.CompareEqual
                && (left is Field ? (left, right) : (right, left)) is (Field { Index: var index }, Literal { Value: (string or int) and var value }))
            {
                field = index;
                constant = value;
                return true;
            }

            return base.IsFieldEquality(out field, out constant);
        }

        public override object? Evaluate(RenderContext context)
        {
            var l = left.Evaluate(context);
            if (_checkLeft && l is string leftText)
            {
                throw context.TextOrderedAgainstANumber(binary, leftText);
            }

            var r = right.Evaluate(context);
            if (_checkRight && r is string rightText)
            {
                throw context.TextOrderedAgainstANumber(binary, rightText);
            }

            // Dates are compared as the interpreter compares them (RenderContext.ComparableDates).
            if (CultureFunctions.IsDate(l) || CultureFunctions.IsDate(r))
            {
                (l, r) = context.ComparableDates(binary, l, r);
            }

            // The two commonest shapes, answered without boxing a result; everything else (and every
            // mixed-type comparison) keeps Scriban's own semantics.
            return (l, r, _op) switch
            {
                (string a, string b, ScriptBinaryOperator.CompareEqual) when Short(context, a, b) => string.Equals(a, b, StringComparison.Ordinal) ? True : False,
                (string a, string b, ScriptBinaryOperator.CompareNotEqual) when Short(context, a, b) => string.Equals(a, b, StringComparison.Ordinal) ? False : True,
                (int a, int b, _) => CompareIntegers(a, b),
                _ => ScriptBinaryExpression.Evaluate(context, binary.Span, _op, binary.Left!.Span, l, binary.Right!.Span, r),
            };
        }

        /// <summary>
        /// Whether Scriban would compare the two texts at all: it converts each to text first, and refuses one as long
        /// as <see cref="Scriban.TemplateContext.LimitToString"/>; the compiled comparison must fail as it does.
        /// </summary>
        private static bool Short(RenderContext context, string a, string b) =>
            context.LimitToString <= 0 || (a.Length < context.LimitToString && b.Length < context.LimitToString);

        private object CompareIntegers(int a, int b) => _op switch
        {
            ScriptBinaryOperator.CompareEqual => a == b ? True : False,
            ScriptBinaryOperator.CompareNotEqual => a != b ? True : False,
            ScriptBinaryOperator.CompareLess => a < b ? True : False,
            ScriptBinaryOperator.CompareLessOrEqual => a <= b ? True : False,
            ScriptBinaryOperator.CompareGreater => a > b ? True : False,
            _ => a >= b ? True : False,
        };
    }

    /// <summary><c>list | array.size</c>: a collection's count (null counts 0, as in Scriban); any other value asks Scriban.</summary>
    private sealed class Size(ConditionNode list, ScriptExpression whole) : ConditionNode
    {
        private static readonly object[] SmallCounts = CreateSmallCounts();

        public override object? Evaluate(RenderContext context) => list.Evaluate(context) switch
        {
            null => SmallCounts[0],
            System.Collections.ICollection { Count: var count } => count < SmallCounts.Length ? SmallCounts[count] : count,
            _ => context.Interpret(whole),
        };

        private static object[] CreateSmallCounts()
        {
            var counts = new object[256];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = i;
            }

            return counts;
        }
    }

    private sealed class Interpreted(ScriptExpression expression) : ConditionNode
    {
        public override object? Evaluate(RenderContext context) => context.Interpret(expression);
    }
}
