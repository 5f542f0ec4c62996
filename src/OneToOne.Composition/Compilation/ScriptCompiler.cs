using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Parses templates and conditions with Scriban, re-bases every error onto the YAML file's own line
/// and column, and analyses what each one reads.
/// </summary>
internal sealed partial class ScriptCompiler(DiagnosticBag diagnostics)
{
    private static readonly LexerOptions ConditionLexer = new() { Mode = ScriptMode.ScriptOnly };

    /// <summary>What Scriban says, at the end of the text, when a block statement has no <c>end</c>.</summary>
    private const string ScribanNoEnd = "The <end> statement was not found";

    /// <summary>How Scriban's error for code nested past its parser's limit (250 levels) begins after the limit's number.</summary>
    private const string ScribanDepthLimit = "` was reached when parsing this statement";

    /// <summary>The statements that open a block an <c>end</c> closes.</summary>
    private static readonly string[] BlockKeywords = ["if", "for", "while", "case", "capture", "with", "tablerow", "func", "wrap"];

    /// <summary>The advice after a template's syntax error.</summary>
    private const string TemplateAdvice = "Check that every '{{' has a matching '}}' and every 'if'/'for' has an 'end'.";

    /// <summary>The advice after a condition's syntax error: a condition is bare code, with no '{{ }}' to check.</summary>
    private const string ConditionAdvice = "A condition is one expression without '{{ }}', such as 'gender == \"female\" && (iq > 93 || segment.vip)': check that every '(' has a matching ')', every quote is closed and no operator is left without a value on each side.";

