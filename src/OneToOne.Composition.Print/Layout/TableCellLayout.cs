namespace OneToOne.Composition.Print.Layout;

/// <summary>A table cell's text broken into the lines of its column.</summary>
/// <param name="Text">The cell text.</param>
/// <param name="Lines">The lines.</param>
/// <param name="Height">The height of the lines.</param>
internal sealed record TableCellLayout(StyledText Text, IReadOnlyList<TextLine> Lines, float Height);
