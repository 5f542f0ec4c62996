using AngleSharp.Css.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// A <c>&lt;style&gt;</c> element's text as the inliner uses it, the same for every message whose layout writes that text:
/// its inlinable rules with their declarations read out, and the text of the rules that stay behind. Immutable once made;
/// used only on the thread that parsed it (matching fills AngleSharp's own lazy caches in the rules; see <see cref="StyleSheetCache"/>).
/// </summary>
/// <param name="Rules">The inlinable rules that declare something, in source order.</param>
/// <param name="Kept">The rules that stay in the <c>&lt;style&gt;</c> element, one a line, or null when none does.</param>
/// <param name="KeptRules">
/// The style rules among those that stay, those within <c>@media</c> and other grouping rules included, in source order:
/// the rules a client that reads <c>&lt;style&gt;</c> applies to elements the inlining did not see (<see cref="BodyWrapper"/>'s wrapper).
/// </param>
internal sealed record ParsedStyleSheet(IReadOnlyList<ParsedStyleRule> Rules, string? Kept, IReadOnlyList<ICssStyleRule> KeptRules);
