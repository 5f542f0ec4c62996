using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Runtime;

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
/// A condition as the analysis sees it: true/false, a comparison of one recipient field, or one path below one
/// (<c>address.country</c>), with a constant, a bare field or path read as true/false, an opaque atom (anything else:
/// functions, arithmetic, two fields compared — treated as a free true/false value), and <c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c> over them, evaluated as Scriban evaluates them, left to right: a read that fails (a member of a missing
/// field) rejects the recipient, unless <c>&amp;&amp;</c> or <c>||</c> has stopped before it. Segments are expanded.
/// <see cref="Any"/> is the analysis's own "one of these", not a condition's <c>||</c>.
/// </summary>
internal abstract class Formula
{
    public static readonly Formula True = new Constant(true);
    public static readonly Formula False = new Constant(false);

    /// <summary>What evaluating can come to under a partial assignment: one flag when it does not depend on anything unassigned.</summary>
    public abstract Truth Possible(Assignment assignment);

    /// <summary>Evaluates under a partial assignment: true, false (false or rejected), or null when it depends on something unassigned.</summary>
    public bool? Evaluate(Assignment assignment)
    {
        var possible = Possible(assignment);
        return possible == Truth.True ? true : (possible & Truth.True) == 0 ? false : null;
    }

    /// <summary>Adds the fields, paths (and their parents) and opaque atoms the formula reads.</summary>
    public abstract void CollectVariables(HashSet<string> variables);

    public static Formula Not(Formula operand) => operand switch
    {
        Constant c => c.Value ? False : True,
        NotFormula n => n.Operand,
        _ => new NotFormula(operand),
    };

    /// <summary><c>left &amp;&amp; right</c>; <paramref name="right"/> is evaluated only when <paramref name="left"/> is true (so <c>x &amp;&amp; false</c> still rejects where <c>x</c> does).</summary>
    public static Formula And(Formula left, Formula right) =>
        left == False ? False : left == True ? right : right == True ? left : new ShortCircuitFormula(left, right, Truth.True);

    /// <summary><c>left || right</c>; <paramref name="right"/> is evaluated only when <paramref name="left"/> is false.</summary>
    public static Formula Or(Formula left, Formula right) =>
        left == True ? True : left == False ? right : right == False ? left : new ShortCircuitFormula(left, right, Truth.False);

    /// <summary>
    /// True when one of the formulas is, whichever of them the decider evaluates first (channels in the recipient's
    /// order of preference, or decision paths of which only one is taken): not a condition's <c>||</c>.
    /// </summary>
    public static Formula Any(IEnumerable<Formula> formulas)
    {
        var operands = formulas.Where(static f => f != False).ToArray();
        return operands.Contains(True) ? True : operands.Length switch
        {
            0 => False,
            1 => operands[0],
            _ => new AnyFormula(operands),
        };
    }

    /// <summary>Whether evaluating the formula rejects the recipient: true when it does, false when it comes to true or false.</summary>
    public static Formula Rejects(Formula operand) => new RejectsFormula(operand);

    public sealed class Constant(bool value) : Formula
    {
        public bool Value { get; } = value;

        public override Truth Possible(Assignment assignment) => Value ? Truth.True : Truth.False;

        public override void CollectVariables(HashSet<string> variables)
        {
        }
    }

    /// <summary><c>path OP constant</c>; the constant is null, a number (double), a string or a bool.</summary>
    public sealed class Compare(FieldPath path, CompareOp op, object? constant) : Formula
    {
        public FieldPath Path { get; } = path;

        public CompareOp Op { get; } = op;

        public object? Value { get; } = constant;

        public override Truth Possible(Assignment assignment) =>
            !Path.TryRead(assignment, out var value, out var rejected) ? Path.Unknown : rejected ? Truth.Rejected : Holds(value, Op, Value);

        public override void CollectVariables(HashSet<string> variables) => Path.CollectVariables(variables);

