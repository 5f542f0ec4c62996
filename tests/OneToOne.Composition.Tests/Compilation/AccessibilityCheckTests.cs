using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// What a blind recipient would lose, warned of at load. A '‸' in the YAML marks where the warning must point; the
/// catalog still loads.
/// </summary>
public sealed class AccessibilityCheckTests
{
    private const string Header = "catalog: t\n";

    public static TheoryData<string, string> MissingAltText => new()
    {
        {
            "Module 'a' shows the image 'https://example.com/rate.png' without alt text, so a screen reader says nothing of it",
            Header + "modules:\n  a:\n    content: |\n      ## Save more\n      Our rate: ‸![](https://example.com/rate.png)\n"
        },
        {
            "Module 'a' shows the image 'https://example.com/rate.png' without alt text",
            Header + "modules:\n  a:\n    content: x\n    print: \"‸![  ](https://example.com/rate.png)\"\n"
        },
        {
            "with its file name as alt text ('rate.png')",
            Header + "modules:\n  a: \"See ‸![rate.png](https://example.com/img/rate.png?v=2)\"\n"
        },
        {
            "Module 'a' has an <img> without an alt attribute ('https://example.com/logo.png'), so a screen reader reads out its file name or address, or nothing. Add alt=\"what the image tells the reader\", or alt=\"\" when the image is only decoration.",
            Header + "modules:\n  a:\n    content: x\n    html: |\n      <p>Hello</p>\n      <p>‸<IMG src=\"https://example.com/logo.png\" title=\"{{ a > b }}\" data-alt=x></p>\n"
        },
        {
            "has an <img> whose alt text is its file name ('banner.JPG')",
            Header + "modules:\n  a:\n    content: x\n    html: \"<p>‸<img alt='banner.JPG' src='https://example.com/banner.jpg'></p>\"\n"
        },
        {
            "The email: layout of message 'm' has an <img> without an alt attribute ('https://example.com/logo.png')",
            Header + "messages:\n  m:\n    body: hi\n    email:\n      layout: |\n        <html><body>‸<img src=\"https://example.com/logo.png\">{{ content }}</body></html>\n"
        },
        {
            "The web: layout of message 'm' has an <img> without an alt attribute",
            Header + "messages:\n  m:\n    body: hi\n    web:\n      layout: |\n        <main>\n          ‸<img src=\"https://example.com/logo.png\"/>{{ content }}</main>\n"
        },
        {
            "The body of message 'm' has an <img> without an alt attribute",
            Header + "messages:\n  m:\n    body: |\n      Hello\n\n      ‸<img src=\"https://example.com/logo.png\">\n"
        },
        {
            "Module 'a' shows the image 'https://example.com/de.png' without alt text",
            Header + "modules:\n  a:\n    content: \"![Logo](https://example.com/en.png)\"\n    locales:\n      de-DE:\n        content: \"‸![](https://example.com/de.png)\"\n"
        },
    };

    [Theory]
    [MemberData(nameof(MissingAltText))]
    public void Load_ImageWithoutAltText_WarnsAtTheImageAndStillLoads(string messageFragment, string markedYaml)
    {
        var (yaml, line, column) = StripMarker(markedYaml);

        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml");

        Assert.True(compiled, string.Join("\n", diagnostics));
        var warning = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.ImageWithoutAltText);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains(messageFragment, warning.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", line, column), warning.Location);
    }

    [Theory]
    [InlineData("content: \"![Our savings rate: 3.1% a year](https://example.com/rate.png)\"")]
    [InlineData("content: \"![{{ product_name }}](https://example.com/p.png)\"")]
    [InlineData("html: \"<img src='https://example.com/rule.png' alt=''>\"")]
    [InlineData("html: \"<img src='https://example.com/p.png' alt='{{ product_name }}'>\"")]
    [InlineData("html: \"<img\\n src='https://example.com/p.png'\\n ALT=\\\"Logo of Example Bank\\\">\"")]
    [InlineData("html: \"<imgx src='https://example.com/p.png'> <p>image.png</p>\"")]
    [InlineData("html: \"<img src='https://example.com/rule.png' alt>\"")]
    [InlineData("html: \"<img alt src='https://example.com/rule.png'/>\"")]
    public void Load_ImageWithAltTextOrMarkedDecorative_GivesNoWarning(string module)
    {
        var yaml = Header + "modules:\n  a:\n    " + (module.StartsWith("html", StringComparison.Ordinal) ? "content: x\n    " : string.Empty) + module + "\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.ImageWithoutAltText);
    }

    [Theory]
    [InlineData("    content: \"**Explorer Case**\"\n    html: |\n      <p><strong>Explorer Case</strong>\n      ‸<a class=\"cta\" href=\"https://example.com/case?u={{ id }}\">Build your case</a></p>\n",
        "Module 'a' links to 'https://example.com/case?u={{ id }}' in its html:, but its text part (content:) does not, so a reader of the plain-text email (a text-only client, a braille display) cannot follow it. Add the link to content: as '[what it does](https://example.com/case?u={{ id }})', or write a text: override that gives the address.")]
    [InlineData("    content: \"[Go](https://example.com/a)\"\n    text: \"Go: https://example.com/a\"\n    html: \"<a href='https://example.com/a'>Go</a> ‸<A HREF='https://example.com/b'>B</A>\"\n",
        "Module 'a' links to 'https://example.com/b' in its html:, but its text part (text:) does not")]
    public void Load_HtmlLinkTheTextPartLacks_WarnsAtTheLink(string module, string message)
    {
        var (yaml, line, column) = StripMarker(Header + "modules:\n  a:\n" + module);

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        var warning = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.LinkMissingFromText);
        Assert.StartsWith(message, warning.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", line, column), warning.Location);
    }

