namespace OneToOne.Composition.Print.Fonts;

/// <summary>The faces the layout asks for.</summary>
internal enum FontFace
{
    /// <summary>Body text.</summary>
    Regular,

    /// <summary>Strong emphasis and headings.</summary>
    Bold,

    /// <summary>Emphasis.</summary>
    Italic,

    /// <summary>Strong emphasis inside emphasis.</summary>
    BoldItalic,

    /// <summary>Code.</summary>
    Monospace,

    /// <summary>Code inside strong emphasis or a table header.</summary>
    MonospaceBold,
}
