using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

public sealed class CssInlinerTests
{
    private static IDocument Inline(string css, string body)
    {
        var html = HtmlPreparer.Prepare($"<!DOCTYPE html><html><head><style>{css}</style></head><body>{body}</body></html>", isDocument: true, "s", preheader: null, inlineCss: true);
        return new HtmlParser().ParseDocument(html);
    }

    private static string? Style(IDocument document, string selector) => document.QuerySelector(selector)!.GetAttribute("style");

    [Fact]
    public void TypeRule_IsInlined_AsWritten()
    {
        var html = HtmlPreparer.Prepare("<!DOCTYPE html><html><head><style>p { color: red }</style></head><body><p>x</p></body></html>", true, "s", null, true);

        Assert.Contains("<p style=\"color: red\">x</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_KeepTheAuthorsForm_ShorthandsAndVendorProperties()
    {
        var document = Inline("td { margin: 0 auto; font-family: Arial, 'Helvetica Neue', sans-serif; mso-line-height-rule: exactly; background: #FFF url(a.png) }", "<table><tr><td>x</td></tr></table>");

        Assert.Equal("margin: 0 auto; font-family: Arial, 'Helvetica Neue', sans-serif; mso-line-height-rule: exactly; background: #FFF url(a.png)", Style(document, "td"));
    }

    [Fact]
    public void Specificity_IdBeatsClassBeatsType_WhateverTheSourceOrder()
    {
        var document = Inline("#a { color: green } .c { color: blue } p { color: red }", "<p id=\"a\" class=\"c\">1</p><p class=\"c\">2</p><p>3</p>");

        Assert.Equal("color: green", Style(document, "#a"));
        Assert.Equal("color: blue", Style(document, "p.c:not(#a)"));
        Assert.Equal("color: red", Style(document, "p:not(.c)"));
    }

    [Fact]
    public void SourceOrder_DecidesBetweenEqualSpecificity()
    {
        var document = Inline("p { color: red } p { color: blue }", "<p>x</p>");

        Assert.Equal("color: blue", Style(document, "p"));
    }

    [Fact]
    public void SelectorList_UsesTheSpecificityOfThePartThatMatched()
    {
        // In "h1, .x p" only ".x p" (0,1,1) matches the paragraph and it beats "div p" (0,0,2).
        var document = Inline(".x p, h1 { color: blue } div p { color: red }", "<div class=\"x\"><p>x</p></div><h1>t</h1>");

        Assert.Equal("color: blue", Style(document, "p"));
        Assert.Equal("color: blue", Style(document, "h1"));
    }

    [Fact]
    public void ExistingInlineStyle_Wins_AndIsKept()
    {
        var document = Inline("#a.c { color: red; padding: 4px }", "<p id=\"a\" class=\"c\" style=\"color: blue; mso-hide: all\">x</p>");

        Assert.Equal("padding: 4px; color: blue; mso-hide: all", Style(document, "p"));
    }

    [Fact]
    public void ImportantInSheet_BeatsNormalInline_AndStaysImportant()
    {
        var document = Inline("p { color: red !important }", "<p style=\"color: blue\">x</p>");

        Assert.Equal("color: red !important", Style(document, "p"));
    }

    [Fact]
    public void ShorthandAndLonghand_AreWrittenInCascadeOrder()
    {
        // The stronger declaration comes last, so a client applying them in order gets the cascade's result.
        var document = Inline(".c { margin-top: 5px } p { margin: 0 }", "<p class=\"c\">x</p>");

        Assert.Equal("margin: 0; margin-top: 5px", Style(document, "p"));
    }

    [Fact]
    public void MediaQueries_PseudoClassesAndAtRules_StayInStyle_PlainRulesLeave()
    {
        var document = Inline(
            "p { color: red } a:hover { color: blue } @media (max-width: 600px) { p { color: green } } @font-face { font-family: X; src: url(x.woff) }",
            "<p>x <a href=\"#\">y</a></p>");

        var style = Assert.Single(document.QuerySelectorAll("style")).TextContent;
        Assert.DoesNotContain("p { color: red }", style, StringComparison.Ordinal);
        Assert.Contains("a:hover { color: blue !important }", style, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 600px) { p { color: green !important } }", style, StringComparison.Ordinal);
        Assert.Contains("@font-face", style, StringComparison.Ordinal);
        Assert.Equal("color: red", Style(document, "p"));
        Assert.Null(Style(document, "a"));
    }

    [Fact]
    public void MediaRule_StillOverridesTheRuleItFollows_OnceThatIsInlined()
    {
        // The example's layout: on a phone the sheet's padding is 12px. Inlined, 'padding: 24px' sits in the style
        // attribute, which beats every rule of <style> that is not !important, so the phone rule never applied.
        var document = Inline(
            ".sheet { padding: 24px; color: #2b2118 } @media (max-width: 480px) { .sheet { padding: 12px } } @media (prefers-color-scheme: dark) { .sheet { color: #eee !important; background: #111 } }",
            "<div class=\"sheet\">x</div>");

        var style = Assert.Single(document.QuerySelectorAll("style")).TextContent;
        Assert.Contains("@media (max-width: 480px) { .sheet { padding: 12px !important } }", style, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark) { .sheet { color: #eee !important; background: #111 !important } }", style, StringComparison.Ordinal);
        Assert.Equal("padding: 24px; color: #2b2118", Style(document, ".sheet"));
    }

    [Fact]
    public void HoverRule_StillOverridesTheLinkColour_OnceThatIsInlined()
    {
        var document = Inline("a { color: #8a4b08; text-decoration: none } a:hover { text-decoration: underline }", "<a href=\"https://example.com/\">x</a>");

        Assert.Equal("a:hover { text-decoration: underline !important }", Assert.Single(document.QuerySelectorAll("style")).TextContent);
        Assert.Equal("color: #8a4b08; text-decoration: none", Style(document, "a"));
    }

    [Fact]
    public void ImageSizedInPixelsByCss_GetsTheSizeAsAttributes_ForOutlook()
    {
        var document = Inline(
            "img.hero { width: 600px; height: auto; display: block } img.logo { width: 120.5PX; height: 40px }",
            "<img class=\"hero\" src=\"https://example.com/hero@2x.png\" alt=\"\"><img class=\"logo\" src=\"https://example.com/logo.png\" alt=\"Logo\"><img style=\"width: 50%; height: 0\" src=\"https://example.com/s.png\" alt=\"\">");

        var images = document.Images;
        Assert.Equal("600", images[0].GetAttribute("width"));
        Assert.Null(images[0].GetAttribute("height"));
        Assert.Equal("121", images[1].GetAttribute("width"));
        Assert.Equal("40", images[1].GetAttribute("height"));
        Assert.Null(images[2].GetAttribute("width"));
        Assert.Equal("0", images[2].GetAttribute("height"));
        Assert.Equal("width: 600px; height: auto; display: block", images[0].GetAttribute("style"));
    }

    [Theory]
    [InlineData("img { width: 150pt; height: 0.5in }", "200", "48")] // 4/3 pixels a point, 96 an inch
    [InlineData("img { width: 37.5rem }", "600", null)] // of 16 pixels: the layout sets no root font size
    [InlineData("html { font-size: 10px } img { width: 12rem }", "120", null)]
    [InlineData("p { font-size: 20px } img { width: 3em }", "60", null)] // of the image's font size, inherited
    [InlineData("img { width: 3em }", null, null)] // the client's font size: unknown
    [InlineData("img { width: -10px }", null, null)] // invalid: CSS drops it
    public void ImageSizedInOtherUnits_GetsThePixelsCSSMakesThem(string css, string? width, string? height)
    {
        var document = Inline(css, "<p><img src=\"https://example.com/hero.png\" alt=\"\"></p>");

        Assert.Equal(width, document.Images[0].GetAttribute("width"));
        Assert.Equal(height, document.Images[0].GetAttribute("height"));
    }

    [Theory]
    [InlineData("img { width: 100%; max-width: 600px; height: auto }", "<img>", "600")] // no container known: the max-width
    [InlineData("img { width: 100%; max-width: 37.5rem }", "<img>", "600")]
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"max-width: 480px\"><img></div>", "480")] // bounded by the container
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"max-width: 600px; padding: 0 24px; box-sizing: border-box\"><img></div>", "552")]
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"max-width: 600px; padding: 0 24px\"><img></div>", "600")] // content-box: the max-width is the content's
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"max-width: 600px\"><p style=\"padding: 10px 20px; padding-right: 30px\"><img></p></div>", "550")]
    [InlineData("img { width: 100% }", "<table width=\"300\"><tr><td><img></td></tr></table>", "300")]
    [InlineData("img { width: 50%; max-width: 600px }", "<div style=\"width: 640px\"><img></div>", "320")]
    [InlineData("img { width: 50%; max-width: 600px }", "<img>", null)] // half of what: unknown
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"max-width: 600px\"><p style=\"padding: 0 5%\"><img></p></div>", "600")] // the padding is unknown: the max-width
    [InlineData("img { max-width: 600px }", "<img>", null)] // the file's size, which may be smaller
    [InlineData("img { width: 100%; max-width: 600px }", "<img width=\"300\">", "300")] // its own attribute kept
    [InlineData("img { width: 100%; max-width: 600px }", "<table width=\"600\"><tr><td width=\"50%\"><img></td><td width=\"50%\"></td></tr></table>", "300")] // a column of half the table
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"width: 600px\"><div style=\"width: 50%; padding: 0 10px\"><img></div></div>", "300")] // content-box: the padding is outside
    [InlineData("img { width: 100%; max-width: 600px }", "<div style=\"width: 600px\"><div style=\"width: 50%; padding: 0 10px; box-sizing: border-box\"><p style=\"padding: 0 5px\"><img></p></div></div>", "270")]
    [InlineData("img { width: 100% }", "<table width=\"600\"><tr><td width=\"100%\" style=\"padding: 0 20px\"><img></td></tr></table>", "560")] // a cell's padding is inside the table
    [InlineData("img { width: 100% }", "<div style=\"width: 600px\"><div style=\"width: calc(50% - 10px)\"><img></div></div>", null)] // a width the composer cannot tell: not the outer one
    public void FluidImage_GetsThePixelsItHasAtMost_ForOutlook(string css, string body, string? width)
    {
        var document = Inline(css, body.Replace("<img", "<img src=\"https://example.com/hero@2x.png\" alt=\"\"", StringComparison.Ordinal));

        Assert.Equal(width, document.Images[0].GetAttribute("width"));
        Assert.Null(document.Images[0].GetAttribute("height"));
    }

    [Fact]
    public void ImageWithItsOwnSizeAttributes_KeepsThem()
    {
        var document = Inline("img { width: 600px; height: 200px }", "<img src=\"https://example.com/a.png\" alt=\"\" width=\"300\" height=\"100\">");

        Assert.Equal("300", document.Images[0].GetAttribute("width"));
        Assert.Equal("100", document.Images[0].GetAttribute("height"));
    }

    [Fact]
    public void StyleForPrintMedia_IsLeftAlone()
    {
        var html = HtmlPreparer.Prepare("<html><head><style media=\"print\">p { color: red }</style></head><body><p>x</p></body></html>", true, "s", null, true);

        Assert.Contains("<style media=\"print\">p { color: red }</style>", html, StringComparison.Ordinal);
        Assert.Contains("<p>x</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadElements_AreNeverStyled()
    {
        var document = Inline("* { color: red }", "<p>x</p>");

        Assert.Null(document.QuerySelector("title")?.GetAttribute("style"));
        Assert.Null(document.Head!.GetAttribute("style"));
        Assert.Equal("color: red", Style(document, "p"));
        Assert.Equal("color: red", Style(document, "body"));
    }

    [Fact]
    public void AttributeValues_WithQuotes_AreEscapedInTheStyleAttribute()
    {
        var html = HtmlPreparer.Prepare("<html><head><style>p { font-family: \"Open Sans\", sans-serif }</style></head><body><p>x</p></body></html>", true, "s", null, true);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("font-family: \"Open Sans\", sans-serif", Style(document, "p"));
    }
}