    /// <summary>Scriban's statement keywords: a recipient field with one of these names breaks the parse.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "for", "in", "while", "case", "when", "func", "ret", "break", "continue",
        "capture", "readonly", "import", "with", "wrap", "include", "tablerow",
    };

    /// <summary>
    /// Gets or sets the catalog's <c>locale:</c>: the language its default texts (those of no <c>locales:</c> variant) are
    /// written in, for their <c>string.plural</c> forms and <see cref="CompiledTemplate.TextCulture"/>; null when it names none.
    /// </summary>
    public string? DefaultLocale { get; set; }

    /// <summary>Segment references found in conditions and templates, for validation after all are known.</summary>
    public List<(string Segment, SourceLocation Location)> SegmentReferences { get; } = [];

    /// <summary>Compiles a template.</summary>
    /// <param name="source">The template text.</param>
    /// <param name="what">What the template is, for messages ("'content' of module 'a'").</param>
    /// <param name="placeholder">A name the runtime supplies and the template must read, such as a layout's <c>content</c>; layouts may also read <c>subject</c>.</param>
    /// <param name="markup">What the template's output is: Markdown and HTML templates have each value's position checked (see <see cref="ValuePositionAnalyzer"/>).</param>
    /// <param name="culture">The culture the template is written for (a locale variant's), whose plural forms its <c>string.plural</c> calls must give; null for the catalog's <see cref="DefaultLocale"/>.</param>
    /// <param name="language">A module's <c>lang:</c>, for its own texts: when .NET knows it, the template's language for its plural forms and grammar, and the culture it writes in for recipients of another language (<see cref="CompiledTemplate.Language"/>).</param>
    public CompiledTemplate? CompileTemplate(SourceText source, string what, string? placeholder = null, TemplateMarkup markup = TemplateMarkup.None, string? culture = null, string? language = null)
    {
        var languageCulture = language is null ? null : Runtime.ModuleCulture.Of(language);
        if (languageCulture is not null)
        {
            culture = languageCulture.Name;
        }

        var template = Template.Parse(source.Text, source.Location.File);
        EmptyTrivia.Release(template.Page);
        if (ReportParseErrors(template, source, DiagnosticCodes.TemplateSyntax, what, TemplateAdvice) || ReportUnclosedCode(source, what))
        {
            return null;
        }

        var analyzer = placeholder is null ? new TemplateAnalyzer() : new TemplateAnalyzer(placeholder, "subject");
        analyzer.Visit(template.Page);
        culture ??= DefaultLocale;
        if (!ReportAnalysis(analyzer, source, what) || !ReportPluralForms(template.Page, source, what, culture) || !ReportDateLiterals(template.Page, source, what))
        {
            return null;
        }

        if (placeholder is not null && !analyzer.PredefinedUsed.Contains(placeholder))
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, source.Location,
                $"The {what} never places the message: add '{{{{ {placeholder} }}}}' where the rendered message belongs.");
            return null;
        }

        if (markup == TemplateMarkup.Markdown && ReportTooDeepMarkdown(source, what))
        {
            return null;
        }

        var required = analyzer.FieldsAlwaysRead
            .Select(f => new RequiredField(f.Name, Map(source, f.Node)) { Tested = RequiredField.IsTest(f.Node) })
            .ToArray();
        var members = analyzer.MembersAlwaysRead
            .Select(m => new RequiredMember(m.Path, Map(source, m.Node)))
            .ToArray();
        var compiled = new CompiledTemplate(template, source.Origin, required, members, [.. analyzer.Slots.Select(s => new SlotUse(s.Slot, Map(source, s.Node)))], analyzer.HasCode)
        {
            StaticText = analyzer.HasCode ? null : source.Text,
            TextCulture = culture is null ? null : KnownCulture(culture),
            Language = languageCulture,
            BranchReads = BranchReads(analyzer, source),
            Segments = analyzer.Segments.Count == 0 ? [] : [.. analyzer.Segments.Select(static s => s.Segment).Distinct(StringComparer.Ordinal)],
        };
        switch (markup)
        {
            case TemplateMarkup.None:
                return compiled;
            case TemplateMarkup.Text:
                ValuePositionAnalyzer.AnalyzeText(compiled);
                return compiled;
            default:
                return ValuePositionAnalyzer.Analyze(compiled, source, markup == TemplateMarkup.Markdown, what, diagnostics, placeholder) ? compiled : null;
        }
    }

    /// <summary>What the template needs only where it may not go, by the start offset of the read of a field that reaches it; null when nothing.</summary>
    private static Dictionary<int, BranchRead>? BranchReads(TemplateAnalyzer analyzer, SourceText source)
    {
        // A read is one node at one place; should a walk meet it twice, the first is kept.
        var fields = new Dictionary<int, RequiredField>();
        foreach (var (name, node) in analyzer.FieldsReadInBranches)
        {
            fields.TryAdd(node.Span.Start.Offset, new RequiredField(name, Map(source, node)) { Tested = RequiredField.IsTest(node) });
        }

        var members = analyzer.MembersReadInBranches.ToLookup(static m => m.Trigger.Span.Start.Offset, m => new RequiredMember(m.Path, Map(source, m.Node)));
        var reads = fields.Keys.Union(members.Select(static m => m.Key))
            .ToDictionary(static offset => offset, offset => new BranchRead(fields.GetValueOrDefault(offset), [.. members[offset]]));
        return reads.Count > 0 ? reads : null;
    }

    public CompiledCondition? CompileCondition(SourceText source, string what)
    {
        var template = Template.Parse(source.Text, source.Location.File, lexerOptions: ConditionLexer);
        EmptyTrivia.Release(template.Page);
        if (ReportParseErrors(template, source, DiagnosticCodes.ConditionSyntax, what, ConditionAdvice))
        {
            return null;
        }

        var statements = template.Page?.Body?.Statements;
        if (statements is null || statements.Count != 1 || statements[0] is not ScriptExpressionStatement { Expression: { } expression })
        {
            diagnostics.Error(DiagnosticCodes.ConditionNotBoolean, source.Location,
                $"The {what} must be one expression such as 'gender == \"female\" && iq > 93', not statements or several expressions.");
            return null;
        }

        if (NotBooleanReason(expression) is { } reason)
        {
            diagnostics.Error(DiagnosticCodes.ConditionNotBoolean, Map(source, expression), $"The {what} is not a true/false test: {reason}");
            return null;
        }

        var analyzer = new TemplateAnalyzer();
        analyzer.Visit(expression);
        if (analyzer.Slots.Count > 0 || analyzer.InvalidSlotCalls.Count > 0)
        {
            var node = analyzer.Slots.Count > 0 ? analyzer.Slots[0].Node : analyzer.InvalidSlotCalls[0].Node;
            diagnostics.Error(DiagnosticCodes.InvalidSlotCall, Map(source, node),
                $"The {what} calls 'slot', which places content and belongs in 'body' or 'content', not in a condition.");
            return null;
        }

        if (!ReportAnalysis(analyzer, source, what) || !ReportDateLiterals(expression, source, what))
        {
            return null;
        }

        WarnFieldsOrdered(expression, source, what);
        return new CompiledCondition(expression, source.Text.Trim(), source.Origin, source.Location, [.. analyzer.Segments.Select(static s => s.Segment).Distinct(StringComparer.Ordinal)], [.. analyzer.FieldNames]);
    }

    /// <summary>
    /// Warns of each ordering of one recipient field against another (<c>balance &lt; limit</c>): Scriban compares two
    /// numbers as numbers but two texts letter by letter, so recipients holding them as text ("1000,00" from a CSV with a
    /// decimal comma, a quoted JSON "1000") are decided by the values' spelling. A field ordered against a number the
    /// condition writes (<c>iq &gt; 93</c>) fails such a recipient instead; here neither side says numbers are meant.
    /// </summary>
    private void WarnFieldsOrdered(ScriptNode node, SourceText source, string what)
    {
        if (node is ScriptBinaryExpression
            {
                Operator: ScriptBinaryOperator.CompareLess or ScriptBinaryOperator.CompareLessOrEqual or ScriptBinaryOperator.CompareGreater or ScriptBinaryOperator.CompareGreaterOrEqual,
                Left: { } left,
                Right: { } right,
            } binary && ReadsAField(left) && ReadsAField(right))
        {
            diagnostics.Warning(DiagnosticCodes.FieldsOrdered, Map(source, binary),
                $"The {what} orders one recipient field against another ('{left} {binary.OperatorAsText} {right}'): two numbers are compared as numbers, but two texts letter by letter, so a recipient holding them as text (\"1000,00\" and \"900,00\" from a CSV with decimal commas, or quoted JSON numbers) is decided by their spelling: \"1000,00\" comes before \"900,00\". "
                + "Give the recipients numbers (JSON numbers, CSV numbers with '.' for decimals; onetoone render --schema NAME:number rejects a record holding text), or order each field against a number. "
                + "For dates, order them as dates: (a | date.parse) > (b | date.parse).");
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child)
            {
                WarnFieldsOrdered(child, source, what);
            }
        }
    }

    /// <summary>Whether an expression reads a recipient field or a member of one as it is (<c>balance</c>, <c>account.limit</c>, <c>recipient.limit</c>).</summary>
    private static bool ReadsAField(ScriptExpression expression) => expression switch
    {
        ScriptNestedExpression { Expression: { } inner } => ReadsAField(inner),
        ScriptVariableGlobal { Name: var name } => !Runtime.ScriptEnvironment.IsBuiltin(name) && Array.IndexOf(Runtime.ScriptEnvironment.ReservedNames, name) < 0,
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "recipient" } } => true,
        ScriptMemberExpression { Target: { } target } => ReadsAField(target),
        ScriptIndexerExpression { Target: { } target } => ReadsAField(target),
        _ => false,
    };

    /// <summary>Maps a node's span inside the scalar to the catalog file.</summary>
    public static SourceLocation Map(SourceText source, ScriptNode node) => source.Origin.Map(node.Span.Start.Line, node.Span.Start.Column);

    private bool ReportParseErrors(Template template, SourceText source, string code, string what, string advice)
    {
        if (!template.HasErrors)
        {
            return false;
        }

        // Scriban keeps parsing after the first error and reports follow-on errors that only confuse;
        // the first one is the one to fix.
        foreach (var message in template.Messages)
        {
            if (message.Type != ParserMessageType.Error)
            {
                continue;
            }

            var location = message.Span.Start.Line < 0 ? EndOf(source) : source.Origin.Map(message.Span.Start.Line, message.Span.Start.Column);
            if (message.Message.Contains(ScribanDepthLimit, StringComparison.Ordinal))
            {
                // Scriban's own text ("The statement depth limit `250` was reached") came with advice about a keyword
                // read as a field, or about '{{' and 'end', none of which is what is wrong; the depth is.
                diagnostics.Error(code, location, $"Scriban syntax error in {what}: {DepthAdvice(code)}");
                break;
            }

            var hint = KeywordAt(source, message.Span.Start, code == DiagnosticCodes.ConditionSyntax) is { } keyword
                ? $"If '{keyword}' is meant as a field: it is a Scriban keyword, which Scriban always reads as part of a statement, and no syntax reads a field of that name. Rename the field in the recipient data (for example '{keyword}_value') and use the new name here. Otherwise: {advice}"
                : advice;
            if (code == DiagnosticCodes.TemplateSyntax && OpenCodeBefore(source, message.Span.Start) is { } enter)
            {
                // "Hello {{ first_name" + a line break: Scriban reads the next lines as code and fails there, lines away from the cause.
                var opened = source.Origin.Map(enter.Start.Line, enter.Start.Column);
                hint = $"The code here began at the '{enter.GetText(source.Text)}' on line {opened.Line}, column {opened.Column}: if it was meant to end on that line, add '}}}}' there. {hint}";
            }

            if (code == DiagnosticCodes.TemplateSyntax && message.Message.Contains(ScribanNoEnd, StringComparison.Ordinal) && UnclosedBlock(source) is { } block)
            {
                // Scriban reports a missing 'end' at the end of the text; the statement that lacks it is what to fix.
                diagnostics.Error(code, source.Origin.Map(block.Start.Line, block.Start.Column),
                    $"Scriban syntax error in {what}: the '{block.GetText(source.Text)}' here has no matching '{{{{ end }}}}', so the rest of the text is read as its part. Add '{{{{ end }}}}' where the text it controls ends.");
                break;
            }

            diagnostics.Error(code, location, $"Scriban syntax error in {what}: {message.Message.TrimEnd('.')}. {hint}");
            break;
        }

        return true;
    }

    /// <summary>Says what nests too deep for Scriban's parser, and how to write it with fewer levels.</summary>
    private static string DepthAdvice(string code) =>
        "the code here is nested more than 250 levels deep, more than the template reader follows. Each block ('if', 'for', 'capture', …) inside another counts as a level, "
        + "and so does each '(' or '[' inside another and each operator, '|' or '.member' in one long chain. "
        + code switch
        {
            DiagnosticCodes.TemplateSyntax => "Close each block with '{{ end }}' before the next one starts unless it is meant to be inside it, and write a long chain of 'else if' or of operators as a few shorter ones.",
            DiagnosticCodes.ConditionSyntax => "Write a long chain of '&&' or '||' as a few named segments (segments: { part1: …, part2: … }, then 'segment.part1 || segment.part2'), and remove parentheses and '!' that do not belong.",
            _ => "Write the expression with fewer terms, and remove parentheses and signs that do not belong.",
        };

    /// <summary>
    /// The '{{' whose code a syntax error at <paramref name="position"/> is in, when it was opened on an earlier line and not
    /// closed before the error; otherwise null (an error on the line its code began on points there already).
    /// </summary>
    private static Token? OpenCodeBefore(SourceText source, TextPosition position)
    {
        if (position.Line < 0)
        {
            return null;
        }

        Token? open = null;
        foreach (var token in new Lexer(source.Text))
        {
            if (token.Start.Line > position.Line || token.Start.Line == position.Line && token.Start.Column >= position.Column)
            {
                break;
            }

            open = token.Type switch
            {
                TokenType.CodeEnter => token,
                TokenType.CodeExit => null,
                _ => open,
            };
        }

        return open is { } enter && enter.Start.Line < position.Line ? enter : null;
    }

    /// <summary>The Scriban keyword where a syntax error is reported, or just before it (<c>when == 1</c> fails at the <c>==</c>).</summary>
    private static string? KeywordAt(SourceText source, TextPosition position, bool condition)
    {
        string? previous = null;
        foreach (var token in new Lexer(source.Text, options: condition ? ConditionLexer : default))
        {
            if (token.Type is TokenType.Whitespace or TokenType.WhitespaceFull or TokenType.NewLine)
            {
                continue;
            }

            var name = token.Type == TokenType.Identifier && token.GetText(source.Text) is var text && Keywords.Contains(text) ? text : null;
            if (token.Start.Line > position.Line || token.Start.Line == position.Line && token.Start.Column > position.Column)
            {
                return previous;
            }

            if (token.Start.Line == position.Line && token.Start.Column == position.Column)
            {
                return name ?? previous;
            }

            previous = name;
        }

        return previous;
    }

    /// <summary>
    /// Finds the innermost block statement (<c>if</c>, <c>for</c>, <c>case</c>, …) that no <c>end</c> closes, from the
    /// template's tokens: a keyword opens a block where a statement starts (after <c>{{</c>, a line break or <c>;</c>);
    /// <c>do</c> opens one wherever it stands.
    /// </summary>
    private static Token? UnclosedBlock(SourceText source)
    {
        var open = new Stack<Token>();
        var statementStart = false;
        foreach (var token in new Lexer(source.Text))
        {
            if (token.Type is TokenType.CodeEnter or TokenType.NewLine or TokenType.SemiColon)
            {
                statementStart = true;
                continue;
            }

            if (token.Type == TokenType.Identifier)
            {
                var word = token.GetText(source.Text);
                if ((statementStart && Array.IndexOf(BlockKeywords, word) >= 0) || word == "do")
                {
                    open.Push(token);
                }
                else if (statementStart && word == "end" && open.Count > 0)
                {
                    open.Pop();
                }
            }

            statementStart = false;
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    /// <summary>
    /// Reports a '{{' that the template never closes. Scriban ends the code at the end of the text without an error, so
    /// "Hi {{ first_name " would render as "Hi Ann"; an unclosed '{{' anywhere else makes the text after it code, which
    /// Scriban does report.
    /// </summary>
    private bool ReportUnclosedCode(SourceText source, string what)
    {
        Token? open = null;
        foreach (var token in new Lexer(source.Text))
        {
            if (token.Type == TokenType.CodeEnter)
            {
                open = token;
            }
            else if (token.Type == TokenType.CodeExit)
            {
                open = null;
            }
        }

        if (open is not { } enter)
        {
            return false;
        }

        diagnostics.Error(DiagnosticCodes.TemplateSyntax, source.Origin.Map(enter.Start.Line, enter.Start.Column),
            $"Scriban syntax error in {what}: the '{enter.GetText(source.Text)}' here is never closed, so the end of the text is read as code. Add '}}}}' where the expression ends.");
        return true;
    }

    /// <summary>
    /// Reports Markdown nested deeper than Markdig reads: it refuses a run such as '* * * …' or '&gt; &gt; &gt; …' hundreds of
    /// levels deep with an <see cref="ArgumentException"/>, so the template could not be rendered for anyone.
    /// </summary>
    private bool ReportTooDeepMarkdown(SourceText source, string what)
    {
        try
        {
            Markdig.Markdown.Parse(source.Text, Rendering.MessageRenderer.Pipeline);
            return false;
        }
        catch (ArgumentException)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, source.Location,
                $"The Markdown of {what} nests lists, block quotes or emphasis deeper than the Markdown reader follows (a run such as '* * * …' or '> > > …' is one level per mark), so it could not be rendered. Use fewer levels, or write a '\\' before a mark that is meant as text ('\\*').");
            return true;
        }
    }

    /// <summary>Where the text ends: Scriban reports errors at the end of input without a position.</summary>
    private static SourceLocation EndOf(SourceText source)
    {
        var text = source.Text.TrimEnd('\n', '\r');
        var lastBreak = text.LastIndexOf('\n');
        var line = text.Count(static c => c == '\n');
        return source.Origin.Map(line, text.Length - lastBreak - 1);
    }

    /// <summary>Reports each <c>string.plural</c> call of a template written for a culture that lacks a form the culture's language uses (OTO1211).</summary>
    private bool ReportPluralForms(ScriptPage? page, SourceText source, string what, string? culture)
    {
        if (page is null || culture is null || KnownCulture(culture) is not { } info || Runtime.PluralRules.For(info) is not { } rules)
        {
            return true;
        }

        var ok = true;
        foreach (var (node, given) in PluralCallFinder.Calls(page))
        {
            var missing = new List<Runtime.PluralCategory>();
            foreach (var category in rules.Required)
            {
                if (!given.Contains(category))
                {
                    missing.Add(category);
                }
            }

            if (missing.Count > 0)
            {
                diagnostics.Error(DiagnosticCodes.PluralFormMissing, Map(source, node),
                    $"In {what}: 'string.plural' is given no {Runtime.TextFunctions.Lacking(rules, missing)}, which {culture} uses, so every recipient who gets this text would be rejected. Give every form the language uses by name: '{Runtime.TextFunctions.AllForms(rules)}'.");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Reports each text the template or condition itself gives <c>date.parse</c> that is not ISO 8601 (OTO1212):
    /// <c>date.parse</c> refuses it for every recipient, so the catalog is refused at load instead, at the text.
    /// </summary>
    private bool ReportDateLiterals(ScriptNode? node, SourceText source, string what)
    {
        if (node is null)
        {
            return true;
        }

        var notIso = DateLiteralFinder.NotIso(node);
        foreach (var (literal, text) in notIso)
        {
            var fix = Runtime.CultureFunctions.IsoOfYearFirst(text) is { } iso
                ? $"Write it as ISO 8601, year-month-day with '-': \"{iso}\""
                : "Write it as ISO 8601, year-month-day with '-', as in \"2026-11-23\" (\"03/04/2025\" is 3 April to some readers and 4 March to others)";
            diagnostics.Error(DiagnosticCodes.DateLiteralNotIso, Map(source, literal),
                $"In {what}: 'date.parse' is given the text \"{text}\", which is not an ISO 8601 date, so it would reject every recipient who gets here. {fix}; a time on the recipient's clock as \"2026-11-23T18:30:00\", an instant as \"2026-11-23T18:30:00Z\".");
        }

        return notIso.Count == 0;
    }

    /// <summary>The culture a locale names, or null when it names none (which loading reports where the locale is given).</summary>
    private static System.Globalization.CultureInfo? KnownCulture(string name)
    {
        try
        {
            return Runtime.CultureNames.Get(name);
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return null;
        }
    }

    private bool ReportAnalysis(TemplateAnalyzer analyzer, SourceText source, string what)
    {
        var ok = true;
        foreach (var (problem, node) in analyzer.InvalidSlotCalls)
        {
            diagnostics.Error(DiagnosticCodes.InvalidSlotCall, Map(source, node), $"In {what}: {problem}");
            ok = false;
        }

        foreach (var (name, node) in analyzer.ForbiddenUses)
        {
            diagnostics.Error(DiagnosticCodes.ForbiddenFunction, Map(source, node),
                $"In {what}: '{name}' is not available in catalog templates (no file access, no evaluation of data as code, no host clock or randomness, so every decision can be reproduced). Put the value in the recipient data instead.");
            ok = false;
        }

        foreach (var (target, node) in analyzer.BuiltinAssignments)
        {
            diagnostics.Error(DiagnosticCodes.ForbiddenFunction, Map(source, node),
                $"In {what}: '{target}' belongs to the builtins that every catalog shares and cannot be changed. Keep the value in a variable of your own, as in '{{{{ my_format = \"%d %b %Y\" }}}}', and pass it where it is needed, as in '{{{{ day | date.to_string my_format }}}}'.");
            ok = false;
        }

        foreach (var node in analyzer.BuiltinsReadAsValues)
        {
            var name = node.Name;
            var use = Runtime.ScriptEnvironment.Builtins[name] is Scriban.Runtime.ScriptObject
                ? $"the builtin group of functions '{name}' ('{name}.…'), not a recipient field: builtins win over fields of the same name, so every recipient would get the list of its functions"
                : $"the builtin function '{name}', not a recipient field: builtins win over fields of the same name, and '{name}' needs a value to work on ('amount | {name}'), so this would fail for every recipient";
            diagnostics.Error(DiagnosticCodes.BuiltinReadAsValue, Map(source, node),
                $"In {what}: '{name}' is {use}. Read the recipient's field as 'recipient.{name}'.");
            ok = false;
        }

        foreach (var (name, known, node, piped) in analyzer.UnknownFunctions)
        {
            diagnostics.Error(DiagnosticCodes.UnknownFunction, Map(source, node),
                $"In {what}: '{name}' {(piped ? "after '|'" : "called with arguments")} is not a function, so this would fail for every recipient.{Suggest.DidYouMean(name, known)} Call a builtin such as 'number', 'money' or 'string.upcase', or a 'func' the template defines; recipient fields hold values, not functions.");
            ok = false;
        }

        foreach (var (segment, node) in analyzer.Segments)
        {
            SegmentReferences.Add((segment, Map(source, node)));
        }

        RecordExperimentReferences(analyzer, source);

        return ok;
    }

    private static string? NotBooleanReason(ScriptExpression? expression) => expression switch
    {
        null => null,
        ScriptNestedExpression nested => NotBooleanReason(nested.Expression),
        ScriptAssignExpression => "'=' assigns a value. To compare, write '==' instead.",
        ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or } binary =>
            NotBooleanReason(binary.Left) ?? NotBooleanReason(binary.Right),
        ScriptBinaryExpression binary when IsComparison(binary.Operator) => null,
        ScriptBinaryExpression { Operator: ScriptBinaryOperator.EmptyCoalescing or ScriptBinaryOperator.NotEmptyCoalescing } => null,
        ScriptBinaryExpression binary => $"'{binary.OperatorAsText}' computes a value. Compare it, for example '... > 0'.",
        ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not } => null,
        ScriptUnaryExpression unary => $"'{unary.OperatorAsText}' computes a value. Compare it, for example '... > 0'.",
        ScriptLiteral { Value: bool } => null,
        ScriptLiteral literal => $"the literal {literal} is always the same value. Write a comparison such as 'tier == \"gold\"'.",
        ScriptInterpolatedExpression or ScriptArrayInitializerExpression or ScriptObjectInitializerExpression =>
            "it builds a value. Write a comparison such as 'tier == \"gold\"'.",
        _ => null,
    };

    private static bool IsComparison(ScriptBinaryOperator op) => op is ScriptBinaryOperator.CompareEqual
        or ScriptBinaryOperator.CompareNotEqual
        or ScriptBinaryOperator.CompareLess
        or ScriptBinaryOperator.CompareLessOrEqual
        or ScriptBinaryOperator.CompareGreater
        or ScriptBinaryOperator.CompareGreaterOrEqual
        or ScriptBinaryOperator.LiquidContains
        or ScriptBinaryOperator.LiquidStartsWith
        or ScriptBinaryOperator.LiquidEndsWith
        or ScriptBinaryOperator.LiquidHasKey
        or ScriptBinaryOperator.LiquidHasValue;
}
