using OneToOne.Composition.Runtime;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Walks a parsed template or condition once, at compile time, and records what it needs from the
/// outside: recipient fields (and whether a <c>default</c> guards them), segments, slots, and any
/// use of a forbidden builtin.
/// </summary>
internal sealed class TemplateAnalyzer : ScriptVisitor
{
    /// <summary>Names the runtime answers, never recipient fields: its scopes, and Scriban's loop state (<c>for.index</c>).</summary>
    private static readonly string[] RuntimeNames = ["segment", "recipient", "experiment", "this", "for", "while", "tablerow"];

    /// <summary>Every name the template binds anywhere (assigns, captures, defines, takes as a parameter or loop variable).</summary>
    private readonly HashSet<string> _bound;

    /// <summary>
    /// The names bound where the walk is, innermost last (Scriban's local scopes): a loop's variable in its body, a
    /// function's parameters in its body, and a mark where each function the walk is in begins.
    /// </summary>
    private readonly List<(string Name, Scope Kind)> _scopes = [];

    /// <summary>
    /// The names the template has set globally so far in reading order (<c>x = 1</c>, <c>capture x</c>, <c>func x</c>),
    /// where the template always goes or only in a branch: a read before any is the recipient's, a read after one the
    /// template's own. (A name set only in a branch is still taken as the template's: <c>{{ if gold }}{{ badge = "★" }}{{ end }}{{ if badge }}</c>
    /// is a common pattern, and requiring <c>badge</c> of every recipient who is not gold would refuse them all.)
    /// </summary>
    private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _predefined;
    private readonly Dictionary<string, Reads> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (MemberPath Path, Reads Reads)> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (MemberPath List, ScriptNode Trigger, bool InBranch)> _loops = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tested = new(StringComparer.Ordinal);
    private readonly List<(ScriptExpression Target, bool Piped)> _calledTargets = [];

    // Builtin names read where a value is, and the nodes that use a name as a builtin on purpose: the owner of a member
    // (date.local), of an index (string["upcase"]), a function passed as itself (@number), the object 'with' opens.
    private readonly List<ScriptVariable> _builtinReads = [];
    private readonly HashSet<ScriptNode> _owners = new(ReferenceEqualityComparer.Instance);
    private int _guardDepth;

    /// <summary>How deep the walk is in <c>capture</c> bodies, whose output becomes a variable's text.</summary>
    private int _captureDepth;

    /// <summary>How deep the walk is in code that may not run: a branch, a loop's body, a function, the right of <c>&amp;&amp;</c> or <c>||</c>.</summary>
    private int _branchDepth;

    /// <summary>Initializes an analyzer; <paramref name="predefined"/> names are supplied by the runtime (such as a layout's <c>content</c>).</summary>
    public TemplateAnalyzer(params string[] predefined)
    {
        _predefined = new HashSet<string>(predefined, StringComparer.Ordinal);
        _bound = new HashSet<string>(predefined, StringComparer.Ordinal);
    }

    /// <summary>Gets the predefined names the template reads.</summary>
    public HashSet<string> PredefinedUsed { get; } = new(StringComparer.Ordinal);

    public List<(string Slot, ScriptNode Node)> Slots { get; } = [];

    public List<(string Segment, ScriptNode Node)> Segments { get; } = [];

    /// <summary>Gets the <c>experiment.NAME</c> reads.</summary>
    public List<(string Experiment, ScriptNode Node)> Experiments { get; } = [];

    /// <summary>Gets the comparisons of <c>experiment.NAME</c> with a quoted arm, such as <c>experiment.hero == "bold"</c>.</summary>
    public List<(string Experiment, string Arm, ScriptNode Node)> ArmComparisons { get; } = [];

    public List<(string Problem, ScriptNode Node)> InvalidSlotCalls { get; } = [];

    public List<(string Name, ScriptNode Node)> ForbiddenUses { get; } = [];

    /// <summary>Gets the assignments to a builtin's member (such as <c>date.format = "%Y"</c>): the builtins are shared by every catalog.</summary>
    public List<(string Target, ScriptNode Node)> BuiltinAssignments { get; } = [];

    /// <summary>
    /// Gets whether the text has any code at all: anything but plain text (an expression, any statement such as
    /// <c>case</c> or <c>while</c>, even an empty <c>{{ }}</c> or a comment). Only text is known to be its own output,
    /// so every other node counts as code, including kinds this analyzer has never heard of.
    /// </summary>
    public bool HasCode { get; private set; }

