using OneToOne.Composition.Rendering;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// A Markdown template turned into one channel's output once, at compile time: literal text with holes.
/// Per recipient only the holes are filled (expressions evaluated and escaped, slots rendered), so no
/// Markdown is parsed on the hot path.
/// </summary>
/// <param name="Literals">The text around the holes; one more than <paramref name="Holes"/>.</param>
/// <param name="Holes">The holes, in output order.</param>
/// <param name="ValueMode">How expression values are escaped into this output.</param>
internal sealed record FragmentPlan(string[] Literals, FragmentHole[] Holes, EscapeMode ValueMode);

/// <summary>One hole of a <see cref="FragmentPlan"/>: an expression's value, or a slot.</summary>
/// <param name="Expression">The expression whose value fills the hole, or null for a slot.</param>
/// <param name="SlotId">The slot placed here, or null for an expression.</param>
/// <param name="Block">For a slot: the hole was a paragraph of its own, so modules go in as blocks.</param>
/// <param name="EmptySensitive">An empty value here would change the Markdown structure (a paragraph of its own, or next to emphasis).</param>
/// <param name="EdgeSensitive">The hole touches an emphasis delimiter, so a value starting or ending with punctuation or white space could change it.</param>
internal sealed record FragmentHole(ScriptExpression? Expression, string? SlotId, bool Block, bool EmptySensitive, bool EdgeSensitive);
