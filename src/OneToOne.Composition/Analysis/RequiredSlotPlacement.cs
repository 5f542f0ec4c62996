using OneToOne.Composition.Compilation;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// The load-time half of the check that a message's body writes its required modules (OTO1403, a warning): a body that
/// places a required module's slot only inside an <c>if</c>, a <c>case</c> or a loop sends nothing of it to a recipient
/// the branch is not taken for, and rendering rejects that recipient (<see cref="GovernanceRules.CheckWritten"/>). Found
/// here, the author hears of it at <c>validate</c>, not from the night's rejects. A requirement is met on a path through
/// the body when the path writes any slot a module of the requirement can be chosen for, so branches that each write one
/// of an <c>any:</c> group's slots (<c>if US</c> the US terms, <c>else</c> the German ones) pass; a path that leaves
/// the body (a <c>ret</c>) before writing one does not.
/// </summary>
/// <remarks>
/// A warning, not an error: the branch's condition may hold for everyone the module is chosen for, which this check does
/// not weigh. A slot placed by a module (nested) rather than by the body is left to the rendering check.
/// </remarks>
internal static class RequiredSlotPlacement
{
    /// <summary>How deep calls of the template's own functions are followed.</summary>
    private const int MaxCallDepth = 8;

    public static void Check(CatalogRuntime runtime, CompiledMessage message, DiagnosticBag diagnostics)
    {
        foreach (var requirement in message.Required)
        {
            var slots = runtime.Slots.Values
                .Where(s => Array.Exists(s.Candidates, c => requirement.ModuleIds.Contains(c.Id)) || (s.Fallback is { } f && requirement.ModuleIds.Contains(f.Id)))
                .Select(static s => s.Id)
                .ToHashSet(StringComparer.Ordinal);
            var placed = Array.Find(message.Body.Slots, u => slots.Contains(u.Id));
            if (placed is null || PlacedByAModule(runtime, slots))
            {
                continue;
            }

            var page = message.Body.Template.Page;
            var functions = new Dictionary<string, ScriptFunction>(StringComparer.Ordinal);
            foreach (var function in page?.Body?.Statements.OfType<ScriptFunction>() ?? [])
            {
                if (function.NameOrDoToken is ScriptVariable name)
                {
                    functions[name.Name] = function; // a later definition of the name is the one a call after both reaches
                }
            }

            foreach (var statement in page?.Body?.Statements.OfType<ScriptExpressionStatement>() ?? [])
            {
                if (statement.Expression is ScriptAssignExpression { Target: ScriptVariable name, Value: ScriptAnonymousFunction { Function: { } function } })
                {
                    functions[name.Name] = function; // '{{ terms = do }}…{{ end }}': an anonymous function, called as 'terms' too
                }
            }

            if (new Walk(slots, functions).Writes(page?.Body, 0))
            {
                continue;
            }

            diagnostics.Warning(DiagnosticCodes.RequiredSlotInBranch, placed.Location,
                $"Message '{message.Id}' requires {requirement.Describe()} (line {requirement.Location.Line}), but its body places slot '{placed.Id}' only inside an 'if', a 'case', a loop or a function that not every recipient goes through, or after a 'ret' some stop at: a recipient whose decision holds the module but who takes another way is rejected when the message is rendered. Write {{{{ slot \"{placed.Id}\" }}}} where the body always goes and put the condition in the modules' 'when:' (or, for an 'any:' group, write one of its slots in every branch).");
        }
    }

    /// <summary>Whether a module's texts place one of the slots: the slot is then nested, and the body's branches alone do not decide whether it is written.</summary>
    private static bool PlacedByAModule(CatalogRuntime runtime, HashSet<string> slots) =>
        runtime.Modules.Concat(runtime.Modules.SelectMany(static m => m.LocaleVariants.Values))
            .SelectMany(static m => new[] { m.Content, m.Html, m.Text, m.Print })
            .Any(t => t is not null && Array.Exists(t.Slots, u => slots.Contains(u.Id)));

    /// <summary>Decides whether every way through a node writes one of the slots.</summary>
    private sealed class Walk(HashSet<string> slots, Dictionary<string, ScriptFunction> functions)
    {
        /// <summary>Variables assigned a slot's output (<c>{{ f = slot "foot" }}</c>): the slot is written where the variable is.</summary>
        private readonly HashSet<string> _holding = new(StringComparer.Ordinal);

