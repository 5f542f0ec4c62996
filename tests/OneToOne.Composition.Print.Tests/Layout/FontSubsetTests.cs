using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Print.Fonts;
using SkiaSharp;
using UglyToad.PdfPig;

namespace OneToOne.Composition.Print.Tests.Layout;

public sealed class FontSubsetTests
{
    private static readonly byte[] Regular = File.ReadAllBytes(PrintFonts.Default.Regular);

    [Fact]
    public void Subset_KeepsTheAskedGlyphsAndTheirComponents_Exactly_AndEmptiesTheRest()
    {
        using var whole = SKTypeface.FromData(SKData.CreateCopy(Regular));
        using var wholeFont = new SKFont(whole, 12);
        var asked = wholeFont.GetGlyphs("Zoë Ä ñ ễ");
        var other = wholeFont.GetGlyphs("QX");

        var file = TrueTypeSubsetter.Subset(Regular, asked)!;

        Assert.True(file.Length < Regular.Length / 5, $"subset {file.Length} bytes of {Regular.Length}");
        using var subset = SKTypeface.FromData(SKData.CreateCopy(file));
        Assert.NotNull(subset);
        using var subsetFont = new SKFont(subset, 12);
        Assert.Equal(whole.GlyphCount, subset.GlyphCount);
        Assert.Equal(asked, subsetFont.GetGlyphs("Zoë Ä ñ ễ"));
        foreach (var glyph in asked)
        {
            Assert.Equal(Outline(wholeFont, glyph), Outline(subsetFont, glyph));
            Assert.Equal(wholeFont.GetGlyphWidths([glyph]), subsetFont.GetGlyphWidths([glyph]));
        }

        foreach (var glyph in other)
        {
            Assert.NotEqual(string.Empty, Outline(wholeFont, glyph));
            Assert.Equal(string.Empty, Outline(subsetFont, glyph));
            Assert.Equal(wholeFont.GetGlyphWidths([glyph]), subsetFont.GetGlyphWidths([glyph]));
        }
    }

    [Fact]
    public void Subset_OfAFontWithoutTrueTypeOutlines_IsNull_SoItIsEmbeddedWhole()
    {
        var collection = Regular.ToArray();
        "ttcf"u8.CopyTo(collection);
        Assert.Null(TrueTypeSubsetter.Subset(collection, [1, 2]));
        Assert.Null(TrueTypeSubsetter.Subset(Regular.AsSpan(0, 100), [1, 2]));
    }

