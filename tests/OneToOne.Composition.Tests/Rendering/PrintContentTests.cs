using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

public sealed class PrintContentTests
{
    private const string Letter = """
        catalog: letters
        modules:
          offer:
            content: "**Offer** for {{ name }}"
            print: "**Printed offer** for {{ name }}"
        slots:
          s: { from: [offer] }
        messages:
          letter:
            subject: "For {{ name }}"
            body: "Dear {{ name }},\n\n{{ slot 's' }}"
            print:
              page: Letter
              margins: 25 20 20 20mm
              duplex: true
              window: din5008
              return-address: "Club · 1 Brew St · Springfield"
              address: |
                {{ name }}
                {{ street }}
                {{ line2 | default "" }}
                {{ postcode }} {{ city }}
          plain:
            body: "Hello"
        """;

    [Fact]
    public void RenderPrint_GivesMarkdownSettingsAndAddressLines()
    {
        var catalog = Parse(Letter);

        var print = catalog.RenderPrint(catalog.Decide(Person(("name", "Ann\r\nX"), ("street", "Hauptstr. 1"), ("postcode", "10115"), ("city", "Berlin")), "letter"));

        Assert.Equal("Dear Ann  X,\n\n**Printed offer** for Ann  X", print.Markdown.Replace("&#46;", ".", StringComparison.Ordinal));
        Assert.Equal("Letter", print.Page);
        Assert.Equal([25.0, 20, 20, 20], print.MarginsMillimetres);
        Assert.True(print.Duplex);
        Assert.Equal("din5008", print.Window);
        Assert.Equal(["Ann  X", "Hauptstr. 1", "10115 Berlin"], print.AddressLines);
        Assert.False(print.AddressLines is List<string>, "the address lines are handed out as the list they were built in");
        Assert.Equal("Club · 1 Brew St · Springfield", print.ReturnAddress);
    }

