using OneToOne.Composition.Print.Fonts;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <summary>How a piece of inline text looks.</summary>
/// <param name="Face">The font face.</param>
/// <param name="Size">The font size in points.</param>
/// <param name="Color">The text colour.</param>
/// <param name="Link">The URL the text links to, or null.</param>
internal readonly record struct TextStyle(FontFace Face, float Size, SKColor Color, string? Link);
