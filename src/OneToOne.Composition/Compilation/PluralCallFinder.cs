using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds the <c>string.plural</c> calls of a template and the forms each gives (by name, or positionally as
/// <c>one</c>, <c>other</c>, <c>zero</c>, <c>two</c>, <c>few</c>, <c>many</c>, as the function takes them), so that a
/// template written for a locale can be checked for the forms its language uses before any recipient gets it.
/// </summary>
internal static class PluralCallFinder
{
    /// <summary>The order in which <c>string.plural</c> takes its forms positionally.</summary>
    private static readonly PluralCategory[] Positional =
        [PluralCategory.One, PluralCategory.Other, PluralCategory.Zero, PluralCategory.Two, PluralCategory.Few, PluralCategory.Many];

    /// <summary>Gets each call under <paramref name="root"/> with the forms it gives.</summary>
    public static List<(ScriptNode Node, HashSet<PluralCategory> Given)> Calls(ScriptNode root)
    {
        var finder = new LibraryCallFinder("string", "plural");
        finder.Visit(root);

        // Piped into, every argument is a form; called directly, the first is the number.
        return [.. finder.Calls.Select(static c => ((ScriptNode)c.Node, Given(c.Arguments, c.Piped is null ? 1 : 0)))];
    }

    private static HashSet<PluralCategory> Given(IEnumerable<ScriptExpression> arguments, int skip)
    {
        var given = new HashSet<PluralCategory>();
        var position = -skip;
        foreach (var argument in arguments)
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
