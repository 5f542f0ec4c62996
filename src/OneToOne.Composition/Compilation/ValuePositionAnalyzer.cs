using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Rendering;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Finds, at compile time, where each expression of a Markdown or HTML template writes its value, so that the value
/// is escaped for that place (see <see cref="ValuePosition"/>) on both render paths. Every expression becomes a
/// private-use token in the template's text (all branches and loop bodies once); Markdown is parsed for code spans
/// and code blocks, then converted to HTML; a small HTML tokenizer then reads the HTML around each token: text, a
/// quoted attribute, a URL attribute, or a place no escaping makes safe (a script or style element, an event handler,
/// a style attribute, an unquoted attribute value, a tag or attribute name), which is a compile error. A complete HTML5
/// parser then reads the same HTML again (<see cref="BrowserValueCheck"/>), and refuses any value it puts in a stricter
/// place than the tokenizer found.
/// </summary>
internal static class ValuePositionAnalyzer
{
    private const char TokenStart = '\uE002';
    private const char TokenEnd = '\uE003';

    /// <summary>Elements whose content a browser reads as text up to their end tag (escaped values are text there).</summary>
    private static readonly HashSet<string> TextOnlyElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    /// <summary>Elements after whose start the tokenizer here cannot tell for certain where a value lands.</summary>
    private static readonly HashSet<string> UncertainElements = new(StringComparer.OrdinalIgnoreCase) { "svg", "math", "noscript" };

    /// <summary>Attributes whose value is a URL (HTML, SVG): a value at their start could choose the scheme.</summary>
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "srcset", "action", "formaction", "xlink:href", "cite", "background", "poster", "longdesc", "usemap",
        "data", "codebase", "manifest", "ping", "icon", "classid", "archive", "profile", "lowsrc", "dynsrc", "xml:base",

