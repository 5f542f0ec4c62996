using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Rendering;
using OneToOne.Composition.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Compiles a Markdown template into <see cref="FragmentPlan"/>s for web and text. Each expression becomes a
/// private-use token; the Markdown is converted once; the output is split at the tokens. A template may hold
/// one <c>for</c> loop whose body is whole lines of text and expressions: it is unrolled 0 to
/// <see cref="Unrolled"/> times, and the plan is kept only when every unrolled output is the same text before
/// the items, the same item repeated with the same separator, and the same text after (see <see cref="FragmentLoop"/>).
/// A template is left to the general path when a token would land where a value is not plain text (code, raw
/// HTML, a link's URL), when it has statements other than text, expressions and such a loop, or when the output
/// does not hold each token exactly once.
/// </summary>
internal static class FragmentCompiler
{
    private const char ExpressionStart = '\uE002';
    private const char ExpressionEnd = '\uE003';
    private const char SlotStart = '\uE004';
    private const char SlotEnd = '\uE005';
    private const char ItemStart = '\uE006';
    private const char ItemEnd = '\uE007';

    /// <summary>The UTF-8 percent-encoding of <see cref="ExpressionStart"/>, as Markdig writes it in a URL.</summary>
    private const string EncodedExpressionStart = "%EE%80%82";

    /// <summary>The UTF-8 percent-encoding of <see cref="ExpressionEnd"/>.</summary>
    private const string EncodedExpressionEnd = "%EE%80%83";

    /// <summary>The most iterations a loop is unrolled to at compile time; every count from 1 up must show the same item.</summary>
    private const int Unrolled = 4;

    /// <summary>The most conditions an <c>if</c> chain may have to be planned (each branch is a plan of its own).</summary>
    private const int MaxBranches = 8;

    public static (FragmentPlan? Web, FragmentPlan? Text) Compile(CompiledTemplate template, MarkdownPipeline pipeline)
    {
        var plans = Build(template, pipeline, EscapeMode.Markdown,
        [
            new Target(source => WithUrlTokens(Markdown.ToHtml(source, pipeline)), Web: true, EscapeMode.HtmlText),
            new Target(source => PlainTextRenderer.Render(source, pipeline), Web: false, EscapeMode.Text),
        ]);
        return (plans[0], plans[1]);
    }

    /// <summary>
    /// Compiles a template whose text is its output (an <c>html</c> or <c>text</c> override): the text
    /// between expressions is written as is and values escaped exactly as the general path escapes them.
    /// </summary>
    public static FragmentPlan? CompileVerbatim(CompiledTemplate template, EscapeMode valueMode, bool web) =>
        Build(template, null, valueMode, [new Target(static source => source, web, valueMode)])[0];

    /// <summary>Builds a plan per target; <paramref name="pipeline"/> is null for verbatim templates, whose values need no Markdown checks.</summary>
    private static FragmentPlan?[] Build(CompiledTemplate template, MarkdownPipeline? pipeline, EscapeMode sourceMode, Target[] targets)
    {
        var plans = new FragmentPlan?[targets.Length];
        var shape = new TemplateShape(pipeline is not null, sourceMode, template.Positions);
        if (Tokenize(template, 1, shape) is not { } source)
        {
            return plans;
        }

        if (shape.Branches.Count > 0)
        {
            return Branched(template, pipeline, shape, targets);
        }

        if (shape.Loop is null)
        {
            return Linears(source, pipeline, shape, targets) ?? plans;
        }

        // Unrolled from 0 up, so that the shape ends with the item expressions (recorded on the first iteration).
        var sources = new string[Unrolled + 1];
        var textPlanned = true;
        for (var k = 0; k <= Unrolled; k++)
        {
            sources[k] = Tokenize(template, k, shape)!;
            if (pipeline is not null && (!TokensOnlyInPlainText(Markdown.Parse(sources[k], pipeline), shape) || shape.UrlHoles.Count > 0))
            {
                return plans;
            }

            textPlanned &= shape.TextUrlsPlanned;
        }

        for (var t = 0; t < targets.Length; t++)
        {
            if (!targets[t].Web && !textPlanned)
            {
                // As for a template without a loop: a value could change how the text output writes a link or an image.
                continue;
            }

            var outputs = new string[sources.Length];
            for (var k = 0; k < sources.Length; k++)
            {
                outputs[k] = targets[t].Convert(sources[k]);
            }

            plans[t] = Looped(outputs, sources, shape, targets[t]);
        }

        return plans;
    }