    [Theory]
    [InlineData("    content: \"[Manage](https://example.com/prefs?u={{id}}&amp;x=1)\"\n    html: \"<a href='https://example.com/prefs?u={{ id }}&amp;x=1'>Manage</a> <a href='#top'>Top</a>\"\n")]
    [InlineData("    content: \"Offer\"\n    text: \"Offer: https://example.com/o\"\n    html: \"<a href=\\\"https://example.com/o\\\">Offer</a>\"\n")]
    [InlineData("    content: \"Offer\"\n    html: \"<p>No links</p>\"\n")]
    public void Load_HtmlLinksTheTextPartGives_GiveNoWarning(string module)
    {
        var yaml = Header + "modules:\n  a:\n" + module;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.LinkMissingFromText);
    }

    [Theory]
    [InlineData("    content: |\n      New rates.\n      ‸[Click here](https://example.com/rates).\n", "Module 'a' has a link whose text is 'Click here', which says nothing of where it goes: screen reader users move from link to link and hear only 'Click here'. Write link text that says what the link does")]
    [InlineData("    content: x\n    html: \"<p>Rates: ‸<a class='x' href='https://example.com/r'><b>Read  more</b>…</a></p>\"\n", "link whose text is 'Read more'")]
    [InlineData("    content: \"Mehr dazu ‸[hier](https://example.com/de)\"\n", "link whose text is 'hier'")]
    [InlineData("    content: \"Rates: ‸[https://example.com/rates](https://example.com/rates)\"\n", "Module 'a' has a link whose text is the address 'https://example.com/rates', which a screen reader spells out character by character")]
    [InlineData("    content: x\n    text: \"www.example.com/r\"\n    html: \"<p>See ‸<a href='https://www.example.com/r'>www.example.com/r</a></p>\"\n", "link whose text is the address 'www.example.com/r'")]
    public void Load_VagueLinkText_WarnsAtTheLink(string module, string message)
    {
        var (yaml, line, column) = StripMarker(Header + "modules:\n  a:\n" + module);

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        var warning = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.VagueLinkText);
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", line, column), warning.Location);
    }

    [Theory]
    [InlineData("    content: \"[Compare our savings accounts](https://example.com/s)\"\n")]
    [InlineData("    content: \"[{{ cta }}](https://example.com/s)\"\n")]
    [InlineData("    content: \"[![Savings calculator](https://example.com/c.png)](https://example.com/s)\"\n")]
    [InlineData("    content: x\n    html: \"<a href='https://example.com/s' aria-label='Read more about savings'>Read more</a>\"\n")]
    [InlineData("    content: x\n    html: \"<a href='https://example.com/s'>Where is my card? Read more here</a>\"\n")]
    [InlineData("    content: \"Write to [help@example.com](mailto:help@example.com) or see <https://example.com/help>\"\n")]
    public void Load_DescriptiveLinkText_GivesNoWarning(string module)
    {
        var yaml = Header + "modules:\n  a:\n" + module;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.VagueLinkText);
    }

    [Theory]
    [InlineData("email", "<!DOCTYPE html>\n        <html><body>\n        ‸<table width=\"600\"><tr><td>{{ content }}</td></tr></table>\n        <table role=\"presentation\"><tr><td>x</td></tr></table>\n        </body></html>\n")]
    [InlineData("web", "<main>‸<TABLE class=\"grid\"><tr><td>{{ content }}</td></tr></TABLE></main>\n")]
    public void Load_LayoutTableWithoutRole_WarnsAtTheTable(string channel, string layout)
    {
        var (yaml, line, column) = StripMarker(Header + "messages:\n  m:\n    body: hi\n    " + channel + ":\n      layout: |\n        " + layout);

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));

        var warning = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.LayoutTableWithoutRole);
        Assert.Equal($"The {channel}: layout of message 'm' has a <table> without a role, so a screen reader announces a table of rows and columns and reads the message as its cells. Add role=\"presentation\" to a table that only lays the message out.", warning.Message);
        Assert.Equal(new SourceLocation("t.yaml", line, column), warning.Location);
    }

    [Theory]
    [InlineData("beer-of-the-month")]
    [InlineData("bank-cross-sell")]
    public void Load_BundledExample_HasNoAccessibilityWarning(string example)
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(OneToOne.Composition.Testing.HostileRecipients.RepoRoot, "examples", example));

        Assert.DoesNotContain(catalog.Warnings, static d => d.Code.StartsWith("OTO16", StringComparison.Ordinal));
    }

    private static (string Yaml, int Line, int Column) StripMarker(string marked)
    {
        var index = marked.IndexOf('‸', StringComparison.Ordinal);
        Assert.True(index >= 0, "the case has no ‸ marker");
        var before = marked[..index];
        var line = before.Count(static c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(index, 1), line, column);
    }

    [Theory]
    [InlineData("<a href=\"{{ url }}\">")]
    [InlineData("<a name=\"top\">")]
    public void Load_UnclosedTagBeforeManyExpressions_FinishesAndLoads(string unclosed)
    {
        var body = unclosed + string.Concat(Enumerable.Repeat(" {{ x }} > {{ y }}", 36));
        var yaml = Header + "messages:\n  m:\n    body: hi\n    email:\n      layout: '" + body + " {{ content }}'\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
    }
}
