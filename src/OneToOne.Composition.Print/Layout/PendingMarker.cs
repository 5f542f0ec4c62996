namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// A list item's bullet or number, drawn on the item's first line: before the text on its left, ending at
/// <paramref name="Edge"/>, or for a right-to-left item after it on its right, starting at <paramref name="Edge"/>.
/// </summary>
/// <param name="Text">The marker text.</param>
/// <param name="Edge">The x coordinate the marker ends at (left-to-right item) or starts at (right-to-left item).</param>
/// <param name="RightToLeft">Whether the item is right to left, so that the marker stands on its right.</param>
internal sealed record PendingMarker(StyledText Text, float Edge, bool RightToLeft);
