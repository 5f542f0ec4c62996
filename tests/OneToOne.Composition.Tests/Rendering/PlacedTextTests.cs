using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

/// <summary>
/// A slot's modules, and a layout's <c>{{ content }}</c>, are placed as they are where the template writes them (also
/// through a variable, a function's output or its <c>ret</c>). Used as a value — captured, joined to text, piped into a
/// function, put in a list — they were written as junk ("[0]", "PlacedText { Text = 0 }z") with no error; now the
/// recipient fails, naming the place and what to write instead.
/// </summary>
public sealed class PlacedTextTests
{
    private const string Error = "a slot's modules (or a layout's {{ content }}) are placed as they are where the template writes them: they cannot be captured, joined to text, piped into a function or put in a list.";

    private static Catalog Load(string body, string? layout = null) => Parse(
        "catalog: t\nmodules:\n  a: \"Alpha\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"" + body + "\"\n"
        + (layout is null ? string.Empty : "    web:\n      layout: \"" + layout + "\"\n"));

    [Theory]
    [InlineData("{{ slot 's' }}!", "Alpha!")]
    [InlineData("{{ x = slot 's' }}[{{ x }}]", "[Alpha]")]
    [InlineData("{{ func f }}<{{ slot 's' }}>{{ end }}{{ f }}", "<Alpha>")]
    [InlineData("{{ func f }}{{ ret slot 's' }}{{ end }}{{ f }}", "Alpha")]
    [InlineData("{{ x = slot 's' }}{{ if x }}yes{{ end }}", "yes")]
    public void ASlotWritten_DirectlyOrThroughAVariableOrFunction_IsPlaced(string body, string expected)
    {
        var catalog = Load(body);

        Assert.Equal(expected, catalog.Render(catalog.Decide(Person(("id", "r1")), "m"), Channel.Text).Body.Trim());
    }

