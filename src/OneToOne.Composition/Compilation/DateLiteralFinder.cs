using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds the texts a template or condition itself gives <c>date.parse</c> (<c>{{ '2016/01/05' | date.parse }}</c>,
/// <c>date.parse "2016-01-05"</c>) that are not ISO 8601: known at load, and refused by <c>date.parse</c> for every
/// recipient at render.
/// </summary>
internal sealed class DateLiteralFinder : ScriptVisitor
{
    /// <summary>Gets each literal text given to <c>date.parse</c> that it does not read, with its node.</summary>
    public List<(ScriptLiteral Node, string Text)> NotIso { get; } = [];

    /// <inheritdoc/>
    public override void Visit(ScriptPipeCall node)
    {
        // The function the value goes to first: in 'a | b | c' the pipe into 'b | c', if Scriban nests it so, goes to 'b'.
        var to = node.To;
        while (to is ScriptPipeCall { From: var first })
        {
            to = first;
        }

        if (to is ScriptFunctionCall { Target: { } target, Arguments.Count: 0 } && IsDateParse(target) || to is { } bare && IsDateParse(bare))
        {
            Check(node.From);
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptFunctionCall node)
    {
        // A call piped into gets the pipe's value (above); called directly (also with its result piped on), the first argument is the text.
        if (IsDateParse(node.Target) && !(node.Parent is ScriptPipeCall pipe && ReferenceEquals(pipe.To, node)) && node.Arguments is [var text, ..])
        {
            Check(text);
        }

        base.Visit(node);
    }

    private void Check(ScriptExpression? expression)
    {
        while (expression is ScriptNestedExpression { Expression: var inner })
        {
            expression = inner;
        }

        if (expression is ScriptLiteral { Value: string { Length: > 0 } text } literal && !CultureFunctions.IsIsoDate(text))
        {
            NotIso.Add((literal, text));
        }
    }

    private static bool IsDateParse(ScriptExpression? target) =>
        target is ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "date" }, Member.Name: "parse" };
}