        // SVG animation (<animate>, <set>) sets another attribute, href included, from these.
        "values", "to", "from", "by",
    };

    /// <summary>
    /// Sets the template's <see cref="CompiledTemplate.Positions"/> (left null when every value is text), or reports each
    /// value in a place that cannot be made safe as <see cref="DiagnosticCodes.UnsafeValuePosition"/>. The template is
    /// read with every branch and loop body written once, then once more for each way each branch or loop can go on its
    /// own (an <c>if</c> taking one branch or none, a loop running no times or twice), so that markup opened in one
    /// branch cannot hide where a value lands in another; a value gets the strictest position any reading finds. A slot,
    /// and the name <c>placed</c> (a layout's <c>content</c>, whose HTML the runtime writes as it is), may stand only in text.
    /// </summary>
    /// <returns>False when the template has an error.</returns>
    public static bool Analyze(CompiledTemplate template, SourceText text, bool markdown, string what, DiagnosticBag diagnostics, string? placed = null)
    {
        var flattening = new Flattening();
        var flattened = flattening.Write(template.Template.Page, null);
        if (flattening.TooManyCalls is { } calls)
        {
            diagnostics.Error(DiagnosticCodes.UnsafeValuePosition, ScriptCompiler.Map(text, calls),
                $"In {what}: the template's functions call each other in more places than can be checked ({Flattening.MaxInlined}); what a function writes lands where it is called, and each such place is read. Call fewer functions from functions, or return values with 'ret' instead of writing them.");
            return false;
        }

        var expressions = flattening.Expressions;
        if (expressions.Count == 0)
        {
            return true;
        }

        var positions = new ValuePosition?[expressions.Count];
        var problems = new List<(int Token, string Problem)>();
        // A slot places whole modules, HTML blocks: only in text, never in an attribute or a URL.
        var slots = Enumerable.Range(0, expressions.Count)
            .Where(i => IsSlot(expressions[i]) || (placed is not null && expressions[i] is ScriptVariable { Name: var name } && name == placed))
            .ToHashSet();
        Read(flattened, markdown, codeCertain: !flattening.Branched, positions, problems, slots);
        if (placed is not null && !markdown && !WholeMessageInFlow(flattened, expressions, slots, text, what, diagnostics))
        {
            return false;
        }

        var refused = problems.Select(static p => p.Token).ToHashSet();
        foreach (var variant in flattening.Branchings.SelectMany(Variants))
        {
            var variantPositions = new ValuePosition?[expressions.Count];
            var variantProblems = new List<(int Token, string Problem)>();
            Read(flattening.Write(template.Template.Page, variant), markdown, codeCertain: false, variantPositions, variantProblems, slots);
            foreach (var (token, problem) in variantProblems)
            {
                if (refused.Add(token))
                {
                    var at = ScriptCompiler.Map(text, variant.Statement);
                    problems.Add((token, $"{problem} (So it is when the {variant.Description} at line {at.Line}, column {at.Column}.)"));
                }
            }

            for (var i = 0; i < positions.Length; i++)
            {
                if (Rank(variantPositions[i]) > Rank(positions[i]))
                {
                    positions[i] = variantPositions[i];
                }
            }
        }

        var reported = new HashSet<int>();
        foreach (var (token, problem) in problems)
        {
            // Text that only looks like a token (the template's own private-use characters) has no expression. A function's
            // value is read once for each place the function is called: one diagnostic for it is enough.
            if (token < expressions.Count && reported.Add(token))
            {
                diagnostics.Error(DiagnosticCodes.UnsafeValuePosition, ScriptCompiler.Map(text, expressions[token]), $"In {what}: {problem}");
            }
        }

        template.Positions = Found(expressions, positions);
        return problems.Count == 0;
    }

    /// <summary>
    /// Sets the <see cref="CompiledTemplate.Positions"/> of a plain-text template (a <c>text</c> override): a value that
    /// continues a URL written in the text (<c>https://example.com/o?c={{ code }}</c>, <c>mailto:…</c>, <c>tel:…</c>,
    /// <c>www.…</c>), with no white space between, is a URL part and percent-encoded, since mail clients make such a URL
    /// a link and data must not add parameters to it or end it early; every other value is text, written as it is.
    /// Every branch and loop is read each way it can go, as <see cref="Analyze"/> does; the strictest reading wins.
    /// </summary>
    /// <param name="template">The template.</param>
    public static void AnalyzeText(CompiledTemplate template)
    {
        var flattening = new Flattening();
        var flattened = flattening.Write(template.Template.Page, null);
        if (flattening.Expressions.Count == 0)
        {
            return;
        }

        var positions = new ValuePosition?[flattening.Expressions.Count];
        Mark(flattened, 0, flattened.Length, positions, PlainTextPosition);
        foreach (var variant in flattening.Branchings.SelectMany(Variants))
        {
            var written = flattening.Write(template.Template.Page, variant);
            Mark(written, 0, written.Length, positions, PlainTextPosition);
        }

        template.Positions = Found(flattening.Expressions, positions);
    }

    /// <summary>The positions other than text, by expression; null when every value is text.</summary>
    private static Dictionary<ScriptExpression, ValuePosition>? Found(List<ScriptExpression> expressions, ValuePosition?[] positions)
    {
        Dictionary<ScriptExpression, ValuePosition>? found = null;
        for (var i = 0; i < positions.Length; i++)
        {
            if (positions[i] is { } position and not ValuePosition.Text)
            {
                found ??= new Dictionary<ScriptExpression, ValuePosition>(ReferenceEqualityComparer.Instance);
                found[expressions[i]] = position;
            }
        }

        return found;
    }

    /// <summary>Where a value lands in plain text: in a URL's later part when it continues one, else in text.</summary>
    private static ValuePosition PlainTextPosition(string text, int at) => ContinuesUrl(text, at) ? ValuePosition.UrlPart : ValuePosition.Text;

    /// <summary>
    /// Whether the token at <paramref name="at"/> continues a URL that the text before it, back to white space (and past
    /// an opening bracket or quote), starts: with a scheme mail clients link (http, https, mailto, tel) or <c>www.</c>.
    /// </summary>
    private static bool ContinuesUrl(string text, int at)
    {
        var start = at;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        while (start < at && text[start] is '(' or '[' or '<' or '"' or '\'')
        {
            start++;
        }

        var before = text.AsSpan(start, at - start);
        if (before.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var scheme = before[..UriScheme.Length(before)];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase) || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// How strict a position is, for choosing between two readings: a URL's start (whose check and escaping hold in
    /// text too), then a URL's later part (percent-encoded, which holds in text too), then text.
    /// </summary>
    public static int Rank(ValuePosition? position) => position switch
    {
        ValuePosition.UrlStart => 2,
        ValuePosition.UrlPart => 1,
        _ => 0,
    };

    /// <summary>
    /// Reads one written form of a template: Markdown (its code spans and blocks only when <paramref name="codeCertain"/>)
    /// converted to HTML, then the HTML, by the tokenizer here and by a browser's parser.
    /// </summary>
    private static void Read(string written, bool markdown, bool codeCertain, ValuePosition?[] positions, List<(int Token, string Problem)> problems, HashSet<int> slots)
    {
        var html = written;
        if (markdown)
        {
            MarkdownDocument? document = null;
            if (codeCertain)
            {
                // Code positions write a value as it is (Markdown decodes no entities there), so they must be certain: with
                // branches or loops the text written can have another block structure than the flattened one (a list item
                // from one branch makes the indented line after it a paragraph, a fence in a loop body closes the next
                // time round), and there a value as it is could be Markdown or HTML. Such values are escaped as text.
                // Parsed once: FindCode only reads the document, and rendering it is what Markdown.ToHtml(written) does after
                // the same parse (no self pipeline here), so the HTML is the same.
                document = Markdown.Parse(written, MessageRenderer.Pipeline);
                FindCode(document, positions);
                if (ValueCanMakeAFence(written))
                {
                    // A value that starts a line whose own text is a fence ("{{ a }}```") opens or closes a fence when it
                    // is empty, and then what was code is Markdown: every value is escaped as text.
                    Array.Clear(positions);
                }
            }

            // Markdig percent-encodes a URL's non-ASCII characters, tokens included.
            html = (document is null ? Markdown.ToHtml(written, MessageRenderer.Pipeline) : Markdown.ToHtml(document, MessageRenderer.Pipeline))
                .Replace("%EE%80%82", TokenStart.ToString(), StringComparison.Ordinal)
                .Replace("%EE%80%83", TokenEnd.ToString(), StringComparison.Ordinal);
        }

        ReadHtml(html, positions, problems, slots);
        BrowserValueCheck.Check(html, positions, problems.Count == 0 ? FrozenSet<int>.Empty : problems.Select(static p => p.Token).ToHashSet(), problems);
    }

    /// <summary>
    /// Reports (OTO1208) a layout's message placed within a paragraph or a heading (<c>&lt;p&gt;Intro {{ content
    /// }}&lt;/p&gt;</c>): the message is blocks, paragraphs, headings and lists, which cannot stand there (browsers end
    /// the paragraph before the first and leave an empty one after the last). A <c>font</c>, <c>span</c> or link around
    /// the message is no such place: browsers keep it open around blocks.
    /// </summary>
    private static bool WholeMessageInFlow(string html, List<ScriptExpression> expressions, HashSet<int> placed, SourceText text, string what, DiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var token in placed)
        {
            var written = $"{TokenStart}{token.ToString(CultureInfo.InvariantCulture)}{TokenEnd}";
            for (var at = html.IndexOf(written, StringComparison.Ordinal); at >= 0; at = html.IndexOf(written, at + written.Length, StringComparison.Ordinal))
            {
                if (Rendering.InlineSlot.EndedBeforeABlock(html.AsSpan(0, at)) is { } element)
                {
                    diagnostics.Error(DiagnosticCodes.MessageWithinALine, ScriptCompiler.Map(text, expressions[token]),
                        $"In {what}: the message is placed within a <{element}>, which holds only words; the message's paragraphs, headings and lists cannot stand there (browsers end the <{element}> before them). Close the <{element}> before the message, or place it in a <div>, <main>, <td> or <body>.");
                    ok = false;
                    break;
                }
            }
        }

        return ok;
    }

    /// <summary>The ways a branch or loop can go on its own, each one reading of the template.</summary>
    private static IEnumerable<Variant> Variants(ScriptNode statement) => statement switch
    {
        ScriptIfStatement branch => branch.Else is { } otherwise
            ? [new(branch, branch.Then, 1, "{{ if }} takes its first branch"), new(branch, otherwise, 1, "{{ if }} takes its other branch")]
            : [new(branch, branch.Then, 1, "{{ if }} takes its branch"), new(branch, null, 0, "{{ if }} is false")],
        ScriptWhenStatement choice => choice.Next is { } next
            ? [new(choice, choice.Body, 1, "{{ when }} matches"), new(choice, next, 1, "{{ when }} does not match")]
            : [new(choice, choice.Body, 1, "{{ when }} matches"), new(choice, null, 0, "{{ when }} does not match")],
        _ => [new(statement, null, 0, "loop runs no times"), new(statement, null, 2, "loop runs more than once")],
    };

    /// <summary>One way a branching statement can go: only <see cref="Keep"/> written, or the whole statement <see cref="Times"/> times.</summary>
    private sealed record Variant(ScriptNode Statement, ScriptNode? Keep, int Times, string Description);

    /// <summary>
    /// Writes a template's output with a token per expression: every branch and loop body once (or one
    /// <see cref="Variant"/>'s way), captures left out (their output is a value, written where that value is). A function
    /// writes its output where it is called, not where it is defined: its body (text and values) is written in at each
    /// statement that names it (calls it, pipes into it, or passes it on), before that statement's own value, and not
    /// where it is defined. The first writing numbers the expressions and lists the branching statements.
    /// </summary>
    private sealed class Flattening
    {
        /// <summary>The most places function bodies are written in at, in one writing of the template.</summary>
        public const int MaxInlined = 256;

        private readonly Dictionary<ScriptExpression, int> numbers = new(ReferenceEqualityComparer.Instance);

        /// <summary>The functions each name may hold: a <c>func</c> of that name, or a function (or a function's name) assigned to it.</summary>
        private readonly Dictionary<string, List<ScriptFunction>> functions = new(StringComparer.Ordinal);

        /// <summary>The functions being written in just now, by how deep each is: a function that calls itself is written once.</summary>
        private readonly Dictionary<ScriptFunction, int> inlining = new(ReferenceEqualityComparer.Instance);

        /// <summary>The blocks of the <c>wrap</c> statements whose functions are being written in, innermost on top.</summary>
        private readonly Stack<ScriptNode> wraps = new();

        /// <summary>The functions found to write nothing (no text, no value) in the first writing, where every branch is written.</summary>
        private readonly HashSet<ScriptFunction> silent = new(ReferenceEqualityComparer.Instance);

        /// <summary>The text of a writing, kept for the next one: a template is written once and again for every way each of its branches and loops can go.</summary>
        private readonly StringBuilder writing = new();

        private bool collected;
        private int inlined;

        /// <summary>
        /// The least depth of a function whose call was left out (one being written in, called again) in the function being
        /// written in; -1 when a call past <see cref="MaxInlined"/> was left out; <see cref="int.MaxValue"/> when none was.
        /// </summary>
        private int cut = int.MaxValue;

        public List<ScriptExpression> Expressions { get; } = [];

        /// <summary>The template's <c>if</c>s, <c>when</c>s and loops, each of which can go more than one way.</summary>
        public List<ScriptNode> Branchings { get; } = [];

        /// <summary>Whether the template has a branch, a loop or a <c>with</c> block, or calls a function that writes.</summary>
        public bool Branched { get; private set; }

        /// <summary>A function whose calls are too many to write in, when there is one.</summary>
        public ScriptNode? TooManyCalls { get; private set; }

        public string Write(ScriptNode? page, Variant? variant)
        {
            if (!collected)
            {
                collected = true;
                CollectFunctions(page);
            }

            inlined = 0;
            cut = int.MaxValue;
            Write(page, writing.Clear(), variant);
            return writing.ToString();
        }

        private void Write(ScriptNode? node, StringBuilder text, Variant? variant)
        {
            switch (node)
            {
                case null or ScriptCaptureStatement or ScriptFunction:
                    return;
                case ScriptWrapStatement { Body: { } wrapped } when functions.Count > 0:
                    // 'wrap f' runs f, and f writes the wrapped block where it reads '$$' (it is read after f too: f may not).
                    wraps.Push(wrapped);
                    WriteCalledFunctions(node, text, variant);
                    wraps.Pop();
                    break;
                case ScriptStatement and not (ScriptBlockStatement or ScriptRawStatement or ScriptEscapeStatement) when functions.Count > 0:
                    // What the functions this statement calls write comes before anything the statement writes itself.
                    WriteCalledFunctions(node, text, variant);
                    break;
            }

            switch (node)
            {
                case ScriptConditionStatement or ScriptLoopStatementBase or ScriptWithStatement when variant is null:
                    Branched = true;
                    if (node is ScriptIfStatement or ScriptWhenStatement or ScriptLoopStatementBase && !Branchings.Contains(node))
                    {
                        Branchings.Add(node);
                    }

                    break;
                case ScriptRawStatement raw:
                    // The slice itself, not a copy of it as a string of its own.
                    if (raw.Text.FullText is { } full)
                    {
                        text.Append(full, raw.Text.Index, raw.Text.Length);
                    }

                    return;
                case ScriptExpressionStatement { Expression: { } expression }:
                    if (expression is ScriptVariable { Name: "$$" } && wraps.Count > 0)
                    {
                        var wrapped = wraps.Pop();
                        Write(wrapped, text, variant);
                        wraps.Push(wrapped);
                    }

                    if (expression is not ScriptAssignExpression)
                    {
                        if (!numbers.TryGetValue(expression, out var number))
                        {
                            numbers[expression] = number = Expressions.Count;
                            Expressions.Add(expression);
                        }

                        text.Append(TokenStart).Append(number.ToString(CultureInfo.InvariantCulture)).Append(TokenEnd);
                    }

                    return;
            }

            if (ReferenceEquals(node, variant?.Statement))
            {
                if (variant.Keep is { } keep)
                {
                    Write(keep, text, variant);
                    return;
                }

                for (var time = 0; time < variant.Times; time++)
                {
                    WriteChildren(node, text, variant);
                }

                return;
            }

            WriteChildren(node, text, variant);
        }

        private void WriteChildren(ScriptNode node, StringBuilder text, Variant? variant)
        {
            for (var i = 0; i < node.ChildrenCount; i++)
            {
                Write(node.GetChildren(i), text, variant);
            }
        }

        /// <summary>Writes in the body of each function a statement's own expressions (not its nested statements) name or define.</summary>
        private void WriteCalledFunctions(ScriptNode statement, StringBuilder text, Variant? variant)
        {
            for (var i = 0; i < statement.ChildrenCount; i++)
            {
                if (statement.GetChildren(i) is { } child and not ScriptStatement)
                {
                    WriteFunctionsIn(child, text, variant);
                }
            }
        }

        private void WriteFunctionsIn(ScriptNode node, StringBuilder text, Variant? variant)
        {
            switch (node)
            {
                case ScriptFunction function:
                    // A function written in an expression ('do … end' passed to a call) runs there.
                    WriteFunction(function, text, variant);
                    return;
                case ScriptAssignExpression { Value: ScriptAnonymousFunction }:
                    // 'f = do … end' only names the function: it runs where 'f' is called.
                    return;
                case ScriptVariable variable when functions.TryGetValue(variable.Name, out var named):
                    foreach (var function in named)
                    {
                        WriteFunction(function, text, variant);
                    }

                    break;
                case ScriptThisExpression:
                    // 'this' is the scope that holds the functions: this["f"] or this[name] may call any of them.
                    foreach (var function in functions.Values.SelectMany(static f => f).Distinct())
                    {
                        WriteFunction(function, text, variant);
                    }

                    break;
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (node.GetChildren(i) is { } child && child is ScriptFunction or not ScriptStatement)
                {
                    WriteFunctionsIn(child, text, variant);
                }
            }
        }

        private void WriteFunction(ScriptFunction function, StringBuilder text, Variant? variant)
        {
            if (function.Body is not { } body || silent.Contains(function))
            {
                return;
            }

            if (inlining.TryGetValue(function, out var calling))
            {
                cut = Math.Min(cut, calling);
                return;
            }

            if (++inlined > MaxInlined)
            {
                TooManyCalls ??= function;
                cut = -1;
                return;
            }

            var depth = inlining.Count;
            inlining.Add(function, depth);
            var start = text.Length;
            var outerCut = cut;
            cut = int.MaxValue;
            Write(body, text, variant);
            inlining.Remove(function);
            var whole = cut >= depth;
            if (text.Length == start && whole && variant is null)
            {
                // It writes nothing (it returns its value with 'ret', which lands where it is called as that call's
                // value): every branch and loop body was written once here, and no call was left out but its own calls of
                // itself (which write what it writes: nothing), so it writes nothing in any reading. It is not written in
                // again, nor counted.
                silent.Add(function);
                inlined--;
            }
            else if (text.Length != start)
            {
                // Its output lands at each place it is called: where it stands in the template's Markdown is no longer certain.
                Branched = true;
            }

            // A call of this function from within it is complete here; a call of one it was called from is not.
            cut = whole ? outerCut : Math.Min(outerCut, cut);
        }

        /// <summary>
        /// Finds the template's functions by the names that may hold them: <c>func NAME</c>, and a variable assigned a
        /// function (<c>f = do … end</c>) or what names one (<c>g = @f</c>), until no assignment adds one.
        /// </summary>
        private void CollectFunctions(ScriptNode? page)
        {
            var assignments = new List<(string Target, ScriptExpression Value)>();
            var parameters = new HashSet<string>(StringComparer.Ordinal);
            var passed = new List<ScriptExpression>();
            Collect(page, assignments, parameters, passed);

            // A function passed to another ('g @f', 'g do … end') is called there by the parameter's name ('{{ h }}'):
            // each parameter may hold any function passed anywhere.
            foreach (var parameter in parameters)
            {
                foreach (var value in passed)
                {
                    assignments.Add((parameter, value));
                }
            }

            for (var changed = assignments.Count > 0; changed;)
            {
                changed = false;
                foreach (var (target, value) in assignments)
                {
                    foreach (var function in FunctionsIn(value))
                    {
                        changed |= Add(target, function);
                    }
                }
            }
        }

        private void Collect(ScriptNode? node, List<(string Target, ScriptExpression Value)> assignments, HashSet<string> parameters, List<ScriptExpression> passed)
        {
            switch (node)
            {
                case null:
                    return;
                case ScriptFunction function:
                    if (function.NameOrDoToken is ScriptVariable name)
                    {
                        Add(name.Name, function);
                    }

                    foreach (var parameter in function.Parameters ?? [])
                    {
                        if (parameter.Name is { } parameterName)
                        {
                            parameters.Add(parameterName.Name);
                        }
                    }

                    break;
                case ScriptAssignExpression { Target: { } target, Value: { } value } when Root(target) is { } root:
                    // 'o.g = @f' or 'a[0] = @f' puts the function in o or a: reading o.g or a[0] reads o or a.
                    assignments.Add((root.Name, value));
                    break;
                case ScriptFunctionCall call:
                    passed.AddRange(call.Arguments.Where(PassesAFunction));
                    break;
                case ScriptPipeCall { From: { } from } when PassesAFunction(from):
                    passed.Add(from);
                    break;
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                Collect(node.GetChildren(i), assignments, parameters, passed);
            }
        }

        /// <summary>The variable an assignment's target is in: itself, or the object or list whose member or item it is.</summary>
        private static ScriptVariable? Root(ScriptExpression target) => target switch
        {
            ScriptVariable variable => variable,
            ScriptMemberExpression { Target: { } inner } => Root(inner),
            ScriptIndexerExpression { Target: { } inner } => Root(inner),
            ScriptNestedExpression { Expression: { } inner } => Root(inner),
            _ => null,
        };

        /// <summary>Whether an argument hands a function over (<c>@f</c>, <c>do … end</c>) rather than a value.</summary>
        private static bool PassesAFunction(ScriptNode? argument) => argument switch
        {
            null => false,
            ScriptFunction or ScriptUnaryExpression { Operator: ScriptUnaryOperator.FunctionAlias } => true,
            _ => Enumerable.Range(0, argument.ChildrenCount).Any(i => PassesAFunction(argument.GetChildren(i))),
        };

        /// <summary>The functions an expression defines or names.</summary>
        private List<ScriptFunction> FunctionsIn(ScriptNode node)
        {
            var found = new List<ScriptFunction>();
            void Find(ScriptNode? at)
            {
                switch (at)
                {
                    case null:
                        return;
                    case ScriptFunction function:
                        found.Add(function);
                        return;
                    case ScriptVariable variable when functions.TryGetValue(variable.Name, out var named):
                        found.AddRange(named);
                        break;
                    case ScriptThisExpression:
                        found.AddRange(functions.Values.SelectMany(static f => f));
                        break;
                }

                for (var i = 0; i < at.ChildrenCount; i++)
                {
                    Find(at.GetChildren(i));
                }
            }

            Find(node);
            return found;
        }

        private bool Add(string name, ScriptFunction function)
        {
            if (!functions.TryGetValue(name, out var named))
            {
                functions[name] = named = [];
            }

            if (named.Contains(function))
            {
                return false;
            }

            named.Add(function);
            return true;
        }
    }

    /// <summary>Whether an attribute's value is a URL (HTML, SVG), where a value at its start could choose the scheme.</summary>
    public static bool IsUrlAttribute(string name) => UrlAttributes.Contains(name);

    /// <summary>Marks the tokens in Markdown code spans and code blocks, where Markdown does not decode entities.</summary>
    private static void FindCode(MarkdownDocument document, ValuePosition?[] positions)
    {
        foreach (var node in document.Descendants())
        {
            if (node is CodeInline code)
            {
                Mark(code.Content, 0, code.Content.Length, positions, static (_, _) => ValuePosition.CodeSpan);
            }
            else if (node is CodeBlock block)
            {
                var fenced = block is FencedCodeBlock;
                for (var i = 0; i < block.Lines.Count; i++)
                {
                    var line = block.Lines.Lines[i].Slice.ToString();
                    // Where only white space and other values come before it, a value may start the line, and so close a fence.
                    Mark(line, 0, line.Length, positions, (text, at) => fenced && StartsLine(text, at) ? ValuePosition.FenceLine : ValuePosition.CodeBlock);
                }
            }
        }
    }

    /// <summary>Whether a line starts with a value (after white space and other values) and the rest of its text is a fence run.</summary>
    private static bool ValueCanMakeAFence(string source)
    {
        foreach (var line in source.Split('\n'))
        {
            var text = line.TrimStart();
            if (text.Length == 0 || text[0] != TokenStart)
            {
                continue;
            }

            var rest = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == TokenStart)
                {
                    var end = text.IndexOf(TokenEnd, i);
                    i = end < 0 ? text.Length : end;
                }
                else if (!char.IsWhiteSpace(text[i]))
                {
                    rest.Append(text[i]);
                }
            }

            if (rest.Length > 0 && (rest.ToString().All(static c => c == '`') || rest.ToString().All(static c => c == '~')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsLine(string line, int at)
    {
        for (var i = 0; i < at; i++)
        {
            if (line[i] == TokenStart)
            {
                i = line.IndexOf(TokenEnd, i);
            }
            else if (!char.IsWhiteSpace(line[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads HTML as a browser tokenizes it, well enough to tell where each token stands.</summary>
    private static void ReadHtml(string html, ValuePosition?[] positions, List<(int Token, string Problem)> problems, HashSet<int> slots)
    {
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == TokenStart)
            {
                i = Mark(html, i, i + 1, positions, static (_, _) => ValuePosition.Text);
                continue;
            }

            if (c != '<' || i + 1 >= html.Length)
            {
                i++;
                continue;
            }

            var next = html[i + 1];
            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                // A comment: an escaped value cannot close it. It ends where a browser ends it: at "-->" or "--!>", or at
                // once for "<!-->" and "<!--->".
                var end = html.AsSpan(i + 4).StartsWith(">", StringComparison.Ordinal) ? i + 5
                    : html.AsSpan(i + 4).StartsWith("->", StringComparison.Ordinal) ? i + 6
                    : CommentEnd(html, i + 4);
                Mark(html, i, end, positions, static (_, _) => ValuePosition.Text);
                i = end;
            }
            else if (next == TokenStart || (next == '/' && i + 2 < html.Length && html[i + 2] == TokenStart))
            {
                // A value right after '<' would choose the tag itself.
                var end = html.IndexOf('>', i);
                end = end < 0 ? html.Length : end + 1;
                Refuse(html, i, end, problems, "the value would be a tag's name. Write the tag in the template and the value in its text or in a quoted attribute.");
                i = end;
            }
            else if (char.IsAsciiLetter(next))
            {
                i = ReadTag(html, i + 1, positions, problems, slots);
            }
            else if (html.AsSpan(i).StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                // HTML ends it at the first '>', SVG and MathML at "]]>": what follows cannot be read for certain.
                Refuse(html, i, html.Length, problems, "the template has a <![CDATA[ section before the value, which browsers end in different places, so where the value lands is uncertain. Remove the CDATA section.");
                i = html.Length;
            }
            else if (next == '/' && EndTagHasQuote(html, i))
            {
                // A browser reads an end tag's (ignored) attributes, quotes and all; where such a tag ends is not worth guessing.
                Refuse(html, i, html.Length, problems, "the template has an end tag with a quote in it before the value, so where the tag ends, and the value lands, is uncertain. Write end tags as </name>.");
                i = html.Length;
            }
            else if (next is '/' or '!' or '?')
            {
                var end = html.IndexOf('>', i);
                end = end < 0 ? html.Length : end + 1;
                Refuse(html, i, end, problems, "the value would be part of a closing tag or a declaration. Move it into the element's text.");
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Finds where a comment whose text starts at <paramref name="from"/> ends: after the first "-->" or "--!>", else at the end.</summary>
    private static int CommentEnd(string html, int from)
    {
        var close = html.IndexOf("-->", from, StringComparison.Ordinal);
        var bang = html.IndexOf("--!>", from, StringComparison.Ordinal);
        return close < 0 && bang < 0 ? html.Length
            : bang < 0 || (close >= 0 && close < bang) ? close + 3
            : bang + 4;
    }

    /// <summary>Reads a start tag from its name at <paramref name="at"/>; returns where the HTML after it (and after a script or style element's content) starts.</summary>
    private static int ReadTag(string html, int at, ValuePosition?[] positions, List<(int Token, string Problem)> problems, HashSet<int> slots)
    {
        var i = at;
        while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>'))
        {
            i++;
        }

        var name = html[at..i];
        Refuse(html, at, i, problems, "the value would be part of a tag's name. Write the tag in the template and the value in its text or in a quoted attribute.");
        if (UncertainElements.Contains(name))
        {
            // SVG and MathML content follows other parsing rules (a <title> there is markup again), and <noscript> is text or
            // markup depending on whether the reader runs scripts: where a value after them lands cannot be told for certain.
            Refuse(html, at, html.Length, problems, $"the value comes after a <{name.ToLowerInvariant()}> element's start, inside which browsers read HTML by other rules, so where the value lands is uncertain. Put recipient data before the <{name.ToLowerInvariant()}> element, or leave it out.");
            return html.Length;
        }

        while (i < html.Length && html[i] != '>')
        {
            if (IsSpace(html[i]) || html[i] == '/')
            {
                i++;
                continue;
            }

            var nameStart = i;

            // As in a browser, a '=' that starts an attribute's name is part of the name, not the start of a value.
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>') && (html[i] != '=' || i == nameStart))
            {
                i++;
            }

            var attribute = html[nameStart..i];
            Refuse(html, nameStart, i, problems, "the value would be part of an attribute's name. Write the attribute in the template and put the value in its quoted value.");
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                continue;
            }

            i++;
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i < html.Length && html[i] is '"' or '\'')
            {
                var end = html.IndexOf(html[i], i + 1);
                end = end < 0 ? html.Length : end;
                RefuseSlots(html, i + 1, end, problems, slots);
                ReadAttributeValue(html, attribute, i + 1, end, positions, problems);
                i = Math.Min(end + 1, html.Length);
            }
            else
            {
                var start = i;
                while (i < html.Length && !IsSpace(html[i]) && html[i] != '>')
                {
                    i++;
                }

                Refuse(html, start, i, problems,
                    $"the value is in the unquoted value of the attribute '{attribute}', where a space in it would start another attribute. Quote the attribute: {attribute}=\"{{{{ … }}}}\".");
            }
        }

        i = Math.Min(i + 1, html.Length);
        if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            // Raw text up to the closing tag: no escaping applies inside, so no recipient data may go there.
            var close = EndTag(html, name, i);
            Refuse(html, i, close, problems,
                $"the value is inside a <{name.ToLowerInvariant()}> element, where escaping does not apply and data would run as code. Keep recipient data out of scripts and styles: put it in the element's text or a quoted data-… attribute elsewhere.");
            i = close;
        }
        else if (TextOnlyElements.Contains(name))
        {
            // Text up to the closing tag, as a browser reads it: no comment or tag starts inside. An escaped value is text there.
            var close = EndTag(html, name, i);
            Mark(html, i, close, positions, static (_, _) => ValuePosition.Text);
            i = close;
        }

        return i;
    }

    /// <summary>Finds an element's end tag as a browser does: "&lt;/name" (any case) followed by white space, '/' or '&gt;'; the end of the text when there is none.</summary>
    private static int EndTag(string html, string name, int from)
    {
        for (var at = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase); at >= 0; at = html.IndexOf("</" + name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var after = at + 2 + name.Length;
            if (after >= html.Length || IsSpace(html[after]) || html[after] is '/' or '>')
            {
                return at;
            }
        }

        return html.Length;
    }

    /// <summary>Whether the end tag at <paramref name="at"/> has a quote before its first '&gt;'.</summary>
    private static bool EndTagHasQuote(string html, int at)
    {
        var close = html.IndexOf('>', at);
        return html.AsSpan(at, (close < 0 ? html.Length : close) - at).IndexOfAny('"', '\'') >= 0;
    }

    private static void ReadAttributeValue(string html, string attribute, int start, int end, ValuePosition?[] positions, List<(int Token, string Problem)> problems)
    {
        if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(html, start, end, problems,
                $"the value is in the event handler '{attribute}', which the browser runs as script; escaping cannot make data safe there. Keep recipient data out of event handlers.");
        }
        else if (attribute.Equals("style", StringComparison.OrdinalIgnoreCase) || attribute.Equals("srcdoc", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(html, start, end, problems,
                $"the value is in the '{attribute}' attribute, which the browser reads as {(attribute.Length == 5 ? "CSS" : "HTML")}; escaping cannot make data safe there. Choose a class in the template instead, or put the value in the element's text.");
        }
        else if (UrlAttributes.Contains(attribute))
        {
            Mark(html, start, end, positions, (text, at) => text.AsSpan(start, at - start).IsWhiteSpace() ? ValuePosition.UrlStart : ValuePosition.UrlPart);
        }
        else
        {
            Mark(html, start, end, positions, static (_, _) => ValuePosition.Text);
        }
    }

    /// <summary>Gives each token in <c>text[start..end]</c> a position (code positions found in the Markdown win; otherwise the stricter URL one); returns where the last token ends.</summary>
    private static int Mark(string text, int start, int end, ValuePosition?[] positions, Func<string, int, ValuePosition> position)
    {
        var i = start;
        var after = start;
        while ((i = text.IndexOf(TokenStart, i, end - i)) >= 0 && TokenAt(text, i, positions.Length) is var (token, close))
        {
            var found = position(text, i);
            positions[token] = positions[token] switch
            {
                ValuePosition.CodeSpan or ValuePosition.CodeBlock or ValuePosition.FenceLine or ValuePosition.UrlStart => positions[token],
                ValuePosition.UrlPart when found != ValuePosition.UrlStart => positions[token],
                _ => found,
            };
            i = after = close + 1;
            if (i >= end)
            {
                break;
            }
        }

        return Math.Max(after, start + 1);
    }

    /// <summary>Whether an expression places a slot (<c>slot "id"</c>; the compiler refuses other forms, OTO1204).</summary>
    private static bool IsSlot(ScriptExpression expression) => expression is ScriptFunctionCall { Target: ScriptVariable { Name: "slot" } };

    /// <summary>Reports each slot in an attribute's value <c>html[start..end]</c>: the modules' HTML written there would not be escaped for it.</summary>
    private static void RefuseSlots(string html, int start, int end, List<(int Token, string Problem)> problems, HashSet<int> slots)
    {
        if (slots.Count == 0)
        {
            return;
        }

        var i = start;
        while (i < end && (i = html.IndexOf(TokenStart, i, end - i)) >= 0 && TokenAt(html, i, int.MaxValue) is var (token, close))
        {
            if (slots.Contains(token))
            {
                problems.Add((token, "the slot (or the layout's message) is in an attribute's value or a link's URL, where the HTML it places, written as it is, would not be escaped for it. Place it in the text, on a line of its own."));
            }

            i = close + 1;
        }
    }

    /// <summary>Reports each token in <c>text[start..end]</c> as a value in a place that cannot be made safe.</summary>
    private static void Refuse(string text, int start, int end, List<(int Token, string Problem)> problems, string problem)
    {
        var i = start;
        while (i < end && (i = text.IndexOf(TokenStart, i, end - i)) >= 0 && TokenAt(text, i, int.MaxValue) is var (token, close))
        {
            problems.Add((token, problem));
            i = close + 1;
        }
    }

    /// <summary>Reads the token starting at <paramref name="at"/>: its number and where it closes, or null for text that only looks like one.</summary>
    private static (int Token, int Close)? TokenAt(string text, int at, int count)
    {
        var close = text.IndexOf(TokenEnd, at);
        return close > at + 1 && int.TryParse(text.AsSpan(at + 1, close - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var token) && token < count
            ? (token, close)
            : null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
