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
