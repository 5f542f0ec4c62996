using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Tests.Rendering;

/// <summary>What a required module's output must hold to count as written: more than white space, in any of its escaped forms.</summary>
public sealed class ShowsNothingTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" \n\t")]
    [InlineData("&#32;")]
    [InlineData("&#160;&#10;")]
    [InlineData("<p> </p>\n<P>&nbsp;</P>")]
    [InlineData("<br />\n<br>")]
    [InlineData("\u200B")]
    [InlineData("<p>\uFEFF \u2060\u200E</p>")]
    [InlineData("&#8203;&#65279;")]
    public void ShowsNothing_WhiteSpaceInAnyOfItsEscapedForms_IsNothing(string output) => Assert.True(TextEscaper.ShowsNothing(output));

    [Theory]
    [InlineData("x")]
    [InlineData("&#65;")]
    [InlineData("&#46;")]
    [InlineData("&amp;")]
    [InlineData("&#;")]
    [InlineData("&#99999999999;")]
    [InlineData("<p>&#32;.</p>")]
    [InlineData("<img src=\"seal.png\" alt=\"Seal\">")]
    [InlineData("<p")]
    [InlineData("\u200Bx")]
    [InlineData("\u0600")]
    [InlineData("\u06DD")]
    public void ShowsNothing_AnythingElse_ShowsSomething(string output) => Assert.False(TextEscaper.ShowsNothing(output));
}