    /// <summary>
    /// Writes the template as text with a token per expression and slot (its loop run <paramref name="iterations"/>
    /// times, its <c>if</c> taking branch <paramref name="branch"/>), or returns null when it cannot be planned.
    /// </summary>
    private static string? Tokenize(CompiledTemplate template, int iterations, TemplateShape shape, int branch = 0)
    {
        shape.Clear();
        var statements = template.Template.Page?.Body?.Statements;
        if (statements is null)
        {
            return null;
        }

        var markdown = new StringBuilder();
        foreach (var statement in statements)
        {
            if (statement is ScriptForStatement loop)
            {
                if (shape.Loop is not null || shape.Branches.Count > 0 || !TryAddLoop(loop, iterations, markdown, shape))
                {
                    return null;
                }
            }
            else if (statement is ScriptIfStatement choice)
            {
                if (shape.Loop is not null || shape.Branches.Count > 0 || !TryAddBranch(choice, branch, markdown, shape))
                {
                    return null;
                }
            }
            else if (!TryAddOuter(statement, markdown, shape))
            {
                return null;
            }
        }

        return markdown.ToString();
    }

    /// <summary>A template with an <c>if</c> chain: one linear plan per branch, chosen by the conditions at run time.</summary>
    private static FragmentPlan?[] Branched(CompiledTemplate template, MarkdownPipeline? pipeline, TemplateShape shape, Target[] targets)
    {
        var conditions = shape.Branches.ToArray();
        var count = conditions.Length + 1;
        var variants = new FragmentPlan?[targets.Length][];
        for (var t = 0; t < targets.Length; t++)
        {
            variants[t] = new FragmentPlan?[count];
        }

        for (var b = 0; b < count; b++)
        {
            // A branch that cannot be planned leaves its plan null: that branch takes the general path.
            if (Tokenize(template, 0, shape, b) is not { } source || Linears(source, pipeline, shape, targets) is not { } linear)
            {
                continue;
            }

            for (var t = 0; t < targets.Length; t++)
            {
                variants[t][b] = linear[t];
            }
        }

        var plans = new FragmentPlan?[targets.Length];
        for (var t = 0; t < targets.Length; t++)
        {
            plans[t] = new FragmentPlan([string.Empty], [], targets[t].ValueMode) { Branches = new FragmentBranches(conditions, variants[t]) };
        }

        return plans;
    }

    /// <summary>A linear plan per target for a template without a loop, as tokenized in <paramref name="source"/>; null when its Markdown cannot be planned.</summary>
    private static FragmentPlan?[]? Linears(string source, MarkdownPipeline? pipeline, TemplateShape shape, Target[] targets)
    {
        if (pipeline is not null && !TokensOnlyInPlainText(Markdown.Parse(source, pipeline), shape))
        {
            return null;
        }

        var plans = new FragmentPlan?[targets.Length];
        for (var t = 0; t < targets.Length; t++)
        {
            // Text output drops a link's URL when it equals the link's text: where a value could make them equal, text takes the general path.
            plans[t] = !targets[t].Web && !shape.TextUrlsPlanned ? null : Linear(targets[t].Convert(source), source, shape, targets[t]);
        }

        return plans;
    }