        /// <summary>
        /// What a call of a function at a depth was found to write: a function that calls itself (or another) several times
        /// was walked again for each call, so a body of a few hundred bytes (a function calling itself 20 times) took the
        /// walk 20^8 steps and held the catalog's load for hours. Forgotten when a variable comes to hold a slot.
        /// </summary>
        private readonly Dictionary<(string Name, int Depth), bool> _calls = [];

        public bool Writes(ScriptNode? node, int depth) => node switch
        {
            null => false,
            ScriptFunctionCall { Target: ScriptVariable { Name: "slot" }, Arguments: [ScriptLiteral { Value: string id }] } => slots.Contains(id),
            ScriptFunctionCall { Target: ScriptVariable { Name: { } name } } call when functions.ContainsKey(name) => Children(call, depth) || Calls(name, depth),
            ScriptExpressionStatement { Expression: ScriptVariable { Name: { } name } } when functions.ContainsKey(name) => Calls(name, depth),
            ScriptWrapStatement { Target: ScriptVariable { Name: { } name } } wrap when functions.ContainsKey(name) => Calls(name, depth) || Children(wrap, depth),
            ScriptAssignExpression { Target: ScriptVariable target, Value: { } value } => Holds(target.Name, Writes(value, depth)),
            ScriptExpressionStatement { Expression: ScriptVariable { Name: { } held } } when _holding.Contains(held) => true,
            ScriptIfStatement branch => Writes(branch.Condition, depth) || (Writes(branch.Then, depth) && Writes(branch.Else, depth)),
            ScriptConditionalExpression choice => Writes(choice.Condition, depth) || (Writes(choice.ThenValue, depth) && Writes(choice.ElseValue, depth)),
            ScriptCaseStatement choice => Writes(choice.Value, depth) || Writes(choice.Body, depth),
            ScriptWhenStatement match => Writes(match.Body, depth) && Writes(match.Next, depth),
            ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or or ScriptBinaryOperator.EmptyCoalescing } logic => Writes(logic.Left, depth),
            ScriptBlockStatement block => InTurn(block, inLoop: false, depth).Writes,

            // A loop's body may run no times; a function writes where it is called, not where it is defined; a capture's output is a value.
            ScriptLoopStatementBase or ScriptFunction or ScriptCaptureStatement => false,
            _ => Children(node, depth),
        };

        /// <summary>
        /// Goes through a block's statements in turn: every way through writes a slot when one statement writes it on every
        /// way, unless a statement before it may leave first without writing one (<c>{{ if a }}{{ ret }}{{ end }}</c>:
        /// the recipients with <c>a</c> stop there).
        /// </summary>
        /// <returns>Whether every way writes a slot, and whether some way leaves the block before writing one.</returns>
        private (bool Writes, bool Leaves) InTurn(ScriptBlockStatement block, bool inLoop, int depth)
        {
            foreach (var statement in block.Statements)
            {
                if (Writes(statement, depth))
                {
                    return (true, false);
                }

                if (Leaves(statement, inLoop, depth))
                {
                    return (false, true);
                }
            }

            return (false, false);
        }

        /// <summary>
        /// Whether some way through a node leaves what encloses it before writing a slot: a <c>ret</c> (leaving the
        /// template, or the function it stands in), or a <c>break</c> or <c>continue</c> outside a loop of its own. A
        /// function's body leaves only the function.
        /// </summary>
        private bool Leaves(ScriptNode? node, bool inLoop, int depth)
        {
            switch (node)
            {
                case null or ScriptFunction:
                    return false;
                case ScriptReturnStatement:
                    return true;
                case ScriptBreakStatement or ScriptContinueStatement:
                    return !inLoop;
                case ScriptBlockStatement block:
                    return InTurn(block, inLoop, depth).Leaves;
            }

            var loop = inLoop || node is ScriptLoopStatementBase;
            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (Leaves(node.GetChildren(i), loop, depth))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Holds(string name, bool holds)
        {
            if (holds && _holding.Add(name))
            {
                _calls.Clear(); // a function that writes the variable writes the slot from now on
            }

            return false; // an assignment writes nothing
        }

        private bool Calls(string name, int depth)
        {
            if (depth >= MaxCallDepth)
            {
                return false;
            }

            if (!_calls.TryGetValue((name, depth), out var writes))
            {
                writes = Writes(functions[name].Body, depth + 1);
                _calls[(name, depth)] = writes;
            }

            return writes;
        }

        private bool Children(ScriptNode node, int depth)
        {
            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (Writes(node.GetChildren(i), depth))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
