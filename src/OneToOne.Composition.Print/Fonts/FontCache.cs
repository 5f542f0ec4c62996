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
            font = new SKFont(slot.Typeface, size)
            {
                Hinting = SKFontHinting.None,
                Subpixel = true,
                LinearMetrics = true,
                Edging = SKFontEdging.Antialias,
                SkewX = slot.SyntheticItalic ? -0.2f : 0f,
                Embolden = slot.SyntheticBold,
            };
            _fonts[key] = font;
        }

        return font;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
    }
}
