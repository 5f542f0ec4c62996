using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Rendering;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Compiles a Markdown template without control flow into <see cref="FragmentPlan"/>s for web and text.
/// Each expression becomes a private-use token; the Markdown is converted once; the output is split at
/// the tokens. A template is left to the general path when a token would land where a value is not plain
/// text (code, raw HTML, a link's URL), when it has statements other than text and expressions, or when
/// the output does not hold each token exactly once.
/// </summary>
internal static class FragmentCompiler
{
    private const char ExpressionStart = '\uE002';
    private const char ExpressionEnd = '\uE003';
    private const char SlotStart = '\uE004';
    private const char SlotEnd = '\uE005';

    public static (FragmentPlan? Web, FragmentPlan? Text) Compile(CompiledTemplate template, MarkdownPipeline pipeline)
    {
        var holes = new List<(ScriptExpression? Expression, string? Slot, string Token)>();
        if (Tokenize(template, holes) is not { } source)
        {
            return (null, null);
        }

        var document = Markdown.Parse(source, pipeline);
        if (!TokensOnlyInPlainText(document))
        {
            return (null, null);
        }

        var html = Markdown.ToHtml(source, pipeline);
        var plain = PlainTextRenderer.Render(source, pipeline);
        return (Split(html, source, holes, web: true, EscapeMode.HtmlText), Split(plain, source, holes, web: false, EscapeMode.Line));
    }

    /// <summary>
    /// Compiles a template whose text is its output (an <c>html</c> or <c>text</c> override): the text
    /// between expressions is written as is and values escaped exactly as the general path escapes them.
    /// </summary>
    public static FragmentPlan? CompileVerbatim(CompiledTemplate template, EscapeMode valueMode, bool web)
    {
        var holes = new List<(ScriptExpression? Expression, string? Slot, string Token)>();
        if (Tokenize(template, holes) is not { } source)
        {
            return null;
        }

        var plan = Split(source, source, holes, web, valueMode);
        return plan is null ? null : plan with { Holes = [.. plan.Holes.Select(static h => h with { EmptySensitive = false, EdgeSensitive = false })] };
    }

    /// <summary>Writes the template as text with a token per expression and slot, or returns null when it has other statements.</summary>
    private static string? Tokenize(CompiledTemplate template, List<(ScriptExpression? Expression, string? Slot, string Token)> holes)
    {
        var statements = template.Template.Page?.Body?.Statements;
        if (statements is null)
        {
            return null;
        }

        var markdown = new StringBuilder();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ScriptRawStatement raw:
                    var text = raw.Text.ToString();
                    if (text.AsSpan().IndexOfAnyInRange(TextEscaper.PlaceholderStart, SlotEnd) >= 0)
                    {
                        return null;
                    }

                    markdown.Append(text);
                    break;
                case ScriptEscapeStatement:
                    // The '{{' and '}}' delimiters: no output of their own.
                    break;
                case ScriptExpressionStatement { Expression: ScriptFunctionCall { Target: ScriptVariable { Name: "slot" }, Arguments: [ScriptLiteral { Value: string slot }] } }:
                    var slotToken = Token(SlotStart, holes.Count, SlotEnd);
                    holes.Add((null, slot, slotToken));
                    markdown.Append(slotToken);
                    break;
                case ScriptExpressionStatement { Expression: { } expression } when expression is not ScriptAssignExpression:
                    var token = Token(ExpressionStart, holes.Count, ExpressionEnd);
                    holes.Add((expression, null, token));
                    markdown.Append(token);
                    break;
                default:
                    return null;
            }
        }

        return markdown.ToString();
    }

    private static string Token(char start, int index, char end) => string.Create(CultureInfo.InvariantCulture, $"{start}{index}{end}");

    /// <summary>Checks that every expression token sits in literal text, where a value is plain text too.</summary>
    private static bool TokensOnlyInPlainText(MarkdownDocument document)
    {
        foreach (var node in document.Descendants())
        {
            var text = node switch
            {
                LeafBlock { Inline: null } leaf => leaf.Lines.ToString(),
                CodeInline code => code.Content,
                HtmlInline html => html.Tag,
                AutolinkInline autolink => autolink.Url,
                LinkInline link => link.Url + link.Title,
                _ => null,
            };
            if (text is not null && text.Contains(ExpressionStart, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static FragmentPlan? Split(string output, string source, List<(ScriptExpression? Expression, string? Slot, string Token)> holes, bool web, EscapeMode valueMode)
    {
        var literals = new List<string>();
        var planHoles = new List<FragmentHole>();
        var position = 0;
        while (position < output.Length)
        {
            var next = output.AsSpan(position).IndexOfAny(ExpressionStart, SlotStart);
            if (next < 0)
            {
                break;
            }

            next += position;
            var close = output.IndexOfAny([ExpressionEnd, SlotEnd], next);
            var index = int.Parse(output.AsSpan(next + 1, close - next - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            var (expression, slot, token) = holes[index];
            var literal = output[position..next];
            var after = close + 1;
            var block = false;
            if (slot is not null && web && literal.EndsWith("<p>", StringComparison.Ordinal) && output.AsSpan(after).StartsWith("</p>"))
            {
                literal = literal[..^3];
                after += 4;
                block = true;
            }

            literals.Add(literal);
            var (emptySensitive, edgeSensitive) = expression is null ? (false, false) : Sensitivity(source, token);
            planHoles.Add(new FragmentHole(expression, slot, block, emptySensitive, edgeSensitive));
            position = after;
        }

        literals.Add(output[position..]);

        // Every expression must appear exactly once: a value repeated or dropped by the conversion would not match.
        var expressionCount = holes.Count(static h => h.Expression is not null);
        if (planHoles.Count(static h => h.Expression is not null) != expressionCount
            || planHoles.Where(static h => h.Expression is not null).Select(static h => h.Expression).Distinct().Count() != expressionCount)
        {
            return null;
        }

        return new FragmentPlan([.. literals], [.. planHoles], valueMode);
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
            if (line[i] is ExpressionStart or SlotStart)
            {
                i = line.IndexOfAny([ExpressionEnd, SlotEnd], i);
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
}
