using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Markdig;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// The HTML whose values a browser's reading cannot place anywhere stricter than text, for which the value-position
/// check skips the parse: it must hold only of HTML where the parse finds nothing, and the parse must still run, and
/// refuse, everywhere else (a locale variant's text included, at its own line and column).
/// </summary>
public sealed class PlainHtmlTests
{
    private const string T0 = "\uE0020\uE003";

    /// <summary>Pieces of HTML: the plain kind, and every kind of place a browser may put a value other than text.</summary>
    private static readonly string[] Pieces =
    [
        "<p>", "</p>", "<h2>", "</h2>", "<strong>", "</strong>", "<em>", "</em>", "<ul>", "<li>", "</li>", "</ul>", "<br />",
        "<a href=\"https://example.com/x\">", "</a>", "<a>", "<pre><code class=\"language-x\">", "</code></pre>", "<blockquote>",
        "<img src=\"a.png\" alt=\"a\" />", "<div title='x'>", "</div>", "<span>", "</span>", "<hr>", "text ", "a &amp; b", "&lt;",
        "\n", " ", "<", ">", "\"", "'", "=", "&",
        "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<math>", "<textarea>", "<title>", "<noscript>",
        "<table>", "<tr>", "<td>", "</table>", "<template>", "<plaintext>", "<xmp>", "<iframe>", "<!-- ", " -->", "<![CDATA[ ", "<!DOCTYPE html>",
        "<a href=\"", "<a href='", "<a href=", "<p title=\"", "<p onclick=\"", "<p style=\"", "<img src=\"", "<p ", "<", "</",
        "<a href=\"&#x6a;avascript:", "<meta http-equiv=\"refresh\" content=\"0; url=", "<link href=\"", "<base href=\"",
        "\">", "'>", ">", " x=\"", "&#xE002;0&#xE003;", "<p title=\"&#xE002;0 /=`&#10;&#xE003;\">",
        "\0", "\r", "</br>", "<pre>\n", "<li><li>", "<a><p><a>", "<p><div>", "\uE002", "\uE003", "1",
    ];

    private static Gen<string> Html() =>
        from count in Gen.Choose(1, 12)
        from pieces in Gen.Frequency((3, Gen.Elements(Pieces[..36])), (2, Gen.Elements(Pieces)), (3, Gen.Constant(T0))).ArrayOf(count)
        select string.Concat(pieces);

    [Property(MaxTest = 3000)]
    public Property OnlyTextValues_HoldsOnlyWhereTheBrowsersReadingRefusesNothing() =>
        Prop.ForAll(Html().ToArbitrary(), static html =>
        {
            if (!PlainHtml.OnlyTextValues(html))
            {
                return true.Label("parsed as before");
            }

            var problems = new List<(int Token, string Problem)>();
            BrowserValueCheck.CheckInBrowser(html, [ValuePosition.Text], new HashSet<int>(), problems);
            return (problems.Count == 0).Label($"plain, yet the browser's reading of {html.Replace('\uE002', '{').Replace('\uE003', '}')} refuses: {string.Join("; ", problems.Select(static p => p.Problem))}")
                .Classify(html.Contains('<', StringComparison.Ordinal), "with tags");
        });

    private const string T1 = "\uE0021\uE003";
    private const string T2 = "\uE00212\uE003";

    /// <summary>
    /// Pieces a reviewer tried against the scan: listed tags with dangerous attributes (quoted, unquoted, in capitals,
    /// across lines, with a value's mark in or next to them), named and numeric references that could write a mark or a
    /// '&lt;', tag names a value starts or ends, and every element that changes how the tokenizer or tree builder reads.
    /// </summary>
    private static readonly string[] Hostile =
    [
        "<a href=\"javascript:alert(1)\">", "<a href=javascript:go()>", "<A HREF=\"x\">", "</A >", "<p/>", "</p >", "</p\n>",
        "<p\ntitle=\"x\"\n>", "<p title = \"x\">", "<p title=\"a\"title=\"b\">", "<p title=\"a>b\">", "<p title='\"'>", "<p title=\"'\">",
        "<p style=\"color:red\">", "<p onclick=\"eval(this.textContent)\">", "<img src=\"x\" onerror=\"go()\">", "<img src=x onerror=go()>",
        "<img src=\"", "<img src='", "<img src=", "<a title=\"", "\" ", "' ", " href=\"", " style=\"", " onmouseover=\"",
        "&quot;", "&Tab;", "&NewLine;", "&lt;", "&LT;", "&lt", "&gt;", "&amp", "&nbsp;", "&#x3c;", "&#60;", "&#X3C;", "&#xE002;", "&#57346;", "&",
        "<", "</", "<p", "<h", "<a", "<img", "</a", ">", "/>", "=", "\"", "'", "`", " ", "\t", "\f", "\v", "\u00A0", "\r\n", "\r", "\0",
        "<!-->", "<!--->", "<!-- x -->", "-->", "<?x>", "<!x>", "</>", "<\0p>", "<p\0>", "<![CDATA[", "]]>", "<!DOCTYPE html>",
        "<textarea>", "</textarea>", "<title>", "</title>", "<noscript>", "</noscript>", "<template>", "</template>", "<svg>", "</svg>",
        "<math>", "<mi>", "<foreignObject>", "<plaintext>", "<xmp>", "<listing>", "<noembed>", "<noframes>", "<iframe>", "<select>",
        "<option>", "<frameset>", "<object>", "<image>", "<form>", "<input value=\"", "<button>", "<table>", "<td>", "<caption>",
        "<html>", "<head>", "<body>", "<base href=\"", "<meta http-equiv=\"refresh\" content=\"0;url=", "<link rel=\"stylesheet\" href=\"",
        "<script>", "</script>", "<style>", "</style>", "<pre>\n", "<pre>", "</pre>", "<code>", "</code>", "<a><a>", "<b><p></b>", "</br>",
        "\uE002", "\uE003", "\uE0021", "0", "12", "\uD800",
    ];

