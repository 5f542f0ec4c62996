using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>A border shorthand read for the ghost table's width, for every message: no copy of what it does not keep.</summary>
public sealed class BorderTests
{
    [Theory]
    [InlineData("1px solid rgb(224, 214, 196)", "1px", "solid")]
    [InlineData("SOLID thick", "thick", "SOLID")]
    [InlineData("dashed", "medium", "dashed")]
    [InlineData("1px", "1px", "none")]
    public void Shorthand_ReadsTheWidthAndStyle_InAnyOrder(string value, string width, string style)
    {
        var (readWidth, readStyle) = Border.Shorthand(value);

        Assert.Equal(width, readWidth);
        Assert.Equal(style, readStyle, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Shorthand_CopiesOnlyAPixelWidth_NotTheStyleOrColour()
    {
        Border.Shorthand("1px");
        Border.Shorthand("1px solid rgb(224, 214, 196)");

        var before = GC.GetAllocatedBytesForCurrentThread();
        Border.Shorthand("1px");
        var widthOnly = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        Border.Shorthand("1px solid rgb(224, 214, 196)");
        var withStyleAndColour = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(widthOnly, withStyleAndColour);
    }
}
