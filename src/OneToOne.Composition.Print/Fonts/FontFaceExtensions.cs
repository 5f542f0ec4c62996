namespace OneToOne.Composition.Print.Fonts;

/// <summary>Combines faces as emphasis nests.</summary>
internal static class FontFaceExtensions
{
    public static FontFace WithBold(this FontFace face) => face switch
    {
        FontFace.Regular => FontFace.Bold,
        FontFace.Italic => FontFace.BoldItalic,
        FontFace.Monospace => FontFace.MonospaceBold,
        _ => face,
    };

    public static FontFace WithItalic(this FontFace face) => face switch
    {
        FontFace.Regular => FontFace.Italic,
        FontFace.Bold => FontFace.BoldItalic,
        _ => face,
    };

    public static FontFace WithMonospace(this FontFace face) => face is FontFace.Bold or FontFace.BoldItalic or FontFace.MonospaceBold
        ? FontFace.MonospaceBold
        : FontFace.Monospace;

    public static bool IsBold(this FontFace face) => face is FontFace.Bold or FontFace.BoldItalic or FontFace.MonospaceBold;

    public static bool IsItalic(this FontFace face) => face is FontFace.Italic or FontFace.BoldItalic;
}
