using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds the <c>string.plural</c> calls of a template and the forms each gives (by name, or positionally as
/// <c>one</c>, <c>other</c>, <c>zero</c>, <c>two</c>, <c>few</c>, <c>many</c>, as the function takes them), so that a
/// template written for a locale can be checked for the forms its language uses before any recipient gets it.
/// </summary>
internal sealed class PluralCallFinder : ScriptVisitor
{
    /// <summary>The order in which <c>string.plural</c> takes its forms positionally.</summary>
    private static readonly PluralCategory[] Positional =
        [PluralCategory.One, PluralCategory.Other, PluralCategory.Zero, PluralCategory.Two, PluralCategory.Few, PluralCategory.Many];

    /// <summary>Gets each call with the forms it gives.</summary>
    public List<(ScriptNode Node, HashSet<PluralCategory> Given)> Calls { get; } = [];

    /// <inheritdoc/>
    public override void Visit(ScriptPipeCall node)
    {
        if (node.To is ScriptFunctionCall { Target: { } target } call && IsPlural(target))
        {
            Calls.Add((call, Given(call.Arguments, 0)));
        }
        else if (node.To is { } bare && IsPlural(bare))
        {
            Calls.Add((bare, []));
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptFunctionCall node)
    {
        // A call piped into is found with its pipe (above): there, every argument is a form; called directly, the first is the number.
        if (IsPlural(node.Target) && node.Parent is not ScriptPipeCall)
        {
            Calls.Add((node, Given(node.Arguments, 1)));
        }

        base.Visit(node);
    }

    private static bool IsPlural(ScriptExpression? target) =>
        target is ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "string" }, Member.Name: "plural" };

    private static HashSet<PluralCategory> Given(IEnumerable<ScriptExpression>? arguments, int skip)
    {
        var given = new HashSet<PluralCategory>();
        var position = -skip;
        foreach (var argument in arguments ?? [])
        {
            if (argument is ScriptNamedArgument { Name.Name: var name })
            {
                if (Array.IndexOf(Array.ConvertAll(Positional, TextFunctions.Name), name) is >= 0 and var index)
                {
                    given.Add(Positional[index]);
                }
            }
            else if (position >= 0 && position < Positional.Length)
            {
                given.Add(Positional[position]);
            }

            position++;
        }

        return given;
    }
}
