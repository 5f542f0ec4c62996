namespace OneToOne.Composition.Print.Text;

/// <summary>
/// A range of a paragraph shaped in one go: one text run (one font and style), one embedding level (shaped right to left
/// when odd) and one script.
/// Its glyphs are in the order they are drawn from left to right (for an odd level, the last character's first).
/// </summary>
/// <param name="Start">The index of the first character.</param>
/// <param name="End">The index past the last character.</param>
/// <param name="Run">The index of the text run.</param>
/// <param name="GlyphStart">The index of the item's first glyph.</param>
/// <param name="GlyphEnd">The index past the item's last glyph.</param>
internal readonly record struct ShapedItem(int Start, int End, int Run, int GlyphStart, int GlyphEnd) : Layout.ITextRange;
