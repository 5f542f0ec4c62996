namespace OneToOne.Composition.Print.Text;

/// <summary>A part of a line drawn as one glyph run: glyphs of one shaped item, in left-to-right order.</summary>
/// <param name="Run">The index of the text run (its font and style).</param>
/// <param name="GlyphStart">The index of the first glyph.</param>
/// <param name="GlyphEnd">The index past the last glyph.</param>
/// <param name="From">The index of the first character the glyphs stand for.</param>
/// <param name="To">The index past the last character the glyphs stand for.</param>
internal readonly record struct GlyphPiece(int Run, int GlyphStart, int GlyphEnd, int From, int To);
