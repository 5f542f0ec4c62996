using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <summary>A range of a <see cref="StyledText"/> drawn with one font and one style.</summary>
/// <param name="Start">The first index.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="Font">The font (typeface chosen per character, so fallbacks have runs of their own).</param>
/// <param name="Style">The style.</param>
internal readonly record struct TextRun(int Start, int Length, SKFont Font, TextStyle Style) : ITextRange
{
    /// <summary>Gets the index past the last character.</summary>
    public int End => Start + Length;
}
