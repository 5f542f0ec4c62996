using System.Text;
using AngleSharp.Dom;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using AngleSharp.Html.Parser;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>
/// Outlook on Windows ignores <c>max-width</c>: a block with a pixel <c>max-width</c> is put in a table of that width that
/// only Outlook reads (in <c>&lt;!--[if mso]&gt;</c> comments).
/// </summary>
public sealed class OutlookWidthsTests
{
    private static IDocument Compose(string style, string body = "<div class=\"sheet\">{{ content }}</div>", string head = "", EmailOptions? options = null, string bodyAttributes = "")
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($$$"""
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
                  layout: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>{{{head}}}<style>{{{style}}}</style></head><body{{{bodyAttributes}}}>{{{body}}}</body></html>'
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
    public void CommentsInTheValues_AreNoPartOfThem()
    {
        // "600px /* content */" is 600px, and "0 /* sides */ 24px" two values: neither was read, and Outlook got no table.
        var html = Compose(".sheet { max-width: 600px /* content */; margin: 0 /**/ auto; padding: 0 /* sides */ 24px; background: #fff /* paper */ }");

        var table = GhostTable(html.QuerySelector(".sheet")!);
        Assert.NotNull(table);
        Assert.Equal("648", table.GetAttribute("width"));
        Assert.Equal("center", table.GetAttribute("align"));
        Assert.Equal("padding:0 24px 0 24px", table.QuerySelector("td")!.GetAttribute("style"));
        Assert.Equal("#ffffff", table.QuerySelector("td")!.GetAttribute("bgcolor"));
        Assert.Equal("max-width: 600px; margin: 0 auto; padding: 0 24px; background: #fff", html.QuerySelector(".sheet")!.GetAttribute("style"));
    }

    [Fact]
    public void ACentredBlockWithAPixelMaxWidth_IsInACentredTableOfThatWidth_ForOutlookOnly()
    {
        // The bundled example's sheet.
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto; padding: 24px; background: #ffffff }");

        var sheet = html.QuerySelector(".sheet")!;
        var table = GhostTable(sheet);
        Assert.NotNull(table);
        Assert.Equal("648", table.GetAttribute("width")); // as wide as the sheet elsewhere: 600 pixels of content and 24 each side
        Assert.Equal("center", table.GetAttribute("align"));
        Assert.Equal("presentation", table.GetAttribute("role"));
        Assert.Equal("0", table.GetAttribute("cellpadding"));
        Assert.Equal("0", table.GetAttribute("cellspacing"));
        Assert.Equal("0", table.GetAttribute("border"));

        // The cell paints the sheet's white all over and pads the sides Word ignores on the div; the top and bottom Word keeps.
        var cell = table.QuerySelector("td")!;
        Assert.Equal("#ffffff", cell.GetAttribute("bgcolor"));
        Assert.Equal("padding:0 24px 0 24px", cell.GetAttribute("style"));

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
    [InlineData("max-width: 600px; padding: 10px 20px", "640", "padding:0 20px 0 20px")]
    [InlineData("max-width: 600px; padding: 10px 20px; box-sizing: border-box", "600", "padding:0 20px 0 20px")]
    [InlineData("max-width: 600px; padding: 0 5px 0 15px", "620", "padding:0 5px 0 15px")]
    [InlineData("max-width: 600px; padding: 10px; padding-left: 0", "610", "padding:0 10px 0 0")]
    [InlineData("max-width: 600px; padding: 24px 0", "600", null)]
    [InlineData("max-width: 600px; padding: 1em", "600", null)]
    [InlineData("max-width: 600px; padding: 10px 5%", "600", null)]
    public void TheCellCarriesTheSidePaddingWordIgnoresOnTheDiv_AndTheTableIsTheBoxsWidth(string style, string width, string? cellStyle)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
        Assert.Equal(style, html.QuerySelector("#box")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("max-width: 600px; padding: 0 24px; border: 1px solid #cccccc", "650", "padding:0 24px 0 24px")]
    [InlineData("max-width: 600px; border: 2px solid rgb(0, 0, 0)", "604", null)]
    [InlineData("max-width: 600px; border: solid", "606", null)] // medium, as browsers draw it: 3 pixels
    [InlineData("max-width: 600px; border: thin solid; border-right-width: thick", "606", null)] // 1 + 5
    [InlineData("max-width: 600px; border: 1px", "600", null)] // no style: none, no border
    [InlineData("max-width: 600px; border: 1px solid; border-style: solid none", "600", null)] // top and bottom only
    [InlineData("max-width: 600px; border-left: 4px dashed red", "604", null)]
    [InlineData("max-width: 600px; border-width: 1px 2px 3px 4px; border-style: solid", "606", null)] // right 2, left 4
    [InlineData("max-width: 600px; border-left-style: double; border-left-width: 3px", "603", null)]
    [InlineData("max-width: 600px; border: 1px solid; border-right: none", "601", null)]
    [InlineData("max-width: 600px; padding: 0 24px; border: 1px solid; box-sizing: border-box", "600", "padding:0 24px 0 24px")] // max-width holds them
    [InlineData("max-width: 600px; border: 0.1em solid", "600", null)] // not in pixels: not counted
    [InlineData("max-width: 600px; border: 1px solid; border-left-style: initial", "601", null)] // initial is none
    [InlineData("max-width: 600px; border: 1px solid; border-style: unset", "600", null)] // not inherited: none
    [InlineData("max-width: 600px; border: 1px solid; border-right-style: var(--line)", "601", null)] // unread, as an unread width is
    public void TheTableCountsTheSideBorders_AsBrowsersSizeTheBox(string style, string width, string? cellStyle)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("", "max-width: 450pt; padding: 0 18pt; border: 0.75pt solid", "650", "padding:0 24px 0 24px")] // 4/3 pixels a point
    [InlineData("", "max-width: 6.25in; padding: 0 0.25in", "648", "padding:0 24px 0 24px")]
    [InlineData("", "max-width: 37.5rem; padding: 0 1.5rem; border: 0.0625rem solid", "650", "padding:0 24px 0 24px")] // of 16 pixels
    [InlineData("html { font-size: 10px } ", "max-width: 60rem; padding: 0 2.4rem", "648", "padding:0 24px 0 24px")] // of the root's
    [InlineData("html { font-size: 62.5% } ", "max-width: 60rem; padding: 0 2.4rem", "648", "padding:0 24px 0 24px")]
    [InlineData("body { font: 15px/1.5 Georgia, serif } ", "max-width: 40em; padding: 0 1.6em", "648", "padding:0 24px 0 24px")] // the inherited size
    [InlineData("body { font-size: 10px } ", "font-size: 200%; max-width: 30em; padding: 0 1.2em; border: 0.05em solid", "650", "padding:0 24px 0 24px")] // its own
    [InlineData("", "max-width: 600px; padding: 0 10pt", "627", "padding:0 13.333px 0 13.333px")]
    [InlineData("", "max-width: 600.5px; padding: 0 10.5px", "622", "padding:0 10.5px 0 10.5px")] // 621.5, rounded once
    [InlineData("", "max-width: 600px; padding: 0 24px; border: 1.5px solid", "650", "padding:0 24px 0 24px")] // snapped as browsers draw a border: 1
    [InlineData("", "max-width: 600px; border: 0.5px solid", "602", null)] // thinner than a pixel: 1
    [InlineData("", "max-width: 600px; padding: 0 2em", "600", null)] // no font size set: the client's (Gmail's is smaller)
    [InlineData("", "max-width: 600px; padding: 0 24px; border: 1px solid; border-left: calc(1px + 1px) solid", "649", "padding:0 24px 0 24px")] // unread: not counted
    public void LengthsInOtherUnits_CountAsThePixelsCSSMakesThem(string sheet, string style, string width, string? cellStyle)
    {
        var html = Compose(sheet.Length == 0 ? string.Empty : sheet + ".x { color: #222222 }", $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("", "max-width: 600px; padding-inline: 24px; border-inline: 1px solid", "650", "padding:0 24px 0 24px")]
    [InlineData("", "max-width: 600px; padding-inline: 30px 10px; border-inline-start: 3px solid", "643", "padding:0 10px 0 30px")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; padding-inline: 30px 10px; border-inline-start: 3px solid", "643", "padding:0 30px 0 10px")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; padding: 0 8px; padding-inline-start: 30px; border-inline-start-width: 3px; border-inline-start-style: solid", "641", "padding:0 30px 0 8px")]
    [InlineData(" dir=\"rtl\"", "direction: ltr; max-width: 600px; padding-inline-start: 30px", "630", "padding:0 0 0 30px")] // the style's direction wins
    [InlineData("", "max-width: 600px; border-inline-width: 2px 4px; border-inline-style: solid", "606", null)]
    [InlineData("", "max-width: 600px; padding-inline-start: 20px; padding-left: 5px", "605", "padding:0 0 0 5px")] // the later wins
    [InlineData("", "max-width: 600px; padding-left: 5px; padding-inline-start: 20px", "620", "padding:0 0 0 20px")]
    [InlineData(" dir=\"auto\"", "max-width: 600px; padding-inline: 20px", "640", "padding:0 20px 0 20px")] // either way
    [InlineData(" dir=\"auto\"", "max-width: 600px; padding-inline: 20px 10px", "600", null)] // depends on the text: left
    public void LogicalSides_AreTheSidesTheDirectionGivesThem(string bodyAttributes, string style, string width, string? cellStyle)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>", bodyAttributes: bodyAttributes);

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin-right: auto", "left")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin-inline-start: auto", "left")] // the start is the right
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin-inline-end: auto", "right")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin: 0 auto 0 0", "left")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin-inline: auto", "center")]
    [InlineData(" dir=\"rtl\"", "max-width: 600px", null)] // at the start, as the table goes
    [InlineData("", "max-width: 600px; margin-right: auto", null)] // at the left, as the table goes
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin-right: auto; direction: ltr", "left")] // a left-to-right block: its table is still in the right-to-left message
    [InlineData(" dir=\"rtl\"", "max-width: 600px; margin: 0 auto; direction: ltr", "center")]
    public void RightAutoMarginInARightToLeftMessage_AlignsTheTableLeft(string bodyAttributes, string style, string? align)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>", bodyAttributes: bodyAttributes);

        Assert.Equal(align, GhostTable(html.QuerySelector("#box")!)!.GetAttribute("align"));
    }

    [Theory]
    [InlineData("body { max-width: 600px; margin-right: auto }", "<main>{{ content }}</main>")]
    [InlineData("body { max-width: 600px; margin-right: auto; padding: 24px }", "<main>{{ content }}</main>")]
    public void ARightToLeftBodyWithOnlyItsRightMarginAuto_HasItsTableAlignedLeft(string css, string layout)
    {
        var html = Compose(css, layout, bodyAttributes: " dir=\"rtl\"");

        var opening = html.Body!.Descendants<IComment>().Select(static c => c.Data).Single(static d => d.StartsWith("[if mso]><table", StringComparison.Ordinal));
        Assert.Contains(" align=\"left\"", opening, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max-width: 600px; margin-inline: auto", "center")]
    [InlineData("max-width: 600px; margin-inline-start: auto", "right")]
    public void LogicalAutoMargins_AlignTheTable(string style, string align)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        Assert.Equal(align, GhostTable(html.QuerySelector("#box")!)!.GetAttribute("align"));
    }

    [Theory]
    [InlineData("writing-mode: vertical-rl", "max-width: 600px; padding-inline: 20px; border-inline: 2px solid", "600", null)] // inline is top to bottom
    [InlineData("writing-mode: sideways-lr", "max-width: 600px; padding: 0 8px; padding-inline-start: 30px", "616", "padding:0 8px 0 8px")]
    [InlineData("writing-mode: horizontal-tb", "max-width: 600px; padding-inline: 20px", "640", "padding:0 20px 0 20px")]
    public void LogicalSides_InAVerticalWritingMode_AreTopAndBottom_NoWidth(string parentStyle, string style, string width, string? cellStyle)
    {
        // The writing mode is inherited: a vertical one makes the inline sides the top and bottom, which add no width.
        var html = Compose(string.Empty, $"<div style=\"{parentStyle}\"><div id=\"box\" style=\"{style}\">{{{{ content }}}}</div></div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("font: var(--body-font); max-width: 600px; padding: 0 1.2em")] // the variable's size, known only in the client
    [InlineData("font: bold calc(10px + 1vw)/1.4 Arial; max-width: 600px; padding: 0 1.2em")]
    public void AFontShorthandOfAnUnreadSize_LeavesEmUnknown_NotTheParents(string style)
    {
        var html = Compose(string.Empty, $"<div style=\"font-size: 20px\"><div id=\"box\" style=\"{style}\">{{{{ content }}}}</div></div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Null(table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData("max-width: 600px; padding: 0 24px; padding-left: -5px", "648", "padding:0 24px 0 24px")]
    [InlineData("max-width: 600px; padding-inline: 10px; padding: 0 -1px", "620", "padding:0 10px 0 10px")]
    [InlineData("max-width: 600px; border: 2px solid; border-right-width: -3px", "604", null)]
    [InlineData("max-width: 600px; border-left: 2px solid; border-width: 0 -1px", "602", null)]
    [InlineData("max-width: 600px; border-inline: 2px solid; border-left: -1px solid", "604", null)]
    public void ANegativeWidthOrPadding_IsDroppedAsCSSDropsIt(string style, string width, string? cellStyle)
    {
        // Another property than the one it would override: a property written twice is merged to its last value when read.
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

        var table = GhostTable(html.QuerySelector("#box")!)!;
        Assert.Equal(width, table.GetAttribute("width"));
        Assert.Equal(cellStyle, table.QuerySelector("td")!.GetAttribute("style"));
    }

    [Property(MaxTest = 40)]
    public Property TheTablesWidth_IsTheMaxWidthPlusSidePaddingAndBorders_OrTheMaxWidthForBorderBox() =>
        Prop.ForAll(
            Gen.Choose(0, 40).ArrayOf(2).SelectMany(padding => Gen.Elements("none", "solid", "double", "hidden").ArrayOf(2)
                .SelectMany(styles => Gen.Elements("0", "1px", "thin", "medium", "thick", "7px").ArrayOf(2)
                    .SelectMany(widths => Gen.Elements(true, false).Select(borderBox => (padding, styles, widths, borderBox))))).ToArbitrary(),
            box =>
            {
                var (padding, styles, widths, borderBox) = box;
                var style = $"max-width: 500px; padding: 8px {padding[0]}px 8px {padding[1]}px; border-style: solid {styles[0]} solid {styles[1]}; "
                    + $"border-right-width: {widths[0]}; border-left-width: {widths[1]}" + (borderBox ? "; box-sizing: border-box" : string.Empty);
                var html = Compose(string.Empty, $"<div id=\"box\" style=\"{style}\">{{{{ content }}}}</div>");

                var expected = borderBox ? 500 : 500 + padding[0] + padding[1] + Side(widths[0], styles[0]) + Side(widths[1], styles[1]);
                return GhostTable(html.QuerySelector("#box")!)!.GetAttribute("width") == expected.ToString(System.Globalization.CultureInfo.InvariantCulture);

                static int Side(string width, string style) => style is "none" or "hidden" ? 0 : width switch
                {
                    "thin" => 1,
                    "medium" => 3,
                    "thick" => 5,
                    _ => int.Parse(width.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture),
                };
            });

    [Fact]
    public void ABorderFromTheLayoutsStyleSheet_IsCountedToo()
    {
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto; padding: 0 24px; border: 1px solid #e0d6c4 }");

        Assert.Equal("650", GhostTable(html.QuerySelector(".sheet")!)!.GetAttribute("width"));
    }

    [Theory]
    [InlineData("background-color: #F4EFE6", "#F4EFE6")]
    [InlineData("background: #abc", "#aabbcc")]
    [InlineData("background: url(https://example.com/paper.png) repeat #fdf6e3", "#fdf6e3")]
    [InlineData("background: white", "#ffffff")]
    [InlineData("background: PapayaWhip", "#ffefd5")]
    [InlineData("background-color: #fff; background: none", null)]
    [InlineData("background-color: #fff !important; background: none", "#ffffff")]
    [InlineData("background: transparent", null)]
    [InlineData("background: rgb(255, 255, 255)", "#ffffff")]
    [InlineData("background-color: rgb(244 239 230)", "#f4efe6")]
    [InlineData("background-color: rgba(244, 239, 230, 1)", "#f4efe6")]
    [InlineData("background-color: rgb(244 239 230 / 100%)", "#f4efe6")]
    [InlineData("background-color: rgb(100%, 50%, 0%)", "#ff8000")] // 127.5 rounds up, as browsers show it
    [InlineData("background-color: rgb(300, -4, 12.5)", "#ff000d")] // clamped; 12.5 rounds up
    [InlineData("background-color: hsl(0, 100%, 50%)", "#ff0000")]
    [InlineData("background-color: hsl(120deg 100% 25%)", "#008000")]
    [InlineData("background-color: hsla(0.5turn, 100%, 50%, 1)", "#00ffff")]
    [InlineData("background-color: hsl(36 45% 93%)", "#f5efe5")]
    [InlineData("background-color: #ffffffff", "#ffffff")]
    [InlineData("background: url(https://example.com/paper.png) repeat rgb(253, 246, 227)", "#fdf6e3")]
    [InlineData("background: rgb(255, 50%, 0)", null)] // a mix the comma syntax does not allow: browsers drop the declaration
    [InlineData("background: notacolour", null)]
    [InlineData("background: Canvas", null)]
    [InlineData("background: currentcolor", null)]
    public void TheCellCarriesTheBlocksBackgroundColour_AsBgcolor(string background, string? bgcolor)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"max-width: 600px; {background}\">{{{{ content }}}}</div>");

        Assert.Equal(bgcolor, GhostTable(html.QuerySelector("#box")!)!.QuerySelector("td")!.GetAttribute("bgcolor"));
    }

    [Theory]
    [InlineData("background: rgba(255, 255, 255, 0.5)")]
    [InlineData("background-color: rgb(0 0 0 / 50%)")]
    [InlineData("background-color: hsla(0, 0%, 100%, .99)")]
    [InlineData("background-color: hsl(0 0% 100% / 0.2)")]
    [InlineData("background-color: #ffffff80")]
    [InlineData("background-color: #fff8")]
    public void ATranslucentBackground_GetsNoBgcolor_WhichWouldPaintItSolid(string background)
    {
        var html = Compose(string.Empty, $"<div id=\"box\" style=\"max-width: 600px; {background}\">{{{{ content }}}}</div>");

        Assert.Null(GhostTable(html.QuerySelector("#box")!)!.QuerySelector("td")!.GetAttribute("bgcolor"));
    }

    [Fact]
    public void AnRgbBackgroundFromTheLayoutsStyleSheet_IsTheCellsBgcolorInHex()
    {
        var html = Compose(".sheet { max-width: 600px; margin: 0 auto; background-color: rgb(253 246 227) }");

        Assert.Equal("#fdf6e3", GhostTable(html.QuerySelector(".sheet")!)!.QuerySelector("td")!.GetAttribute("bgcolor"));
    }

    [Fact]
    public void ATablesGhostCell_CarriesNeitherItsBackgroundNorPadding()
    {
        // Word draws a table's background and cells itself; the table may be narrower than its max-width.
        var html = Compose(".grid { max-width: 500px; background: #eeeeee; padding: 8px }", "<table class=\"grid\"><tr><td>{{ content }}</td></tr></table>");

        var table = GhostTable(html.QuerySelector(".grid")!)!;
        Assert.Equal("500", table.GetAttribute("width"));
        Assert.Empty(table.QuerySelector("td")!.Attributes);
    }

    [Fact]
    public void ABodysPixelPadding_MovedToGmailsWrapper_IsInItsTablesCell_AsWordDrawsNoBodyPadding()
    {
        var html = Compose("body { max-width: 600px; margin: 0 auto; padding: 24px; background: #f4efe6 }", "<main>{{ content }}</main>");

        var wrapper = Assert.Single(html.Body!.Children);
        Assert.Equal("background: #f4efe6; max-width: 600px; margin-left: auto; margin-right: auto; padding: 24px", wrapper.GetAttribute("style"));
        var table = GhostTable(wrapper)!;
        Assert.Equal("648", table.GetAttribute("width"));
        Assert.Equal("padding:0 24px 0 24px", table.QuerySelector("td")!.GetAttribute("style"));
        Assert.Equal("#f4efe6", table.QuerySelector("td")!.GetAttribute("bgcolor"));
        Assert.Equal(2, html.Body.ChildNodes.OfType<IComment>().Count()); // the wrapper's table only, none for the body
    }

    [Fact]
    public void ABodysMaxWidth_IsRepeatedOnGmailsWrapper_WhichOutlooksTableThenHolds()
    {
        var html = Compose("body { max-width: 600px; margin: 0 auto; background: #f4efe6 }", "<main>{{ content }}</main>");

        // Gmail drops the body: the wrapper carries its width and centring (where the body is kept it fills the body's 600 pixels).
        var wrapper = Assert.Single(html.Body!.Children);
        Assert.Equal("div", wrapper.LocalName);
        Assert.Equal("background: #f4efe6; max-width: 600px; margin-left: auto; margin-right: auto", wrapper.GetAttribute("style"));
        Assert.Equal("main", wrapper.FirstElementChild!.LocalName);

        // Outlook: one table of the width around it, no second one for the body.
        var table = GhostTable(wrapper)!;
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Equal("center", table.GetAttribute("align"));
        Assert.Equal(2, html.Body.Descendants<IComment>().Count());
    }

    [Fact]
    public void ABodysMaxWidth_WithoutAWrapper_PutsTheBodysContentInOutlooksTable()
    {
        // A div rule kept in <style> would style the wrapper, so the body is left unwrapped.
        var html = Compose("body { max-width: 560px; margin: 0 auto; padding: 0 20px; background: #f4efe6 } @media (max-width: 480px) { div { padding: 0 } }", "<div>{{ content }}</div><p>more</p>");

        var body = html.Body!;
        Assert.Equal(2, body.Children.Length);
        var opening = Assert.IsAssignableFrom<IComment>(body.FirstChild);
        var closing = Assert.IsAssignableFrom<IComment>(body.LastChild);

        // The body as Outlook reads it: its content in a 560-pixel table, centred, the cell bare (Word draws the body's own).
        var outlook = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + body.InnerHtml.Replace("<!--" + opening.Data + "-->", Markup(opening.Data), StringComparison.Ordinal)
            .Replace("<!--" + closing.Data + "-->", Markup(closing.Data), StringComparison.Ordinal) + "</body></html>");
        var table = Assert.Single(outlook.Body!.Children);
        Assert.Equal("560", table.GetAttribute("width"));
        Assert.Equal("center", table.GetAttribute("align"));
        var cell = table.QuerySelector("td")!;
        Assert.Empty(cell.Attributes);
        Assert.Equal(["div", "p"], cell.Children.Select(child => child.LocalName));

        static string Markup(string comment) => comment["[if mso]>".Length..^"<![endif]".Length];
    }

    [Theory]
    [InlineData("body { max-width: 90% }")]
    [InlineData("body { max-width: 40em }")]
    public void ABodysMaxWidthNotInPixels_GetsNeitherWidthNorTable(string style)
    {
        var html = Compose(style + " body { color: #222222 }", "<main>{{ content }}</main>");

        Assert.DoesNotContain("max-width", html.Body!.FirstElementChild!.GetAttribute("style") ?? string.Empty, StringComparison.Ordinal);
        Assert.Empty(html.Body.Descendants<IComment>());
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
    public void ABlockHiddenFromOutlook_GetsNoTable()
    {
        // mso-hide: all hides the block in Outlook; the table around it, outside, would show an empty padded white strip.
        var html = Compose(".web-only { max-width: 600px; padding: 0 24px; background: #ffffff; mso-hide: all }", "<div class=\"web-only\">{{ content }}</div><div class=\"sheet\" style=\"max-width: 600px\">x</div>");

        Assert.Null(GhostTable(html.QuerySelector(".web-only")!));
        Assert.DoesNotContain(html.Body!.ChildNodes, node => node is IComment && node.NextSibling is IElement { ClassName: "web-only" });
        Assert.NotNull(GhostTable(html.QuerySelector(".sheet")!));
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

    /// <summary>
    /// Blocks in any order, each plain, after a VML button (balanced), in the layout's own table, or hidden from Outlook,
    /// with or without the head's settings block: exactly the plain ones (and those after the button) get a table, so no
    /// block is in two and no table's comments fall in a part Outlook skips.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property OnlyBlocksTheLayoutsConditionalsLeaveAlone_GetTables() =>
        Prop.ForAll(
            Gen.Choose(1, 6).SelectMany(count => Gen.Choose(0, 3).ArrayOf(count)).ToArbitrary(),
            kinds =>
            {
                var body = new StringBuilder();
                var layoutComments = 0;
                for (var i = 0; i < kinds.Length; i++)
                {
                    var block = $"<div id=\"b{i}\" style=\"max-width: {300 + i}px\">{i}</div>";
                    switch (kinds[i])
                    {
                        case 0:
                            body.Append(block);
                            break;
                        case 1:
                            body.Append("<!--[if mso]><v:roundrect style=\"width:200px\"><v:fill color=\"#8a4b08\"/><center>Go</center></v:roundrect><![endif]-->").Append(block);
                            layoutComments += 1;
                            break;
                        case 2:
                            body.Append("<!--[if mso | IE]><table width=\"600\"><tr><td><![endif]-->").Append(block).Append("<!--[if mso | IE]></td></tr></table><![endif]-->");
                            layoutComments += 2;
                            break;
                        default:
                            body.Append("<!--[if !mso]><!-->").Append(block).Append("<!--<![endif]-->");
                            layoutComments += 2;
                            break;
                    }
                }

                var html = Compose(string.Empty, body + "<div>{{ content }}</div>", kinds.Length % 2 == 0 ? OfficeSettings : string.Empty);

                var ghosted = 0;
                for (var i = 0; i < kinds.Length; i++)
                {
                    var table = GhostTable(html.GetElementById($"b{i}")!);
                    Assert.Equal(kinds[i] is 0 or 1, table is not null);
                    if (table is not null)
                    {
                        Assert.Equal((300 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), table.GetAttribute("width"));
                        ghosted++;
                    }
                }

                Assert.Equal(layoutComments + (2 * ghosted), html.Body!.Descendants<IComment>().Count());
            });

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
