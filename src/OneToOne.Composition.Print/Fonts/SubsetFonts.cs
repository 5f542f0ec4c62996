using System.Buffers;
using OneToOne.Composition.Print.Drawing;
using SkiaSharp;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// The fonts one PDF is painted with when it holds one message: each typeface cut down to the glyphs the message
/// uses (<see cref="TrueTypeSubsetter"/>), so the file embeds kilobytes of font instead of megabytes. Glyph ids and
/// metrics are unchanged, so the pages are the ones laid out with the whole fonts.
/// </summary>
internal sealed class SubsetFonts : IDisposable
{
    private readonly Dictionary<SKFont, SKFont> _fonts = new(ReferenceEqualityComparer.Instance);
    private readonly List<SKTypeface> _typefaces = [];

    private SubsetFonts()
    {
    }

    /// <summary>Cuts the fonts of a laid-out message down to the glyphs it draws.</summary>
    /// <param name="message">The laid-out message.</param>
    /// <param name="fontSet">The fonts it was laid out with.</param>
    /// <returns>The subset fonts; a typeface that cannot be cut is drawn whole.</returns>
    public static SubsetFonts For(LaidOutMessage message, FontSet fontSet)
    {
        // Keyed by native handle: SkiaSharp may wrap the same typeface in more than one managed object.
        var glyphs = new Dictionary<nint, (SKTypeface Typeface, HashSet<ushort> Used)>();
        foreach (var page in message.Pages)
        {
            foreach (var command in page.Commands)
            {
                if (command.Kind == DrawKind.Glyphs)
                {
                    var typeface = command.Font!.Typeface;
                    if (!glyphs.TryGetValue(typeface.Handle, out var entry))
                    {
                        glyphs[typeface.Handle] = entry = (typeface, []);
                    }

                    entry.Used.UnionWith(command.Glyphs!);
                }
            }
        }

        var subsets = new SubsetFonts();
        var typefaces = new Dictionary<nint, SKTypeface>();
        foreach (var (handle, (typeface, used)) in glyphs)
        {
            if (TrueTypeSubsetter.TrySubset(fontSet.FileOf(typeface), used, out var buffer, out var length))
            {
                // Skia keeps a copy of its own, so the file is cut in a rented buffer and never becomes an array of its own.
                SKTypeface? subset;
                using (var data = SKData.CreateCopy(buffer.AsSpan(0, length)))
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    subset = SKTypeface.FromData(data);
                }

                if (subset is not null)
                {
                    subsets._typefaces.Add(subset);
                    typefaces[handle] = subset;
                }
            }
        }

        foreach (var page in message.Pages)
        {
            foreach (var command in page.Commands)
            {
                if (command.Kind == DrawKind.Glyphs && !subsets._fonts.ContainsKey(command.Font!)
                    && typefaces.TryGetValue(command.Font!.Typeface.Handle, out var subset))
                {
                    subsets._fonts[command.Font] = FontCache.Create(subset, command.Font.Size, command.Font.SkewX, command.Font.Embolden);
                }
            }
        }

        return subsets;
    }

    /// <summary>Gets the font to draw with in place of a font the message was laid out with.</summary>
    /// <param name="font">A font of the laid-out message.</param>
    /// <returns>Its subset, or the font itself when its typeface could not be cut.</returns>
    public SKFont For(SKFont font) => _fonts.TryGetValue(font, out var subset) ? subset : font;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        foreach (var typeface in _typefaces)
        {
            typeface.Dispose();
        }
    }
}
