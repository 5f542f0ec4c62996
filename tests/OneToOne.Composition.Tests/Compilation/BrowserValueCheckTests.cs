using OneToOne.Composition.Compilation;
using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// The browser's reading of a template's HTML, checked on its own against readings the analyzer's tokenizer could
/// have got wrong: it must refuse where a browser puts a value in a stricter place than the reading given.
/// </summary>
public sealed class BrowserValueCheckTests
{
    private const string T0 = "\uE0020\uE003";
    private const string T1 = "\uE0021\uE003";

    [Theory]
    [InlineData("<p>a</p><script>var a = '" + T0 + "';</script>", "inside a <script> element")]
    [InlineData("<svg><style>a{b:" + T0 + "}</style></svg>", "inside a <style> element")]
    [InlineData("<img src=x onerror=\"f('" + T0 + "')\">", "in the 'onerror' attribute")]
    [InlineData("<p title=" + T0 + ">a</p>", "in pieces")]
    [InlineData("<p " + T0 + ">a</p>", "in pieces")]
    [InlineData("<a href=\"" + T0 + "\">a</a>", "at the start of the URL attribute 'href'")]
    [InlineData("<form><button formaction='x/" + T0 + "'>b</button></form>", "in the URL attribute 'formaction'")]
    [InlineData("<template><tr><td><a href='" + T0 + "'>x</a></td></tr></template>", "at the start of the URL attribute 'href'")]
    public void Check_RefusesAValueABrowserPutsInAStricterPlace_ThanTheReadingGiven(string html, string where)
    {
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check(html, [ValuePosition.Text], new HashSet<int>(), problems);

        var (token, problem) = Assert.Single(problems);
        Assert.Equal(0, token);
        Assert.Contains(where, problem, StringComparison.Ordinal);
        Assert.Contains("Write plain, well-formed HTML", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p class=\"a\" title='" + T0 + "'>" + T1 + "</p>", "Text", "Text")]
    [InlineData("<!-- " + T0 + " --><textarea>" + T1 + "</script></textarea>", "Text", "Text")]
    [InlineData("<a href=\" " + T0 + "/x?q=" + T1 + "\">a</a>", "UrlStart", "UrlPart")]
    [InlineData("<a href=\"https:" + T0 + "\" title='" + T1 + "'>a</a>", "UrlPart", "Text")]
    [InlineData("<a href=\"ftp://files.example.com/" + T0 + "\">a</a><a href='sms:" + T1 + "'>b</a>", "UrlPart", "UrlPart")]

    // A module of table rows, meant to go inside a layout's table: outside one, the browser drops the cells' tags.
    [InlineData("<tr><td title=\"" + T0 + "\">" + T1 + "</td></tr>", "Text", "Text")]
    public void Check_AgreesWithAReadingAsStrictAsABrowsers(string html, string first, string second)
    {
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check(html, [Enum.Parse<ValuePosition>(first), Enum.Parse<ValuePosition>(second)], new HashSet<int>(), problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("<script src=\"" + T0 + "\"></script>", "UrlStart", "script")]
    [InlineData("<script src=\"//" + T0 + "/x.js\"></script>", "UrlPart", "script")]
    [InlineData("<script src=\"https://" + T0 + "/x.js\"></script>", "UrlPart", "script")]
    [InlineData("<script src=\"https://cdn.example.com" + T0 + "/x.js\"></script>", "UrlPart", "script")]
    [InlineData("<script src=\"https:/\\" + T0 + "\"></script>", "UrlPart", "script")]
    [InlineData("<script src=\" &#47;&#47;" + T0 + "/x.js\"></script>", "UrlPart", "script")]
    [InlineData("<link rel=\"stylesheet\" href=\"" + T0 + "\">", "UrlStart", "link")]
    [InlineData("<head><base href=\" " + T0 + "\"></head>", "UrlStart", "base")]
    [InlineData("<link rel=\"alternate stylesheet\" href=\"" + T0 + "\">", "UrlStart", "link")]
    [InlineData("<link rel=\"canonical preload\" href=\"" + T0 + "\">", "UrlStart", "link")]
    [InlineData("<link href=\"" + T0 + "\">", "UrlStart", "link")]
    [InlineData("<iframe src=\"" + T0 + "\"></iframe>", "UrlStart", "iframe")]
    [InlineData("<iframe src=\"https://" + T0 + "/video\"></iframe>", "UrlPart", "iframe")]
    [InlineData("<object data=\"" + T0 + "\"></object>", "UrlStart", "object")]
    [InlineData("<embed src=\"" + T0 + "\">", "UrlStart", "embed")]
    [InlineData("<form action=\"" + T0 + "\"><input name=\"p\"></form>", "UrlStart", "form")]
    [InlineData("<form><button formaction=\"" + T0 + "\">Go</button></form>", "UrlStart", "button")]
    [InlineData("<form><input type=\"submit\" formaction=\"" + T0 + "\"></form>", "UrlStart", "input")]
    public void Check_RefusesAValueThatChoosesTheServerOfAScriptStylesheetOrBase(string html, string position, string element)
    {
        // Any http or https URL passes as a link's start, but a script's source runs in the page: data may not choose its server.
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check(html, [Enum.Parse<ValuePosition>(position)], new HashSet<int>(), problems);

        var (token, problem) = Assert.Single(problems);
        Assert.Equal(0, token);
        Assert.Contains($"attribute of a <{element}> element before the URL's path, so it would choose the server", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script src=\"https://cdn.example.com/" + T0 + ".js\"></script>")]
    [InlineData("<script src=\"/js/" + T0 + ".js\"></script>")]
    [InlineData("<script src=\"app.js?v=" + T0 + "\"></script>")]
    [InlineData("<link rel=\"canonical\" href=\"https://example.com/?u=" + T0 + "\">")]
    [InlineData("<iframe src=\"https://player.example.com/video/" + T0 + "\"></iframe>")]
    [InlineData("<form action=\"/subscribe?list=" + T0 + "\"></form>")]
    public void Check_AcceptsAValueInAScriptOrLinkUrlAfterTheTemplatesServer(string html)
    {
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check(html, [ValuePosition.UrlPart], new HashSet<int>(), problems);

        Assert.Empty(problems);
    }

    /// <summary>
    /// A link whose rel only names a page (canonical, alternate in another language) loads nothing: its href is a link's
    /// URL, as an &lt;a href&gt; is, which data may start (a recipient's own page).
    /// </summary>
    [Theory]
    [InlineData("<link rel=\"canonical\" href=\"" + T0 + "\">")]
    [InlineData("<link rel=\"Alternate\" hreflang=\"de\" href=\"" + T0 + "\">")]
    [InlineData("<link rel=\" next \" href=\"" + T0 + "\">")]
    [InlineData("<a href=\"" + T0 + "\">Your page</a>")]
    [InlineData("<img src=\"" + T0 + "\" alt=\"\">")]
    public void Check_AcceptsAValueStartingTheUrlOfALinkThatLoadsNothing(string html)
    {
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check(html, [ValuePosition.UrlStart], new HashSet<int>(), problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_LeavesAValueTheAnalyzerRefusedAlready()
    {
        var problems = new List<(int Token, string Problem)>();

        BrowserValueCheck.Check("<script>" + T0 + "</script>", [null], new HashSet<int> { 0 }, problems);

        Assert.Empty(problems);
    }
}
