namespace OneToOne.Composition.Print.Layout;

/// <summary>A list item's bullet or number, drawn right-aligned at <paramref name="Right"/> on the item's first line.</summary>
/// <param name="Text">The marker text.</param>
/// <param name="Right">The x coordinate the marker ends at.</param>
internal sealed record PendingMarker(StyledText Text, float Right);
