using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Layout;
using SkiaSharp;

namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>Bold text in a face without a bold file: Skia emboldens the outlines, and the layout gives them the room.</summary>
public sealed class SyntheticBoldTests
{
    [Theory]
    [InlineData(6f)]
    [InlineData(11f)]
    [InlineData(20f)]
    [InlineData(48f)]
    public void TheWidening_IsHowMuchWiderSkiaDrawsAnEmboldenedGlyph(float size)
    {
        // Skia's glyph outline is what its PDF backend writes into the document (a Type 3 font) for an emboldened face.
        using var typeface = SKTypeface.FromFile(PrintFonts.Default.Regular);
        using var plain = new SKFont(typeface, size);
        using var bold = new SKFont(typeface, size) { Embolden = true };

        var glyph = plain.GetGlyph('l');
        using var plainOutline = plain.GetGlyphPath(glyph);
        using var boldOutline = bold.GetGlyphPath(glyph);

        Assert.Equal(boldOutline.TightBounds.Width - plainOutline.TightBounds.Width, ParagraphShaper.SyntheticBoldWidening(size), 0.01f);
    }

    [Fact]
    public void EmboldenedGlyphs_GetTheWideningAsRoom_AndAreDrawnInItsMiddle_SoNeighboursKeepTheirSpacing()
    {
        const float Size = 12f;
        var fonts = new FontCache(FontSet.Get(PrintFonts.Default with { Bold = null, BoldItalic = null }));
        var regular = new TextStyle(FontFace.Regular, Size, SKColors.Black, null);
        var bold = regular with { Face = FontFace.Bold };
        var builder = new StyledTextBuilder(fonts, regular);
        builder.Append("llll", regular);
        builder.Append("llll", bold);
        var text = builder.Build();
        var widening = ParagraphShaper.SyntheticBoldWidening(Size);

        Assert.True(text.Runs[1].Font.Embolden);
        Assert.Equal(text.Measure(0, 4) + (4 * widening), text.Measure(4, 8), 0.001f);
        Assert.All(text.Glyphs.Take(4), static g => Assert.Equal(0f, g.OffsetX));
        Assert.All(text.Glyphs.Skip(4), g => Assert.Equal(widening / 2, g.OffsetX, 0.001f));
    }

    [Fact]
    public void InThePdf_EmboldenedLetters_StandApartByTheWidening_MoreThanRegularOnes()
    {
        // They touched before: the ink grew by the widening, the spacing did not.
        var options = PrintOptions.Default with { Fonts = PrintFonts.Default with { Bold = null, BoldItalic = null } };
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown("**llll** llll", options));
        var letters = document.GetPage(1).Letters.Where(static l => l.Value == "l").OrderBy(static l => l.StartBaseLine.X).ToList();

        Assert.Equal(8, letters.Count);
        var boldStep = letters[3].StartBaseLine.X - letters[2].StartBaseLine.X;
        var regularStep = letters[7].StartBaseLine.X - letters[6].StartBaseLine.X;
        Assert.Equal(ParagraphShaper.SyntheticBoldWidening((float)letters[0].PointSize), boldStep - regularStep, 0.01);
    }
}
