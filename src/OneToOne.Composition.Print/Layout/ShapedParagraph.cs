using OneToOne.Composition.Print.Text;

namespace OneToOne.Composition.Print.Layout;

/// <summary>A paragraph resolved and shaped by <see cref="ParagraphShaper"/>.</summary>
/// <param name="Paragraphs">The text's bidirectional paragraphs (UAX #9 P1: split at each forced break), each with its level.</param>
/// <param name="Levels">The level of every character, or null when all are 0 (no right-to-left text).</param>
/// <param name="Items">The shaped items, in logical order.</param>
/// <param name="Glyphs">The glyphs of every item, item after item.</param>
/// <param name="AdvanceSums">For each index <c>i</c> from 0 to the text's length, the advance of <c>Text[0..i)</c>.</param>
internal sealed record ShapedParagraph(BidiParagraph[] Paragraphs, byte[]? Levels, ShapedItem[] Items, ShapedGlyph[] Glyphs, float[] AdvanceSums);
