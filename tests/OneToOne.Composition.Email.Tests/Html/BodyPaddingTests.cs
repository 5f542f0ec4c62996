using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>The body's padding, read for every message that has one: the shorthand is read in place, not split into copies.</summary>
public sealed class BodyPaddingTests
{
    [Theory]
    [InlineData("24px", "24px")]
    [InlineData("24px  16px", "24px 16px")]
    [InlineData("0 16px 8px", "0 16px 8px")]
    [InlineData("1px 2px 3px 4px", "1px 2px 3px 4px")]
    public void Movable_ReadsTheShorthandsSides(string padding, string shorthand) =>
        Assert.Equal(shorthand, BodyPadding.Movable([("padding", padding, false)])!.Shorthand);

    [Theory]
    [InlineData("18pt", "24px")] // 4/3 pixels a point
    [InlineData("0.25in 12pt", "24px 16px")]
    [InlineData("1.5pc 0", "24px 0")]
    [InlineData("7.5pt", "10px")]
    [InlineData("24.0px 2.54cm", "24px 96px")] // whole pixels written with a decimal point move as 18pt does
    [InlineData("24.5px", null)]
    [InlineData("10pt", null)] // 13.333 pixels: not whole, stays on the body
    [InlineData("1.5rem", null)] // of the root's font size, which this does not read
    [InlineData("2em", null)]
    [InlineData("5%", null)]
    public void Movable_TakesFixedUnitsThatAreWholePixels(string padding, string? shorthand) =>
        Assert.Equal(shorthand, BodyPadding.Movable([("padding", padding, false)])?.Shorthand);

    [Fact]
    public void Movable_AllocatesNoMoreForFourSidesThanForOne()
    {
        (string, string, bool)[] oneSide = [("padding-top", "1px", false)];
        (string, string, bool)[] fourSides = [("padding", "1px 2px 3px 4px", false)];
        BodyPadding.Movable(oneSide);
        BodyPadding.Movable(fourSides);

        var before = GC.GetAllocatedBytesForCurrentThread();
        BodyPadding.Movable(oneSide);
        var one = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        BodyPadding.Movable(fourSides);
        var four = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(one, four);
    }
}
