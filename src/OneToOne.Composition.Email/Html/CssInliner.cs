using System.Text;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Moves the rules of a document's <c>&lt;style&gt;</c> elements into its elements' <c>style</c> attributes,
/// as many email clients ignore or strip <c>&lt;style&gt;</c>. The cascade is respected: <c>!important</c>,
/// then specificity (an element's own <c>style</c> above any selector), then source order. Rules that cannot
/// be inlined stay in their <c>&lt;style&gt;</c> element: at-rules (<c>@media</c>, <c>@font-face</c>, …) and
/// rules with pseudo-classes or pseudo-elements (<c>a:hover</c>, <c>p::first-line</c>); a <c>&lt;style&gt;</c>
/// left empty is removed. Within one rule a property written twice keeps only its last value.
/// </summary>
internal static class CssInliner
{
    /// <summary>Gets the CSS parser options: unknown (vendor) properties and at-rules are kept, invalid selectors dropped.</summary>
    public static CssParserOptions ParserOptions { get; } = new()
    {
        IsIncludingUnknownDeclarations = true,
        IsIncludingUnknownRules = true,
        IsToleratingInvalidSelectors = false,
    };

    /// <summary>Inlines the document's styles in place.</summary>
    /// <param name="document">The document.</param>
    /// <remarks>
    /// Each <c>&lt;style&gt;</c> text and <c>style</c> attribute is parsed once per thread (<see cref="StyleSheetCache"/>):
    /// only matching the rules against this document's elements is done per message.
    /// </remarks>
    public static void Inline(IDocument document)
    {
        var styles = document.QuerySelectorAll("style");
        if (styles.Length == 0)
        {
            return;
        }

        var cache = StyleSheetCache.Current;
        var targets = Targets(document);
        var matched = new Dictionary<IElement, List<CssDeclaration>>();
        var order = 0;
        foreach (var style in styles)
        {
            if (!AppliesToScreen(style))
            {
                continue;
            }

            var sheet = cache.Sheet(style.TextContent);
            var rules = sheet.Rules;
            for (var i = 0; i < rules.Count; i++)
            {
                order = Match(rules[i], targets, matched, order);
            }

            if (sheet.Kept is null)
            {
                style.Remove();
            }
            else
            {
                style.TextContent = sheet.Kept;
            }
        }

        foreach (var element in targets)
        {
            if (matched.TryGetValue(element, out var declarations))
            {
                Apply(element, declarations, cache);
            }
        }
    }

    private static int Match(ParsedStyleRule parsed, List<IElement> targets, Dictionary<IElement, List<CssDeclaration>> matched, int order)
    {
        var rule = parsed.Rule;
        var properties = parsed.Declarations;
        foreach (var element in targets)
        {
            if (!rule.TryMatch(element, null, out var specificity))
            {
                continue;
            }

            if (!matched.TryGetValue(element, out var declarations))
            {
                declarations = [];
                matched.Add(element, declarations);
            }

            for (var i = 0; i < properties.Count; i++)
            {
                declarations.Add(new CssDeclaration(properties[i].Name, properties[i].Value, properties[i].IsImportant, specificity, order + i));
            }
        }

        return order + properties.Count;
    }

    private static void Apply(IElement element, List<CssDeclaration> declarations, StyleSheetCache cache)
    {
        if (element.GetAttribute("style") is { } inline)
        {
            var order = int.MaxValue / 2;
            foreach (var (name, value, isImportant) in cache.Declaration(inline))
            {
                declarations.Add(new CssDeclaration(name, value, isImportant, Priority.Inline, order++));
            }
        }

        // Winners in cascade order, so that a shorthand and a longhand of the same property
        // (margin, margin-top) are written with the stronger one last, where it wins again.
        declarations.Sort();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var winners = new List<CssDeclaration>(declarations.Count);
        for (var i = declarations.Count - 1; i >= 0; i--)
        {
            if (seen.Add(declarations[i].Name))
            {
                winners.Add(declarations[i]);
            }
        }

        var text = new StringBuilder();
        for (var i = winners.Count - 1; i >= 0; i--)
        {
            var declaration = winners[i];
            text.Append(text.Length == 0 ? string.Empty : "; ").Append(declaration.Name).Append(": ").Append(declaration.Value);
            if (declaration.IsImportant)
            {
                text.Append(" !important");
            }
        }

        element.SetAttribute("style", text.ToString());
    }

    /// <summary>The elements styles can apply to: everything outside <c>&lt;head&gt;</c> except non-rendered elements.</summary>
    private static List<IElement> Targets(IDocument document)
    {
        var targets = new List<IElement>();
        var head = document.Head;
        foreach (var element in document.All)
        {
            if (element.LocalName is "head" or "style" or "script" or "template" or "title" or "meta" or "link" or "base"
                || (head is not null && head.Contains(element)))
            {
                continue;
            }

            targets.Add(element);
        }

        return targets;
    }

    /// <summary>Rules with pseudo-classes or pseudo-elements depend on state or generate boxes: they cannot live in a <c>style</c> attribute.</summary>
    internal static bool IsInlinable(ICssStyleRule rule) =>
        rule.Selector is not null
        && rule.Rules.Length == 0
        && !rule.SelectorText.Contains(':', StringComparison.Ordinal);

    /// <summary>A <c>&lt;style media="print"&gt;</c> (or any media other than all/screen) is left as it is.</summary>
    private static bool AppliesToScreen(IElement style)
    {
        var media = style.GetAttribute("media")?.Trim();
        return string.IsNullOrEmpty(media)
            || media.Equals("all", StringComparison.OrdinalIgnoreCase)
            || media.Equals("screen", StringComparison.OrdinalIgnoreCase);
    }
}
