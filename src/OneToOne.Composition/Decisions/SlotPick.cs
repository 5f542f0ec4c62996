namespace OneToOne.Composition.Decisions;

/// <summary>How a slot picks among its eligible candidates (<c>pick:</c> in the catalog).</summary>
public enum SlotPick
{
    /// <summary><c>first</c>: the first eligible candidate, in the slot's order.</summary>
    First,

    /// <summary><c>best</c>: the highest-ranked eligible candidates (by score, then priority, then order), up to <c>count</c>.</summary>
    Best,

    /// <summary><c>all</c>: every eligible candidate in order, up to <c>count</c>.</summary>
    All,
}
