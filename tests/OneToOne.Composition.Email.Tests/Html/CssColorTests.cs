using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>A CSS colour as the <c>#rrggbb</c> of a <c>bgcolor</c>: exact for opaque colours, none for translucent ones.</summary>
public sealed class CssColorTests
{
    [Theory]
    [InlineData("url(\"https://example.com/a b(1), c.png\") #0000ff, white", "#ffffff")] // the last layer's colour; a url's content is not read
    [InlineData("url('https://example.com/white.png') no-repeat center / cover", null)]
    [InlineData("rebeccapurple", "#663399")]
    [InlineData("WHITE", "#ffffff")]
    [InlineData("rgb(0 0 0 /)", null)]
    [InlineData("rgb(1, 2)", null)]
    [InlineData("rgb(none 128 255)", "#0080ff")]
    [InlineData("hsl(120, 100, 50)", null)] // the comma syntax takes percentages for saturation and lightness
    [InlineData("hsl(120 100 50)", "#00ff00")]
    [InlineData("hsl(-120deg, 100%, 50%)", "#0000ff")]
    [InlineData("hsl(0, 0%, 50%)", "#808080")] // 127.5 rounds up
    [InlineData("color-mix(in srgb, red, blue)", null)]
    [InlineData("var(--paper)", null)]
    public void Background_ReadsTheOpaqueColour(string value, string? expected) =>
        Assert.Equal(expected, CssColor.Background(value));

    [Property(MaxTest = 200)]
    public Property AnRgbColour_IsItsChannelsInHex_InEitherSyntax() =>
        Prop.ForAll(
            Gen.Choose(0, 255).ArrayOf(3).ToArbitrary(),
            channels =>
            {
                var (r, g, b) = (channels[0], channels[1], channels[2]);
                var hex = string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
                return CssColor.Background($"rgb({r}, {g}, {b})") == hex
                    && CssColor.Background($"rgb({r} {g} {b} / 1)") == hex
                    && CssColor.Background($"#{r:X2}{g:X2}{b:X2}")!.Equals(hex, StringComparison.OrdinalIgnoreCase)
                    && CssColor.Background($"rgba({r}, {g}, {b}, 0.999)") is null;
            });

    [Property(MaxTest = 200)]
    public Property AGreyHsl_IsItsLightnessOf255_RoundedHalfUp() =>
        Prop.ForAll(
            Gen.Choose(0, 1000).ToArbitrary(),
            Gen.Choose(-720, 720).ToArbitrary(),
            (tenths, hue) =>
            {
                var lightness = tenths / 10m;
                var channel = (int)Math.Floor((lightness * 255 / 100) + 0.5m);
                var grey = string.Create(CultureInfo.InvariantCulture, $"#{channel:x2}{channel:x2}{channel:x2}");
                return CssColor.Background(string.Create(CultureInfo.InvariantCulture, $"hsl({hue}, 0%, {lightness}%)")) == grey;
            });
}
