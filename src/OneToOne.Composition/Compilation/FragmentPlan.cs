using OneToOne.Composition.Rendering;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// A Markdown template turned into one channel's output once, at compile time: literal text with holes.
/// Per recipient only the holes are filled (expressions evaluated and escaped, slots rendered, loop items
/// repeated), so no Markdown is parsed on the hot path.
/// </summary>
/// <param name="Literals">The text around the holes; one more than <paramref name="Holes"/>.</param>
/// <param name="Holes">The holes, in output order.</param>
/// <param name="ValueMode">How expression values are escaped into this output.</param>
internal sealed record FragmentPlan(string[] Literals, FragmentHole[] Holes, EscapeMode ValueMode)
{
    /// <summary>
    /// Gets how the general path escapes values into the template's own output (Markdown for content, HTML
    /// or plain text for overrides): with <see cref="SourceLength"/>, it bounds what the general path would
    /// write, so that a plan never succeeds where the general path would hit the output limit.
    /// </summary>
    public EscapeMode SourceMode { get; init; }

    /// <summary>Gets the length of the template's own text (and slot placeholders) that the general path writes, values excluded; for a loop item, per item.</summary>
    public int SourceLength { get; init; }

    /// <summary>Gets the template's <c>for</c> loop, when it has one; its items fill the hole whose <see cref="FragmentHole.Loop"/> is set.</summary>
    public FragmentLoop? Loop { get; init; }

    /// <summary>Gets the template's <c>if</c> chain, when it has one: then this plan only chooses which of its plans to write.</summary>
    public FragmentBranches? Branches { get; init; }

    /// <summary>Gets the plan for when the loop's list is empty or null (the template as if the loop were not there), or null to leave that case to the general path.</summary>
    public FragmentPlan? WhenEmpty { get; init; }
}

/// <summary>One hole of a <see cref="FragmentPlan"/>: an expression's value, a slot, or a loop's items.</summary>
/// <param name="Expression">The expression whose value fills the hole, or null for a slot or a loop.</param>
/// <param name="SlotId">The slot placed here, or null for an expression or a loop.</param>
/// <param name="Block">For a slot: the hole was a paragraph of its own, so modules go in as blocks.</param>
/// <param name="EmptySensitive">An empty value here would change the Markdown structure (a paragraph of its own, or next to emphasis).</param>
/// <param name="EdgeSensitive">The hole touches an emphasis delimiter, so a value starting or ending with punctuation or white space could change it.</param>
internal sealed record FragmentHole(ScriptExpression? Expression, string? SlotId, bool Block, bool EmptySensitive, bool EdgeSensitive)
{
    /// <summary>Gets whether the hole is part of a link's URL: in web output its value is written as Markdig writes a URL, in text output as it is.</summary>
    public bool Url { get; init; }

    /// <summary>Gets where the value lands when not in text (a URL, code): it is escaped for that place too, as on the general path.</summary>
    public ValuePosition Position { get; init; }

    /// <summary>For a slot that is not a paragraph of its own: where it stands (see <see cref="Rendering.InlineSlot"/>).</summary>
    public Rendering.SlotPlace Place { get; init; }

    /// <summary>Gets the loop whose items fill this hole, or null.</summary>
    public FragmentLoop? Loop { get; init; }

    /// <summary>Gets the expression compiled to direct reads, when its shape allows (see <see cref="HoleExpression"/>).</summary>
    public HoleExpression? Compiled { get; init; } = Expression is null ? null : HoleExpression.TryCompile(Expression);
}

/// <summary>
/// A <c>for</c> loop compiled to one plan per item: the output of a loop over n items (n ≥ 1) is the item
/// plan n times with <paramref name="Separator"/> between, as the Markdown conversion of the unrolled loop
/// showed at compile time.
/// </summary>
/// <param name="Statement">The loop, for its iterator and error locations.</param>
/// <param name="Variable">The loop variable's name.</param>
/// <param name="Item">One item's output: literals and value holes, evaluated with the variable bound to the item.</param>
/// <param name="Separator">The output between two items.</param>
internal sealed record FragmentLoop(ScriptForStatement Statement, string Variable, FragmentPlan Item, string Separator);

/// <summary>
/// A template with one <c>if</c> / <c>else if</c> / <c>else</c> chain compiled to one plan per branch, each the whole
/// template converted with that branch's text in place. The conditions are evaluated in order, as Scriban does.
/// </summary>
/// <param name="Conditions">The chain's conditions, in order.</param>
/// <param name="Plans">One plan per condition, then one for the <c>else</c> (written or implicit and empty); null where a branch takes the general path.</param>
internal sealed record FragmentBranches(ScriptExpression[] Conditions, FragmentPlan?[] Plans);