    private static bool TryAddOuter(ScriptStatement statement, StringBuilder markdown, TemplateShape shape)
    {
        switch (statement)
        {
            case ScriptRawStatement raw:
                return TryAppendText(raw, markdown, ref shape.SourceLength);
            case ScriptEscapeStatement:
                // The '{{' and '}}' delimiters: no output of their own.
                return true;
            case ScriptExpressionStatement { Expression: ScriptFunctionCall { Target: ScriptVariable { Name: "slot" }, Arguments: [ScriptLiteral { Value: string slot }] } }:
                // The general path writes a placeholder numbered in order of placement; it counts towards the output limit.
                shape.SourceLength += RenderContext.Placeholder(shape.SlotCount++).Length;
                var slotToken = Token(SlotStart, shape.Holes.Count, SlotEnd);
                shape.Holes.Add((null, slot, slotToken));
                markdown.Append(slotToken);
                return true;
            case ScriptExpressionStatement { Expression: { } expression } when expression is not ScriptAssignExpression:
                var token = Token(ExpressionStart, shape.Holes.Count, ExpressionEnd);
                shape.Holes.Add((expression, null, token));
                markdown.Append(token);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Appends a loop run <paramref name="iterations"/> times. Only a plain <c>for x in list</c> qualifies, with a body
    /// of text and expressions (no slots, no <c>for.index</c>); in Markdown it must start at a line start and its body
    /// end with a line break, so that items are whole lines and cannot run into each other's emphasis.
    /// </summary>
    private static bool TryAddLoop(ScriptForStatement loop, int iterations, StringBuilder markdown, TemplateShape shape)
    {
        if (loop is ScriptTableRowStatement || loop.NamedArguments is { Count: > 0 } || loop.Else is not null
            || loop.Variable is not ScriptVariableGlobal variable || ScriptEnvironment.IsBuiltin(variable.Name)
            || loop.Iterator is null || UsesLoopVariables(loop.Iterator) || loop.Body?.Statements is not { } body)
        {
            return false;
        }

        var expressions = 0;
        ScriptStatement? last = null;
        foreach (var statement in body)
        {
            switch (statement)
            {
                case ScriptEscapeStatement or ScriptEndStatement:
                    continue;
                case ScriptExpressionStatement { Expression: { } expression }:
                    if (UsesLoopVariables(expression) || expression is ScriptFunctionCall { Target: ScriptVariable { Name: "slot" } })
                    {
                        return false;
                    }

                    expressions++;
                    break;
            }

            last = statement;
        }

        if (expressions == 0
            || (shape.Markdown && ((markdown.Length > 0 && markdown[^1] != '\n') || last is not ScriptRawStatement end || !end.Text.ToString().EndsWith('\n'))))
        {
            return false;
        }

        shape.Loop = loop;
        shape.Variable = variable.Name;
        for (var i = 0; i < iterations; i++)
        {
            var j = 0;
            var itemLength = 0;
            foreach (var statement in body)
            {
                switch (statement)
                {
                    case ScriptRawStatement raw:
                        if (!TryAppendText(raw, markdown, ref itemLength))
                        {
                            return false;
                        }

                        break;
                    case ScriptEscapeStatement or ScriptEndStatement:
                        break;
                    case ScriptExpressionStatement { Expression: { } expression } when expression is not ScriptAssignExpression:
                        if (i == 0)
                        {
                            shape.ItemExpressions.Add(expression);
                        }

                        markdown.Append(ItemToken(i, j++, expressions));
                        break;
                    default:
                        return false;
                }
            }

            shape.ItemSourceLength = itemLength;
        }

        return true;
    }

    /// <summary>
    /// Records an <c>if</c> / <c>else if</c> / <c>else</c> chain's conditions and appends the statements of branch
    /// <paramref name="branch"/> (the count of conditions for the implicit empty <c>else</c>). Each branch becomes a
    /// template of its own, converted whole, so the Markdown around it needs no assumption.
    /// </summary>
    private static bool TryAddBranch(ScriptIfStatement choice, int branch, StringBuilder markdown, TemplateShape shape)
    {
        ScriptConditionStatement? next = choice;
        ScriptBlockStatement? taken = null;
        while (next is not null)
        {
            switch (next)
            {
                case ScriptIfStatement { Condition: { } condition, Then: { } then } link when shape.Branches.Count < MaxBranches && !UsesLoopVariables(condition):
                    if (shape.Branches.Count == branch)
                    {
                        taken = then;
                    }

                    shape.Branches.Add(condition);
                    next = link.Else;
                    break;
                case ScriptElseStatement { Body: { } body }:
                    if (shape.Branches.Count == branch)
                    {
                        taken = body;
                    }

                    next = null;
                    break;
                default:
                    return false;
            }
        }

        foreach (var statement in taken?.Statements ?? [])
        {
            if (statement is not ScriptEndStatement && !TryAddOuter(statement, markdown, shape))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryAppendText(ScriptRawStatement raw, StringBuilder markdown, ref int length)
    {
        var text = raw.Text.ToString();
        if (text.AsSpan().IndexOfAnyInRange(TextEscaper.PlaceholderStart, ItemEnd) >= 0 || text.Contains("%EE%80", StringComparison.Ordinal))
        {
            return false;
        }

        markdown.Append(text);
        length += text.Length;
        return true;
    }

    /// <summary>Gets whether an expression reads a loop's own variables (<c>for.index</c>, <c>$0</c>…), which a plan does not bind.</summary>
    private static bool UsesLoopVariables(ScriptNode node)
    {
        if (node is ScriptVariableLocal or ScriptVariable { Name: "for" or "while" or "tablerow" })
        {
            return true;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child && UsesLoopVariables(child))
            {
                return true;
            }
        }

        return false;
    }

    private static string Token(char start, int index, char end) => string.Create(CultureInfo.InvariantCulture, $"{start}{index}{end}");

    private static string ItemToken(int iteration, int hole, int holesPerItem) => Token(ItemStart, (iteration * holesPerItem) + hole, ItemEnd);

    /// <summary>
    /// Checks that every expression token sits in literal text, where a value is plain text too, or makes up
    /// part of a link's URL (recorded in the shape's <see cref="TemplateShape.UrlHoles"/>: the value goes in as Markdig
    /// writes a URL), and records whether the text output can plan those URLs.
    /// </summary>
    private static bool TokensOnlyInPlainText(MarkdownDocument document, TemplateShape shape)
    {
        var urlHoles = shape.UrlHoles;
        urlHoles.Clear();
        shape.TextUrlsPlanned = true;
        foreach (var node in document.Descendants())
        {
            if (node is LinkInline { IsImage: true } image && IsAllTokens(PlainTextRenderer.InlineText(image)))
            {
                // The text output writes an image's alt text, or its URL when the alt text is empty: values alone can make it so.
                shape.TextUrlsPlanned = false;
            }

            if (node is LinkInline { IsImage: false, Url: { } url } urlLink && !HasToken(urlLink.Title) && url.AsSpan().IndexOfAny(SlotStart, ItemStart) < 0)
            {
                var first = -1;
                var last = -1;
                for (var at = url.IndexOf(ExpressionStart, StringComparison.Ordinal); at >= 0; at = url.IndexOf(ExpressionStart, at + 1))
                {
                    var close = url.IndexOf(ExpressionEnd, at);
                    urlHoles.Add(int.Parse(url.AsSpan(at + 1, close - at - 1), NumberStyles.None, CultureInfo.InvariantCulture));
                    first = first < 0 ? at : first;
                    last = close;
                }

                if (first >= 0)
                {
                    shape.TextUrlsPlanned &= TextNeverEqualsUrl(urlLink, url[..first], url[(last + 1)..]);
                }
                else
                {
                    shape.TextUrlsPlanned &= ValuesNeverMakeTextTheUrl(urlLink, url);
                }

                continue;
            }

            var text = node switch
            {
                LeafBlock { Inline: null } leaf => leaf.Lines.ToString(),
                CodeInline code => code.Content,
                HtmlInline html => html.Tag,
                AutolinkInline autolink => autolink.Url,
                LinkInline link => link.Url + link.Title,
                _ => null,
            };
            if (HasToken(text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The text output writes a link as its text, then its URL in parentheses unless the two are equal. A plan writes
    /// the parentheses, so it holds only where no value can make them equal: the link's text has no value and does
    /// not start with the URL's text before its first value, or does not end with the URL's text after its last.
    /// </summary>
    private static bool TextNeverEqualsUrl(LinkInline link, string urlPrefix, string urlSuffix)
    {
        var text = PlainTextRenderer.InlineText(link);
        return !HasToken(text) && text.AsSpan().IndexOf(SlotStart) < 0
            && (!text.StartsWith(urlPrefix, StringComparison.Ordinal) || !text.EndsWith(urlSuffix, StringComparison.Ordinal));
    }

    /// <summary>
    /// The text output writes a link as its text, then its URL in parentheses unless the two are equal: where values in the
    /// link's text could make it the URL (the text around them starts and ends the URL), the text output is not planned.
    /// </summary>
    private static bool ValuesNeverMakeTextTheUrl(LinkInline link, string url)
    {
        var text = PlainTextRenderer.InlineText(link);
        var first = text.AsSpan().IndexOfAny(ExpressionStart, ItemStart);
        if (first < 0)
        {
            return true;
        }

        var last = text.AsSpan().LastIndexOfAny(ExpressionEnd, ItemEnd);
        return !url.StartsWith(text[..first], StringComparison.Ordinal) || !url.EndsWith(text[(last + 1)..], StringComparison.Ordinal);
    }

    /// <summary>Whether a text has values and nothing else but white space, so that values alone can make it empty.</summary>
    private static bool IsAllTokens(string text)
    {
        if (!HasToken(text))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is ExpressionStart or ItemStart)
            {
                i = text.AsSpan(i).IndexOfAny(ExpressionEnd, ItemEnd) + i;
            }
            else if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasToken(string? text) => text is not null && text.AsSpan().IndexOfAny(ExpressionStart, ItemStart) >= 0;

    /// <summary>Markdig percent-encodes a URL's non-ASCII characters, tokens included: turns a token in a link's URL back into the token.</summary>
    private static string WithUrlTokens(string html) =>
        html.Replace(EncodedExpressionStart, ExpressionStart.ToString(), StringComparison.Ordinal).Replace(EncodedExpressionEnd, ExpressionEnd.ToString(), StringComparison.Ordinal);

    /// <summary>A template without a loop: the output split at its tokens.</summary>
    private static FragmentPlan? Linear(string output, string source, TemplateShape shape, Target target)
    {
        var literals = new List<string>();
        var holes = new List<FragmentHole>();
        literals.Add(SplitInto(output, source, shape, target, literals, holes));
        return EachExpressionOnce(holes, shape)
            ? new FragmentPlan([.. literals], [.. holes], target.ValueMode) { SourceMode = shape.SourceMode, SourceLength = shape.SourceLength }
            : null;
    }

    /// <summary>A template with a loop: the outputs of 0 to <see cref="Unrolled"/> iterations, which must agree on one item plan.</summary>
    private static FragmentPlan? Looped(string[] outputs, string[] sources, TemplateShape shape, Target target)
    {
        var holesPerItem = shape.ItemExpressions.Count;
        LoopOutput? first = null;
        string? separator = null;
        for (var k = 1; k <= Unrolled; k++)
        {
            if (Decompose(outputs[k], k, holesPerItem) is not { } parts)
            {
                return null;
            }

            first ??= parts;
            if (parts.Before != first.Before || parts.After != first.After || !parts.Inner.AsSpan().SequenceEqual(first.Inner))
            {
                return null;
            }

            if (k > 1)
            {
                separator ??= parts.Separator;
                if (separator != parts.Separator)
                {
                    return null;
                }
            }
        }

        var itemLiterals = new string[holesPerItem + 1];
        itemLiterals[0] = string.Empty;
        first!.Inner.CopyTo(itemLiterals, 1);
        itemLiterals[^1] = string.Empty;
        var itemHoles = new FragmentHole[holesPerItem];
        for (var j = 0; j < holesPerItem; j++)
        {
            var (empty, edge) = shape.Markdown ? Sensitivity(sources[1], ItemToken(0, j, holesPerItem)) : (false, false);
            itemHoles[j] = new FragmentHole(shape.ItemExpressions[j], null, Block: false, empty, edge) { Position = shape.PositionOf(shape.ItemExpressions[j]) };
        }

        var item = new FragmentPlan(itemLiterals, itemHoles, target.ValueMode) { SourceMode = shape.SourceMode, SourceLength = shape.ItemSourceLength };
        var loop = new FragmentLoop(shape.Loop!, shape.Variable!, item, separator!);

        var literals = new List<string>();
        var holes = new List<FragmentHole>();
        literals.Add(SplitInto(first.Before, sources[1], shape, target, literals, holes));
        holes.Add(new FragmentHole(null, null, Block: false, EmptySensitive: false, EdgeSensitive: false) { Loop = loop });
        literals.Add(SplitInto(first.After, sources[1], shape, target, literals, holes));
        if (!EachExpressionOnce(holes, shape))
        {
            return null;
        }

        return new FragmentPlan([.. literals], [.. holes], target.ValueMode)
        {
            SourceMode = shape.SourceMode,
            SourceLength = shape.SourceLength,
            Loop = loop,
            WhenEmpty = Linear(outputs[0], sources[0], shape, target),
        };
    }

    /// <summary>
    /// Reads the output of a loop run <paramref name="iterations"/> times as: text before the first item, each item's
    /// tokens in order with the same literals between them, the same separator between items, and text after.
    /// </summary>
    private static LoopOutput? Decompose(string output, int iterations, int holesPerItem)
    {
        var position = output.IndexOf(ItemStart, StringComparison.Ordinal);
        if (position < 0)
        {
            return null;
        }

        var before = output[..position];
        var inner = new string[holesPerItem - 1];
        string? separator = null;
        for (var i = 0; i < iterations; i++)
        {
            for (var j = 0; j < holesPerItem; j++)
            {
                var token = ItemToken(i, j, holesPerItem);
                if (!output.AsSpan(position).StartsWith(token, StringComparison.Ordinal))
                {
                    return null;
                }

                position += token.Length;
                if (i == iterations - 1 && j == holesPerItem - 1)
                {
                    break;
                }

                var next = output.IndexOf(ItemStart, position);
                if (next < 0 || output.AsSpan(position, next - position).IndexOfAny(ExpressionStart, SlotStart) >= 0)
                {
                    return null;
                }

                var literal = output[position..next];
                position = next;
                if (j < holesPerItem - 1)
                {
                    if (i == 0)
                    {
                        inner[j] = literal;
                    }
                    else if (inner[j] != literal)
                    {
                        return null;
                    }
                }
                else if ((separator ??= literal) != literal)
                {
                    return null;
                }
            }
        }

        var after = output[position..];
        return after.Contains(ItemStart, StringComparison.Ordinal) ? null : new LoopOutput(before, inner, separator, after);
    }

    /// <summary>Adds the literal before each token of <paramref name="output"/> and the hole for it; returns the text after the last token.</summary>
    private static string SplitInto(string output, string source, TemplateShape shape, Target target, List<string> literals, List<FragmentHole> planHoles)
    {
        var position = 0;
        string? html = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (position < output.Length)
        {
            var next = output.AsSpan(position).IndexOfAny(ExpressionStart, SlotStart);
            if (next < 0)
            {
                break;
            }

            next += position;
            var close = output.AsSpan(next).IndexOfAny(ExpressionEnd, SlotEnd) + next;
            var index = int.Parse(output.AsSpan(next + 1, close - next - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            var (expression, slot, token) = shape.Holes[index];
            var literal = output[position..next];
            var after = close + 1;
            var block = false;
            if (slot is not null && target.Web && literal.EndsWith("<p>", StringComparison.Ordinal) && output.AsSpan(after).StartsWith("</p>"))
            {
                literal = literal[..^3];
                after += 4;
                block = true;
            }

            literals.Add(literal);
            if (shape.UrlHoles.Contains(index))
            {
                // In a URL an empty value is left to the general path; see MessageRenderer for what else is.
                planHoles.Add(new FragmentHole(expression, slot, block, EmptySensitive: true, EdgeSensitive: false) { Url = true, Position = shape.PositionOf(expression) });
                position = after;
                continue;
            }

            var (emptySensitive, edgeSensitive) = expression is null || !shape.Markdown ? (false, false) : Sensitivity(source, token);
            planHoles.Add(new FragmentHole(expression, slot, block, emptySensitive, edgeSensitive)
            {
                Position = shape.PositionOf(expression),
                Place = slot is null || block ? Rendering.SlotPlace.Flow
                    : target.Web ? Rendering.InlineSlot.PlaceOf(output, next, close + 1, shape.Markdown)
                    : shape.Markdown ? TextPlace(source, output[next..(close + 1)], ref html, seen) : Rendering.SlotPlace.Flow,
            });
            position = after;
        }

        return output[position..];
    }

    /// <summary>
    /// Where a slot's token in text output stands, read from the same Markdown as HTML (text has no markup to say): its
    /// next occurrence there, as the general path reads it.
    /// </summary>
    private static Rendering.SlotPlace TextPlace(string source, string token, ref string? html, Dictionary<string, int> seen)
    {
        html ??= Markdown.ToHtml(source, MessageRenderer.Pipeline);
        var from = seen.GetValueOrDefault(token);
        var found = from < 0 ? -1 : html.IndexOf(token, from, StringComparison.Ordinal);
        seen[token] = found < 0 ? -1 : found + token.Length;
        return found < 0 ? Rendering.SlotPlace.Flow : Rendering.InlineSlot.PlaceOf(html, found, found + token.Length, markdown: true);
    }

    /// <summary>Every expression must appear exactly once: a value repeated or dropped by the conversion would not match.</summary>
    private static bool EachExpressionOnce(List<FragmentHole> planHoles, TemplateShape shape)
    {
        var expected = 0;
        foreach (var hole in shape.Holes)
        {
            expected += hole.Expression is null ? 0 : 1;
        }

        var seen = new HashSet<ScriptExpression>(ReferenceEqualityComparer.Instance);
        foreach (var hole in planHoles)
        {
            if (hole.Expression is { } expression && !seen.Add(expression))
            {
                return false;
            }
        }

        return seen.Count == expected;
    }

    private static (bool Empty, bool Edge) Sensitivity(string source, string token)
    {
        var at = source.IndexOf(token, StringComparison.Ordinal);
        var before = at > 0 ? source[at - 1] : '\n';
        var after = at + token.Length < source.Length ? source[at + token.Length] : '\n';
        var edge = IsDelimiter(before) || IsDelimiter(after);

        // A line with nothing but tokens and Markdown punctuation: an empty value could remove a paragraph.
        var lineStart = source.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        var lineEnd = source.IndexOf('\n', at);
        var line = source[lineStart..(lineEnd < 0 ? source.Length : lineEnd)];
        var hasWords = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is ExpressionStart or SlotStart or ItemStart)
            {
                i = line.AsSpan(i).IndexOfAny(ExpressionEnd, SlotEnd, ItemEnd) + i;
                continue;
            }

            hasWords |= char.IsLetterOrDigit(line[i]);
        }

        // Markdown trims white space at line edges and around table cells: next to white space or a line
        // boundary, an empty value could leave a space that the Markdown would have removed.
        var spaced = char.IsWhiteSpace(before) || char.IsWhiteSpace(after) || before == '|' || after == '|';
        return (edge || spaced || !hasWords, edge);
    }

    private static bool IsDelimiter(char c) => c is '*' or '_' or '~';

    /// <summary>One output a template is compiled for: how tokenized source becomes that output, and how values are escaped into it.</summary>
    private sealed record Target(Func<string, string> Convert, bool Web, EscapeMode ValueMode);

    /// <summary>A loop's unrolled output taken apart; <see cref="Separator"/> is null for one iteration.</summary>
    private sealed record LoopOutput(string Before, string[] Inner, string? Separator, string After);

    /// <summary>What tokenizing a template found: its holes outside the loop, and its loop.</summary>
    private sealed class TemplateShape(bool markdown, EscapeMode sourceMode, IReadOnlyDictionary<ScriptExpression, ValuePosition>? positions)
    {
        /// <summary>The length of the text outside the loop, and of slot placeholders, that the general path writes.</summary>
        public int SourceLength;

        /// <summary>The length of the text one loop item writes, values excluded.</summary>
        public int ItemSourceLength;

        public int SlotCount;

        /// <summary>Gets whether the template is Markdown (content, body) rather than its own output (an override).</summary>
        public bool Markdown { get; } = markdown;

        public EscapeMode SourceMode { get; } = sourceMode;

        /// <summary>Gets where an expression's value lands, as <see cref="ValuePositionAnalyzer"/> found.</summary>
        public ValuePosition PositionOf(ScriptExpression? expression) =>
            expression is not null && positions is not null && positions.TryGetValue(expression, out var position) ? position : ValuePosition.Text;

        /// <summary>Gets the expressions and slots outside the loop, by token number.</summary>
        public List<(ScriptExpression? Expression, string? Slot, string Token)> Holes { get; } = [];

        /// <summary>Gets the conditions of the template's <c>if</c> chain, in order.</summary>
        public List<ScriptExpression> Branches { get; } = [];

        /// <summary>Gets the token numbers of expressions that stand in a link's URL.</summary>
        public HashSet<int> UrlHoles { get; } = [];

        /// <summary>Gets or sets whether the text output can be planned: no value can change how it writes a link (see <c>TextNeverEqualsUrl</c>) or an image.</summary>
        public bool TextUrlsPlanned { get; set; } = true;

        /// <summary>Gets the loop body's expressions, in order.</summary>
        public List<ScriptExpression> ItemExpressions { get; } = [];

        public ScriptForStatement? Loop { get; set; }

        public string? Variable { get; set; }

        public void Clear()
        {
            SourceLength = 0;
            ItemSourceLength = 0;
            SlotCount = 0;
            Holes.Clear();
            ItemExpressions.Clear();
            Loop = null;
            Variable = null;
            Branches.Clear();
        }
    }
}
