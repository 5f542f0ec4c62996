namespace OneToOne.Composition.Print.Layout;

/// <summary>One line of a broken text: a range of the text, without the spaces it was broken at.</summary>
/// <param name="Start">The index of the line's first character.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="Hyphenated">Whether the line was broken at a soft hyphen (its last character), so a hyphen is drawn after it.</param>
internal readonly record struct TextLine(int Start, int Length, bool Hyphenated = false)
{
    /// <summary>Gets the index just past the line's last character.</summary>
    public int End => Start + Length;
}
