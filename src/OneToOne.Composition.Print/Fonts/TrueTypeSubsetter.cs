using System.Buffers;
using System.Buffers.Binary;

namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// Cuts a TrueType font (glyph outlines in <c>glyf</c>) down to the glyphs one document uses, for embedding: every other
/// glyph is left empty, so glyph ids, the character map and the metrics stay exactly as they were and text drawn with
/// the subset is the text drawn with the whole font. Tables a PDF viewer does not read for drawing (glyph positioning
/// and substitution, kerning, device metrics, signatures, glyph names) are left out.
/// </summary>
/// <remarks>
/// SkiaSharp's PDF backend embeds a font file whole when, as in its Linux build, it has no subsetter of its own: a
/// one-page letter carried about a megabyte of DejaVu. Fonts with PostScript outlines (<c>CFF</c>) and font
/// collections are not cut (<see cref="Subset"/> returns null) and are embedded as they are.
/// </remarks>
internal static class TrueTypeSubsetter
{
    private const uint TrueTypeVersion = 0x00010000;
    private const uint AppleTrueType = 0x74727565; // 'true'
    private const int DirectoryEntrySize = 16;
    private const int HeaderSize = 12;

    /// <summary>The tables a subset keeps (when the font has them): what drawing, metrics, the character map and hinting need.</summary>
    private static readonly uint[] KeptTables =
    [
        Tag("OS/2"), Tag("cmap"), Tag("cvt "), Tag("fpgm"), Tag("gasp"), Tag("glyf"), Tag("head"), Tag("hhea"),
        Tag("hmtx"), Tag("loca"), Tag("maxp"), Tag("name"), Tag("post"), Tag("prep"),
    ];

    private static readonly uint Glyf = Tag("glyf");
    private static readonly uint Loca = Tag("loca");
    private static readonly uint Head = Tag("head");
    private static readonly uint Post = Tag("post");
    private static readonly uint Maxp = Tag("maxp");

    /// <summary>Cuts a font down to some of its glyphs (and the glyphs their composites are built from; glyph 0 always).</summary>
    /// <param name="font">The font file.</param>
    /// <param name="glyphs">The glyph ids to keep.</param>
    /// <returns>The subset font file, or null when the font is not a single TrueType font with <c>glyf</c> outlines.</returns>
    public static byte[]? Subset(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs)
    {
        if (!TrySubset(font, glyphs, out var buffer, out var length))
        {
            return null;
        }

        var file = buffer.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return file;
    }

