using AngleSharp.Css.Dom;

namespace OneToOne.Composition.Email.Html;

/// <summary>One inlinable rule and its declarations.</summary>
/// <param name="Rule">The rule, matched against each element.</param>
/// <param name="Declarations">Its declarations in source order (name, value as written, importance).</param>
internal sealed record ParsedStyleRule(ICssStyleRule Rule, IReadOnlyList<(string Name, string Value, bool IsImportant)> Declarations);
