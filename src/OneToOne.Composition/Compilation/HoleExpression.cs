using OneToOne.Composition.Runtime;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// A plan hole's expression of a common shape, compiled to direct reads so that the hot path skips Scriban's
/// interpreter: a recipient field or loop variable (<c>first_name</c>, <c>p</c>), a member of a dictionary or
/// scope (<c>p.name</c>, <c>address.city</c>), <c>value | math.format "…"</c> on a number, and <c>value | default other</c>. Evaluation
/// declines (returns false) whenever it meets a value it cannot treat exactly as Scriban does (a missing member,
/// a function, a value that is not a number, a bad format string); the caller then asks Scriban, which also
/// reports any error. Expressions are free of side effects, so asking twice changes nothing.
/// </summary>
internal abstract class HoleExpression
{
    /// <summary>Names Scriban gives a meaning of its own, or that our scopes answer: left to the interpreter.</summary>
    private static readonly string[] SpecialNames = ["empty", "blank", "this", "for", "while", "tablerow", "size"];

    public abstract bool TryEvaluate(RenderContext context, out object? value);

    /// <summary>Compiles an expression, or returns null when its shape is not one of the compiled ones.</summary>
    public static HoleExpression? TryCompile(ScriptExpression expression) => expression switch
    {
        ScriptVariableGlobal { Name: var name } when IsPlainName(name) && !ScriptEnvironment.IsBuiltin(name)
            => new Variable(name),
        ScriptMemberExpression { Target: { } target, Member: ScriptVariable { Name: var member } } when IsPlainName(member) && TryCompile(target) is { } owner
            => new Member(owner, member),
        ScriptPipeCall
        {
            From: { } from,
            To: ScriptFunctionCall
            {
                Target: ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "math" }, Member: ScriptVariable { Name: "format" } },
                Arguments: [ScriptLiteral { Value: string format }],
            },
        } when TryCompile(from) is { } value
            => new Format(value, format),
        ScriptPipeCall
        {
            From: { } from,
            To: ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "default" }, Arguments: [var fallback] },
        } when TryCompile(from) is { } value && TryCompileOperand(fallback) is { } otherwise
            => new Default(value, otherwise),
        _ => null,
    };

    /// <summary>Compiles a filter's argument: a compiled shape, or a literal.</summary>
    private static HoleExpression? TryCompileOperand(ScriptExpression expression) =>
        expression is ScriptLiteral literal ? new Constant(literal.Value) : TryCompile(expression);

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !name.EndsWith('?') && Array.IndexOf(SpecialNames, name) < 0 && Array.IndexOf(ScriptEnvironment.ReservedNames, name) < 0;

    /// <summary>A top-level name: a bound loop variable, else the recipient's field (null when the recipient lacks it, as in Scriban).</summary>
    private sealed class Variable(string name) : HoleExpression
    {
        public override bool TryEvaluate(RenderContext context, out object? value)
        {
            value = context.ReadVariable(name);
            return value is not IScriptCustomFunction;
        }
    }

    /// <summary>A member the owner has: a dictionary's key or a scope's member.</summary>
    private sealed class Member(HoleExpression owner, string member) : HoleExpression
    {
        public override bool TryEvaluate(RenderContext context, out object? value)
        {
            value = null;
            if (!owner.TryEvaluate(context, out var target))
            {
                return false;
            }

            var found = target switch
            {
                IDictionary<string, object?> dictionary => dictionary.TryGetValue(member, out value),
                IScriptObject scope => scope.TryGetValue(context, default, member, out value),
                _ => false,
            };
            return found && value is not IScriptCustomFunction;
        }
    }

    /// <summary>A literal's value.</summary>
    private sealed class Constant(object? constant) : HoleExpression
    {
        public override bool TryEvaluate(RenderContext context, out object? value)
        {
            value = constant;
            return true;
        }
    }

    /// <summary>
    /// The <c>default</c> filter: the fallback when the value is null or empty text, else the value. Declines when a
    /// loop variable or the recipient's own field is named <c>default</c>, which Scriban would read instead of the filter.
    /// </summary>
    private sealed class Default(HoleExpression primary, HoleExpression fallback) : HoleExpression
    {
        public override bool TryEvaluate(RenderContext context, out object? value)
        {
            if (context.HasVariable("default") || !primary.TryEvaluate(context, out value))
            {
                value = null;
                return false;
            }

            return value is not (null or "") || fallback.TryEvaluate(context, out value);
        }
    }

    /// <summary><c>math.format</c>: a number formatted in the recipient's culture; null formats as empty text.</summary>
    private sealed class Format(HoleExpression number, string format) : HoleExpression
    {
        public override bool TryEvaluate(RenderContext context, out object? value)
        {
            value = null;
            if (!number.TryEvaluate(context, out var operand))
            {
                return false;
            }

            switch (operand)
            {
                case null:
                    value = string.Empty;
                    return true;
                case double infinite when !double.IsFinite(infinite):
                    // The builtin math.format refuses it, naming the field: let it.
                    return false;
                case int or long or double or decimal or float or short or byte or sbyte or ushort or uint or ulong:
                    try
                    {
                        value = ((IFormattable)operand).ToString(format, context.CurrentCulture);
                        return true;
                    }
                    catch (FormatException)
                    {
                        // Scriban reports a bad format string in its own words: let it.
                        return false;
                    }

                default:
                    return false;
            }
        }
    }
}