        /// <summary>
        /// Scriban's semantics (7.5, pinned by tests) for the value kinds the analysis uses. Null equals only null, orders
        /// before every string (Scriban reads <c>name &lt; "m"</c> as true for a missing name, and <c>name &gt; null</c>
        /// as true for any text) and orders with nothing else. True and false read as 1 and 0 against a number, and as
        /// "true" and "false" against text. Text compares ordinally. An object orders with nothing (not even null), equals
        /// <c>true</c>, and rejects the recipient when compared with a number. Numbers are never compared with text here,
        /// nor an object with text, nor true/false ordered against true/false: the translator makes those opaque (Scriban
        /// writes the number in the recipient's culture first, writes the object as its data came, and refuses the ordering).
        /// </summary>
        /// <exception cref="UnreachableException">A number or an object compared with text.</exception>
        public static Truth Holds(object? value, CompareOp op, object? constant)
        {
            if (value is null && constant is null)
            {
                return op == CompareOp.Equal ? Truth.True : Truth.False;
            }

            if (value is ObjectValue && constant is double)
            {
                return Truth.Rejected;
            }

            var order = (value, constant) switch
            {
                (null, string) => -1,
                (string, null) => 1,
                (null, _) or (_, null) => (int?)null,
                (double a, double b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                (bool a, bool b) => a.CompareTo(b),
                (ObjectValue, bool b) => true.CompareTo(b),
                (bool a, double b) => (a ? 1d : 0d).CompareTo(b),
                (double a, bool b) => a.CompareTo(b ? 1d : 0d),
                (bool a, string b) => string.CompareOrdinal(a ? "true" : "false", b),
                (string a, bool b) => string.CompareOrdinal(a, b ? "true" : "false"),
                _ => throw new UnreachableException($"The analysis compared {value} with {constant}: numbers and objects are never compared with text."),
            };

            var holds = op switch
            {
                _ when order is null => op == CompareOp.NotEqual,
                CompareOp.Equal => order == 0,
                CompareOp.NotEqual => order != 0,
                CompareOp.Less => order < 0,
                CompareOp.LessOrEqual => order <= 0,
                CompareOp.Greater => order > 0,
                _ => order >= 0,
            };
            return holds ? Truth.True : Truth.False;
        }
    }

    /// <summary>
    /// A top-level field holds none of the constants (texts or numbers): what <c>field != k1 &amp;&amp; field != k2 …</c>
    /// comes to, in one atom. The explorer writes it for the recipients a run of candidates testing the field against
    /// constants leaves without a module (<see cref="MessageExplorer"/>), instead of a conjunction as long as the run:
    /// like that conjunction, it is true or false when the field is set and either while it is not, and never rejects.
    /// </summary>
    public sealed class NoneOf(FieldPath path, IReadOnlySet<object> constants) : Formula
    {
        public override Truth Possible(Assignment assignment)
        {
            if (!path.TryRead(assignment, out var value, out var rejected))
            {
                return path.Unknown;
            }

            if (rejected)
            {
                return Truth.Rejected;
            }

            if (value is null or string or double)
            {
                return value is not null && constants.Contains(value) ? Truth.False : Truth.True;
            }

            // True, false or an object: Scriban's equality across kinds (true == 1), constant by constant.
            foreach (var constant in constants)
            {
                if (Compare.Holds(value, CompareOp.Equal, constant) == Truth.True)
                {
                    return Truth.False;
                }
            }

            return Truth.True;
        }

        public override void CollectVariables(HashSet<string> variables) => path.CollectVariables(variables);
    }

    /// <summary>A bare field or path in a true/false position (<c>when: vip</c>): as Scriban's <c>if</c> reads it, true unless missing or false (0, "" and an object are true).</summary>
    public sealed class Truthy(FieldPath path) : Formula
    {
        public FieldPath Path { get; } = path;

        public override Truth Possible(Assignment assignment) =>
            !Path.TryRead(assignment, out var value, out var rejected) ? Path.Unknown
                : rejected ? Truth.Rejected : value is not (null or false) ? Truth.True : Truth.False;

        public override void CollectVariables(HashSet<string> variables) => Path.CollectVariables(variables);
    }

