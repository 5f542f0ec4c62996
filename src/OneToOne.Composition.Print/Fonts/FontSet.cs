using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OneToOne.Composition.Print.Text;
using SkiaSharp;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// The typefaces of one <see cref="PrintFonts"/>, loaded once per process and shared (typefaces are immutable and
/// thread-safe) until a font file is replaced (a brand font updated under a running service), with the per-character choice of typeface: the face asked for, then the regular face, then the
/// fallbacks; a character none has is a <see cref="PrintException"/>. A fallback's file is read only when a character
/// first reaches it (Noto Color Emoji, 10.9 MB, for the first emoji), never for text its faces have.
/// </summary>
internal sealed class FontSet
{
    private static readonly ConcurrentDictionary<string, Lazy<FontSet>> Loaded = new(StringComparer.Ordinal);

    private readonly ChainEntry[][] _chains;
    private readonly FaceSlot?[][] _slots;
    private readonly string[] _paths;
    private readonly LoadedFont?[] _loaded;
    private readonly ConcurrentDictionary<long, int> _choices = new();
    private readonly Lock _probeLock = new();

    // Each font file as it was when it was read (a fallback not yet read: when the set was loaded): length, last write
    // and creation time (a file renamed over it is new); as it was when a replacement could not be read, once the set is
    // kept instead (Reload).
    private volatile FileStamp[] _stamps;

    private FontSet(string[] paths, LoadedFont?[] loaded, ChainEntry[][] chains, FileStamp[] stamps)
    {
        _stamps = stamps;
        _paths = paths;
        _loaded = loaded;
        _chains = chains;
        _slots = Array.ConvertAll(chains, static chain => new FaceSlot?[chain.Length]);
    }