    /// <summary>
    /// The address lines dropped no invisible formatting character, though the email's headers drop them: a postcode with
    /// U+200B, a city wrapped in U+202B…U+202C or a name turned round with U+202E reads one way and sorts, matches and is
    /// read by a sorting machine another. The same rule as the headers': direction marks stay in Hebrew and Arabic lines,
    /// joiners between the letters of a script that writes with them.
    /// </summary>
    [Fact]
    public void RenderPrint_AddressLines_DropInvisibleFormattingCharacters_AsEmailHeadersDo()
    {
        var catalog = Parse(Letter);

        var print = catalog.RenderPrint(catalog.Decide(Person(
            ("name", "\u202EAnn\u202C Lee\uFEFF"), ("street", "\u05E8\u05D7\u05D5\u05D1 \u200F5\u200F"), ("line2", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"),
            ("postcode", "101\u200B15"), ("city", "\u2067Berlin\u2069")), "letter"));

        Assert.Equal(["Ann Lee", "\u05E8\u05D7\u05D5\u05D1 \u200F5\u200F", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "10115 Berlin"], print.AddressLines);
    }

    /// <summary>A web page's title is a label as an email's Subject is: it drops the same invisible characters.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("<html><head><title>{{ subject }}</title></head><body>{{ content }}</body></html>")]
    public void RenderPage_Title_DropsInvisibleFormattingCharacters_AsTheEmailSubjectDoes(string? layout)
    {
        var web = layout is null ? string.Empty : $"\n    web:\n      layout: \"{layout}\"";
        var catalog = Parse($"catalog: t\nmessages:\n  m:\n    subject: \"For {{{{ name }}}}\"\n    body: \"Hi {{{{ name }}}}\"{web}\n");

        var page = catalog.RenderPage(catalog.Decide(Person(("name", "pay\u200Bpal\u202E")), "m"));

        Assert.Contains("<title>For paypal</title>", page, StringComparison.Ordinal);
        Assert.Contains("Hi pay", page, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPrint_SaysWhichModuleWroteEachCharacterOfTheMarkdown()
    {
        // Two slots, one with two modules, one module placing a slot of its own, a module written twice, output that
        // ends in line breaks (not written), and a print override: each character is the body's or one module's.
        var catalog = Parse("""
            catalog: t
            modules:
              hero:
                content: "# Hi {{ name }}\n\n"
                print: "# Printed hi {{ name }}\n\n\n"
              offer-a:
                content: "Offer A"
              offer-b:
                content: "Offer B for {{ name }}, {{ slot 'fine' }} end"
              small-print:
                content: "*terms*"
            slots:
              hero: { from: [hero] }
              offers: { pick: all, from: [offer-a, offer-b] }
              fine: { from: [small-print] }
            messages:
              letter:
                body: "Dear {{ name }},\n\n{{ slot 'hero' }}\n\n{{ x = slot 'offers' }}{{ x }}\n\nAgain: {{ x }}\n\nBye"
            """);

        var print = catalog.RenderPrint(catalog.Decide(Person(("name", "Ann")), "letter"));

        Assert.Equal(
            "Dear Ann,\n\n# Printed hi Ann\n\nOffer A\n\nOffer B for Ann, *terms* end\n\nAgain: Offer A\n\nOffer B for Ann, *terms* end\n\nBye",
            print.Markdown);
        Assert.Equal(
            [
                (null, "Dear Ann,\n\n"),
                ("hero/hero", "# Printed hi Ann"),
                (null, "\n\n"),
                ("offers/offer-a", "Offer A"),
                (null, "\n\n"),
                ("offers/offer-b", "Offer B for Ann, "),
                ("fine/small-print", "*terms*"),
                ("offers/offer-b", " end"),
                (null, "\n\nAgain: "),
                ("offers/offer-a", "Offer A"),
                (null, "\n\n"),
                ("offers/offer-b", "Offer B for Ann, "),
                ("fine/small-print", "*terms*"),
                ("offers/offer-b", " end"),
                (null, "\n\nBye"),
            ],
            Runs(print));

        // A module's range is its whole output, the modules it places included; each placement is a range of its own.
        var offerB = print.ModuleAt(print.Markdown.IndexOf("Offer B", StringComparison.Ordinal))!;
        Assert.Equal(("offers", "offer-b", "Offer B for Ann, *terms* end"), (offerB.SlotId, offerB.ModuleId, print.Markdown.Substring(offerB.Start, offerB.Length)));
        var second = print.ModuleAt(print.Markdown.LastIndexOf("Offer B", StringComparison.Ordinal))!;
        Assert.Equal(print.Markdown.LastIndexOf("Offer B", StringComparison.Ordinal), second.Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => print.ModuleAt(print.Markdown.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => print.ModuleAt(-1));
    }

    [Fact]
    public void RenderPrint_OfAMessageWithoutSlots_HasNoModuleAnywhere()
    {
        var catalog = Parse(Letter);

        var print = catalog.RenderPrint(catalog.Decide(Person(), "plain"));

        Assert.Equal([(null, "Hello")], Runs(print));
    }

    /// <summary>The Markdown cut where <see cref="PrintContent.ModuleAt(int)"/> changes: each run with its slot and module, or null for the body's own text.</summary>
    private static List<(string? Module, string Text)> Runs(PrintContent print)
    {
        var runs = new List<(string? Module, string Text)>();
        var start = 0;
        for (var i = 1; i <= print.Markdown.Length; i++)
        {
            if (i == print.Markdown.Length || !ReferenceEquals(print.ModuleAt(i), print.ModuleAt(start)))
            {
                var module = print.ModuleAt(start);
                runs.Add((module is null ? null : $"{module.SlotId}/{module.ModuleId}", print.Markdown[start..i]));
                start = i;
            }
        }

        return runs;
    }

    [Fact]
    public void RenderPrint_WithoutSettings_LeavesPageMarginsAndDuplexToTheRenderer_AndHasNoAddress()
    {
        var catalog = Parse(Letter);

        var print = catalog.RenderPrint(catalog.Decide(Person(), "plain"));

        // Not A4/20 mm/no duplex: the print renderer's options fill in what the catalog does not say.
        Assert.Null(print.Page);
        Assert.Null(print.MarginsMillimetres);
        Assert.False(print.Duplex.HasValue);
        Assert.Empty(print.AddressLines);
        Assert.Equal("none", print.Window);
    }

    [Theory]
    [InlineData("      window: none\n", null, null, null)]
    [InlineData("      duplex: false\n", null, null, false)]
    [InlineData("      page: a4\n      margins: 15mm\n      duplex: TRUE\n", "A4", 15.0, true)]
    public void RenderPrint_CarriesOnlyThePageMarginsAndDuplexTheCatalogWrites(string settings, string? page, double? margin, bool? duplex)
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n" + settings);

        var print = catalog.RenderPrint(catalog.Decide(Person(), "m"));

        Assert.Equal(page, print.Page);
        Assert.Equal(margin is { } m ? [m, m, m, m] : null, print.MarginsMillimetres);
        Assert.Equal(duplex, print.Duplex);
    }

    [Fact]
    public void RenderPrint_SettingsCannotBeChangedThroughTheCollectionsItHandsOut()
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("Brand.ttf"), [0x00, 0x01, 0x00, 0x00]);
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      margins: 25 20 20 20\n      fonts: { regular: Brand.ttf }\n");
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(folder.File("catalog.yaml"));
        var first = catalog.RenderPrint(catalog.Decide(Person(), "m"));

        // The catalog is shared by every thread: a caller that casts what it was given must not change later renders.
        Assert.False(first.MarginsMillimetres is double[], "the margins are the catalog's own array");
        Assert.Throws<NotSupportedException>(() => ((IList<double>)first.MarginsMillimetres!)[0] = 99);
        Assert.False(first.FontFiles is Dictionary<string, string>, "the font files are the catalog's own dictionary");
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)first.FontFiles)["regular"] = "/elsewhere.ttf");

        var second = catalog.RenderPrint(catalog.Decide(Person(), "m"));
        Assert.Equal([25.0, 20, 20, 20], second.MarginsMillimetres);
        Assert.Equal([KeyValuePair.Create("regular", folder.File("Brand.ttf"))], second.FontFiles);
    }

    [Fact]
    public void RenderPrint_WithoutPrintSettings_SharesOneEmptyReadOnlyFontMap()
    {
        var catalog = Parse(Letter);

        var first = catalog.RenderPrint(catalog.Decide(Person(), "plain"));
        var second = catalog.RenderPrint(catalog.Decide(Person(), "plain"));

        Assert.Empty(first.FontFiles);
        Assert.Same(first.FontFiles, second.FontFiles);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)first.FontFiles).Add("regular", "/x.ttf"));
    }

    [Fact]
    public void RenderPrint_EmptyAddress_RejectsTheRecipient()
    {
        var catalog = Parse(Letter);

        var ex = Assert.Throws<RecipientException>(() => catalog.RenderPrint(catalog.Decide(Person(("id", "p1"), ("name", ""), ("street", null), ("postcode", ""), ("city", " ")), "letter")));

        Assert.Contains("no postal address", ex.Message, StringComparison.Ordinal);
        Assert.Equal("p1", ex.RecipientId);
    }

    [Theory]
    [InlineData("      page: A5\n", DiagnosticCodes.InvalidValue)]
    [InlineData("      margins: wide\n", DiagnosticCodes.InvalidValue)]
    [InlineData("      margins: NaN\n", DiagnosticCodes.InvalidValue)]
    [InlineData("      margins: 20 20 NaN 20\n", DiagnosticCodes.InvalidValue)]
    [InlineData("      window: us10\n", DiagnosticCodes.MissingKey)]
    [InlineData("      fonts:\n        regular: no-such-font.ttf\n", DiagnosticCodes.MissingFile)]
    [InlineData("      colour: red\n", DiagnosticCodes.UnknownKey)]
    public void PrintSettings_AreValidated(string settings, string code)
    {
        var yaml = "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n" + settings;

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));

        Assert.Contains(diagnostics, d => d.Code == code && d.Location.Line >= 6);
    }

    [Theory]
    [InlineData("      page: A4\n      margins: 20 95 20 95\n", "The margins leave 20 × 257 mm for the content of an A4 page (210 × 297 mm), less than the inch (25.4 mm) each way that print needs: every recipient's letter would fail. Make them smaller.")]
    [InlineData("      margins: 100\n", "The margins leave 15.9 × 97 mm for the content of any page the print renderer lays out (A4 or Letter), less than the inch (25.4 mm) each way that print needs: every recipient's letter would fail. Make them smaller.")]
    [InlineData("      page: A4\n      margins: 20 92.3 20 92.305\n", "The margins leave 25.395 × 257 mm for the content of an A4 page (210 × 297 mm), less than the inch (25.4 mm) each way that print needs: every recipient's letter would fail. Make them smaller.")]
    [InlineData("      page: A4\n      margins: 20 92.3 20 92.3\n", null)]
    [InlineData("      margins: 20 95 20 95\n", null)]
    [InlineData("      page: Letter\n      margins: 20 95 20 95\n", null)]
    [InlineData("      page: Letter\n      margins: 100 20 100 20\n", null)]
    public void PrintMargins_ThatLeaveNoInchForContent_AreAnErrorAtTheMargins_WhenTheCatalogLoads(string settings, string? error)
    {
        var yaml = "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n" + settings;

        var valid = new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics);

        Assert.Equal(error is null, valid);
        if (error is not null)
        {
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal((DiagnosticCodes.InvalidValue, error), (diagnostic.Code, diagnostic.Message));
            Assert.Equal(settings.Split('\n').Length + 4, diagnostic.Location.Line);
            Assert.Equal(16, diagnostic.Location.Column);
        }
    }

    [Theory]
    [InlineData("/no/such/dir/logo.png", false)]
    [InlineData("https://example.com/logo.png", true)]
    public void ImagePaths_AbsoluteFilesAreCheckedAndRemoteOnesAreNot(string url, bool compiles)
    {
        var yaml = $"catalog: t\nmodules:\n  a:\n    content: \"![logo]({url})\"\n";

        Assert.Equal(compiles, new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));

        Assert.Equal(compiles ? [] : [DiagnosticCodes.MissingFile], diagnostics.Select(static d => d.Code));
    }

    [Fact]
    public void MissingImage_IsADiagnosticAtTheImage()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    content: |\n      Intro\n\n      ![logo](images/nope.png)\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.MissingFile, error.Code);
        Assert.Equal(7, error.Location.Line);
        Assert.Contains("images/nope.png", error.Message, StringComparison.Ordinal);
    }
}