    /// <summary>
    /// A tag written whole: a listed or other element's name (in any case, or with a value's token in or after it), then
    /// attributes whose values, quoted either way or not at all, hold URLs, scripts, references and tokens.
    /// </summary>
    private static Gen<string> Tag() =>
        from end in Gen.Frequency((4, Gen.Constant(string.Empty)), (1, Gen.Constant("/")))
        from name in Gen.Elements("p", "a", "A", "img", "IMG", "span", "div", "h1", "li", "pre", "code", "b", "script", "style", "title",
            "textarea", "svg", "noscript", "template", "iframe", "math", "object", "image", "p" + T0, T0, "h" + T1)
        from count in Gen.Choose(0, 3)
        from attributes in Attribute().ArrayOf(count)
        from close in Gen.Elements(">", ">", " >", "/>", "\n>", string.Empty)
        select "<" + end + name + string.Concat(attributes) + close;

    private static Gen<string> Attribute() =>
        from space in Gen.Elements(" ", " ", "\n", "\t", "\r\n", "\f", string.Empty, "\v", "/")
        from name in Gen.Elements("href", "HREF", "src", "title", "class", "alt", "style", "onclick", "OnError", "xlink:href", "srcdoc", "data-x", T0)
        from assign in Gen.Elements("=", "=", " = ", string.Empty)
        from quote in Gen.Elements("\"", "\"", "'", string.Empty)
        from count in Gen.Choose(0, 3)
        from value in Gen.Elements("x", "https://example.com/", "javascript:", "JaVaScRiPt:", "data:text/html,", " ", "&quot;", "&Tab;", "&lt;",
            "&#x6a;", "&#58;", "a>b", "<", "'", "\"", "go(this.textContent)", "color:red", T0, T1, T2, "\uE002", "\uE003").ArrayOf(count)
        select space + name + (assign.Length == 0 ? string.Empty : assign + quote + string.Concat(value) + quote);

    private static Gen<string> HostileHtml() =>
        from count in Gen.Choose(1, 14)
        from pieces in Gen.Frequency(
            (4, Gen.Elements(Pieces[..36])), (3, Gen.Elements(Hostile)), (1, Gen.Elements(Pieces)), (3, Gen.Elements(T0, T1, T2)), (3, Tag())).ArrayOf(count)
        select string.Concat(pieces);

    /// <summary>
    /// What skipping the parse must not change: for any HTML, <see cref="BrowserValueCheck.Check"/> reports exactly what
    /// the browser's reading reports, with every value read as text by the tokenizer (the least strict place, so the
    /// reading reports the most) and values numbered 0 to 12.
    /// </summary>
    [Property(MaxTest = 4000)]
    public Property Check_ReportsWhatTheBrowsersReadingReports_OnHostileHtml() =>
        Prop.ForAll(HostileHtml().ToArbitrary(), static html =>
        {
            var positions = Enumerable.Repeat<ValuePosition?>(ValuePosition.Text, 13).ToArray();
            var parsed = new List<(int Token, string Problem)>();
            var checkedHtml = new List<(int Token, string Problem)>();
            BrowserValueCheck.CheckInBrowser(html, positions, new HashSet<int>(), parsed);
            BrowserValueCheck.Check(html, positions, new HashSet<int>(), checkedHtml);
            return parsed.SequenceEqual(checkedHtml)
                .Label($"{html.Replace('\uE002', '{').Replace('\uE003', '}').Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal)}: parsed {string.Join("; ", parsed)}, checked {string.Join("; ", checkedHtml)}")
                .Classify(PlainHtml.OnlyTextValues(html), "plain");
        });

