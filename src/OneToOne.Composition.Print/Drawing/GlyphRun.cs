namespace OneToOne.Composition.Print.Drawing;

/// <summary>Shaped glyphs to draw, with the text they stand for so that the PDF can give it back when it is copied.</summary>
/// <param name="Glyphs">The glyph ids, left to right.</param>
/// <param name="Positions">Each glyph's position from the run's origin (x right, y down).</param>
/// <param name="Text">The characters the glyphs stand for, in logical order, without the invisible ones.</param>
/// <param name="Clusters">For each glyph, the UTF-8 byte offset in <paramref name="Text"/> of its first character.</param>
internal sealed record GlyphRun(ushort[] Glyphs, SkiaSharp.SKPoint[] Positions, string Text, uint[] Clusters);
