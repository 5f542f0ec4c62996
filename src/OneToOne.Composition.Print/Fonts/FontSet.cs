using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OneToOne.Composition.Print.Text;
using SkiaSharp;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// The typefaces of one <see cref="PrintFonts"/>, loaded once per process and shared (typefaces are immutable and
/// thread-safe) until a font file is replaced (a brand font updated under a running service), with the per-character choice of typeface: the face asked for, then the regular face, then the
/// fallbacks; a character none has is a <see cref="PrintException"/>.
/// </summary>
internal sealed class FontSet
{
    private static readonly ConcurrentDictionary<string, Lazy<FontSet>> Loaded = new(StringComparer.Ordinal);

    private readonly FaceSlot[][] _chains;
    private readonly SKFont[] _probes;
    private readonly SKTypeface[] _typefaces;
    private readonly byte[][] _files;
    private readonly ShapingFace[] _shapingFaces;
    private readonly bool[] _colour;
    private readonly ConcurrentDictionary<long, int> _choices = new();
    private readonly Lock _probeLock = new();
    private readonly string _familyList;

    // Each font file as it was when it was read: length, last write and creation time (a file renamed over it is new);
    // as it was when a replacement could not be read, once the set is kept instead (Reload).
    private volatile FileStamp[] _stamps;