    /// <summary>Hostile HTML a value's place in which the scan must leave to the browser's reading.</summary>
    [Theory]
    [InlineData("<a href=\"" + T0 + "\">x</a>")]
    [InlineData("<a href='" + T0 + "'>x</a>")]
    [InlineData("<a href=" + T0 + ">x</a>")]
    [InlineData("<a href=\"javascript:" + T0 + "\">x</a>")]
    [InlineData("<A HREF=\"x" + T0 + "\">x</A>")]
    [InlineData("<img src=\"x\uE002\"0\uE003>")]
    [InlineData("<img src=\"x\" alt=\"" + T0 + "\">")]
    [InlineData("<p style=\"color:" + T0 + "\">x</p>")]
    [InlineData("<p onclick=\"go('" + T0 + "')\">x</p>")]
    [InlineData("<p title=\"&quot;" + T0 + "\">x</p>")]
    [InlineData("<p title=\"&quot;\">" + T0 + "</p>")]
    [InlineData("<p title=\"&Tab;\">" + T0 + "</p>")]
    [InlineData("<a href=\"&#x6A;avascript:x\">" + T0 + "</a>")]
    [InlineData("<p>&#x3c;" + T0 + "</p>")]
    [InlineData("<" + T0 + ">")]
    [InlineData("</" + T0 + ">")]
    [InlineData("<p" + T0 + ">")]
    [InlineData("<a" + T0 + " href=\"x\">")]
    [InlineData("<h" + T0 + ">")]
    [InlineData("<p title = \"x\">" + T0)]
    [InlineData("<p title=\"a\"title=\"b\">" + T0)]
    [InlineData("<p/ title=\"x\">" + T0)]
    [InlineData("<p\vtitle=\"x\">" + T0)]
    [InlineData("<!-->" + T0)]
    [InlineData("<![CDATA[" + T0 + "]]>")]
    [InlineData("<plaintext>" + T0)]
    [InlineData("<title>" + T0 + "</title>")]
    [InlineData("<noscript><p>" + T0 + "</p></noscript>")]
    [InlineData("<template><p>" + T0 + "</p></template>")]
    [InlineData("<math><mi>" + T0 + "</mi></math>")]
    [InlineData("<image src=\"x\">" + T0)]
    [InlineData("<p\0>" + T0)]
    [InlineData("<p>" + T0 + "</p")]
    [InlineData("<p>" + T0 + "<p title=\"x>")]
    public void OnlyTextValues_LeavesHostileHtmlToTheBrowsersReading(string html)
    {
        Assert.False(PlainHtml.OnlyTextValues(html));
    }

    /// <summary>Listed tags written in the ways a browser also reads as tags: plain, and the browser's reading agrees.</summary>
    [Theory]
    [InlineData("<P>" + T0 + "</P >")]
    [InlineData("<p/>" + T0)]
    [InlineData("<p\ntitle=\"a>b\"\r\nclass='c'\f>" + T0 + "</p\n>")]
    [InlineData("<pre>\n" + T0 + "</pre>")]
    [InlineData("<a href=\"javascript:void(0)\" onclick=\"go()\">x</a>" + T0)]
    [InlineData("<b><p></b>" + T0 + " &lt;script&gt; &quot;&Tab;&NewLine;&amp &lt")]
    [InlineData("<a><a>" + T0 + T1 + "</br>\0" + T2)]
    public void OnlyTextValues_OfListedTagsABrowserReadsAsTags_AgreesWithTheBrowsersReading(string html)
    {
        var problems = new List<(int Token, string Problem)>();
        BrowserValueCheck.CheckInBrowser(html, Enumerable.Repeat<ValuePosition?>(ValuePosition.Text, 13).ToArray(), new HashSet<int>(), problems);

        Assert.True(PlainHtml.OnlyTextValues(html));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("<h2>[de] Angebot " + T0 + "</h2>\n<p>Als <strong>" + T0 + "</strong> Mitglied</p>\n<ul>\n<li>" + T0 + ": " + T0 + "</li>\n</ul>\n<p>Sie haben <em>10% Rabatt</em>.</p>\n")]
    [InlineData("<p>a &lt;script&gt; " + T0 + " &amp; <a href=\"https://example.com/a\" title='b'>c</a><br />\n<img src=\"x.png\" alt=\"y\" /></p>")]
    [InlineData("no tags at all " + T0)]
    public void OnlyTextValues_HoldsForTheHtmlOfOrdinaryMarkdown(string html)
    {
        Assert.True(PlainHtml.OnlyTextValues(html));
    }