    [Fact]
    public void Subset_AnyGlyphs_DrawsThemAsTheWholeFontDoes()
    {
        using var whole = SKTypeface.FromData(SKData.CreateCopy(Regular));
        using var wholeFont = new SKFont(whole, 10);
        var count = whole.GlyphCount;
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, count - 1).Select(static g => (ushort)g)).ToArbitrary(), glyphs =>
        {
            using var subset = SKTypeface.FromData(SKData.CreateCopy(TrueTypeSubsetter.Subset(Regular, glyphs)!));
            using var subsetFont = new SKFont(subset, 10);
            return subset.GlyphCount == count
                && glyphs.All(g => Outline(wholeFont, g) == Outline(subsetFont, g))
                && Outline(subsetFont, 0) == Outline(wholeFont, 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Subset_AnyGlyphsOfEveryFace_IsByteForByteTheFileTheTableByTableSubsetterWrote()
    {
        // The subset is embedded in every letter: writing it in one pass must not change one byte of any PDF.
        var faces = new[] { PrintFonts.Default.Regular, PrintFonts.Default.Bold!, PrintFonts.Default.Italic!, PrintFonts.Default.BoldItalic!, PrintFonts.Default.Monospace! }
            .Select(File.ReadAllBytes).ToArray();
        var glyphs = Gen.ArrayOf(Gen.Choose(0, 6500).Select(static g => (ushort)g));
        Prop.ForAll(Gen.Choose(0, faces.Length - 1).ToArbitrary(), glyphs.ToArbitrary(), (face, asked) =>
        {
            var expected = ReferenceTrueTypeSubsetter.Subset(faces[face], asked)!;
            Assert.Equal(expected, TrueTypeSubsetter.Subset(faces[face], asked));
            Assert.True(TrueTypeSubsetter.TrySubset(faces[face], asked, out var buffer, out var length));
            Assert.Equal(expected, buffer.AsSpan(0, length).ToArray());
            ArrayPool<byte>.Shared.Return(buffer);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Subset_OfEveryGlyph_IsTheTableByTableSubsettersFile_WithLongOffsetsWhereTheOutlinesNeedThem()
    {
        var all = Enumerable.Range(0, 7000).Select(static g => (ushort)g).ToArray();
        foreach (var face in new[] { Regular, File.ReadAllBytes(PrintFonts.Default.Monospace!) })
        {
            Assert.Equal(ReferenceTrueTypeSubsetter.Subset(face, all), TrueTypeSubsetter.Subset(face, all));
        }

        Assert.Null(TrueTypeSubsetter.Subset(Regular.AsSpan(0, 100), [1, 2]));
        Assert.False(TrueTypeSubsetter.TrySubset(Regular.AsSpan(0, 100), [1, 2], out _, out _));
    }

    [Fact]
    public void TrySubset_CopiesNoTableOfItsOwn_OnlyTheFileInARentedBuffer()
    {
        // A letter cuts three or four faces: each table copied into an array, then into the file, was some 180 KB a face
        // (DejaVu Sans: hmtx 25 KB, loca 25 KB, name 16 KB, the new loca, the glyph offsets), most of a letter's allocations.
        var glyphs = new HashSet<ushort>(Enumerable.Range(3, 70).Select(static g => (ushort)g));
        Assert.True(TrueTypeSubsetter.TrySubset(Regular, glyphs, out var warm, out _));
        ArrayPool<byte>.Shared.Return(warm);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(TrueTypeSubsetter.TrySubset(Regular, glyphs, out var buffer, out var length));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ArrayPool<byte>.Shared.Return(buffer);

        Assert.True(length > 50_000, $"the subset is {length} bytes");
        Assert.True(allocated < 16_384, $"cutting a face allocated {allocated:N0} bytes for a {length:N0}-byte file");
    }

    [Fact]
    public void ALetter_EmbedsItsFontsCutDown_AndEveryCharacterStillHasItsOutline()
    {
        var message = PrintTestData.ExampleMessage(PrintTestData.ExampleRecipients()[0]);

        var pdf = PrintTestData.Renderer.Render(message);

        Assert.True(pdf.Length < Regular.Length / 4, $"a one-page letter is {pdf.Length} bytes");
        using var document = PrintTestData.Open(pdf);
        var letters = document.GetPages().SelectMany(static p => p.Letters).Where(static l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        Assert.Contains(letters, static l => l.Value == "ë");
        Assert.All(letters, static l => Assert.True(l.BoundingBox.Width > 0 && l.BoundingBox.Height > 0, $"'{l.Value}' has no outline"));
        Assert.Contains("A lighter pour for you, Zoë", PrintTestData.AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void ShapedGlyphs_LigaturesAndJoinedForms_KeepTheirOutlinesInTheSubset()
    {
        // Glyphs no character maps to directly — the "ffi" ligature, Arabic positional forms — are what shaping
        // draws; the subset must keep them, not the glyphs of the characters.
        var pdf = PrintTestData.RenderMarkdown("office flow مرحبا بكم");

        using var document = PdfDocument.Open(pdf); // without /ActualText: one letter per glyph drawn
        var letters = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100).ToList();
        Assert.Contains(letters, static l => l.Value == "\uFB03");
        Assert.Contains(letters, static l => l.Value[0] is >= '\uFE70' and <= '\uFEFF');
        Assert.All(letters, static l => Assert.True(l.BoundingBox.Width > 0 && l.BoundingBox.Height > 0, $"'{l.Value}' has no outline"));
    }

    private static string Outline(SKFont font, ushort glyph)
    {
        using var path = font.GetGlyphPath(glyph);
        return path?.ToSvgPathData() ?? string.Empty;
    }
}
