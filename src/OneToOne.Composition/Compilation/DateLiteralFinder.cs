using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds the texts a template or condition itself gives <c>date.parse</c> (<c>{{ '2016/01/05' | date.parse }}</c>,
/// <c>date.parse "2016-01-05"</c>) that are not ISO 8601: known at load, and refused by <c>date.parse</c> for every
/// recipient at render.
/// </summary>
internal static class DateLiteralFinder
{
    /// <summary>Gets each literal text under <paramref name="root"/> given to <c>date.parse</c> that it does not read, with its node.</summary>
    public static List<(ScriptLiteral Node, string Text)> NotIso(ScriptNode root)
    {
        var finder = new LibraryCallFinder("date", "parse");
        finder.Visit(root);
        var found = new List<(ScriptLiteral Node, string Text)>();
        foreach (var (_, piped, arguments) in finder.Calls)
        {
            // Piped into, the text is the pipe's value; called directly, the first argument.
            var expression = piped ?? (arguments is [var first, ..] ? first : null);
            while (expression is ScriptNestedExpression { Expression: var inner })
            {
                expression = inner;
            }

            if (expression is ScriptLiteral { Value: string { Length: > 0 } text } literal && !CultureFunctions.IsIsoDate(text))
            {
                found.Add((literal, text));
            }
        }

        return found;
    }
}
