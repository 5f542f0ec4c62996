using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds the calls of one built-in function (<c>string.plural</c>, <c>date.parse</c>) in a template, condition or score,
/// with what each is given: the value piped into it, if any, and its arguments. Scriban nests a pipe to the right
/// (<c>a | b | c</c> is <c>a | (b | c)</c>), so a call followed by a pipe stands as the <see cref="ScriptPipeCall.From"/>
/// of a pipe that is itself piped into, or not; both walks are here so that checks of different functions cannot disagree.
/// </summary>
internal sealed class LibraryCallFinder(string library, string function) : ScriptVisitor
{
    /// <summary>Gets each call: its node, the value piped into it (null when called directly) and its arguments.</summary>
    public List<(ScriptExpression Node, ScriptExpression? Piped, IReadOnlyList<ScriptExpression> Arguments)> Calls { get; } = [];

    /// <inheritdoc/>
    public override void Visit(ScriptPipeCall node)
    {
        // The function this pipe's value goes to first: in 'a | (b | c)', the pipe from 'a' goes to 'b'.
        var to = node.To;
        while (to is ScriptPipeCall { From: var first })
        {
            to = first;
        }

        if (to is ScriptFunctionCall { Target: { } target } call && Is(target))
        {
            Calls.Add((call, node.From, [.. call.Arguments ?? []]));
        }
        else if (to is { } bare && Is(bare))
        {
            Calls.Add((bare, node.From, []));
        }

        base.Visit(node);
    }

    /// <inheritdoc/>
    public override void Visit(ScriptFunctionCall node)
    {
        // A call piped into is found with its pipe (above); a call whose result is piped on is called directly.
        if (Is(node.Target) && !IsPipedInto(node))
        {
            Calls.Add((node, null, [.. node.Arguments ?? []]));
        }

        base.Visit(node);
    }

    /// <summary>Whether <paramref name="node"/> is the function a pipe's value goes to first (see <see cref="Visit(ScriptPipeCall)"/>).</summary>
    private static bool IsPipedInto(ScriptNode node)
    {
        while (node.Parent is ScriptPipeCall pipe)
        {
            if (ReferenceEquals(pipe.To, node))
            {
                return true;
            }

            // The 'b' of 'a | (b | c)': the pipe it starts is what 'a' is piped into.
            node = pipe;
        }

        return false;
    }

    private bool Is(ScriptExpression? target) =>
        target is ScriptMemberExpression { Target: ScriptVariableGlobal { Name: var name }, Member.Name: var member } && name == library && member == function;
}