    [Theory]
    [InlineData("<p>a</p><script>var a = '" + T0 + "';</script>")]
    [InlineData("<style>a{b:" + T0 + "}</style>")]
    [InlineData("<p title=\"" + T0 + "\">a</p>")]
    [InlineData("<p title=" + T0 + ">a</p>")]
    [InlineData("<p " + T0 + ">a</p>")]
    [InlineData("<a href=\"&#106;avascript:go()\">" + T0 + "</a>")]
    [InlineData("<!-- a --><p>" + T0 + "</p>")]
    [InlineData("<table><tr><td>" + T0 + "</td></tr></table>")]
    [InlineData("<svg><p>" + T0 + "</p></svg>")]
    [InlineData("<textarea>" + T0 + "</textarea>")]
    [InlineData("<p>" + T0 + "<")]
    [InlineData("<p title=\"a\"" + T0 + ">")]
    [InlineData("<P TITLE='x'>" + T0 + "</P><noscript>")]
    [InlineData("<p>&#xE002;0&#xE003;</p>")]
    [InlineData("<p>\uE0020 " + T0 + "</p>")]
    public void OnlyTextValues_LeavesEverythingElseToTheBrowsersReading(string html)
    {
        Assert.False(PlainHtml.OnlyTextValues(html));
    }

    [Fact]
    public void Check_OfTheHtmlMarkdigWritesForAModule_FindsWhatTheBrowsersReadingFinds()
    {
        // A module of the enterprise kind as Markdig writes it: plain, and the parse agrees there is nothing to refuse.
        var html = Markdown.ToHtml("## [de] Angebot " + T0 + "\nAls **" + T0 + "** Mitglied mit " + T0 + " Punkten.\n\n- " + T0 + ": " + T0 + "\n", MessageRenderer.Pipeline);
        var parsed = new List<(int Token, string Problem)>();
        var skipped = new List<(int Token, string Problem)>();

        BrowserValueCheck.CheckInBrowser(html, [ValuePosition.Text], new HashSet<int>(), parsed);
        BrowserValueCheck.Check(html, [ValuePosition.Text], new HashSet<int>(), skipped);

        Assert.True(PlainHtml.OnlyTextValues(html), html);
        Assert.Empty(parsed);
        Assert.Empty(skipped);
    }

    [Fact]
    public void Load_AValueOnlyTheBrowsersReadingRefuses_InALocaleVariant_IsReportedAtTheVariantsLineAndColumn()
    {
        // The module's own text and its fr variant are plain; de's link is a data: URL, which only the browser's reading
        // refuses (the tokenizer sees a URL attribute): its diagnostic names the de text's line and column.
        const string yaml = """
            catalog: t
            modules:
              a:
                content: |
                  ## Offer for {{ name }}
                  Hello **{{ tier }}** member.
                locales:
                  fr: |
                    ## Offre pour {{ name }}
                    Bonjour membre **{{ tier }}**.
                  de: |
                    ## Angebot für {{ name }}
                    Hallo [öffnen](data:text/html,{{ name }}) Mitglied.
            slots:
              hero: { from: [a] }
            messages:
              m:
                body: '{{ slot "hero" }}'
            """;

        var loaded = new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml");

        Assert.False(loaded);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.UnsafeValuePosition, diagnostic.Code);
        Assert.Equal(new SourceLocation("t.yaml", 13, 42), diagnostic.Location);
        Assert.Contains("'content' of locale 'de' of module 'a'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("a 'data:' URL in the attribute 'href'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoLocaleVariantsOfAPlainModule_WriteTheirOwnTextWithTheValuesEscaped()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            locale: en-US
            modules:
              a:
                content: "Hello **{{ name }}**"
                locales:
                  fr: "Bonjour **{{ name }}**"
                  de: "Hallo **{{ name }}**"
            slots:
              hero: { from: [a] }
            messages:
              m:
                body: '{{ slot "hero" }}'
            """);

        string Web(string locale) => catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "r"), ("name", "<b>Zoë</b>"), ("locale", locale)), "m"), Channel.Web).Body;

        Assert.Equal("<p>Bonjour <strong>&lt;b&gt;Zoë&lt;/b&gt;</strong></p>\n", Web("fr-FR"));
        Assert.Equal("<p>Hallo <strong>&lt;b&gt;Zoë&lt;/b&gt;</strong></p>\n", Web("de-DE"));
        Assert.Equal("<p>Hello <strong>&lt;b&gt;Zoë&lt;/b&gt;</strong></p>\n", Web("en-US"));
    }
}
