namespace OneToOne.Composition.Print.Text;

/// <summary>One glyph as HarfBuzz placed it, in points at the run's size.</summary>
/// <param name="Id">The glyph id in the run's typeface.</param>
/// <param name="Cluster">The index in the paragraph's text of the first character the glyph stands for.</param>
/// <param name="Advance">How far the pen moves after the glyph.</param>
/// <param name="OffsetX">How far right of the pen the glyph is drawn (a mark over its base).</param>
/// <param name="OffsetY">How far below the pen the glyph is drawn (negative: above; page coordinates grow downwards).</param>
internal readonly record struct ShapedGlyph(ushort Id, int Cluster, float Advance, float OffsetX, float OffsetY);
