using System.Buffers.Binary;

namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>
/// The font subsetter as it was before it wrote each subset in one pass into one buffer (commit 4b35403): every table cut
/// or copied into an array of its own, then all of them copied into the file. Kept verbatim as the reference the faster
/// <see cref="Print.Fonts.TrueTypeSubsetter"/> must match byte for byte: a PDF embeds the subset, so any difference changes
/// every letter's bytes.
/// </summary>
internal static class ReferenceTrueTypeSubsetter
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
        ArgumentNullException.ThrowIfNull(glyphs);
        if (!TryReadTables(font, out var tables)
            || !tables.TryGetValue(Glyf, out var glyf) || !tables.TryGetValue(Loca, out var loca)
            || !tables.TryGetValue(Head, out var head) || !tables.TryGetValue(Maxp, out var maxp)
            || head.Length < 54 || maxp.Length < 6)
        {
            return null;
        }

        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.Slice(head.Offset + 50, 2)) != 0;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.Slice(maxp.Offset + 4, 2));
        if (loca.Length < (glyphCount + 1) * (longOffsets ? 4 : 2))
        {
            return null;
        }

        var glyfData = font.Slice(glyf.Offset, glyf.Length);
        var locaData = font.Slice(loca.Offset, loca.Length);
        var keep = Closure(glyfData, locaData, longOffsets, glyphCount, glyphs);
        if (keep is null)
        {
            return null;
        }

        var (newGlyf, newLoca, newLongOffsets) = CutGlyphs(glyfData, locaData, longOffsets, glyphCount, keep);
        var output = new List<(uint Tag, byte[] Data)>();
        foreach (var tag in KeptTables)
        {
            if (!tables.TryGetValue(tag, out var table))
            {
                continue;
            }

            var data = tag == Glyf ? newGlyf
                : tag == Loca ? newLoca
                : tag == Post ? PostWithoutNames(font.Slice(table.Offset, table.Length))
                : font.Slice(table.Offset, table.Length).ToArray();
            if (tag == Head)
            {
                BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(50), (short)(newLongOffsets ? 1 : 0));
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 0); // checkSumAdjustment, set once the file is whole
            }

            output.Add((tag, data));
        }

        return Assemble(output);
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

    /// <summary>The glyphs to keep: those asked for, glyph 0, and every component of a kept composite; null when the outlines are malformed.</summary>
    private static bool[]? Closure(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longOffsets, int glyphCount, IEnumerable<ushort> glyphs)
    {
        var keep = new bool[glyphCount];
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
                return null;
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
                    return null;
                }

                flags = BinaryPrimitives.ReadUInt16BigEndian(glyf[at..]);
                var component = BinaryPrimitives.ReadUInt16BigEndian(glyf[(at + 2)..]);
                if (component >= glyphCount)
                {
                    return null;
                }

                pending.Push(component);
                at += 4 + ((flags & 0x0001) != 0 ? 4 : 2) + ((flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0);
            }
            while ((flags & 0x0020) != 0);
        }

        return keep;
    }

    private static (byte[] Glyf, byte[] Loca, bool LongOffsets) CutGlyphs(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longOffsets, int glyphCount, bool[] keep)
    {
        var offsets = new int[glyphCount + 1];
        var size = 0;
        for (var g = 0; g < glyphCount; g++)
        {
            offsets[g] = size;
            if (keep[g])
            {
                var (start, end) = GlyphRange(loca, longOffsets, g);
                size += (end - start + 3) & ~3; // each glyph 4-byte aligned, so short offsets (halved) stay exact
            }
        }

        offsets[glyphCount] = size;
        var newGlyf = new byte[size];
        for (var g = 0; g < glyphCount; g++)
        {
            if (keep[g])
            {
                var (start, end) = GlyphRange(loca, longOffsets, g);
                glyf[start..end].CopyTo(newGlyf.AsSpan(offsets[g]));
            }
        }

        var useLong = size / 2 > ushort.MaxValue;
        var newLoca = new byte[(glyphCount + 1) * (useLong ? 4 : 2)];
        for (var g = 0; g <= glyphCount; g++)
        {
            if (useLong)
            {
                BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)offsets[g]);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(newLoca.AsSpan(g * 2), (ushort)(offsets[g] / 2));
            }
        }

        return (newGlyf, newLoca, useLong);
    }

    /// <summary>A <c>post</c> table of format 3: the same italic angle, underline and pitch, no glyph names.</summary>
    private static byte[] PostWithoutNames(ReadOnlySpan<byte> post)
    {
        var data = new byte[32];
        post[..Math.Min(post.Length, 16)].CopyTo(data);
        BinaryPrimitives.WriteUInt32BigEndian(data, 0x00030000);
        return data;
    }

    private static byte[] Assemble(List<(uint Tag, byte[] Data)> tables)
    {
        var count = tables.Count;
        var size = HeaderSize + (count * DirectoryEntrySize) + tables.Sum(static t => (t.Data.Length + 3) & ~3);
        var file = new byte[size];
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt32BigEndian(file, TrueTypeVersion);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)((count - power) * 16));
        var offset = HeaderSize + (count * DirectoryEntrySize);
        var headOffset = -1;
        for (var i = 0; i < count; i++)
        {
            var (tag, data) = tables[i]; // already in tag order, as the directory must be
            var entry = file.AsSpan(HeaderSize + (i * DirectoryEntrySize));
            BinaryPrimitives.WriteUInt32BigEndian(entry, tag);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)data.Length);
            data.CopyTo(file.AsSpan(offset));
            if (tag == Head)
            {
                headOffset = offset;
            }

            offset += (data.Length + 3) & ~3;
        }

        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(file)));
        }

        return file;
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