    /// <summary>
    /// A slot within a line of text keeps the line one paragraph on the web, as in text: its module's paragraph was put
    /// inside the line's (&lt;p&gt;Dear Ann, &lt;p&gt;Alpha&lt;/p&gt;&lt;/p&gt;), which browsers show as two lines and an empty third.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASlotWithinALine_IsWrittenAsPartOfItsParagraph_OnBothPaths(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              a: "**Alpha** for {{ name }}"
              b: "Beta"
              c: "Gamma"
              long: "One.\n\nTwo."
            slots:
              s: { from: [a] }
              own: { from: [b] }
              two: { from: [b, c], pick: all }
              blocks: { from: [long] }
            messages:
              m:
                body: "Dear {{ name }}, {{ slot 's' }}!\n\n{{ slot 'own' }}\n\nAnd {{ slot 'two' }} and {{ slot 'blocks' }}."
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        // Several modules, or a module of several paragraphs, split the line's paragraph: the first joins the words before
        // the slot, the last the words after it, as in text (it had put paragraphs in the line's paragraph).
        var html = catalog.Render(decision, Channel.Web).Body.Trim();
        Assert.Equal("<p>Dear Ann, <strong>Alpha</strong> for Ann!</p>\n<p>Beta</p>\n<p>And Beta</p>\n<p>Gamma and One.</p>\n<p>Two..</p>", html);
        Assert.Equal("Dear Ann, Alpha for Ann!\n\nBeta\n\nAnd Beta\n\nGamma and One.\n\nTwo..", catalog.Render(decision, Channel.Text).Body.Trim());
    }

    /// <summary>
    /// Modules that begin or end with a block other than a paragraph (a list) close the line's paragraph before them and
    /// open it again after them; in a list item beside words, or in emphasis, their paragraphs become the line's words.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASlotWithinALine_OfAList_OrNotDirectlyInAParagraph_OnBothPaths(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              list: "- x {{ name }}\n- y"
              b: "Beta"
              c: "Gamma"
            slots:
              list: { from: [list] }
              two: { from: [b, c], pick: all }
            messages:
              m:
                body: "Try {{ slot 'list' }} today.\n\n- item {{ slot 'two' }}\n\n*Em {{ slot 'two' }}* end"
            """);

        var html = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m"), Channel.Web).Body.Trim();

        Assert.Equal(
            "<p>Try </p>\n<ul>\n<li>x Ann</li>\n<li>y</li>\n</ul>\n<p> today.</p>\n<ul>\n<li>item Beta Gamma</li>\n</ul>\n<p><em>Em Beta Gamma</em> end</p>",
            html);
    }

    /// <summary>
    /// A slot written through a variable both on a line of its own and within a line is placed at both on the web: the
    /// line's placeholder was left as it was when the other stood alone in a paragraph, and written as its number ("Hello 0").
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASlotWrittenTwice_AloneAndWithinALine_IsPlacedAtBoth_OnTheWeb(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, "catalog: t\nmodules:\n  a: \"Alpha\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ x = slot 's' }}{{ x }}\\n\\nHello {{ x }}\"\n");

        var decision = catalog.Decide(Person(("id", "r1")), "m");

        Assert.Equal("<p>Alpha</p>\n<p>Hello Alpha</p>", catalog.Render(decision, Channel.Web).Body.Trim());
        Assert.Equal("Alpha\n\nHello Alpha", catalog.Render(decision, Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData("{{ (slot 's') | string.upcase }}")]
    [InlineData("{{ y = (slot 's') + 'z' }}{{ y }}")]
    [InlineData("{{ [slot 's'] }}")]
    public void ASlotUsedAsAValue_FailsTheRecipient_InsteadOfWritingJunk(string body)
    {
        var catalog = Load(body);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1")), "m"), Channel.Text));

        Assert.StartsWith("Recipient 'r1', message 'm' at catalog.yaml(8,", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlotInACapture_IsRefusedAtLoad_AndAtRenderWhenACaptureCallsAFunctionThatPlacesIt()
    {
        var refused = Assert.Throws<CatalogException>(() => Load("{{ capture c }}{{ slot 's' }}{{ end }}[{{ c }}]"));
        Assert.Contains(refused.Diagnostics, static d => d.Code == DiagnosticCodes.InvalidSlotCall);

        var catalog = Load("{{ func f }}{{ slot 's' }}{{ end }}{{ capture c }}{{ f }}{{ end }}[{{ c }}]");
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1")), "m"), Channel.Text));
        Assert.Contains(Error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayoutsContentCaptured_FailsTheRecipient()
    {
        var catalog = Load("{{ slot 's' }}", "{{ capture page }}{{ content }}{{ end }}<main>{{ page }}</main>");

        var ex = Assert.Throws<RecipientException>(() => catalog.RenderPage(catalog.Decide(Person(("id", "r1")), "m")));

        Assert.Contains(Error, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A slot of several modules (or a module of several paragraphs) within a heading, a link's text, emphasis or a table
    /// cell it shares with words: the modules' paragraphs are that line's words, one space apart, in web, email, text and
    /// print alike. The web output had put paragraphs inside the heading, the link, the emphasis and the cell, and text and
    /// print had broken the line (the table's row, the link's text) in two.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SeveralModulesWithinAHeadingALinkEmphasisOrACell_AreThatLinesWords_InEveryChannel(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              b: "Beta {{ name }}"
              c: "Gamma\n\nDelta"
            slots:
              two: { from: [b, c], pick: all }
            messages:
              m:
                body: "# Offers: {{ slot 'two' }}\n\nSee [the {{ slot 'two' }} offers](https://example.com) now, *{{ slot 'two' }}*.\n\n| a | b |\n|---|---|\n| x {{ slot 'two' }} | y |"
                email: { from: "a@example.com" }
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        var web = catalog.Render(decision, Channel.Web).Body;
        Assert.Equal(
            "<h1>Offers: Beta Ann Gamma Delta</h1>\n<p>See <a href=\"https://example.com\">the Beta Ann Gamma Delta offers</a> now, <em>Beta Ann Gamma Delta</em>.</p>\n"
            + "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x Beta Ann Gamma Delta</td>\n<td>y</td>\n</tr>\n</tbody>\n</table>\n",
            web);
        Assert.Equal(web, catalog.RenderEmail(decision).Html);
        Assert.Equal(
            "Offers: Beta Ann Gamma Delta\n\nSee the Beta Ann Gamma Delta offers (https://example.com) now, Beta Ann Gamma Delta.\n\na | b\nx Beta Ann Gamma Delta | y",
            catalog.Render(decision, Channel.Text).Body.Trim());

        var print = catalog.RenderPrint(decision);
        Assert.StartsWith("# Offers: Beta Ann Gamma Delta\n\nSee [the Beta Ann Gamma Delta offers](https://example.com) now, *Beta Ann Gamma Delta*.\n\n", print.Markdown, StringComparison.Ordinal);
        Assert.Contains("| x Beta Ann Gamma Delta | y |", print.Markdown, StringComparison.Ordinal);
        var gamma = print.Markdown.IndexOf("Gamma Delta", StringComparison.Ordinal);
        Assert.Equal("c", print.ModuleAt(gamma + "Gamma D".Length)?.ModuleId);
        Assert.Equal("b", print.ModuleAt(gamma - 2)?.ModuleId);
    }

    /// <summary>A module that writes a list or a table cannot stand within a heading: every channel fails the recipient, naming the slot's place.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AListWithinAHeading_FailsTheRecipient_InEveryChannel(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              list: "- x {{ name }}\n- y"
            slots:
              list: { from: [list] }
            messages:
              m:
                body: "Hello\n\n## Offers: {{ slot 'list' }}"
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        foreach (var render in new Func<string>[] { () => catalog.Render(decision, Channel.Web).Body, () => catalog.Render(decision, Channel.Text).Body, () => catalog.RenderPrint(decision).Markdown })
        {
            var ex = Assert.Throws<RecipientException>(render);
            Assert.StartsWith("Recipient 'r1', message 'm' at catalog.yaml(8,", ex.Message, StringComparison.Ordinal);
            Assert.Contains("slot 'list' stands within a line", ex.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A layout that places the message in a paragraph (or a heading, a link) is refused at load: the message is blocks.</summary>
    [Theory]
    [InlineData("web", "<html><body><p>Intro {{ content }}</p></body></html>", "p")]
    [InlineData("email", "<html><body><h1><em>{{ content }}</em></h1></body></html>", "h1")]
    public void ALayoutPlacingTheMessageWithinAParagraph_IsRefusedAtLoad(string channel, string layout, string element)
    {
        var yaml = $"catalog: t\nmessages:\n  m:\n    body: \"Hi\"\n    {channel}:\n      layout: \"{layout}\"\n";
        foreach (var compiled in new[] { true, false })
        {
            var ex = Assert.Throws<CatalogException>(() => TestCatalogs.Load(compiled, yaml));

            var diagnostic = Assert.Single(ex.Diagnostics);
            Assert.Equal(DiagnosticCodes.MessageWithinALine, diagnostic.Code);
            Assert.Equal(6, diagnostic.Location.Line);
            Assert.Contains($"'{channel}: layout' of message 'm': the message is placed within a <{element}>", diagnostic.Message, StringComparison.Ordinal);
        }

        // In a div, a cell or the body it is fine.
        TestCatalogs.Load(true, yaml.Replace(layout, "<html><body><div>Intro {{ content }}</div></body></html>", StringComparison.Ordinal));
    }

    /// <summary>
    /// An HTML table written in a Markdown body, its slot on a line of its own in a cell, is no pipe table's row: the
    /// modules' blocks (a list) stand in the cell as they are, as they did, and the recipient is not failed.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASlotOnItsOwnLineInAnHtmlTableCellOfAMarkdownBody_TakesTheModulesBlocks(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              a: "Alpha {{ name }}\n\nAlpha two"
              l: "- x\n- y"
            slots:
              s: { from: [a, l], pick: all }
            messages:
              m:
                body: "Intro\n\n<table>\n<tr><td>\n{{ slot 's' }}\n</td></tr>\n</table>\n"
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        var web = catalog.Render(decision, Channel.Web).Body;
        Assert.Contains("<p>Alpha Ann</p>\n<p>Alpha two</p>\n<ul>\n<li>x</li>\n<li>y</li>\n</ul>", web, StringComparison.Ordinal);
        Assert.StartsWith("Intro", catalog.Render(decision, Channel.Text).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A font, span or link around the layout's message stays open around its blocks as browsers parse it (old email
    /// layouts write <c>&lt;td&gt;&lt;font face="Arial"&gt;{{ content }}</c>), and a script's 'i&lt;a.length' opens no
    /// element: both load.
    /// </summary>
    [Theory]
    [InlineData("email", "<html><body><table><tr><td><font face='Arial' size='2'>{{ content }}</font></td></tr></table></body></html>")]
    [InlineData("email", "<html><body><span style='color:#333'>{{ content }}</span></body></html>")]
    [InlineData("web", "<html><body><a href='/home'><div>{{ content }}</div></a></body></html>")]
    [InlineData("web", "<html><body><script>for (var i = 0; i<a.length; i++) {}</script><div>{{ content }}</div></body></html>")]
    public void ALayoutPlacingTheMessageInAFontSpanOrAfterAScript_Loads(string channel, string layout)
    {
        var yaml = $"catalog: t\nmessages:\n  m:\n    body: \"Hi\\n\\n- a\"\n    {channel}:\n      layout: \"{layout}\"\n";
        foreach (var compiled in new[] { true, false })
        {
            var catalog = TestCatalogs.Load(compiled, yaml);
            Assert.Equal("m", Assert.Single(catalog.MessageIds));
        }
    }

    /// <summary>
    /// A Markdown table's cell is one line even where the slot stands alone in it (text and print write the row on one
    /// line); a cell of an html override's table, alone, may hold the modules' blocks as they are.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SeveralModulesAloneInAMarkdownTableCell_AreItsWords_ButInAnHtmlCellStayBlocks(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              b: "Beta {{ name }}"
              c: "Gamma"
              box:
                content: "{{ slot 'two' }}"
                html: "<table><tr><td>{{ slot 'two' }}</td></tr></table>"
            slots:
              two: { from: [b, c], pick: all }
              box: { from: [box] }
            messages:
              m:
                body: "| a |\n|---|\n| {{ slot 'two' }} |\n\n{{ slot 'box' }}"
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        Assert.Equal(
            "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Beta Ann Gamma</td>\n</tr>\n</tbody>\n</table>\n<table><tr><td><p>Beta Ann</p>\n<p>Gamma</p></td></tr></table>",
            catalog.Render(decision, Channel.Web).Body.Trim());
        Assert.StartsWith("a\nBeta Ann Gamma\n", catalog.Render(decision, Channel.Text).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Several modules (or paragraphs) alone in a list item or a quote stay within it in text and print, as web shows them
    /// (text and print had ended the item or the quote after the first: Gamma stood outside the list).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SeveralModulesInAListItemOrAQuote_StayWithinIt_InTextAndPrint(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              b: "Beta {{ name }}"
              c: "Gamma"
            slots:
              two: { from: [b, c], pick: all }
            messages:
              m:
                body: "- {{ slot 'two' }}\n- next\n\n> Quote {{ slot 'two' }} end"
            """);

        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");

        Assert.Equal(
            "<ul>\n<li><p>Beta Ann</p>\n<p>Gamma</p></li>\n<li>next</li>\n</ul>\n<blockquote>\n<p>Quote Beta Ann</p>\n<p>Gamma end</p>\n</blockquote>",
            catalog.Render(decision, Channel.Web).Body.Trim());
        Assert.Equal("- Beta Ann\n  Gamma\n- next\n\n> Quote Beta Ann\n>\n> Gamma end", catalog.Render(decision, Channel.Text).Body.Trim());

        var print = catalog.RenderPrint(decision);
        Assert.Equal("- Beta Ann\n\n  Gamma\n- next\n\n> Quote Beta Ann\n>\n> Gamma end", print.Markdown.Trim());
        Assert.Equal("c", print.ModuleAt(print.Markdown.IndexOf("Gamma", StringComparison.Ordinal))?.ModuleId);
    }
}