    /// <summary>
    /// Cuts a font down to some of its glyphs, as <see cref="Subset"/> does, into a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>: the caller copies the file out (Skia copies it into native memory) and returns the
    /// buffer. A one-page letter cuts three or four typefaces, so the copies it saves are some 100 KB a typeface.
    /// </summary>
    /// <param name="font">The font file.</param>
    /// <param name="glyphs">The glyph ids to keep.</param>
    /// <param name="buffer">The rented buffer holding the file in its first <paramref name="length"/> bytes.</param>
    /// <param name="length">The file's length.</param>
    /// <returns>False, renting nothing, when the font is not a single TrueType font with <c>glyf</c> outlines.</returns>
    internal static bool TrySubset(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs, out byte[] buffer, out int length)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        buffer = [];
        length = 0;
        if (!TryReadTables(font, out var tables)
            || !tables.TryGetValue(Glyf, out var glyf) || !tables.TryGetValue(Loca, out var loca)
            || !tables.TryGetValue(Head, out var head) || !tables.TryGetValue(Maxp, out var maxp)
            || head.Length < 54 || maxp.Length < 6)
        {
            return false;
        }

        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.Slice(head.Offset + 50, 2)) != 0;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.Slice(maxp.Offset + 4, 2));
        if (loca.Length < (glyphCount + 1) * (longOffsets ? 4 : 2))
        {
            return false;
        }

        var glyfData = font.Slice(glyf.Offset, glyf.Length);
        var locaData = font.Slice(loca.Offset, loca.Length);
        var keep = ArrayPool<bool>.Shared.Rent(glyphCount);
        try
        {
            Array.Clear(keep, 0, glyphCount);
            if (!Closure(glyfData, locaData, longOffsets, glyphCount, glyphs, keep))
            {
                return false;
            }

            // The kept glyphs' size, 4-byte aligned each, so short offsets (halved) stay exact.
            var glyfSize = 0;
            for (var g = 0; g < glyphCount; g++)
            {
                if (keep[g])
                {
                    var (start, end) = GlyphRange(locaData, longOffsets, g);
                    glyfSize += (end - start + 3) & ~3;
                }
            }

            var newLongOffsets = glyfSize / 2 > ushort.MaxValue;

            // The tables in tag order, as the directory must be, with the lengths they will have; each is written once, in place.
            Span<(uint Tag, int Offset, int SourceLength, int Length)> kept = stackalloc (uint, int, int, int)[KeptTables.Length];
            var count = 0;
            var size = 0;
            foreach (var tag in KeptTables)
            {
                if (!tables.TryGetValue(tag, out var table))
                {
                    continue;
                }

                var tableLength = tag == Glyf ? glyfSize
                    : tag == Loca ? (glyphCount + 1) * (newLongOffsets ? 4 : 2)
                    : tag == Post ? PostLength
                    : table.Length;
                kept[count++] = (tag, table.Offset, table.Length, tableLength);
                size += (tableLength + 3) & ~3;
            }

            kept = kept[..count];
            length = HeaderSize + (count * DirectoryEntrySize) + size;
            buffer = ArrayPool<byte>.Shared.Rent(length);
            var file = buffer.AsSpan(0, length);
            file.Clear();
            Assemble(file, kept, font, glyfData, locaData, longOffsets, glyphCount, keep, newLongOffsets);
            return true;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(keep);
        }
    }

    private static uint Tag(string tag) => BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(tag));

    private static bool TryReadTables(ReadOnlySpan<byte> font, out Dictionary<uint, (int Offset, int Length)> tables)
    {
        tables = [];
        if (font.Length < HeaderSize)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(font);
        if (version != TrueTypeVersion && version != AppleTrueType)
        {
            return false; // 'OTTO' (CFF outlines) or 'ttcf' (a collection)
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        if (font.Length < HeaderSize + (count * DirectoryEntrySize))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = font.Slice(HeaderSize + (i * DirectoryEntrySize), DirectoryEntrySize);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            if (offset > (uint)font.Length || length > (uint)font.Length - offset)
            {
                return false;
            }

            tables[BinaryPrimitives.ReadUInt32BigEndian(entry)] = ((int)offset, (int)length);
        }

        return true;
    }

    private static (int Start, int End) GlyphRange(ReadOnlySpan<byte> loca, bool longOffsets, int glyph) => longOffsets
        ? ((int)BinaryPrimitives.ReadUInt32BigEndian(loca[(glyph * 4)..]), (int)BinaryPrimitives.ReadUInt32BigEndian(loca[((glyph + 1) * 4)..]))
        : (BinaryPrimitives.ReadUInt16BigEndian(loca[(glyph * 2)..]) * 2, BinaryPrimitives.ReadUInt16BigEndian(loca[((glyph + 1) * 2)..]) * 2);

    /// <summary>Marks the glyphs to keep: those asked for, glyph 0, and every component of a kept composite; false when the outlines are malformed.</summary>
    private static bool Closure(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longOffsets, int glyphCount, IEnumerable<ushort> glyphs, bool[] keep)
    {
        var pending = new Stack<int>();
        pending.Push(0);
        foreach (var glyph in glyphs)
        {
            if (glyph < glyphCount)
            {
                pending.Push(glyph);
            }
        }

        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (keep[glyph])
            {
                continue;
            }

            keep[glyph] = true;
            var (start, end) = GlyphRange(loca, longOffsets, glyph);
            if (start < 0 || end < start || end > glyf.Length)
            {
                return false;
            }

            if (end - start < 10 || BinaryPrimitives.ReadInt16BigEndian(glyf[start..]) >= 0)
            {
                continue; // empty, or a simple glyph
            }

            // A composite: components follow the 10-byte header, each flags, glyph id, two arguments and an optional transform.
            var at = start + 10;
            ushort flags;
            do
            {
                if (at + 4 > end)
                {
                    return false;
                }

                flags = BinaryPrimitives.ReadUInt16BigEndian(glyf[at..]);
                var component = BinaryPrimitives.ReadUInt16BigEndian(glyf[(at + 2)..]);
                if (component >= glyphCount)
                {
                    return false;
                }

                pending.Push(component);
                at += 4 + ((flags & 0x0001) != 0 ? 4 : 2) + ((flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0);
            }
            while ((flags & 0x0020) != 0);
        }

        return true;
    }

    /// <summary>Writes the kept glyphs' outlines, each at a 4-byte aligned offset, and the <c>loca</c> table pointing at them.</summary>
    private static void CutGlyphs(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longOffsets, int glyphCount, bool[] keep, Span<byte> newGlyf, Span<byte> newLoca, bool newLongOffsets)
    {
        var offset = 0;
        for (var g = 0; g <= glyphCount; g++)
        {
            if (newLongOffsets)
            {
                BinaryPrimitives.WriteUInt32BigEndian(newLoca[(g * 4)..], (uint)offset);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(newLoca[(g * 2)..], (ushort)(offset / 2));
            }

            if (g < glyphCount && keep[g])
            {
                var (start, end) = GlyphRange(loca, longOffsets, g);
                glyf[start..end].CopyTo(newGlyf[offset..]);
                offset += (end - start + 3) & ~3;
            }
        }
    }

    /// <summary>The length of a <c>post</c> table of format 3.</summary>
    private const int PostLength = 32;

    /// <summary>Writes a <c>post</c> table of format 3: the same italic angle, underline and pitch, no glyph names.</summary>
    private static void PostWithoutNames(ReadOnlySpan<byte> post, Span<byte> data)
    {
        post[..Math.Min(post.Length, 16)].CopyTo(data);
        BinaryPrimitives.WriteUInt32BigEndian(data, 0x00030000);
    }

    /// <summary>
    /// Writes the font file (zeroed, of the length the tables need): the header, the table directory and each table
    /// (zero-padded to 4 bytes), then the head's checksum adjustment. The tables are in tag order, with their offsets and
    /// lengths in the whole font and their lengths in the subset.
    /// </summary>
    private static void Assemble(Span<byte> file, ReadOnlySpan<(uint Tag, int Offset, int SourceLength, int Length)> tables, ReadOnlySpan<byte> font, ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longOffsets, int glyphCount, bool[] keep, bool newLongOffsets)
    {
        var count = tables.Length;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt32BigEndian(file, TrueTypeVersion);
        BinaryPrimitives.WriteUInt16BigEndian(file[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(file[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(file[10..], (ushort)((count - power) * 16));
        var locaAt = -1;
        var offset = HeaderSize + (count * DirectoryEntrySize);
        for (var i = 0; i < count; i++)
        {
            if (tables[i].Tag == Loca)
            {
                locaAt = offset;
            }

            offset += (tables[i].Length + 3) & ~3;
        }

        offset = HeaderSize + (count * DirectoryEntrySize);
        var headOffset = -1;
        for (var i = 0; i < count; i++)
        {
            var (tag, source, sourceLength, length) = tables[i];
            var data = file.Slice(offset, length);
            if (tag == Glyf)
            {
                CutGlyphs(glyf, loca, longOffsets, glyphCount, keep, data, file.Slice(locaAt, (glyphCount + 1) * (newLongOffsets ? 4 : 2)), newLongOffsets);
            }
            else if (tag == Post)
            {
                PostWithoutNames(font.Slice(source, sourceLength), data);
            }
            else if (tag != Loca)
            {
                font.Slice(source, length).CopyTo(data);
            }

            if (tag == Head)
            {
                BinaryPrimitives.WriteInt16BigEndian(data[50..], (short)(newLongOffsets ? 1 : 0));
                BinaryPrimitives.WriteUInt32BigEndian(data[8..], 0); // checkSumAdjustment, set once the file is whole
                headOffset = offset;
            }

            offset += (length + 3) & ~3;
        }

        // Every table is written before any checksum is taken: glyf (which comes first) writes loca too.
        offset = HeaderSize + (count * DirectoryEntrySize);
        for (var i = 0; i < count; i++)
        {
            var (tag, _, _, length) = tables[i];
            var entry = file[(HeaderSize + (i * DirectoryEntrySize))..];
            BinaryPrimitives.WriteUInt32BigEndian(entry, tag);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(file.Slice(offset, length)));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)length);
            offset += (length + 3) & ~3;
        }

        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(file[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(file)));
        }
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        if (whole < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            last.Clear();
            data[whole..].CopyTo(last);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(last));
        }

        return sum;
    }
}
