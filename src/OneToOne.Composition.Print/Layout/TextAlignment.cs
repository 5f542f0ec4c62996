namespace OneToOne.Composition.Print.Layout;

/// <summary>Horizontal alignment of a line in its box.</summary>
internal enum TextAlignment
{
    /// <summary>Flush with the paragraph's start: left, or right when the paragraph is right to left.</summary>
    Start,

    /// <summary>Flush left.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,
}
