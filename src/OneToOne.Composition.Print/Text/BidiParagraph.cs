namespace OneToOne.Composition.Print.Text;

/// <summary>One paragraph of a text, as UAX #9's rule P1 splits it: up to and with a paragraph separator (type B), or to the end.</summary>
/// <param name="Start">The index of the paragraph's first character.</param>
/// <param name="End">The index past its last character (its separator, if any).</param>
/// <param name="Level">Its embedding level (P2–P3): 1 when its first strong character is right-to-left, else 0.</param>
internal readonly record struct BidiParagraph(int Start, int End, byte Level) : Layout.ITextRange
{
    /// <summary>Gets whether the paragraph is right to left, so that its lines start at the right edge.</summary>
    public bool IsRightToLeft => (Level & 1) != 0;
}
