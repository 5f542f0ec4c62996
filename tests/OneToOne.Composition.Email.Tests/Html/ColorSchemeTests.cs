using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

public sealed class ColorSchemeTests
{
    private static IDocument Prepare(string head, string body, bool inlineCss = true) =>
        new HtmlParser().ParseDocument(HtmlPreparer.Prepare($"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>", isDocument: true, "s", preheader: null, inlineCss, warnings: []));

    /// <summary>The color-scheme meta's content | the supported-color-schemes meta's content | the html element's style.</summary>
    private static string Schemes(IDocument document) =>
        document.Head!.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content") + "|"
        + document.Head!.QuerySelector("meta[name=supported-color-schemes]")?.GetAttribute("content") + "|"
        + document.DocumentElement.GetAttribute("style");

    [Fact]
    public void LayoutThatSetsColours_WithoutDarkRules_IsDeclaredLightOnly()
    {
        var document = Prepare("<style>.sheet { background: #ffffff; color: #2b2118 } h2 { color: #8a4b08 }</style>", "<div class=\"sheet\"><h2>x</h2></div>");

        Assert.Equal("light only|light only|color-scheme: light only", Schemes(document));
        Assert.Equal("meta", document.Head!.Children[1].LocalName);
        Assert.Equal("color-scheme", document.Head!.Children[1].GetAttribute("name"));
    }

    [Fact]
    public void ColoursInStyleAttributesOrBgcolor_CountToo_EvenWithoutInlining()
    {
        Assert.Equal("light only|light only|color-scheme: light only", Schemes(Prepare(string.Empty, "<p style=\"color: #333\">x</p>", inlineCss: false)));
        Assert.Equal("light only|light only|color-scheme: light only", Schemes(Prepare(string.Empty, "<table bgcolor=\"#f4efe6\"><tr><td>x</td></tr></table>")));
    }

    [Fact]
    public void LayoutWithDarkRules_IsDeclaredLightAndDark_SoAppleMailAppliesThem()
    {
        var document = Prepare("<style>.sheet { background: #fff } @media (prefers-color-scheme: dark) { .sheet { background: #111 } }</style>", "<div class=\"sheet\">x</div>");

        Assert.Equal("light dark|light dark|color-scheme: light dark", Schemes(document));
    }

    [Theory]
    [InlineData("<meta name=\"color-scheme\" content=\"dark\">")]
    [InlineData("<meta name=\"Supported-Color-Schemes\" content=\"light\">")]
    [InlineData("<style>:root { color-scheme: light dark }</style>")]
    public void AuthorsOwnDeclaration_IsKept_AndNothingAdded(string declaration)
    {
        var document = Prepare(declaration + "<style>p { color: #333 }</style>", "<p>x</p>");

        Assert.Null(document.DocumentElement.GetAttribute("style"));
        Assert.True(document.Head!.QuerySelectorAll("meta[name]").Length <= 1);
    }

    [Theory]
    [InlineData("<style>/* color-scheme: set by each client */ p { color: #333 }</style>", "<p>x</p>", "light only|light only|color-scheme: light only")]
    [InlineData("<style>/* prefers-color-scheme rules: none yet */ p { color: #333 }</style>", "<p>x</p>", "light only|light only|color-scheme: light only")]
    [InlineData("<style>/* brand color: see below */ p { margin: 0 }</style>", "<p style=\"/* background */ margin: 0\">x</p>", "||")]
    public void Comments_DeclareNothing(string head, string body, string schemes)
    {
        // CSS ignores comments: a note that names a property or a query neither declares a scheme nor sets a colour.
        Assert.Equal(schemes, Schemes(Prepare(head, body)));
    }

    [Fact]
    public void MessageWithoutColours_DeclaresNothing()
    {
        var document = Prepare("<style>p { margin: 0 }</style>", "<p>x</p>");

        Assert.Equal("||", Schemes(document));
    }
}
