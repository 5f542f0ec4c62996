using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>
/// Outlook on Windows ignores <c>max-width</c>: a block with a pixel <c>max-width</c> is put in a table of that width that
/// only Outlook reads (in <c>&lt;!--[if mso]&gt;</c> comments).
/// </summary>
public sealed class OutlookWidthsTests
{
    private static IDocument Compose(string style, string body = "<div class=\"sheet\">{{ content }}</div>", string head = "", EmailOptions? options = null)
    {
        var catalog = new CatalogLoader().Parse($$$"""
            catalog: t
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
                  layout: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>{{{head}}}<style>{{{style}}}</style></head><body>{{{body}}}</body></html>'
            """);
        var message = Load(new EmailComposer(options ?? Options).Compose(catalog, catalog.Decide(Person(), "m")).ToBytes());
        return new HtmlParser().ParseDocument(message.HtmlBody!);
    }

    /// <summary>
    /// The table Outlook reads around an element: the comments just before and after it, their conditional markup parsed as
    /// Outlook parses it (the element itself stands in as a marker), or null when there are none (or they are the layout's).
    /// </summary>
    private static IElement? GhostTable(IElement element)
    {
        // The layout's own conditionals (their tables not written as the composer writes its) are no ghost table of the composer's.
        if (element.PreviousSibling is not IComment opening || element.NextSibling is not IComment closing
            || !opening.Data.StartsWith("[if mso]><table role=\"presentation\" width=", StringComparison.Ordinal))
        {
            return null;
        }

        var markup = Conditional(opening.Data) + "<i id=\"content\"></i>" + Conditional(closing.Data);
        var fragment = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + markup + "</body></html>");
        var table = Assert.Single(fragment.Body!.Children);
        Assert.Equal("table", table.LocalName);
        Assert.Equal("content", table.QuerySelector("td")!.FirstElementChild!.Id);
        return table;

