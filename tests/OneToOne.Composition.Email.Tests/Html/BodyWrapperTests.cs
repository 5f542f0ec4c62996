using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>
/// Gmail drops <c>&lt;html&gt;</c> and <c>&lt;body&gt;</c> with their attributes and styles: the composer repeats the
/// body's language, direction and colours on a wrapper inside it.
/// </summary>
public sealed class BodyWrapperTests
{
    private const string Sheet = "<div class=\"sheet\">{{ content }}</div><p id=\"foot\">Footer</p>";

    private static Catalog Catalog(string locale, string style, string body = Sheet, string html = "<html>", string bodyTag = "<body>") => new CatalogLoader(TestOptions.Untimed).Parse($$$"""
        catalog: t
        {{{(locale.Length == 0 ? string.Empty : "locale: " + locale)}}}
        modules:
          hi: "Hi **{{ name }}**."
        slots:
          s: { from: [hi] }
        messages:
          m:
            subject: "x"
            body: "{{ slot 's' }}"
            email:
              from: club@example.com
              layout: '<!DOCTYPE html>{{{html}}}<head><meta charset="utf-8"><title>x</title><style>{{{style}}}</style></head>{{{bodyTag}}}{{{body}}}</body></html>'
        """);

    private static (IDocument Html, string Text) Compose(Catalog catalog, EmailOptions? options = null)
    {
        var message = Load(new EmailComposer(options ?? Options).Compose(catalog, catalog.Decide(Person(), "m")).ToBytes());
        return (new HtmlParser().ParseDocument(message.HtmlBody!), message.TextBody!);
    }

    /// <summary>The body's only element, the wrapper, with the layout's content in it.</summary>
    private static IElement Wrapper(IDocument document)
    {
        var wrapper = Assert.Single(document.Body!.Children);
        Assert.Equal("div", wrapper.LocalName);
        Assert.Equal("sheet", wrapper.FirstElementChild!.ClassName);
        Assert.Equal("foot", wrapper.LastElementChild!.Id);
        return wrapper;
    }