    /// <summary>
    /// Gets every recipient field read, guarded or not, by name or through <c>recipient</c> (<c>recipient.nickname</c>),
    /// in reading order: those a condition reads as null when the recipient lacks them.
    /// </summary>
    public IEnumerable<string> FieldNames =>
        _fields.Keys.Concat(_paths.Values.Where(p => p.Path.Items is null && p.Path.Qualified && IsRecipients(p.Path)).Select(static p => p.Path.Field))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Fields read without a <c>default</c> guard, wherever they are read: what a recipient may need to be rendered.</summary>
    public IEnumerable<(string Name, ScriptNode Node)> RequiredFields =>
        _fields.Where(static f => !f.Value.Guarded).Select(static f => (f.Key, f.Value.Node));

    /// <summary>Fields read without a guard where the template always goes: a recipient without them cannot be rendered.</summary>
    public IEnumerable<(string Name, ScriptNode Node)> FieldsAlwaysRead =>
        _fields.Where(static f => f.Value.Always is not null).Select(static f => (f.Key, f.Value.Always!));

    /// <summary>
    /// Gets the reads without a guard of fields the template reads only where it may not go (a branch, a loop's body, a
    /// function): such a field is needed only when the template reaches the read, <c>{{ if vip }}{{ vip_code }}{{ end }}</c>.
    /// So are reads of a loop's variable in a function defined in the loop: the recipient's only where the function is called after the loop.
    /// </summary>
    public IEnumerable<(string Name, ScriptNode Node)> FieldsReadInBranches =>
        _fields.Where(static f => !f.Value.Guarded && f.Value.Always is null)
            .SelectMany(static f => f.Value.InBranches.Select(read => (f.Key, read.Node)));

    /// <summary>
    /// Gets the member reads of recipient fields made without a guard where the template always goes
    /// (<c>address.city</c>, <c>address["city"]</c>, <c>recipient.address.city</c>), only the longest of those that
    /// extend one another: a recipient whose field has no such member (or is text, a number or true/false where an
    /// object is read) cannot be rendered, as with a missing field. <c>recipient.NAME</c> on its own is a path with no
    /// members. A loop variable's path is read where the loop's outermost list is.
    /// </summary>
    public IEnumerable<(MemberPath Path, ScriptNode Node)> MembersAlwaysRead
    {
        get
        {
            var required = _paths.Values.Where(p => p.Reads.Always is not null && IsRecipients(p.Path)).ToList();
            return required
                .Where(p => !required.Exists(other => other.Path.Extends(p.Path)))
                .Select(static p => (p.Path, p.Reads.Always!));
        }
    }

    /// <summary>
    /// Gets the member reads without a guard the template makes only where it may not go, each with the read of the
    /// field (or of <c>recipient</c>, or of a loop's outermost list) that comes first at run time, where it is checked:
    /// only the longest of those that extend one another from the same such read.
    /// </summary>
    public IEnumerable<(MemberPath Path, ScriptNode Node, ScriptNode Trigger)> MembersReadInBranches
    {
        get
        {
            var required = _paths.Values
                .Where(p => !p.Reads.Guarded && p.Reads.Always is null && IsRecipients(p.Path))
                .SelectMany(static p => p.Reads.InBranches.Select(read => (p.Path, read.Node, read.Trigger)))
                .ToList();
            return required.Where(p => !required.Exists(other => ReferenceEquals(other.Trigger, p.Trigger) && other.Path.Extends(p.Path)));
        }
    }

    /// <summary>
    /// Gets whether a path reads the recipient's data: one through <c>recipient.</c>, unless the template binds that name
    /// itself. (A path from a name was judged where it was read; a loop variable's, where the outermost list was.)
    /// </summary>
    private bool IsRecipients(MemberPath path)
    {
        var start = path.Items is { } list ? Outermost(list) : path;
        return !start.Qualified || !_bound.Contains("recipient");
    }