        static string Conditional(string comment)
        {
            Assert.StartsWith("[if mso]>", comment, StringComparison.Ordinal);
            Assert.EndsWith("<![endif]", comment, StringComparison.Ordinal);
            return comment["[if mso]>".Length..^"<![endif]".Length];
        }
    }

    [Fact]
    public void ACentredBlockWithAPixelMaxWidth_IsInACentredTableOfThatWidth_ForOutlookOnly()
    {
        // The bundled example's sheet.
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto; padding: 24px; background: #ffffff }");

        var sheet = html.QuerySelector(".sheet")!;
        var table = GhostTable(sheet);
        Assert.NotNull(table);
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Equal("center", table.GetAttribute("align"));
        Assert.Equal("presentation", table.GetAttribute("role"));
        Assert.Equal("0", table.GetAttribute("cellpadding"));
        Assert.Equal("0", table.GetAttribute("cellspacing"));
        Assert.Equal("0", table.GetAttribute("border"));

        // Everyone else sees the element as it was.
        Assert.Equal("max-width: 600px; margin: 0 auto; padding: 24px; background: #ffffff", sheet.GetAttribute("style"));
        Assert.Empty(html.QuerySelectorAll("table"));
    }

    [Theory]
    [InlineData("max-width: 480.4px", "480", null)]
    [InlineData("max-width: 320px; margin-left: auto; margin-right: auto", "320", "center")]
    [InlineData("max-width: 320px; margin: 0 0 0 auto", "320", "right")]
    [InlineData("max-width: 320px; margin: 0 auto; margin-left: 10px", "320", null)]
    public void TheTablesWidthAndAlignment_FollowTheMaxWidthAndSideMargins(string style, string width, string? align)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        var table = GhostTable(html.QuerySelector("#box")!);
        Assert.NotNull(table);
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(align, table.GetAttribute("align"));
    }

    [Theory]
    [InlineData(".sheet { max-width: 80% }")]
    [InlineData(".sheet { max-width: 40em }")]
    [InlineData(".sheet { max-width: 300px; display: inline-block }")]
    [InlineData(".sheet { width: 600px }")]
    public void AWidthTheComposerCannotTellInPixels_OrAnInlineBlock_GetsNoTable(string style)
    {
        var html = Compose(style);

        Assert.Null(GhostTable(html.QuerySelector(".sheet")!));
        Assert.Empty(html.Descendants<IComment>());
    }

    [Fact]
    public void AnInlineElementOrATableCellWithAMaxWidth_GetsNoTable()
    {
        var html = Compose("span, td { max-width: 300px }", "<div>{{ content }}<span>x</span></div><table><tr><td>y</td></tr></table>");

        Assert.Empty(html.Descendants<IComment>());
    }

    [Fact]
    public void ALayoutWithItsOwnOutlookConditionals_IsLeftToThem()
    {
        var body = "<!--[if mso]><table width=\"600\" align=\"center\"><tr><td><![endif]--><div class=\"sheet\">{{ content }}</div><!--[if mso]></td></tr></table><![endif]-->";

        var html = Compose(".sheet { max-width: 600px; margin: 0 auto }", body);

        Assert.Equal(2, html.Descendants<IComment>().Count());
    }

    /// <summary>The block almost every professional layout puts in its head, so Outlook lays images out at 96 dpi.</summary>
    private const string OfficeSettings = "<!--[if mso]><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->";

    [Theory]
    [InlineData(OfficeSettings)]
    [InlineData("<!--[if gte mso 9]><style>td { mso-line-height-rule: exactly; }</style><![endif]-->")]
    public void OutlookConditionalsInTheHead_LeaveTheBodysBlocksTheirTables(string head)
    {
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto }", head: head);

        var table = GhostTable(html.QuerySelector(".sheet")!);
        Assert.NotNull(table);
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Single(html.Head!.Descendants<IComment>());
    }

    [Fact]
    public void AnOutlookOnlyElementThatClosesWhatItOpens_LeavesTheBlocksAfterItTheirTables()
    {
        // A bulletproof button in VML and a note only Outlook shows: each comment closes all it opens.
        var body = "<!--[if mso]><v:roundrect href=\"https://example.com\" style=\"width:200px\"><v:fill color=\"#8a4b08\"/><center>Go</center></v:roundrect><![endif]-->"
            + "<!--[if mso]><p>Outlook <br> only</p><![endif]--><div class=\"sheet\">{{ content }}</div>";

        var html = Compose(".sheet { max-width: 600px; margin: 0 auto }", body);

        Assert.Equal("600", GhostTable(html.QuerySelector(".sheet")!)!.GetAttribute("width"));
    }

    [Fact]
    public void AnMjmlSection_WrappedInTheLayoutsOwnTable_GetsNoSecond_ButABlockAfterItDoes()
    {
        // MJML's output: [if mso | IE] tables around each section, a closing comment after it.
        var body = "<div class=\"sheet\"><!--[if mso | IE]><table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:600px;\" width=\"600\" ><tr><td style=\"line-height:0px;font-size:0px;mso-line-height-rule:exactly;\"><![endif]-->"
            + "<div class=\"section\"><div class=\"inner\">{{ content }}</div></div>"
            + "<!--[if mso | IE]></td></tr></table><![endif]--><div class=\"footer\">f</div></div>";

        var html = Compose(".section { max-width: 600px; margin: 0 auto } .inner { max-width: 500px } .footer { max-width: 400px }", body, OfficeSettings);

        Assert.Null(GhostTable(html.QuerySelector(".section")!));
        Assert.Null(GhostTable(html.QuerySelector(".inner")!));
        Assert.Equal("400", GhostTable(html.QuerySelector(".footer")!)!.GetAttribute("width"));
        Assert.Equal(4, html.Body!.Descendants<IComment>().Count());
    }

    [Fact]
    public void ABlockWhoseContentIsInTheLayoutsTable_GetsNoSecond()
    {
        var body = "<div class=\"sheet\"><!--[if mso]><table role=\"presentation\" width=\"600\"><tr><td><![endif]-->{{ content }}<!--[if mso]></td></tr></table><![endif]--></div><div class=\"other\">o</div>";

        var html = Compose(".sheet, .other { max-width: 600px; margin: 0 auto }", body);

        Assert.Null(GhostTable(html.QuerySelector(".sheet")!));
        Assert.Equal("600", GhostTable(html.QuerySelector(".other")!)!.GetAttribute("width"));
    }

    [Fact]
    public void ABlockHiddenFromOutlook_GetsNoTable_WhoseEndifWouldEndTheHiddenPart()
    {
        var body = "<!--[if !mso]><!--><div class=\"web\">{{ content }}</div><!--<![endif]--><div class=\"sheet\">s</div>";

        var html = Compose(".web, .sheet { max-width: 600px }", body);

        Assert.Null(GhostTable(html.QuerySelector(".web")!));
        Assert.Equal("600", GhostTable(html.QuerySelector(".sheet")!)!.GetAttribute("width"));
    }

    [Fact]
    public void NestedBlocks_EachGetTheirTable()
    {
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto } .inner { max-width: 400px }", "<div class=\"sheet\"><div class=\"inner\">{{ content }}</div></div>");

        Assert.Equal("600", GhostTable(html.QuerySelector(".sheet")!)!.GetAttribute("width"));
        Assert.Equal("400", GhostTable(html.QuerySelector(".inner")!)!.GetAttribute("width"));
        Assert.Equal(4, html.Descendants<IComment>().Count());
    }

    [Fact]
    public void AMaxWidthInAMediaQuery_IsNotOutlooksWidth()
    {
        var html = Compose(".sheet { margin: 0 auto } @media (min-width: 700px) { .sheet { max-width: 600px } }");

        Assert.Empty(html.Descendants<IComment>());
    }
}
