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
    /// Outlook parses it (the element itself stands in as a marker), or null when there are none.
    /// </summary>
    private static IElement? GhostTable(IElement element)
    {
        if (element.PreviousSibling is not IComment opening || element.NextSibling is not IComment closing)
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
