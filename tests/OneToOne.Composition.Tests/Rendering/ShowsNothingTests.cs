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
    [InlineData("<p class=\"legal\"></p>")]
    [InlineData("<div class=\"legal\">\n  <span> </span>\n</div>")]
    [InlineData("<!-- legal text --><strong></strong>")]
    [InlineData("<table><tr><td>&nbsp;</td></tr></table>")]
    [InlineData("<a href=\"/terms?a>b\" title='x>y'></a>")]
    [InlineData("<P/>")]
    public void ShowsNothing_WhiteSpaceInAnyOfItsEscapedForms_IsNothing(string output) => Assert.True(TextEscaper.ShowsNothing(output, markup: true));

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
    [InlineData("<hr>")]
    [InlineData("<div><svg viewBox=\"0 0 1 1\"></svg></div>")]
    [InlineData("<p><IMG src=\"seal.png\"></p>")]
    [InlineData("<https://example.com/terms>")]
    [InlineData("<p class=\"legal\">§</p>")]
    [InlineData("<!-- a comment never closed")]
    [InlineData("< p></p>")]
    public void ShowsNothing_AnythingElse_ShowsSomething(string output) => Assert.False(TextEscaper.ShowsNothing(output, markup: true));

    /// <summary>In plain text a tag is what the reader sees: "&lt;div&gt;&lt;/div&gt;" is text, though it is no HTML.</summary>
    [Theory]
    [InlineData("<div></div>")]
    [InlineData("<br>")]
    public void ShowsNothing_TagsInPlainText_AreText(string output)
    {
        Assert.False(TextEscaper.ShowsNothing(output, markup: false));
        Assert.True(TextEscaper.ShowsNothing(output, markup: true));
    }
}
