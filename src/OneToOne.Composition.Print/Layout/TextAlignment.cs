namespace OneToOne.Composition.Print.Layout;

/// <summary>Horizontal alignment of a line in its box.</summary>
internal enum TextAlignment
{
    /// <summary>Flush left.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,
}
