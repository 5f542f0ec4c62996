using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Analysis;

/// <summary>A comparison of a recipient field with a constant, as written in a condition, that the analysis may be unable to decide.</summary>
/// <param name="Field">The field compared, or the path below one (<c>address.country</c>).</param>
/// <param name="Text">The comparison as written (<c>age == "5"</c>).</param>
/// <param name="Kind">What the constant is, and for true/false, that it is ordered against.</param>
/// <param name="Location">Where the comparison starts in the catalog.</param>
internal sealed record TypedComparison(string Field, string Text, ComparisonKind Kind, SourceLocation Location);
