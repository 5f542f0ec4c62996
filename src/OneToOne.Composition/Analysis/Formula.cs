using System.Diagnostics;
using System.Globalization;

namespace OneToOne.Composition.Analysis;

/// <summary>How a comparison atom compares a field with a constant.</summary>
internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// A condition as the analysis sees it: true/false, a comparison of one recipient field with a constant, a bare
/// field read as true/false, an opaque atom (anything else: functions, arithmetic, two fields compared — treated as
/// a free true/false value), and <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> over them. Segments are expanded.
/// </summary>
internal abstract class Formula
{
    public static readonly Formula True = new Constant(true);
    public static readonly Formula False = new Constant(false);

    /// <summary>Evaluates under a partial assignment: true, false, or null when it depends on something unassigned.</summary>
    public abstract bool? Evaluate(Assignment assignment);

    /// <summary>Adds the fields and opaque atoms the formula reads.</summary>
    public abstract void CollectVariables(HashSet<string> variables);

    public static Formula Not(Formula operand) => operand switch
    {
        Constant c => c.Value ? False : True,
        NotFormula n => n.Operand,
        _ => new NotFormula(operand),
    };

    public static Formula And(Formula left, Formula right) =>
        left == False || right == False ? False : left == True ? right : right == True ? left : new AndFormula(left, right);

    public static Formula Or(Formula left, Formula right) =>
        left == True || right == True ? True : left == False ? right : right == False ? left : new OrFormula(left, right);

    public static Formula All(IEnumerable<Formula> formulas) => formulas.Aggregate(True, And);

    public static Formula Any(IEnumerable<Formula> formulas) => formulas.Aggregate(False, Or);

    public sealed class Constant(bool value) : Formula
    {
        public bool Value { get; } = value;

        public override bool? Evaluate(Assignment assignment) => Value;

        public override void CollectVariables(HashSet<string> variables)
        {
        }
    }

    /// <summary><c>field OP constant</c>; the constant is null, a number (double), a string or a bool.</summary>
    public sealed class Compare(string field, CompareOp op, object? constant) : Formula
    {
        public string Field { get; } = field;

        public CompareOp Op { get; } = op;

        public object? Value { get; } = constant;

        public override bool? Evaluate(Assignment assignment) =>
            assignment.TryGetField(Field, out var value) ? Holds(value, Op, Value) : null;

        public override void CollectVariables(HashSet<string> variables) => variables.Add(Field);

        /// <summary>
        /// Scriban's semantics (7.5, pinned by tests) for the value kinds the analysis uses. Null equals only null, orders
        /// before every string (Scriban reads <c>name &lt; "m"</c> as true for a missing name, and <c>name &gt; null</c>
        /// as true for any text) and orders with nothing else. True and false read as 1 and 0 against a number, and as
        /// "true" and "false" against text. Text compares ordinally. Numbers are never compared with text here, nor true/false
        /// ordered against true/false: the translator makes those opaque (Scriban writes the number in the recipient's
        /// culture first, and refuses the ordering).
        /// </summary>
        /// <exception cref="UnreachableException">A number compared with text.</exception>
        public static bool Holds(object? value, CompareOp op, object? constant)
        {
            if (value is null && constant is null)
            {
                return op == CompareOp.Equal;
            }

            var order = (value, constant) switch
            {
                (null, string) => -1,
                (string, null) => 1,
                (null, _) or (_, null) => (int?)null,
                (double a, double b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                (bool a, bool b) => a.CompareTo(b),
                (bool a, double b) => (a ? 1d : 0d).CompareTo(b),
                (double a, bool b) => a.CompareTo(b ? 1d : 0d),
                (bool a, string b) => string.CompareOrdinal(a ? "true" : "false", b),
                (string a, bool b) => string.CompareOrdinal(a, b ? "true" : "false"),
                _ => throw new UnreachableException($"The analysis compared {value} with {constant}: numbers and text are never compared."),
            };

            return op switch
            {
                _ when order is null => op == CompareOp.NotEqual,
                CompareOp.Equal => order == 0,
                CompareOp.NotEqual => order != 0,
                CompareOp.Less => order < 0,
                CompareOp.LessOrEqual => order <= 0,
                CompareOp.Greater => order > 0,
                _ => order >= 0,
            };
        }
    }

    /// <summary>A bare field in a true/false position (<c>when: vip</c>): as Scriban's <c>if</c> reads it, true unless missing or false (0 and "" are true).</summary>
    public sealed class Truthy(string field) : Formula
    {
        public string Field { get; } = field;