    /// <summary>
    /// The key of the atom "the recipient opted out of this topic", one per topic: what the analysis cannot know of a
    /// recipient's opt-outs, shared by every module with the topic (a recipient who opted out of it sees none of them).
    /// </summary>
    /// <remarks>
    /// With <paramref name="field"/>, the atom of a topic whose opt-out conditions may also read from the opt-outs field
    /// (<see cref="OptOut"/>): a recipient whose field is null has opted out of nothing, whatever the atom.
    /// </remarks>
    public static string OptedOutKey(string topic, string? field = null) =>
        field is null ? OptedOutPrefix + topic : LinkedOptedOutPrefix + field + "\u0000" + topic;

    /// <summary>Gets the topic of an atom made by <see cref="OptedOutKey"/>; null for any other key.</summary>
    public static string? OptedOutTopic(string key) =>
        key.StartsWith(OptedOutPrefix, StringComparison.Ordinal) ? key[OptedOutPrefix.Length..]
        : key.StartsWith(LinkedOptedOutPrefix, StringComparison.Ordinal) ? key[(key.IndexOf('\u0000', StringComparison.Ordinal) + 1)..]
        : null;

    /// <summary>Gets the opt-outs field of an atom made by <see cref="OptedOutKey"/> with one (a name without U+0000); null for any other key.</summary>
    public static string? OptedOutField(string key) =>
        key.StartsWith(LinkedOptedOutPrefix, StringComparison.Ordinal) ? key[LinkedOptedOutPrefix.Length..key.IndexOf('\u0000', StringComparison.Ordinal)] : null;

    /// <summary>Opaque keys start with U+0001; a condition's part is Scriban source, which never starts with U+0002, so no condition makes a topic's key.</summary>
    private const string OptedOutPrefix = "\u0001\u0002";

    /// <summary>The start of a topic's key tied to the opt-outs field (<see cref="OptOut"/>): the field's name, U+0000, the topic.</summary>
    private const string LinkedOptedOutPrefix = "\u0001\u0003";

    /// <summary>
    /// Whether the recipient opted out of a topic, when conditions also read the opt-outs field: as deciding reads the
    /// field, of nothing when it is null, and, when it holds one of <paramref name="texts"/> (the texts conditions compare
    /// it with, which it holds exactly), of the topics that text splits into at ',' and ';', in any case; for any other value, the
    /// topic's atom says.
    /// </summary>
    public sealed class OptOut(FieldPath field, string topic, Opaque atom, IReadOnlySet<string> texts) : Formula
    {
        public override Truth Possible(Assignment assignment) =>
            !field.TryRead(assignment, out var value, out _) ? Truth.True | Truth.False
            : value is null ? Truth.False
            : value is string text && texts.Contains(text) ? (SlotPolicy.Contains(text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), topic) ? Truth.True : Truth.False)
            : atom.Possible(assignment);

        public override void CollectVariables(HashSet<string> variables)
        {
            field.CollectVariables(variables);
            atom.CollectVariables(variables);
        }
    }

    /// <summary>A part of a condition the analysis cannot decide; the same text is the same atom.</summary>
    public sealed class Opaque(string key, string text) : Formula
    {
        public string Key { get; } = key;

        public string Text { get; } = text;

        public override Truth Possible(Assignment assignment) =>
            !assignment.TryGetOpaque(Key, out var value) ? Truth.True | Truth.False : value ? Truth.True : Truth.False;

        public override void CollectVariables(HashSet<string> variables) => variables.Add(Key);
    }

    public sealed class NotFormula(Formula operand) : Formula
    {
        public Formula Operand { get; } = operand;

        public override Truth Possible(Assignment assignment) => Combine(Operand.Possible(assignment));

        /// <summary>What the negation comes to when the operand comes to <paramref name="possible"/>.</summary>
        public static Truth Combine(Truth possible) =>
            (possible & Truth.Rejected)
            | ((possible & Truth.True) != 0 ? Truth.False : Truth.None)
            | ((possible & Truth.False) != 0 ? Truth.True : Truth.None);

        public override void CollectVariables(HashSet<string> variables) => Operand.CollectVariables(variables);
    }

