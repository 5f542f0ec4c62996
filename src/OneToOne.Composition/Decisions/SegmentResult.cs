namespace OneToOne.Composition.Decisions;

/// <summary>A segment that was evaluated for a recipient, and its value.</summary>
/// <param name="SegmentId">The segment's id.</param>
/// <param name="Condition">The segment's condition as written.</param>
/// <param name="Value">Whether the recipient is in the segment.</param>
public sealed record SegmentResult(string SegmentId, string Condition, bool Value);