    /// <summary>Gets the loaded font set for these fonts, loading it on first use.</summary>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    public static FontSet Get(PrintFonts fonts)
    {
        var lazy = Loaded.GetOrAdd(fonts.CacheKey, static (_, f) => new Lazy<FontSet>(() => LoadSet(f)), fonts);
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
            return LoadSet(fonts);
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
    public byte[] FileOf(SKTypeface typeface) => LoadedOf(typeface).File;

    /// <summary>Gets the HarfBuzz font over the file a typeface of this set was loaded from.</summary>
    /// <param name="typeface">One of this set's typefaces.</param>
    /// <returns>The face to shape its text with.</returns>
    public ShapingFace ShapingFaceOf(SKTypeface typeface) => LoadedOf(typeface).Shaping;

    /// <summary>
    /// Gets whether a font file of this set has been read: the faces' files are read when the set is loaded, a fallback's
    /// only when a character first needs it (the 10.9 MB of Noto Color Emoji for a letter with an emoji).
    /// </summary>
    /// <param name="path">The file's path, as configured.</param>
    /// <returns>True once the file has been read and its typeface made.</returns>
    internal bool IsRead(string path)
    {
        var index = Array.IndexOf(_paths, path);
        return index >= 0 && Volatile.Read(ref _loaded[index]) is not null;
    }

    /// <summary>Chooses the typeface for a code point in a face.</summary>
    /// <exception cref="PrintException">No configured font has the character, or a fallback that would be tried cannot be read.</exception>
    public FaceSlot Resolve(FontFace face, int codePoint)
    {
        var key = ((long)face << 32) | (uint)codePoint;
        if (_choices.TryGetValue(key, out var index))
        {
            return index < 0 ? throw MissingGlyph(codePoint) : Volatile.Read(ref _slots[(int)face][index])!;
        }

        var chain = _chains[(int)face];
        FaceSlot? slot = null;
        index = -1;
        lock (_probeLock)
        {
            // In chain order, so a fallback is read only for a character that the faces before it lack.
            for (var i = 0; i < chain.Length; i++)
            {
                if (Load(chain[i].File).Probe.ContainsGlyph(codePoint))
                {
                    index = i;
                    slot = SlotOf(face, i);
                    break;
                }
            }
        }

        _choices.TryAdd(key, index);
        return slot ?? throw MissingGlyph(codePoint);
    }

    /// <summary>
    /// Chooses one typeface for a whole emoji sequence (<see cref="EmojiSequence"/>: a keycap, a flag, a skin tone, a
    /// ZWJ sequence, or a character with the emoji presentation selector U+FE0F), so that the shaper sees it in one run
    /// and draws it as the one glyph the font has for it: the first colour font of the face's chain (Noto Color Emoji)
    /// that has all its characters, else the first font that has them (the text-style heart of DejaVu Sans for ❤️
    /// when no emoji font is configured, as before). The fallbacks are read for it, as it looks for a colour font.
    /// </summary>
    /// <param name="face">The face asked for.</param>
    /// <param name="sequence">The sequence's characters.</param>
    /// <param name="slot">The typeface, drawn without synthetic bold or slant when it is a colour font.</param>
    /// <returns>False when no one font has them all: the characters are then chosen one by one.</returns>
    /// <exception cref="PrintException">A fallback font file cannot be read.</exception>
    public bool TryResolveSequence(FontFace face, ReadOnlySpan<char> sequence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FaceSlot? slot)
    {
        var chain = _chains[(int)face];
        lock (_probeLock)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < chain.Length; i++)
                {
                    var font = Load(chain[i].File);
                    if ((pass == 0) == font.Colour && Covers(font.Probe, sequence))
                    {
                        slot = SlotOf(face, i);
                        return true;
                    }
                }
            }
        }

        slot = null;
        return false;
    }

    /// <summary>
    /// Gets the typeface of a face's chain at a position, made once its file is read: a colour font (emoji) is drawn as
    /// it is, as emboldening or slanting its pictures would only smear them. Called under the probe lock.
    /// </summary>
    private FaceSlot SlotOf(FontFace face, int position)
    {
        ref var slot = ref _slots[(int)face][position];
        if (slot is null)
        {
            var entry = _chains[(int)face][position];
            var font = _loaded[entry.File]!;
            var colour = entry.Fallback && font.Colour;
            Volatile.Write(ref slot, new FaceSlot(font.Typeface, entry.SyntheticItalic && !colour, entry.SyntheticBold && !colour));
        }

        return slot;
    }

    /// <summary>
    /// Gets a font file of this set, reading it on first use (a fallback; the faces' files are read with the set). Called
    /// under the probe lock, so each file is read once however many threads render; a file that cannot be read is not
    /// kept, and is tried again by the next character that needs it.
    /// </summary>
    /// <exception cref="PrintException">The file is missing (removed since the set was loaded) or is not a font.</exception>
    private LoadedFont Load(int file)
    {
        if (_loaded[file] is { } loaded)
        {
            return loaded;
        }

        try
        {
            loaded = LoadedFont.Read(_paths[file], required: false);
        }
        catch (PrintException) when (FileStamp.Of(_paths[file]) is null)
        {
            // It was there when the set was loaded (a service started hours ago, its emoji package removed since).
            throw LoadedFont.Removed(_paths[file]);
        }

        Volatile.Write(ref _loaded[file], loaded);
        return loaded;
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

    /// <summary>Finds a typeface's file by native handle: SkiaSharp may wrap the same typeface in more than one managed object.</summary>
    private LoadedFont LoadedOf(SKTypeface typeface)
    {
        for (var i = 0; i < _loaded.Length; i++)
        {
            if (Volatile.Read(ref _loaded[i]) is { } font && font.Typeface.Handle == typeface.Handle)
            {
                return font;
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
            string.Create(CultureInfo.InvariantCulture, $"The character {shown}(U+{codePoint:X4}) is not in any configured font ({FamilyList()})."),
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

    /// <summary>The families of the files read, for an error (every one of a face's chain is, when no font has a character).</summary>
    private string FamilyList()
    {
        var families = new List<string>();
        for (var i = 0; i < _loaded.Length; i++)
        {
            if (Volatile.Read(ref _loaded[i]) is { } read && !families.Contains(read.Typeface.FamilyName))
            {
                families.Add(read.Typeface.FamilyName);
            }
        }

        return string.Join(", ", families);
    }

    private static FontSet LoadSet(PrintFonts fonts)
    {
        var paths = new List<string>();
        var loaded = new List<LoadedFont?>();
        var stamps = new List<FileStamp>();

        int? Open(string? path, bool required, bool fallback)
        {
            if (path is null)
            {
                return null;
            }

            var known = paths.IndexOf(path);
            if (known >= 0)
            {
                return known;
            }

            // Stamped before it is read: a file replaced meanwhile is read again at the next use. A fallback is only
            // looked at here (it exists, and is a font file by its first bytes): it is read when a character needs it.
            stamps.Add(FileStamp.Of(path) ?? throw (Directory.Exists(path) ? LoadedFont.Folder(path) : LoadedFont.NotFound(path, required)));
            if (FileType.IsSpecial(path))
            {
                // A pipe's open waits for a writer (the renderer's constructor never returned); a device is read forever.
                throw LoadedFont.Special(path);
            }

            paths.Add(path);
            loaded.Add(fallback ? LoadedFont.Check(path) : LoadedFont.Read(path, required));
            return paths.Count - 1;
        }

        var regular = Open(fonts.Regular, required: true, fallback: false)!.Value;
        var bold = Open(fonts.Bold, required: false, fallback: false);
        var italic = Open(fonts.Italic, required: false, fallback: false);
        var boldItalic = Open(fonts.BoldItalic, required: false, fallback: false);
        var mono = Open(fonts.Monospace, required: false, fallback: false);
        var monoBold = Open(fonts.MonospaceBold, required: false, fallback: false);
        var fallbacks = new List<int>();
        foreach (var path in fonts.Fallbacks)
        {
            fallbacks.Add(Open(path, required: false, fallback: true)!.Value);
        }

        var primaries = new ChainEntry[6];
        primaries[(int)FontFace.Regular] = new ChainEntry(regular, false, false, false);
        primaries[(int)FontFace.Bold] = bold is null ? new ChainEntry(regular, false, true, false) : new ChainEntry(bold.Value, false, false, false);
        primaries[(int)FontFace.Italic] = italic is null ? new ChainEntry(regular, true, false, false) : new ChainEntry(italic.Value, false, false, false);
        primaries[(int)FontFace.BoldItalic] = boldItalic is not null
            ? new ChainEntry(boldItalic.Value, false, false, false)
            : bold is not null ? new ChainEntry(bold.Value, true, false, false) : new ChainEntry(regular, true, true, false);
        primaries[(int)FontFace.Monospace] = new ChainEntry(mono ?? regular, false, false, false);
        primaries[(int)FontFace.MonospaceBold] = monoBold is not null
            ? new ChainEntry(monoBold.Value, false, false, false)
            : new ChainEntry(mono ?? regular, false, true, false);

        var chains = new ChainEntry[6][];
        for (var face = 0; face < 6; face++)
        {
            var kind = (FontFace)face;
            var chain = new List<ChainEntry> { primaries[face] };

            // A character the face lacks comes from the same style of the regular family (bold code falls back to bold
            // sans), then from the regular face, then from the fallbacks, synthesised to the style asked for (but a
            // colour font's: see SlotOf).
            var sameStyle = kind switch
            {
                FontFace.MonospaceBold => primaries[(int)FontFace.Bold],
                FontFace.Monospace => primaries[(int)FontFace.Regular],
                _ => primaries[face],
            };
            AddDistinct(chain, sameStyle);
            AddDistinct(chain, new ChainEntry(regular, kind.IsItalic(), kind.IsBold(), false));
            foreach (var fallback in fallbacks)
            {
                AddDistinct(chain, new ChainEntry(fallback, kind.IsItalic(), kind.IsBold(), true));
            }

            chains[face] = [.. chain];
        }

        return new FontSet([.. paths], [.. loaded], chains, [.. stamps]);
    }

    private static void AddDistinct(List<ChainEntry> chain, ChainEntry entry)
    {
        foreach (var existing in chain)
        {
            if (existing.File == entry.File)
            {
                return;
            }
        }

        chain.Add(entry);
    }

    /// <summary>A file as it was at one moment: its length, last write and creation time (a file renamed over it is new).</summary>
    private readonly record struct FileStamp(string Path, long Length, DateTime Written, DateTime Created)
    {
        /// <summary>The file as it is now, or null when it does not exist.</summary>
        public static FileStamp? Of(string path) =>
            new FileInfo(path) is { Exists: true } file ? new FileStamp(path, file.Length, file.LastWriteTimeUtc, file.CreationTimeUtc) : null;
    }

    /// <summary>A font file in a face's chain of fallbacks, and how to synthesise the face asked for from it.</summary>
    /// <param name="File">The file's index in the set.</param>
    /// <param name="SyntheticItalic">Whether to slant it.</param>
    /// <param name="SyntheticBold">Whether to embolden it.</param>
    /// <param name="Fallback">Whether it is one of the fallbacks, whose colour fonts are drawn as they are.</param>
    private readonly record struct ChainEntry(int File, bool SyntheticItalic, bool SyntheticBold, bool Fallback);

    /// <summary>
    /// A font file read: its bytes (embedded, subset), its typeface, a font to probe it for characters with (under the
    /// probe lock: an <see cref="SKFont"/> is not thread-safe), its HarfBuzz face, and whether it draws in colour.
    /// </summary>
    private sealed class LoadedFont
    {
        private LoadedFont(SKTypeface typeface, byte[] file)
        {
            Typeface = typeface;
            File = file;
            Probe = new SKFont(typeface);
            Shaping = new ShapingFace(file);
            Colour = IsColourFont(typeface);
        }

        public SKTypeface Typeface { get; }

        public byte[] File { get; }

        public SKFont Probe { get; }

        public ShapingFace Shaping { get; }

        public bool Colour { get; }

        /// <summary>Reads a font file.</summary>
        /// <param name="path">The file.</param>
        /// <param name="required">Whether it is the regular face, which is not configured explicitly when it is the default.</param>
        /// <returns>The font.</returns>
        /// <exception cref="PrintException">The file is missing or is not a font.</exception>
        public static LoadedFont Read(string path, bool required)
        {
            byte[] file;
            try
            {
                file = System.IO.File.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                throw NotFound(path, required);
            }
            catch (DirectoryNotFoundException)
            {
                throw NotFound(path, required);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(path, ex);
            }

            using var data = SKData.CreateCopy(file);
            var typeface = SKTypeface.FromData(data) ?? throw NotAFont(path);
            return new LoadedFont(typeface, file);
        }

        /// <summary>
        /// Checks a fallback font file without reading it: that it begins as a TrueType or OpenType font or collection
        /// does, so a file that is none fails when the set is loaded, as it did when every file was read then.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <returns>Null: the file is read when a character first needs it.</returns>
        /// <exception cref="PrintException">The file is not a font.</exception>
        public static LoadedFont? Check(string path)
        {
            Span<byte> tag = stackalloc byte[4];
            try
            {
                using var stream = System.IO.File.OpenRead(path);
                if (stream.ReadAtLeast(tag, 4, throwOnEndOfStream: false) < 4)
                {
                    throw NotAFont(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(path, ex);
            }

            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(tag) is 0x00010000 or 0x74727565 or 0x4F54544F or 0x74746366
                ? null
                : throw NotAFont(path);
        }

        /// <summary>The error for a font file that does not exist, naming the package of the default fonts.</summary>
        /// <param name="path">The file.</param>
        /// <param name="required">Whether it is the regular face.</param>
        /// <returns>The error.</returns>
        public static PrintException NotFound(string path, bool required)
        {
            var hint = Path.GetFileName(path).StartsWith("DejaVu", StringComparison.Ordinal)
                ? $" DejaVu fonts come from the system package {DefaultFontFiles.DebianPackage} (Debian/Ubuntu: apt-get install -y {DefaultFontFiles.DebianPackage} fonts-dejavu-extra; the repository's scripts/install-deps.sh does this), searched in {string.Join(", ", DefaultFontFiles.Folders)}."
                : " Check PrintOptions.Fonts.";
            return new PrintException($"The font file '{path}' was not found{(required ? string.Empty : " (it was configured explicitly)")}.{hint}");
        }

        /// <summary>
        /// The error for a fallback font file that existed when the set was loaded but is gone when a character first
        /// needs it, saying how to fix it.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <returns>The error.</returns>
        public static PrintException Removed(string path)
        {
            var package = Path.GetFileName(path) == DefaultFontFiles.EmojiFile
                ? $" (Noto Color Emoji comes from the system package {DefaultFontFiles.EmojiDebianPackage}: apt-get install --reinstall {DefaultFontFiles.EmojiDebianPackage})"
                : string.Empty;
            return new PrintException(
                $"The font file '{path}' was removed after the fonts were loaded, before a character first needed it (a fallback font is read then). Put it back{package}, and the next letter reads it; or take it out of the fallbacks (the catalog's 'print: fonts: fallback:', or PrintOptions.Fonts.Fallbacks in code).");
        }

        /// <summary>The error for a font file that exists but cannot be read (its permissions, a lock), saying how to fix it.</summary>
        /// <param name="path">The file.</param>
        /// <param name="ex">What the read threw.</param>
        /// <returns>The error.</returns>
        public static PrintException Unreadable(string path, Exception ex) =>
            new($"The font file '{path}' could not be read: {ex.Message} The fonts are read by the process that prints: make it readable by the user the program runs as (chmod a+r), or name another file in PrintOptions.Fonts (the catalog's 'print: fonts:').", ex);

        /// <summary>The error for a folder named as a font file.</summary>
        /// <param name="path">The folder.</param>
        /// <returns>The error.</returns>
        public static PrintException Folder(string path) =>
            new($"The font file '{path}' is a folder; name the font file in it (PrintOptions.Fonts, or the catalog's 'print: fonts:').");

        /// <summary>The error for a pipe, socket or device named as a font file, which is never opened.</summary>
        /// <param name="path">The file.</param>
        /// <returns>The error.</returns>
        public static PrintException Special(string path) =>
            new($"The font file '{path}' is not a regular file but a pipe, a socket or a device (or a link to one); name the font file itself (PrintOptions.Fonts, or the catalog's 'print: fonts:').");

        private static PrintException NotAFont(string path) =>
            new($"The font file '{path}' could not be loaded as a font (TrueType or OpenType expected).");

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
    }
}