    private FontSet(SKTypeface[] typefaces, byte[][] files, FaceSlot[][] chains, FileStamp[] stamps)
    {
        _stamps = stamps;
        _typefaces = typefaces;
        _files = files;
        _chains = chains;
        _probes = new SKFont[typefaces.Length];
        _shapingFaces = new ShapingFace[typefaces.Length];
        _colour = new bool[typefaces.Length];
        for (var i = 0; i < typefaces.Length; i++)
        {
            _probes[i] = new SKFont(typefaces[i]);
            _shapingFaces[i] = new ShapingFace(files[i]);
            _colour[i] = IsColourFont(typefaces[i]);
        }

        _familyList = string.Join(", ", typefaces.Select(static t => t.FamilyName).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Gets the loaded font set for these fonts, loading it on first use.</summary>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    public static FontSet Get(PrintFonts fonts)
    {
        var lazy = Loaded.GetOrAdd(fonts.CacheKey, static (_, f) => new Lazy<FontSet>(() => Load(f)), fonts);
        try
        {
            if (lazy.Value.Replaced())
            {
                // A font file replaced since it was read (the catalog's monitor reloads, but the paths are the same): read
                // it again, once per change, for every thread.
                var current = lazy.Value;
                var again = new Lazy<FontSet>(() => Reload(fonts, current));
                lazy = Loaded.TryUpdate(fonts.CacheKey, again, lazy) ? again : Loaded.GetOrAdd(fonts.CacheKey, again);
            }

            return lazy.Value;
        }
        catch (PrintException)
        {
            // Do not cache a failure: the fonts may be installed later in the same process.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<FontSet>>(fonts.CacheKey, lazy));
            throw;
        }
    }

    /// <summary>
    /// Reads a set again whose files were replaced, or keeps <paramref name="current"/> when the new files cannot be
    /// loaded: one still being copied over (its first bytes only), or another of the set deleted meanwhile. Printing then
    /// goes on with the fonts read, as a catalog's monitor keeps the last good catalog, and the files are tried again when
    /// one changes once more (the copy ends), not at every render.
    /// </summary>
    private static FontSet Reload(PrintFonts fonts, FontSet current)
    {
        // Taken before the files are read: one that changes while they are is tried again at the next use.
        var seen = Array.ConvertAll(current._stamps, static s => FileStamp.Of(s.Path) ?? s);
        try
        {
            return Load(fonts);
        }
        catch (Exception ex) when (ex is PrintException or IOException or UnauthorizedAccessException)
        {
            current._stamps = seen;
            return current;
        }
    }

    /// <summary>
    /// Whether a font file of this set has been replaced since it was read. One deleted is not: what was read keeps
    /// printing (as a catalog's monitor keeps the last good catalog) until a file is put in its place.
    /// </summary>
    private bool Replaced()
    {
        foreach (var stamp in _stamps)
        {
            if (FileStamp.Of(stamp.Path) is { } now && now != stamp)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the font file a typeface of this set was loaded from.</summary>
    /// <param name="typeface">One of this set's typefaces.</param>
    /// <returns>The file's bytes.</returns>
    public byte[] FileOf(SKTypeface typeface) => _files[IndexOf(typeface)];

    /// <summary>Gets the HarfBuzz font over the file a typeface of this set was loaded from.</summary>
    /// <param name="typeface">One of this set's typefaces.</param>
    /// <returns>The face to shape its text with.</returns>
    public ShapingFace ShapingFaceOf(SKTypeface typeface) => _shapingFaces[IndexOf(typeface)];

    /// <summary>Chooses the typeface for a code point in a face.</summary>
    /// <exception cref="PrintException">No configured font has the character.</exception>
    public FaceSlot Resolve(FontFace face, int codePoint)
    {
        var chain = _chains[(int)face];
        var key = ((long)face << 32) | (uint)codePoint;
        if (!_choices.TryGetValue(key, out var index))
        {
            index = -1;
            lock (_probeLock)
            {
                for (var i = 0; i < chain.Length; i++)
                {
                    if (_probes[Array.IndexOf(_typefaces, chain[i].Typeface)].ContainsGlyph(codePoint))
                    {
                        index = i;
                        break;
                    }
                }
            }

            _choices.TryAdd(key, index);
        }

        if (index < 0)
        {
            throw MissingGlyph(codePoint);
        }

        return chain[index];
    }

    /// <summary>
    /// Chooses one typeface for a whole emoji sequence (<see cref="EmojiSequence"/>: a keycap, a flag, a skin tone, a
    /// ZWJ sequence, or a character with the emoji presentation selector U+FE0F), so that the shaper sees it in one run
    /// and draws it as the one glyph the font has for it: the first colour font of the face's chain (Noto Color Emoji)
    /// that has all its characters, else the first font that has them (the text-style heart of DejaVu Sans for ❤️
    /// when no emoji font is configured, as before).
    /// </summary>
    /// <param name="face">The face asked for.</param>
    /// <param name="sequence">The sequence's characters.</param>
    /// <param name="slot">The typeface, drawn without synthetic bold or slant when it is a colour font.</param>
    /// <returns>False when no one font has them all: the characters are then chosen one by one.</returns>
    public bool TryResolveSequence(FontFace face, ReadOnlySpan<char> sequence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FaceSlot? slot)
    {
        var chain = _chains[(int)face];
        lock (_probeLock)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < chain.Length; i++)
                {
                    var index = Array.IndexOf(_typefaces, chain[i].Typeface);
                    if ((pass == 0) == _colour[index] && Covers(_probes[index], sequence))
                    {
                        slot = chain[i];
                        return true;
                    }
                }
            }
        }

        slot = null;
        return false;
    }

    /// <summary>Whether a font has every character of a sequence but the selectors and joiner the shaper consumes.</summary>
    private static bool Covers(SKFont probe, ReadOnlySpan<char> sequence)
    {
        foreach (var rune in sequence.EnumerateRunes())
        {
            if (rune.Value is not (0xFE0E or 0xFE0F or 0x200D) && !probe.ContainsGlyph(rune.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a typeface draws colour glyphs (bitmaps in CBDT or sbix, layers in COLR, or SVG).</summary>
    private static bool IsColourFont(SKTypeface typeface)
    {
        foreach (var tag in typeface.GetTableTags())
        {
            if (tag is 0x43424454 or 0x434F4C52 or 0x73626978 or 0x53564720)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds a typeface by native handle: SkiaSharp may wrap the same typeface in more than one managed object.</summary>
    private int IndexOf(SKTypeface typeface)
    {
        for (var i = 0; i < _typefaces.Length; i++)
        {
            if (_typefaces[i].Handle == typeface.Handle)
            {
                return i;
            }
        }

        throw new ArgumentException("The typeface is not one of this font set's.", nameof(typeface));
    }

    private PrintException MissingGlyph(int codePoint)
    {
        if (IsNoncharacter(codePoint))
        {
            return Noncharacter(codePoint);
        }

        var shown = Rune.IsValid(codePoint) && !Rune.IsControl(new Rune(codePoint)) ? $"'{char.ConvertFromUtf32(codePoint)}' " : string.Empty;
        return new PrintException(
            string.Create(CultureInfo.InvariantCulture, $"The character {shown}(U+{codePoint:X4}) is not in any configured font ({_familyList})."),
            "Add a font file that has it (the catalog's 'print: fonts: fallback:', or PrintOptions.Fonts.Fallbacks in code), or correct the data.",
            codePoint);
    }

    /// <summary>
    /// The error for a noncharacter (U+FDD0–U+FDEF, and the last two code points of each plane, such as U+FFFE and
    /// U+FFFF): Unicode keeps them out of text, so no font draws one, and adding a font would not help.
    /// </summary>
    /// <param name="codePoint">The noncharacter.</param>
    /// <returns>The error, saying how to fix the data.</returns>
    internal static PrintException Noncharacter(int codePoint) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"The text has U+{codePoint:X4}, a noncharacter: Unicode reserves it, and no font draws it.{(codePoint == 0xFFFE ? " (U+FFFE is often a byte order mark read the wrong way round: text decoded with the wrong byte order.)" : string.Empty)}"),
        "Correct the data.",
        codePoint);

    /// <summary>Whether a code point is one of Unicode's 66 noncharacters.</summary>
    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static FontSet Load(PrintFonts fonts)
    {
        var typefaces = new List<SKTypeface>();
        var files = new List<byte[]>();
        var byPath = new Dictionary<string, SKTypeface>(StringComparer.Ordinal);
        var stamps = new List<FileStamp>();

        SKTypeface? Open(string? path, bool required)
        {
            if (path is null)
            {
                return null;
            }

            if (byPath.TryGetValue(path, out var known))
            {
                return known;
            }

            if (!File.Exists(path))
            {
                var hint = Path.GetFileName(path).StartsWith("DejaVu", StringComparison.Ordinal)
                    ? $" DejaVu fonts come from the system package {DefaultFontFiles.DebianPackage} (Debian/Ubuntu: apt-get install -y {DefaultFontFiles.DebianPackage} fonts-dejavu-extra; the repository's scripts/install-deps.sh does this), searched in {string.Join(", ", DefaultFontFiles.Folders)}."
                    : " Check PrintOptions.Fonts.";
                throw new PrintException($"The font file '{path}' was not found{(required ? string.Empty : " (it was configured explicitly)")}.{hint}");
            }

            // Stamped before it is read: a file replaced meanwhile is read again at the next use.
            stamps.Add(FileStamp.Of(path) ?? throw new FileNotFoundException($"The font file '{path}' was not found.", path));
            var file = File.ReadAllBytes(path);
            using var data = SKData.CreateCopy(file);
            var typeface = SKTypeface.FromData(data)
                ?? throw new PrintException($"The font file '{path}' could not be loaded as a font (TrueType or OpenType expected).");
            byPath[path] = typeface;
            typefaces.Add(typeface);
            files.Add(file);
            return typeface;
        }

        var regular = Open(fonts.Regular, required: true)!;
        var bold = Open(fonts.Bold, required: false);
        var italic = Open(fonts.Italic, required: false);
        var boldItalic = Open(fonts.BoldItalic, required: false);
        var mono = Open(fonts.Monospace, required: false);
        var monoBold = Open(fonts.MonospaceBold, required: false);
        var fallbacks = new List<SKTypeface>();
        foreach (var path in fonts.Fallbacks)
        {
            fallbacks.Add(Open(path, required: false)!);
        }

        var primaries = new FaceSlot[6];
        primaries[(int)FontFace.Regular] = new FaceSlot(regular, false, false);
        primaries[(int)FontFace.Bold] = bold is null ? new FaceSlot(regular, false, true) : new FaceSlot(bold, false, false);
        primaries[(int)FontFace.Italic] = italic is null ? new FaceSlot(regular, true, false) : new FaceSlot(italic, false, false);
        primaries[(int)FontFace.BoldItalic] = boldItalic is not null
            ? new FaceSlot(boldItalic, false, false)
            : bold is not null ? new FaceSlot(bold, true, false) : new FaceSlot(regular, true, true);
        primaries[(int)FontFace.Monospace] = new FaceSlot(mono ?? regular, false, false);
        primaries[(int)FontFace.MonospaceBold] = monoBold is not null
            ? new FaceSlot(monoBold, false, false)
            : new FaceSlot(mono ?? regular, false, true);

        var chains = new FaceSlot[6][];
        for (var face = 0; face < 6; face++)
        {
            var kind = (FontFace)face;
            var chain = new List<FaceSlot> { primaries[face] };

            // A character the face lacks comes from the same style of the regular family (bold code falls back to bold
            // sans), then from the regular face, then from the fallbacks, synthesised to the style asked for.
            var sameStyle = kind switch
            {
                FontFace.MonospaceBold => primaries[(int)FontFace.Bold],
                FontFace.Monospace => primaries[(int)FontFace.Regular],
                _ => primaries[face],
            };
            AddDistinct(chain, sameStyle);
            AddDistinct(chain, new FaceSlot(regular, kind.IsItalic(), kind.IsBold()));
            foreach (var fallback in fallbacks)
            {
                // A colour font (emoji) is drawn as it is: emboldening or slanting its pictures would only smear them.
                var colour = IsColourFont(fallback);
                AddDistinct(chain, new FaceSlot(fallback, kind.IsItalic() && !colour, kind.IsBold() && !colour));
            }

            chains[face] = [.. chain];
        }

        return new FontSet([.. typefaces], [.. files], chains, [.. stamps]);
    }

    private static void AddDistinct(List<FaceSlot> chain, FaceSlot slot)
    {
        foreach (var existing in chain)
        {
            if (ReferenceEquals(existing.Typeface, slot.Typeface))
            {
                return;
            }
        }

        chain.Add(slot);
    }

    /// <summary>A file as it was at one moment: its length, last write and creation time (a file renamed over it is new).</summary>
    private readonly record struct FileStamp(string Path, long Length, DateTime Written, DateTime Created)
    {
        /// <summary>The file as it is now, or null when it does not exist.</summary>
        public static FileStamp? Of(string path) =>
            new FileInfo(path) is { Exists: true } file ? new FileStamp(path, file.Length, file.LastWriteTimeUtc, file.CreationTimeUtc) : null;
    }
}
