using SkiaSharp;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>A loaded typeface and how to synthesise the face asked for from it.</summary>
/// <param name="Typeface">The typeface.</param>
/// <param name="SyntheticItalic">Whether to slant it.</param>
/// <param name="SyntheticBold">Whether to embolden it.</param>
internal sealed record FaceSlot(SKTypeface Typeface, bool SyntheticItalic, bool SyntheticBold);
