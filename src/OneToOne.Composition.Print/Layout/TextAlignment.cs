namespace OneToOne.Composition.Print.Layout;

/// <summary>Horizontal alignment of a line in its box.</summary>
internal enum TextAlignment
{
    /// <summary>
    /// Flush with the start of the line's bidirectional paragraph (the text up to or after a forced break): left, or
    /// right when that paragraph is right to left.
    /// </summary>
    Start,

    /// <summary>Flush left.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,
}