    /// <summary>
    /// <c>&amp;&amp;</c> (goes on to the right when the left can be true) or <c>||</c> (when it can be false): what the left
    /// comes to otherwise is the whole's, and so is a rejection, which stops Scriban at the left.
    /// </summary>
    public sealed class ShortCircuitFormula(Formula left, Formula right, Truth goesOn) : Formula
    {
        public Formula Left { get; } = left;

        public Formula Right { get; } = right;

        public override Truth Possible(Assignment assignment)
        {
            var l = Left.Possible(assignment);
            var possible = l & ~goesOn;
            return (l & goesOn) != 0 ? possible | Right.Possible(assignment) : possible;
        }

        /// <summary>What the whole comes to when the left comes to <paramref name="l"/> and the right (if evaluated) to <paramref name="r"/>.</summary>
        public Truth Combine(Truth l, Truth r) => (l & goesOn) != 0 ? (l & ~goesOn) | r : l & ~goesOn;

        public override void CollectVariables(HashSet<string> variables)
        {
            Left.CollectVariables(variables);
            Right.CollectVariables(variables);
        }
    }

    /// <summary>See <see cref="Rejects"/>.</summary>
    public sealed class RejectsFormula(Formula operand) : Formula
    {
        public Formula Operand { get; } = operand;

        public override Truth Possible(Assignment assignment) => Combine(Operand.Possible(assignment));

        /// <summary>What the whole comes to when the operand comes to <paramref name="possible"/>.</summary>
        public static Truth Combine(Truth possible) =>
            ((possible & Truth.Rejected) != 0 ? Truth.True : Truth.None) | ((possible & (Truth.True | Truth.False)) != 0 ? Truth.False : Truth.None);

        public override void CollectVariables(HashSet<string> variables) => Operand.CollectVariables(variables);
    }

    /// <summary>See <see cref="Any"/>: true when one operand is; false when all are; else rejected (one rejects, none is true).</summary>
    public sealed class AnyFormula(Formula[] operands) : Formula
    {
        public IReadOnlyList<Formula> Operands => operands;

        public override Truth Possible(Assignment assignment)
        {
            var all = default(Accumulator);
            foreach (var operand in operands)
            {
                if (all.IsSurelyTrueWith(operand.Possible(assignment)))
                {
                    return Truth.True;
                }
            }

            return all.Result;
        }

        /// <summary>What the whole comes to when its operands come to <paramref name="possibles"/>, in order.</summary>
        public static Truth Combine(ReadOnlySpan<Truth> possibles)
        {
            var all = default(Accumulator);
            foreach (var possible in possibles)
            {
                if (all.IsSurelyTrueWith(possible))
                {
                    return Truth.True;
                }
            }

            return all.Result;
        }

        public override void CollectVariables(HashSet<string> variables)
        {
            foreach (var operand in operands)
            {
                operand.CollectVariables(variables);
            }
        }

        /// <summary>What the operands seen so far come to together (none seen: false).</summary>
        private struct Accumulator
        {
            private bool _anyTrue;
            private bool _notAllFalse;
            private bool _anyRejected;
            private bool _someSurelyTrue;

            public readonly Truth Result =>
                (_anyTrue ? Truth.True : Truth.None) | (!_notAllFalse ? Truth.False : Truth.None) | (_anyRejected && !_someSurelyTrue ? Truth.Rejected : Truth.None);

            /// <summary>Adds an operand's; true when it is surely true (and so is the whole).</summary>
            public bool IsSurelyTrueWith(Truth possible)
            {
                if (possible == Truth.True)
                {
                    return true;
                }

                _anyTrue |= (possible & Truth.True) != 0;
                _notAllFalse |= (possible & Truth.False) == 0;
                _anyRejected |= (possible & Truth.Rejected) != 0;
                _someSurelyTrue |= (possible & (Truth.False | Truth.Rejected)) == 0;
                return false;
            }
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
/// Values for fields and paths below them (null = missing, <see cref="ObjectValue"/> = an object) and opaque atoms (keys
/// start with U+0001). Immutable and persistent: each binding points to the assignment it extends, so the search's
/// branches share their common part and extending costs one small object. A later binding of the same name wins.
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
