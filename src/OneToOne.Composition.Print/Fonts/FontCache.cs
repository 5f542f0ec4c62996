using SkiaSharp;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// The <see cref="SKFont"/> objects of one render (an <see cref="SKFont"/> is mutable and not thread-safe, so each
/// render has its own), created with unhinted, linear metrics so that measured widths are exact and resolution-free.
/// </summary>
internal sealed class FontCache : IDisposable
{
    private readonly Dictionary<(SKTypeface Typeface, float Size, bool Italic, bool Bold), SKFont> _fonts = [];

    public FontCache(FontSet fontSet) => FontSet = fontSet;

    public FontSet FontSet { get; }

    public SKFont Get(FaceSlot slot, float size)
    {
        var key = (slot.Typeface, size, slot.SyntheticItalic, slot.SyntheticBold);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = Create(slot.Typeface, size, slot.SyntheticItalic ? -0.2f : 0f, slot.SyntheticBold);
            _fonts[key] = font;
        }

        return font;
    }

    /// <summary>Creates a font as every render measures and draws with: unhinted, linear metrics.</summary>
    /// <param name="typeface">The typeface.</param>
    /// <param name="size">The size in points.</param>
    /// <param name="skewX">The synthetic slant (0 for none).</param>
    /// <param name="embolden">Whether to embolden synthetically.</param>
    /// <returns>The font; the caller disposes it.</returns>
    public static SKFont Create(SKTypeface typeface, float size, float skewX, bool embolden) => new(typeface, size)
    {
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
        Edging = SKFontEdging.Antialias,
        SkewX = skewX,
        Embolden = embolden,
    };

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
    }
}