    /// <summary>
    /// What a name read here is: bound by the template (in scope, or set before), maybe the recipient's, or the
    /// recipient's. A loop's variable seen from a function defined in the loop is maybe the recipient's: the function may
    /// be called in the loop, where the name is the loop's, or after it, where it is the recipient's.
    /// </summary>
    private Binding BindingOf(string name)
    {
        if (_assigned.Contains(name))
        {
            return Binding.Bound;
        }

        var inFunction = false;
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            var (scoped, kind) = _scopes[i];
            if (kind == Scope.Function)
            {
                inFunction = true;
            }
            else if (scoped == name)
            {
                return kind == Scope.Parameter || !inFunction || IsParameter(name) ? Binding.Bound : Binding.Maybe;
            }
        }

        return Binding.None;
    }

    /// <summary>Whether a parameter of a function the walk is in has the name.</summary>
    private bool IsParameter(string name) => _scopes.Exists(s => s.Kind == Scope.Parameter && s.Name == name);

    /// <summary>
    /// Notes a global binding of a name at this point of the walk. An assignment to a parameter sets the parameter; one
    /// to a loop's variable, in the loop's body, sets the global variable of that name, which Scriban keeps after the
    /// loop (<c>{{ for x in l }}{{ x = x + 1 }}{{ end }}{{ x }}</c>).
    /// </summary>
    private void Assign(string name)
    {
        _bound.Add(name);
        if (!IsParameter(name))
        {
            _assigned.Add(name);
        }
    }

    /// <summary>Visits <paramref name="body"/> with <paramref name="names"/> bound in a local scope of its own.</summary>
    private void VisitScoped(ScriptNode? body, IEnumerable<string> names, Scope kind)
    {
        var depth = _scopes.Count;
        foreach (var name in names)
        {
            _bound.Add(name);
            _scopes.Add((name, kind));
        }

        body?.Accept(this);
        _scopes.RemoveRange(depth, _scopes.Count - depth);
    }

    /// <summary>The field path the outermost of nested loops goes over.</summary>
    private static MemberPath Outermost(MemberPath list) => list.Items is { } outer ? Outermost(outer) : list;

    /// <summary>
    /// Gets the functions a pipe (<c>x | f</c>) or a call with arguments (<c>f x 2</c>) names that neither the builtins
    /// nor the template define, each with the names it may have meant, for a "did you mean", and whether it was piped
    /// into. A recipient field cannot be such a function: recipient values are data and never become code, so such a call
    /// fails for every recipient and is almost always a typo (<c>numbr</c> for <c>number</c>). Read after the whole text
    /// is visited: a <c>func</c> may be defined after its use.
    /// </summary>
    /// <summary>
    /// Gets the builtin functions a template or condition reads as a value (<c>{{ number }}</c>, which Scriban calls
    /// with no value, failing for every recipient), and the builtin groups of functions it writes or compares
    /// (<c>{{ date }}</c>, <c>date &lt; "2026-01-01"</c>), where a recipient field of that name was meant: the builtin wins.
    /// A group handed on as an object (<c>math | object.keys</c>, <c>with date</c>) is not one. Read after the whole text is visited.
    /// </summary>
    public IEnumerable<ScriptVariable> BuiltinsReadAsValues =>
        _builtinReads.Where(read => !_owners.Contains(read) && !_calledTargets.Exists(c => ReferenceEquals(c.Target, read))
            && (ScriptEnvironment.Builtins[read.Name] is not ScriptObject || read.Parent is ScriptExpressionStatement or ScriptBinaryExpression));

    public IEnumerable<(string Name, IEnumerable<string> Known, ScriptNode Node, bool Piped)> UnknownFunctions
    {
        get
        {
            foreach (var (target, piped) in _calledTargets)
            {
                if (UnknownFunction(target) is var (name, known, node))
                {
                    yield return (name, known, node, piped);
                }
            }
        }
    }

    public override void Visit(ScriptPage? node)
    {
        if (node is null)
        {
            return;
        }

        var statements = node.Body?.Statements;
        for (var i = 0; statements is not null && i < statements.Count && !HasCode; i++)
        {
            HasCode = statements[i] is not ScriptRawStatement;
        }

        base.Visit(node);
    }

    public override void Visit(ScriptWithStatement node)
    {
        if (node.Name is { } scope)
        {
            _owners.Add(scope);
        }

        Visit(node.Name);

        // Inside 'with', a name may be a member of the object rather than a recipient field: it cannot be required.
        _guardDepth++;
        Visit(node.Body);
        _guardDepth--;
    }

    public override void Visit(ScriptForStatement node) => VisitLoop(node, node.Variable, node.Iterator, node.NamedArguments, node.Body, node.Else);

    public override void Visit(ScriptTableRowStatement node) => VisitLoop(node, node.Variable, node.Iterator, node.NamedArguments, node.Body, node.Else);

    public override void Visit(ScriptWhileStatement node) => VisitBranching(node, node.Body);

    public override void Visit(ScriptConditionalExpression node) => VisitBranching(node, node.ThenValue, node.ElseValue);

    /// <summary>
    /// Visits a node's children in order, the <paramref name="branches"/> among them as code that may not run (the
    /// branches of an <c>if</c>, a loop's body): a field read only there is needed only when the template gets there.
    /// </summary>
    private void VisitBranching(ScriptNode node, params ScriptNode?[] branches) => VisitBranching(node, null, null, branches);

    /// <summary>
    /// As <see cref="VisitBranching(ScriptNode, ScriptNode?[])"/>, with a loop's <paramref name="variable"/> left out (it
    /// is no read) and bound in <paramref name="body"/> only, as Scriban binds it: after the loop the name is the recipient's again.
    /// </summary>
    private void VisitBranching(ScriptNode node, ScriptVariable? variable, ScriptNode? body, params ScriptNode?[] branches)
    {
        for (var i = 0; i < node.ChildrenCount; i++)
        {
            var child = node.GetChildren(i);
            if (child is null || (variable is not null && ReferenceEquals(child, variable)))
            {
                continue;
            }

            var branch = Array.IndexOf(branches, child) >= 0;
            _branchDepth += branch ? 1 : 0;
            if (variable is not null && ReferenceEquals(child, body))
            {
                VisitScoped(child, [variable.Name], Scope.Loop);
            }
            else
            {
                child.Accept(this);
            }

            _branchDepth -= branch ? 1 : 0;
        }
    }

    public override void Visit(ScriptNamedArgument node)
    {
        // 'limit: 3' of a loop or a call: the name is the argument's, not a field of the recipient.
        Visit(node.Value);
    }

    public override void Visit(ScriptIfStatement node) => VisitTest(node.Condition, () => VisitBranching(node, node.Then, node.Else));

    public override void Visit(ScriptCaseStatement node) => VisitTest(node.Value, () => VisitBranching(node, node.Body));

    /// <summary>
    /// Visits an <c>if</c> (with its <c>else</c>) or a <c>case</c>, taking its test as the author's own check of the fields
    /// and loop variables it reads (<c>if card</c>, <c>if p.kind == "book"</c>, <c>if address.city</c>): their members read
    /// in its branches are not required, since the branches may be for recipients or items that lack them.
    /// </summary>
    private void VisitTest(ScriptExpression? test, Action visit)
    {
        var roots = new List<string>();
        CollectRoots(test, roots);
        var added = roots.Where(_tested.Add).ToList();
        visit();
        _tested.ExceptWith(added);
    }

    /// <summary>Collects the fields and variables an expression reads (for <c>recipient.NAME</c>, the field).</summary>
    private static void CollectRoots(ScriptNode? node, List<string> roots)
    {
        switch (node)
        {
            case null:
                return;
            case ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "recipient" }, Member: ScriptVariable { Name: var field } }:
                roots.Add(field);
                return;
            case ScriptVariableGlobal { Name: var name }:
                roots.Add(name);
                return;
            case ScriptMemberExpression { Target: var target }:
                // The member's name is no variable of its own.
                CollectRoots(target, roots);
                return;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            CollectRoots(node.GetChildren(i), roots);
        }
    }

    /// <summary>
    /// Binds a loop's variable and, while its body is visited, remembers the recipient field the loop goes over
    /// (<c>for p in purchases</c>), or the member of an outer loop's variable (<c>for i in o.items</c>), so that a
    /// member read of the variable (<c>p.name</c>) is required of every item.
    /// </summary>
    /// <remarks>A loop's <c>else</c> runs only when the loop writes no item: a branch, as its body is.</remarks>
    private void VisitLoop(ScriptNode node, ScriptExpression? variable, ScriptExpression? iterator, ScriptList<ScriptNamedArgument>? arguments, ScriptNode? body, ScriptNode? otherwise)
    {
        if (variable is not ScriptVariable { Name: var name } loopVariable)
        {
            VisitBranching(node, body, otherwise);
            return;
        }

        // A loop with 'limit:', 'offset:' or 'reversed' may not reach every item: its items are not checked ahead; nor
        // does one whose variable takes the name its list is read through ('for p in p.lines'), which is visited after.
        var list = arguments is { Count: > 0 } ? null : LoopList(iterator);
        list = list?.List.Field == name ? null : list;
        var outer = _loops.TryGetValue(name, out var shadowed);

        // The loop's variable is a new binding: a test of an outer value of that name does not guard it.
        var untested = _tested.Remove(name);
        if (list is { } known)
        {
            _loops[name] = known;
        }
        else
        {
            _loops.Remove(name);
        }

        VisitBranching(node, loopVariable, body, body, otherwise);
        if (outer)
        {
            _loops[name] = shadowed!;
        }
        else
        {
            _loops.Remove(name);
        }

        if (untested)
        {
            _tested.Add(name);
        }
    }

    /// <summary>
    /// The list a loop goes over when it is a recipient field's (or a member of an outer loop's variable), with the read
    /// that starts it at run time: that of the outermost list, where the members of its items are checked.
    /// </summary>
    private (MemberPath List, ScriptNode Trigger, bool InBranch)? LoopList(ScriptExpression? iterator)
    {
        if (FieldPath(iterator) is { } field)
        {
            return (field, RootVariable(iterator)!, _branchDepth > 0 || MaybeSet(field));
        }

        return iterator is not null && _loops.Count > 0 && ItemPath(iterator) is { } item && _loops[item.Field] is var outer
            ? (item, outer.Trigger, outer.InBranch)
            : null;
    }

    public override void Visit(ScriptAssignExpression node)
    {
        if (node.Target is not ScriptVariable && RootVariable(node.Target) is ScriptVariableGlobal { Name: var root } && !_bound.Contains(root) && ScriptEnvironment.IsBuiltin(root))
        {
            BuiltinAssignments.Add((node.Target!.ToString(), node.Target));
        }

        // The value is read first: in 'x = x + 1' the right's x is the recipient's until the template has set one.
        Visit(node.Value);
        if (node.Target is ScriptVariableGlobal { Name: var name })
        {
            Assign(name);
        }
        else if (node.Target is not ScriptVariable)
        {
            Visit(node.Target);
        }
    }

    /// <summary>The variable an assignment target such as <c>a.b[0].c</c> starts from.</summary>
    private static ScriptVariable? RootVariable(ScriptExpression? target) => target switch
    {
        ScriptMemberExpression member => RootVariable(member.Target),
        ScriptIndexerExpression indexer => RootVariable(indexer.Target),
        ScriptNestedExpression nested => RootVariable(nested.Expression),
        ScriptVariable variable => variable,
        _ => null,
    };

    public override void Visit(ScriptCaptureStatement node)
    {
        _captureDepth++;
        Visit(node.Body);
        _captureDepth--;
        if (node.Target is ScriptVariableGlobal { Name: var name })
        {
            Assign(name);
        }
    }

    public override void Visit(ScriptFunction node)
    {
        // Defined where the statement runs (a body calling itself runs after); its parameters are bound in its body only.
        if (node.NameOrDoToken is ScriptVariableGlobal name)
        {
            Assign(name.Name);
        }

        // A function's body runs where (and whether) it is called: the variables of loops around its definition may be
        // gone by then, and the names the recipient's (see BindingOf).
        _branchDepth++;
        _scopes.Add((string.Empty, Scope.Function));
        VisitScoped(node.Body, node.Parameters?.Select(static p => p.Name?.Name).OfType<string>() ?? [], Scope.Parameter);
        _scopes.RemoveAt(_scopes.Count - 1);
        _branchDepth--;
    }

    public override void Visit(ScriptObjectMember node)
    {
        // The member's name, as in '{ city: "Oslo" }', is a key of the new object, not a read of a field.
        if (node.Name is not ScriptVariable)
        {
            Visit(node.Name);
        }

        Visit(node.Value);
    }

    public override void Visit(ScriptPipeCall node)
    {
        if (node.To is not null)
        {
            _calledTargets.Add((node.To is ScriptFunctionCall { Target: { } target } ? target : node.To, true));
        }

        if (node.To is not null && IsDefaultCall(node.To))
        {
            _guardDepth++;
            Visit(node.From);
            _guardDepth--;
            Visit(node.To);
            return;
        }

        base.Visit(node);
    }

    public override void Visit(ScriptBinaryExpression node)
    {
        if (node.Operator is ScriptBinaryOperator.EmptyCoalescing)
        {
            _guardDepth++;
            Visit(node.Left);
            _guardDepth--;
            Visit(node.Right);
            return;
        }

        RecordArmComparison(node);

        // Scriban evaluates the right of '&&' and '||' only as the left asks (and that of '??' always).
        if (node.Operator is ScriptBinaryOperator.And or ScriptBinaryOperator.Or)
        {
            VisitBranching(node, node.Right);
            return;
        }

        base.Visit(node);
    }

    private void RecordArmComparison(ScriptBinaryExpression node)
    {
        if (node.Operator is not (ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual))
        {
            return;
        }

        var (member, literal) = (node.Left, node.Right) switch
        {
            (ScriptMemberExpression m, ScriptLiteral { Value: string }) => (m, (ScriptLiteral)node.Right),
            (ScriptLiteral { Value: string }, ScriptMemberExpression m) => (m, (ScriptLiteral)node.Left),
            _ => (null, null),
        };
        if (member is { Target: ScriptVariable { Name: "experiment" }, Member.Name: { } experiment } && literal is { Value: string arm } && !_bound.Contains("experiment"))
        {
            ArmComparisons.Add((experiment, arm, literal));
        }
    }

    public override void Visit(ScriptFunctionCall node)
    {
        if (node.Target is ScriptVariable { Name: "slot" })
        {
            if (_captureDepth > 0)
            {
                InvalidSlotCalls.Add(("'slot' places its modules where the template writes it; inside 'capture' they would become text. Place the slot outside the capture.", node));
            }
            else if (node.Arguments.Count == 1 && node.Arguments[0] is ScriptLiteral { Value: string slot })
            {
                Slots.Add((slot, node));
            }
            else
            {
                InvalidSlotCalls.Add(("'slot' takes exactly one slot id in quotes, as in {{ slot \"hero\" }}.", node));
            }

            return;
        }

        // A pipe's function (x | f 2) was noted as piped into; any other call is noted here.
        if (node.Target is { } called && !_calledTargets.Exists(c => ReferenceEquals(c.Target, called)))
        {
            _calledTargets.Add((called, false));
        }

        base.Visit(node);
    }

    public override void Visit(ScriptUnaryExpression node)
    {
        if (node.Operator == ScriptUnaryOperator.FunctionAlias && node.Right is { } aliased)
        {
            _owners.Add(aliased);
        }

        base.Visit(node);
    }

    public override void Visit(ScriptMemberExpression node)
    {
        _owners.Add(node.Target!);
        if (node.Target is ScriptVariable { Name: var owner } && !_bound.Contains(owner))
        {
            var member = node.Member?.Name ?? string.Empty;
            if (owner == "segment")
            {
                Segments.Add((member, node));
                return;
            }

            if (owner == "experiment")
            {
                Experiments.Add((member, node));
                return;
            }

            if (Array.IndexOf(ScriptEnvironment.Forbidden, owner + "." + member) >= 0)
            {
                ForbiddenUses.Add((owner + "." + member, node));
                return;
            }
        }

        RecordPath(node);

        // Only the target is a variable; the member name is not a field of the recipient.
        Visit(node.Target);
    }

    public override void Visit(ScriptIndexerExpression node)
    {
        _owners.Add(node.Target!);
        RecordPath(node);
        base.Visit(node);
    }

    /// <summary>Records a chain of member reads (<c>a.b.c</c>, <c>a["b"]</c>) that starts at a recipient field.</summary>
    private void RecordPath(ScriptExpression node)
    {
        var path = _loops.Count > 0 && ItemPath(node) is { } item ? item : FieldPath(node);
        if (path is null)
        {
            return;
        }

        var key = $"{path.Items?.Text}\n{path.Qualified}\n{path.Field}\n{string.Join('\n', path.Members)}";
        var guarded = _guardDepth > 0 || (path.Members.Length > 0 && _tested.Contains(path.Field));
        if (!_paths.TryGetValue(key, out var known))
        {
            _paths.Add(key, known = (path, new Reads(node)));
        }

        // A loop variable's path is checked of every item where the outermost list is read.
        var (trigger, inBranch) = path.Items is null ? (RootVariable(node)!, _branchDepth > 0 || MaybeSet(path)) : (_loops[path.Field].Trigger, _loops[path.Field].InBranch);
        known.Reads.Add(node, trigger, guarded, inBranch);
    }

    /// <summary>The chain of member reads a recipient field starts (<c>address.city</c>, <c>recipient.nickname</c>), or null.</summary>
    private MemberPath? FieldPath(ScriptExpression? node)
    {
        var members = new List<string>();
        if (!CollectPath(node, members, out var root))
        {
            return null;
        }

        var qualified = root == "recipient" && members.Count > 0;
        if (qualified)
        {
            root = members[0];
            members.RemoveAt(0);
        }
        else if (!CouldBeField(root) || _loops.ContainsKey(root) || BindingOf(root) == Binding.Bound)
        {
            return null;
        }

        return new MemberPath(root, [.. members], qualified, node!.ToString() ?? root);
    }

    /// <summary>The chain of member reads a loop variable over a recipient field starts (<c>p.name</c> in <c>for p in purchases</c>), or null.</summary>
    private MemberPath? ItemPath(ScriptExpression node)
    {
        var members = new List<string>();
        return CollectPath(node, members, out var root) && members.Count > 0 && _loops.TryGetValue(root, out var loop)
            ? new MemberPath(root, [.. members], Qualified: false, node.ToString() ?? root) { Items = loop.List }
            : null;
    }

    /// <summary>
    /// Collects the members a chain reads, from its root variable out; false when a link is not a plain member or a
    /// quoted index (a computed index, a call, <c>empty?</c>, which Scriban answers itself).
    /// </summary>
    private static bool CollectPath(ScriptExpression? expression, List<string> members, out string root)
    {
        root = string.Empty;
        switch (expression)
        {
            case ScriptMemberExpression { Target: var target, Member: ScriptVariable { Name: var name } } when !name.EndsWith('?') && CollectPath(target, members, out root):
                members.Add(name);
                return true;
            case ScriptIndexerExpression { Target: var target, Index: ScriptLiteral { Value: string key } } when CollectPath(target, members, out root):
                members.Add(key);
                return true;
            case ScriptVariableGlobal { Name: var name }:
                root = name;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Gets whether a top-level name may be a recipient field: none of the names the runtime or the builtins answer.</summary>
    private bool CouldBeField(string name) =>
        name != "slot"
        && Array.IndexOf(RuntimeNames, name) < 0
        && Array.IndexOf(ScriptEnvironment.Forbidden, name) < 0
        && !ScriptEnvironment.IsBuiltin(name)
        && !_predefined.Contains(name);

    public override void Visit(ScriptVariableGlobal node) => Record(node);

    public override void Visit(ScriptVariableLocal node)
    {
        // $locals are always template-bound, never recipient fields.
    }

    private void Record(ScriptVariable node)
    {
        var name = node.Name;
        if (name == "slot")
        {
            InvalidSlotCalls.Add(("'slot' must be called with a slot id in quotes, as in {{ slot \"hero\" }}.", node));
            return;
        }

        if (Array.IndexOf(RuntimeNames, name) >= 0)
        {
            return;
        }

        if (Array.IndexOf(ScriptEnvironment.Forbidden, name) >= 0)
        {
            ForbiddenUses.Add((name, node));
            return;
        }

        if (ScriptEnvironment.IsBuiltin(name))
        {
            // 'empty' and 'blank' are values; the other builtins are functions and groups of them.
            if (name is not ("empty" or "blank") && !_bound.Contains(name))
            {
                _builtinReads.Add(node);
            }

            return;
        }

        if (_predefined.Contains(name))
        {
            PredefinedUsed.Add(name);
            return;
        }

        // A name the template has surely set (or binds here) is its own; one it may have set is the recipient's only if it did not.
        var binding = BindingOf(name);
        if (binding == Binding.Bound)
        {
            return;
        }

        if (!_fields.TryGetValue(name, out var reads))
        {
            _fields.Add(name, reads = new Reads(node));
        }

        reads.Add(node, node, _guardDepth > 0, _branchDepth > 0 || binding == Binding.Maybe);
    }

    /// <summary>Whether a path read here starts at a name that may be the recipient's (see <see cref="Binding.Maybe"/>): then it is checked only where it is.</summary>
    private bool MaybeSet(MemberPath path) => !path.Qualified && BindingOf(path.Field) == Binding.Maybe;

    /// <summary>The name a pipe target uses that nothing defines, or null when it names a function or is not a plain name.</summary>
    private (string Name, IEnumerable<string> Known, ScriptNode Node)? UnknownFunction(ScriptExpression target)
    {
        switch (target)
        {
            case ScriptVariableGlobal { Name: var name } when IsUnknownName(name):
                return (name, ScriptEnvironment.Builtins.Keys.Concat(_bound), target);

            case ScriptMemberExpression { Target: ScriptVariableGlobal { Name: var owner }, Member.Name: { } member } when !_bound.Contains(owner):
                if (ScriptEnvironment.Builtins[owner] is ScriptObject members)
                {
                    // A forbidden member (object.eval) is gone from the builtins and already reported as forbidden.
                    return members.ContainsKey(member) || Array.IndexOf(ScriptEnvironment.Forbidden, owner + "." + member) >= 0
                        ? null
                        : ($"{owner}.{member}", members.Keys.Select(k => $"{owner}.{k}"), target);
                }

                return IsUnknownName(owner)
                    ? ($"{owner}.{member}", ScriptEnvironment.Builtins.Where(static b => b.Value is ScriptObject).Select(b => $"{b.Key}.{member}"), target)
                    : null;

            default:
                return null;
        }
    }

    private bool IsUnknownName(string name) =>
        !_bound.Contains(name)
        && !_predefined.Contains(name)
        && !ScriptEnvironment.IsBuiltin(name)
        && Array.IndexOf(ScriptEnvironment.ReservedNames, name) < 0
        && Array.IndexOf(ScriptEnvironment.Forbidden, name) < 0
        && name != "this";

    /// <summary>
    /// Whether the stages a value is piped into fall back with <c>default</c>: <c>x | default "y"</c>, and also a later
    /// stage, as in <c>x | default "y" | string.capitalize</c> or <c>x | string.strip | default "y"</c>, which Scriban
    /// nests on the right (<c>x | (default "y" | string.capitalize)</c>): a missing <c>x</c> is null, and falls back.
    /// </summary>
    private static bool IsDefaultCall(ScriptExpression to) => to switch
    {
        ScriptPipeCall { From: { } first, To: { } rest } => IsDefaultCall(first) || IsDefaultCall(rest),
        ScriptFunctionCall { Target: { } target } => IsDefaultName(target),
        _ => IsDefaultName(to),
    };

    private static bool IsDefaultName(ScriptExpression expression) => expression switch
    {
        ScriptVariable { Name: "default" } => true,
        ScriptMemberExpression { Target: ScriptVariable { Name: "object" }, Member.Name: "default" } => true,
        _ => false,
    };

    /// <summary>What binds a name in <see cref="_scopes"/>, or where a function's body begins.</summary>
    private enum Scope
    {
        Loop,
        Parameter,
        Function,
    }

    /// <summary>What a name read at some point of the template is.</summary>
    private enum Binding
    {
        /// <summary>The recipient's field: the template has not bound the name.</summary>
        None,

        /// <summary>A loop's variable read in a function defined in the loop: the loop's where the function is called in it, the recipient's after.</summary>
        Maybe,

        /// <summary>The template's own: in scope (a loop's variable, a parameter), or set before.</summary>
        Bound,
    }

    /// <summary>How a template reads one recipient field or member path.</summary>
    /// <param name="first">The first read.</param>
    private sealed class Reads(ScriptNode first)
    {
        /// <summary>Gets the first read without a guard, or the first read when all have one.</summary>
        public ScriptNode Node { get; private set; } = first;

        /// <summary>Gets whether every read has a guard (a <c>default</c>, a test of the field).</summary>
        public bool Guarded { get; private set; } = true;

        /// <summary>Gets the first read without a guard made wherever the template goes; null when there is none.</summary>
        public ScriptNode? Always { get; private set; }

        /// <summary>Gets the reads without a guard made only where the template may not go, each with the read of a field that starts it.</summary>
        public List<(ScriptNode Node, ScriptNode Trigger)> InBranches { get; } = [];

        public void Add(ScriptNode node, ScriptNode trigger, bool guarded, bool inBranch)
        {
            if (guarded)
            {
                return;
            }

            if (Guarded)
            {
                (Node, Guarded) = (node, false);
            }

            if (inBranch)
            {
                InBranches.Add((node, trigger));
            }
            else
            {
                Always ??= node;
            }
        }
    }
}
