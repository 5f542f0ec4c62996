using System.Collections.Concurrent;
using System.Text;
using AngleSharp;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Parses each distinct <c>&lt;style&gt;</c> text, and each distinct <c>style</c> attribute, once per process rather than
/// once per message: a layout's style sheet is the same for every recipient of a message, so for a run of millions it was
/// parsed millions of times. Keyed by the exact text (ordinal), so two layouts never share an entry however alike; bounded
/// (<see cref="SheetCapacity"/>, <see cref="DeclarationCapacity"/>): when full, a new text is parsed for its message and not
/// kept, so texts that differ per recipient cost what they cost before and no more memory. Thread-safe: the catalog, and so
/// this cache, is shared by every thread; parsing (only on a miss) is serialised, reading is lock-free.
/// </summary>
internal static class StyleSheetCache
{
    /// <summary>The most style sheets kept.</summary>
    public const int SheetCapacity = 256;

    /// <summary>The most <c>style</c> attributes kept.</summary>
    public const int DeclarationCapacity = 4096;

    private static readonly ConcurrentDictionary<string, ParsedStyleSheet> Sheets = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (string Name, string Value, bool IsImportant)[]> Declarations = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    // One context for every parse, kept for the process: the cached rules belong to it. Used only under Gate.
    private static readonly IBrowsingContext Context = BrowsingContext.New(HtmlPreparer.Configuration);
    private static readonly CssParser Parser = new(CssInliner.ParserOptions, Context);

    /// <summary>Gets the number of style sheets kept (for tests).</summary>
    internal static int SheetCount => Sheets.Count;

    /// <summary>Gets the number of <c>style</c> attributes kept (for tests).</summary>
    internal static int DeclarationCount => Declarations.Count;

    /// <summary>Gets a <c>&lt;style&gt;</c> element's text, parsed.</summary>
    /// <param name="text">The element's text content.</param>
    /// <returns>The parsed sheet, the same instance for the same text while it is kept.</returns>
    public static ParsedStyleSheet Sheet(string text)
    {
        if (Sheets.TryGetValue(text, out var sheet))
        {
            return sheet;
        }

        lock (Gate)
        {
            if (Sheets.TryGetValue(text, out sheet))
            {
                return sheet;
            }

            sheet = Parse(text);
            if (Sheets.Count < SheetCapacity)
            {
                Sheets[text] = sheet;
            }

            return sheet;
        }
    }

    /// <summary>Gets a <c>style</c> attribute's declarations in source order.</summary>
    /// <param name="text">The attribute's value.</param>
    /// <returns>The declarations (name, value as written, importance); do not change the array.</returns>
    public static (string Name, string Value, bool IsImportant)[] Declaration(string text)
    {
        if (Declarations.TryGetValue(text, out var declarations))
        {
            return declarations;
        }

        lock (Gate)
        {
            if (Declarations.TryGetValue(text, out declarations))
            {
                return declarations;
            }

            declarations = Parser.ParseDeclaration(text) is { } parsed ? Read(parsed) : [];
            if (Declarations.Count < DeclarationCapacity)
            {
                Declarations[text] = declarations;
            }

            return declarations;
        }
    }

    private static ParsedStyleSheet Parse(string text)
    {
        var sheet = Parser.ParseStyleSheet(text);
        var rules = new List<ParsedStyleRule>();
        var kept = new StringBuilder();
        foreach (var rule in sheet.Rules)
        {
            if (rule is ICssStyleRule styleRule && CssInliner.IsInlinable(styleRule))
            {
                var declarations = Read(styleRule.Style);
                if (declarations.Length > 0)
                {
                    rules.Add(new ParsedStyleRule(styleRule, declarations));
                }
            }
            else
            {
                kept.Append(kept.Length == 0 ? string.Empty : "\n").Append(rule.CssText);
            }
        }

        return new ParsedStyleSheet(rules.ToArray(), kept.Length == 0 ? null : kept.ToString());
    }

    private static (string Name, string Value, bool IsImportant)[] Read(ICssStyleDeclaration declaration)
    {
        var properties = new List<(string, string, bool)>(declaration.Length);
        foreach (var property in declaration)
        {
            properties.Add((property.Name, property.Value, property.IsImportant));
        }

        return properties.ToArray();
    }
}
