using System.Text;
using AngleSharp;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Parses each distinct <c>&lt;style&gt;</c> text, and each distinct <c>style</c> attribute, once per thread rather than
/// once per message: a layout's style sheet is the same for every recipient of a message, so for a run of millions it was
/// parsed millions of times. Keyed by the exact text (ordinal), so two layouts never share an entry however alike; bounded
/// (<see cref="SheetCapacity"/>, <see cref="DeclarationCapacity"/> per thread): when full, a new text is parsed for its
/// message and not kept, so texts that differ per recipient cost what they cost before and no more memory.
/// </summary>
/// <remarks>
/// Per thread, not shared: AngleSharp's selectors fill caches of their own lazily as they first match (a complex selector's
/// specificity, a compound's match order, a list's order by specificity), unsynchronised, so a parsed rule is only ever
/// matched on the thread that parsed it. A batch run has a few worker threads; each parses a layout's sheet once.
/// </remarks>
internal sealed class StyleSheetCache
{
    /// <summary>The most style sheets a thread keeps.</summary>
    public const int SheetCapacity = 64;

    /// <summary>The most <c>style</c> attributes a thread keeps.</summary>
    public const int DeclarationCapacity = 1024;

    [ThreadStatic]
    private static StyleSheetCache? _current;

    private readonly Dictionary<string, ParsedStyleSheet> _sheets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string Value, bool IsImportant)[]> _declarations = new(StringComparer.Ordinal);

    // The context every parse on this thread uses, kept as long as the thread: the cached rules belong to it.
    private readonly CssParser _parser = new(CssInliner.ParserOptions, BrowsingContext.New(HtmlPreparer.Configuration));

    private StyleSheetCache()
    {
    }

    /// <summary>Gets the calling thread's cache.</summary>
    public static StyleSheetCache Current => _current ??= new StyleSheetCache();

    /// <summary>Gets the number of style sheets kept (for tests).</summary>
    internal int SheetCount => _sheets.Count;

    /// <summary>Gets a <c>&lt;style&gt;</c> element's text, parsed.</summary>
    /// <param name="text">The element's text content.</param>
    /// <returns>The parsed sheet, the same instance for the same text while it is kept.</returns>
    public ParsedStyleSheet Sheet(string text)
    {
        if (!_sheets.TryGetValue(text, out var sheet))
        {
            sheet = Parse(text);
            if (_sheets.Count < SheetCapacity)
            {
                _sheets.Add(text, sheet);
            }
        }

        return sheet;
    }

    /// <summary>Gets a <c>style</c> attribute's declarations in source order.</summary>
    /// <param name="text">The attribute's value.</param>
    /// <returns>The declarations (name, value as written, importance); do not change the array.</returns>
    public (string Name, string Value, bool IsImportant)[] Declaration(string text)
    {
        if (!_declarations.TryGetValue(text, out var declarations))
        {
            declarations = _parser.ParseDeclaration(text) is { } parsed ? Read(parsed) : [];
            if (_declarations.Count < DeclarationCapacity)
            {
                _declarations.Add(text, declarations);
            }
        }

        return declarations;
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

    private ParsedStyleSheet Parse(string text)
    {
        var sheet = _parser.ParseStyleSheet(text);
        var rules = new List<ParsedStyleRule>();
        var kept = new StringBuilder();
        var keptRules = new List<ICssStyleRule>();
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
                MakeImportant(rule);
                CollectStyleRules(rule, keptRules);
                kept.Append(kept.Length == 0 ? string.Empty : "\n").Append(rule.CssText);
            }
        }

        return new ParsedStyleSheet(rules.ToArray(), kept.Length == 0 ? null : kept.ToString(), keptRules.ToArray());
    }

    /// <summary>Adds a kept rule's style rules, those within grouping rules (<c>@media</c>, <c>@supports</c>) included.</summary>
    private static void CollectStyleRules(ICssRule rule, List<ICssStyleRule> rules)
    {
        switch (rule)
        {
            case ICssStyleRule style when style.Selector is not null:
                rules.Add(style);
                break;
            case ICssGroupingRule grouping:
                foreach (var inner in grouping.Rules)
                {
                    CollectStyleRules(inner, rules);
                }

                break;
        }
    }

    /// <summary>
    /// Makes the declarations of a rule that stays in <c>&lt;style&gt;</c> (a <c>:hover</c> rule, the rules of an
    /// <c>@media</c> or <c>@supports</c> block) <c>!important</c>. Before inlining such a rule overrides the plainer rules it
    /// is written to override (<c>@media (max-width: 480px) { .sheet { padding: 12px } }</c> after <c>.sheet { padding: 24px }</c>);
    /// once those are in <c>style</c> attributes, which beat any style sheet rule that is not <c>!important</c>, it never
    /// applied in any client: the phone layout, the dark colours, the hover colour were dead. As <c>!important</c> they win
    /// over the inlined values again where the client reads <c>&lt;style&gt;</c>, and clients that do not read it keep the
    /// inlined ones. (They now win over an element's own <c>style</c> attribute too, where the author's text had the attribute win.)
    /// </summary>
    private static void MakeImportant(ICssRule rule)
    {
        switch (rule)
        {
            case ICssStyleRule style:
                foreach (var (name, value, isImportant) in Read(style.Style))
                {
                    if (!isImportant)
                    {
                        style.Style.SetProperty(name, value, "important");
                    }
                }

                break;
            case ICssGroupingRule grouping:
                foreach (var inner in grouping.Rules)
                {
                    MakeImportant(inner);
                }

                break;
        }
    }
}