        public override bool? Evaluate(Assignment assignment) =>
            assignment.TryGetField(Field, out var value) ? value is not (null or false) : null;

        public override void CollectVariables(HashSet<string> variables) => variables.Add(Field);
    }

    /// <summary>A part of a condition the analysis cannot decide; the same text is the same atom.</summary>
    public sealed class Opaque(string key, string text) : Formula
    {
        public string Key { get; } = key;

        public string Text { get; } = text;

        public override bool? Evaluate(Assignment assignment) => assignment.TryGetOpaque(Key, out var value) ? value : null;

        public override void CollectVariables(HashSet<string> variables) => variables.Add(Key);
    }

    public sealed class NotFormula(Formula operand) : Formula
    {
        public Formula Operand { get; } = operand;

        public override bool? Evaluate(Assignment assignment) => !Operand.Evaluate(assignment);

        public override void CollectVariables(HashSet<string> variables) => Operand.CollectVariables(variables);
    }

    public sealed class AndFormula(Formula left, Formula right) : Formula
    {
        public override bool? Evaluate(Assignment assignment)
        {
            var l = left.Evaluate(assignment);
            if (l == false)
            {
                return false;
            }

            var r = right.Evaluate(assignment);
            return r == false ? false : l == true && r == true ? true : null;
        }

        public override void CollectVariables(HashSet<string> variables)
        {
            left.CollectVariables(variables);
            right.CollectVariables(variables);
        }
    }

    public sealed class OrFormula(Formula left, Formula right) : Formula
    {
        public override bool? Evaluate(Assignment assignment)
        {
            var l = left.Evaluate(assignment);
            if (l == true)
            {
                return true;
            }

            var r = right.Evaluate(assignment);
            return r == true ? true : l == false && r == false ? false : null;
        }

        public override void CollectVariables(HashSet<string> variables)
        {
            left.CollectVariables(variables);
            right.CollectVariables(variables);
        }
    }

    /// <summary>Formats a constant the way a condition writes it.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}

/// <summary>
/// Values for fields (null = missing) and opaque atoms (keys start with U+0001). Immutable and persistent: each
/// binding points to the assignment it extends, so the search's branches share their common part and extending costs
/// one small object. A later binding of the same name wins.
/// </summary>
internal sealed class Assignment
{
    public static readonly Assignment Empty = new(null, null, null);

    private readonly Assignment? _parent;
    private readonly string? _name;
    private readonly object? _value;

    private Assignment(Assignment? parent, string? name, object? value)
    {
        _parent = parent;
        _name = name;
        _value = value;
    }

    /// <summary>Gets the field values, each field once (the latest binding).</summary>
    public IReadOnlyDictionary<string, object?> Fields => Collect(opaque: false);

    /// <summary>Gets the opaque atoms' values, each once.</summary>
    public IReadOnlyDictionary<string, bool> OpaqueValues => Collect(opaque: true).ToDictionary(static p => p.Key, static p => (bool)p.Value!, StringComparer.Ordinal);

    public bool TryGetField(string field, out object? value) => TryGet(field, out value);

    public bool TryGetOpaque(string key, out bool value)
    {
        var found = TryGet(key, out var boxed);
        value = found && (bool)boxed!;
        return found;
    }

    public Assignment WithField(string field, object? value) => new(this, field, value);

    public Assignment WithOpaque(string key, bool value) => new(this, key, value);

    /// <summary>Adds the other assignment's bindings on top of this one's.</summary>
    public Assignment Merge(Assignment other)
    {
        var bindings = new Stack<Assignment>();
        for (var a = other; a._name is not null; a = a._parent!)
        {
            bindings.Push(a);
        }

        var merged = this;
        while (bindings.TryPop(out var binding))
        {
            merged = new Assignment(merged, binding._name, binding._value);
        }

        return merged;
    }

    private bool TryGet(string name, out object? value)
    {
        for (var a = this; a._name is not null; a = a._parent!)
        {
            if (string.Equals(a._name, name, StringComparison.Ordinal))
            {
                value = a._value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private Dictionary<string, object?> Collect(bool opaque)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var a = this; a._name is not null; a = a._parent!)
        {
            if ((a._name[0] == '\u0001') == opaque)
            {
                result.TryAdd(a._name, a._value);
            }
        }

        return result;
    }
}