    [Fact]
    public void TheBodysBackgroundAndLanguage_AreRepeatedOnAWrapperAroundItsContent_AndTheBodyKeepsThem()
    {
        var catalog = Catalog("en-US", "body { margin: 0; background: #f4efe6 } .sheet { max-width: 600px }");
        var (html, text) = Compose(catalog);

        var wrapper = Wrapper(html);
        Assert.Equal("en-US", wrapper.GetAttribute("lang"));
        Assert.False(wrapper.HasAttribute("dir"));
        Assert.Equal("background: #f4efe6", wrapper.GetAttribute("style"));
        Assert.Equal("margin: 0; background: #f4efe6", html.Body!.GetAttribute("style"));
        Assert.Equal("en-US", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal(catalog.RenderEmail(catalog.Decide(Person(), "m")).Text.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        Assert.Equal("Hi Ann.", text.Trim());
    }

    [Theory]
    [InlineData("he-IL")]
    [InlineData("ar-SA")]
    public void ARightToLeftMessage_KeepsItsDirectionInTheWrapper(string locale)
    {
        var (html, _) = Compose(Catalog(locale, "p { margin: 0 }"));

        var wrapper = Wrapper(html);
        Assert.Equal(locale, wrapper.GetAttribute("lang"));
        Assert.Equal("rtl", wrapper.GetAttribute("dir"));
        Assert.False(wrapper.HasAttribute("style"));
        Assert.Equal("rtl", html.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public void AMessageWithoutLanguageOrBodyStyle_IsUnchanged()
    {
        var (html, _) = Compose(Catalog(string.Empty, "body { margin: 0 } .sheet { color: #333 }"));

        Assert.Equal(["div", "p"], html.Body!.Children.Select(static e => e.LocalName));
        Assert.Equal("sheet", html.Body.FirstElementChild!.ClassName);
        Assert.Equal("margin: 0", html.Body.GetAttribute("style"));
    }

    [Fact]
    public void TheBodysPadding_MovesToTheWrapper_WhichGmailKeeps_SoItAppliesOnceWhereTheBodyIsKept()
    {
        var (html, _) = Compose(Catalog(string.Empty, "body { margin: 0; padding: 8px } .sheet { color: #333 }"));

        Assert.Equal("padding: 8px", Wrapper(html).GetAttribute("style"));
        Assert.Equal("margin: 0", html.Body!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("padding: 24px 16px", "padding: 24px 16px")]
    [InlineData("padding: 0 16px 8px", "padding: 0 16px 8px")]
    [InlineData("padding: 1px 2px 3px 4px", "padding: 1px 2px 3px 4px")]
    [InlineData("padding: 8px; padding-left: 0", "padding: 8px 8px 8px 0")]
    [InlineData("padding: 8px !important; padding-left: 0", "padding: 8px")]
    [InlineData("padding-top: 12px", "padding: 12px 0 0")]
    public void ThePaddingsSides_AreMovedAsTheyCascade(string padding, string expected)
    {
        var (html, _) = Compose(Catalog(string.Empty, "body { " + padding + "; background: #eeeeee }"));

        Assert.Equal("background: #eeeeee; " + expected, Wrapper(html).GetAttribute("style"));
        Assert.Equal("background: #eeeeee", html.Body!.GetAttribute("style"));
    }

    [Theory]
    // content-box: the body was 600 + 2 x 24 wide; it keeps that width, and the wrapper's 600 and padding fill it.
    [InlineData("max-width: 600px; margin: 0 auto; padding: 24px", "max-width: 648px; margin: 0 auto", "max-width: 600px; margin-left: auto; margin-right: auto; padding: 24px")]
    // border-box: the body stays 600 wide; the wrapper's content is 600 - 2 x 24.
    [InlineData("max-width: 600px; margin: 0 auto; padding: 0 24px; box-sizing: border-box", "max-width: 600px; margin: 0 auto; box-sizing: border-box", "max-width: 552px; margin-left: auto; margin-right: auto; padding: 0 24px")]
    public void ABodyWithAPixelMaxWidth_KeepsItsBoxesWidth_AsThePaddingMoves(string body, string bodyAfter, string wrapperStyle)
    {
        var (html, _) = Compose(Catalog(string.Empty, "body { " + body + " }"));

        Assert.Equal(wrapperStyle, Wrapper(html).GetAttribute("style"));
        Assert.Equal(bodyAfter, html.Body!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("max-width: 450pt; margin: 0 auto", "max-width: 600px; margin-left: auto; margin-right: auto")] // 4/3 pixels a point
    [InlineData("max-width: 451pt", "max-width: 601.333px")]
    [InlineData("max-width: 6.25in; margin-left: auto", "max-width: 600px; margin-left: auto")]
    public void ABodyWithAMaxWidthInPoints_HasItInPixelsOnTheWrapper_ForGmail(string body, string wrapperStyle)
    {
        // Gmail drops the body: its width in an absolute unit is as exact as one in pixels.
        var (html, _) = Compose(Catalog(string.Empty, "body { " + body + " }"));

        Assert.Equal(wrapperStyle, Wrapper(html).GetAttribute("style"));
        Assert.Equal(body, html.Body!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("max-width: 600.5px; margin: 0 auto", "max-width: 600.5px; margin-left: auto; margin-right: auto")] // not 601: wider than the body
    [InlineData("max-width: 450.375pt", "max-width: 600.5px")] // the same width in points, the same pixels
    public void ABodyWithADecimalMaxWidth_HasItExactlyOnTheWrapper_WhateverItsUnit(string body, string wrapperStyle)
    {
        var (html, _) = Compose(Catalog(string.Empty, "body { " + body + " }"));

        Assert.Equal(wrapperStyle, Wrapper(html).GetAttribute("style"));
    }

    [Fact]
    public void TheBodysOtherDeclarations_StayAsWritten_FallbacksIncluded_AsThePaddingMoves()
    {
        // The colour is Outlook's fallback for the gradient it cannot draw: the body keeps both, as it does without padding.
        var (html, _) = Compose(Catalog(string.Empty, string.Empty, bodyTag: "<body style=\"padding: 24px; background: #eeeeee; background: linear-gradient(#eeeeee, #dddddd)\">"));

        Assert.Equal("padding: 24px", Wrapper(html).GetAttribute("style"));
        Assert.Equal("background: #eeeeee; background: linear-gradient(#eeeeee, #dddddd)", html.Body!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("/* x */ padding: 20px; color: #222", "color: #222")]
    [InlineData("color: #222; /* gutter; 20px */ padding: 20px", "color: #222")]
    [InlineData("color: #222 /* ink */; padding/**/: 20px /* gutter */", "color: #222 /* ink */")]
    public void APaddingAfterAComment_IsMovedOffTheBody_NotAppliedTwice(string bodyStyle, string keptStyle)
    {
        // CSS reads "/* x */ padding: 20px" as padding: left on the body as well, it padded the content twice where the body is kept.
        var (html, _) = Compose(Catalog(string.Empty, string.Empty, bodyTag: "<body style=\"" + bodyStyle + "\">"));

        Assert.Equal("color: #222; padding: 20px", Wrapper(html).GetAttribute("style"));
        Assert.Equal(keptStyle, html.Body!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("body { padding: 8px; background: rgba(0, 0, 0, 0.5); color: #222 }", "color: #222; padding: 8px")]
    [InlineData("body { background-color: #00000080; color: #222 }", "color: #222")]
    [InlineData("html { background: hsl(0 0% 0% / 20%) } body { color: #222 }", "color: #222")]
    public void ATranslucentBackground_IsNotRepeated_AsWhereTheBodyIsKeptItWouldPaintTwice(string style, string wrapperStyle)
    {
        // Half-transparent black on the page, then again on the wrapper inside it: three-quarters black where the body is kept.
        var (html, _) = Compose(Catalog(string.Empty, style));

        Assert.Equal(wrapperStyle, Wrapper(html).GetAttribute("style"));
    }

    [Theory]
    [InlineData("body { padding: 5%; color: #222 }")] // of a wider box on the body than on the wrapper
    [InlineData("body { padding: 1.5px; color: #222 }")]
    [InlineData("body { padding: 8px; width: 600px; color: #222 }")]
    [InlineData("body { padding: 8px; max-width: 80%; color: #222 }")]
    [InlineData("body { padding: 8px; border: 1px solid #cccccc; color: #222 }")]
    [InlineData("body { padding: 8px; padding-inline: 4px; color: #222 }")]
    [InlineData("body { padding: 8px; color: #222 } @media (max-width: 480px) { body { padding: 0 !important } }")] // would still pad the body
    [InlineData("body { padding: 8px; max-inline-size: 600px; color: #222 }")] // the logical max-width: the content would lose the padding
    [InlineData("body { padding: 8px; min-block-size: 100vh; color: #222 }")]
    [InlineData("body { padding: 8px; aspect-ratio: 2; color: #222 }")] // of the content box, which would grow by the padding
    [InlineData("body { padding: 8px; color: #222 } @media (max-width: 480px) { body { inline-size: 100% !important } }")]
    public void APaddingThatCannotMoveExactly_StaysOnTheBody(string style)
    {
        var (html, _) = Compose(Catalog(string.Empty, style));

        Assert.Equal("color: #222", Wrapper(html).GetAttribute("style"));
        Assert.Contains("padding", html.Body!.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void InheritedTextStyles_AreCarried_ButNotBoxStylesOrSizesThatWouldApplyTwice()
    {
        var (html, _) = Compose(Catalog(
            string.Empty,
            "html { color: #111; font-size: 62.5% } body { padding: 24px; font-family: Georgia, serif; font-size: 1.2em; line-height: 1.5; font-weight: bolder; text-align: left; background-color: #fff }"));

        Assert.Equal("background-color: #fff; color: #111; font-family: Georgia, serif; line-height: 1.5; text-align: left; padding: 24px", Wrapper(html).GetAttribute("style"));
    }

    [Theory]
    [InlineData("font: bolder 16px Georgia, serif")]
    [InlineData("font: italic lighter 16px Georgia, serif")]
    public void AFontShorthandWithARelativeWeight_IsNotCarried_AsItWouldApplyTwice(string font)
    {
        // bolder than the body's own bold is bolder still: where the body is kept, the wrapper's text would be heavier.
        var (html, _) = Compose(Catalog(string.Empty, "body { " + font + "; color: #222 }"));

        Assert.Equal("color: #222", Wrapper(html).GetAttribute("style"));
    }

    [Theory]
    [InlineData("line-height: 1.5em")]
    [InlineData("line-height: 150%")]
    [InlineData("letter-spacing: 0.1em")]
    public void TheRootsLengthRelativeToItsFont_IsNotCarried_WhenTheBodySetsItsOwnSize(string declaration)
    {
        // Computed on <html> against its 16px and inherited as that length where the body is kept; on the wrapper it would
        // be computed against the body's 20px instead.
        var (html, _) = Compose(Catalog(string.Empty, "html { " + declaration + "; color: #111 } body { font-size: 20px }"));

        Assert.Equal("color: #111; font-size: 20px", Wrapper(html).GetAttribute("style"));
    }

    [Fact]
    public void TheBodysLanguageAndStyle_WinOverTheRootsOwn()
    {
        var (html, _) = Compose(Catalog(
            "en-US",
            "html { background: #eee; color: #111 } body { color: #222 }",
            html: "<html dir=\"ltr\" style=\"font-family: Arial\">",
            bodyTag: "<body lang=\"de\" bgcolor=\"#f4efe6\">"));

        var wrapper = Wrapper(html);
        Assert.Equal("de", wrapper.GetAttribute("lang"));
        Assert.Equal("ltr", wrapper.GetAttribute("dir"));
        Assert.Equal("background-color: #f4efe6; font-family: Arial; color: #222", wrapper.GetAttribute("style"));
    }

    [Theory]
    [InlineData("body { background: url(https://example.com/paper.png) #f4efe6 }")]
    [InlineData("body { background-color: #f4efe6; background-image: linear-gradient(#fff, #eee) }")]
    public void ABackgroundImage_IsNotCarried_NorItsColourThatWouldCoverIt(string style)
    {
        var (html, _) = Compose(Catalog("en-US", style));

        var wrapper = Wrapper(html);
        Assert.False(wrapper.HasAttribute("style"));
        Assert.Equal("en-US", wrapper.GetAttribute("lang"));
    }

    [Fact]
    public void ADarkModeRuleForTheBody_LeavesTheBackgroundToTheBody()
    {
        // Carried inline, the light background would hide the dark one the rule gives the body in Apple Mail.
        var (html, _) = Compose(Catalog("en-US", "body { background: #f4efe6 } @media (prefers-color-scheme: dark) { body { background: #111 } }"));

        var wrapper = Wrapper(html);
        Assert.False(wrapper.HasAttribute("style"));
        Assert.Equal("en-US", wrapper.GetAttribute("lang"));
    }

    [Fact]
    public void ARuleLeftInStyleThatWouldMatchTheWrapper_LeavesTheBodyAsItIs()
    {
        // Not inlined, the layout's div rule would give the wrapper a margin in every client that reads <style>.
        var (html, _) = Compose(Catalog("en-US", "body { background: #f4efe6 } div { margin: 10px }"), Options with { InlineCss = false });

        Assert.Equal(["div", "p"], html.Body!.Children.Select(static e => e.LocalName));
        Assert.Equal("sheet", html.Body.FirstElementChild!.ClassName);
    }

    [Theory]
    [InlineData("body > .sheet { padding: 0 }", ".sheet", "body > .sheet", true)]
    [InlineData("body > p { color: #333 }", "#foot", "body > p", true)]
    [InlineData("div > p { margin: 0 }", "#foot", "div > p", false)]
    [InlineData("div p { margin: 0 }", "#foot", "div p", false)]
    public void ARuleLeftInStyle_MatchesTheSameElements_AsWithoutTheWrapper(string rule, string element, string selector, bool matches)
    {
        // Kept in <style> (in @media, as the inliner leaves it), a rule whose selector reads the body's children would stop
        // matching them, or one that reads a div above them would start to, in every client that keeps <body> and <style>.
        var (html, _) = Compose(Catalog("en-US", "body { background: #f4efe6 } @media (max-width: 600px) { " + rule + " }"));

        Assert.Contains(selector.Replace(" > ", ">", StringComparison.Ordinal), html.Head!.QuerySelector("style")!.TextContent.Replace(" > ", ">", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(matches, html.QuerySelector(element)!.Matches(selector));
        Assert.Equal(["div", "p"], html.Body!.Children.Select(static e => e.LocalName));
        Assert.Equal("en-US", html.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public void TheWrapper_IsAddedAfterInlining_SoTheLayoutsDivRulesDoNotStyleIt()
    {
        var (html, _) = Compose(Catalog("en-US", "body { background: #f4efe6 } div { margin: 10px }"));

        Assert.Equal("background: #f4efe6", Wrapper(html).GetAttribute("style"));
        Assert.Equal("margin: 10px", html.QuerySelector(".sheet")!.GetAttribute("style"));
    }

    [Fact]
    public void AFragmentWithoutLayout_IsWrappedInItsLanguage_AfterThePreheader()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: t
            locale: he-IL
            messages:
              m:
                subject: "x"
                body: "Hello {{ name }}"
                email:
                  from: club@example.com
                  preheader: "Preview"
            """);

        var (html, _) = Compose(catalog);

        Assert.Equal(2, html.Body!.Children.Length);
        Assert.Equal("Preview", html.Body.FirstElementChild!.TextContent);
        var wrapper = html.Body.Children[1];
        Assert.Equal("he-IL", wrapper.GetAttribute("lang"));
        Assert.Equal("rtl", wrapper.GetAttribute("dir"));
        Assert.Equal("Hello Ann", wrapper.TextContent.Trim());
    }
}
