using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

/// <summary>A module's <c>lang:</c> (WCAG 2.2, 3.1.2 Language of Parts): loading it, and marking its web HTML.</summary>
public sealed class ModuleLanguageTests
{
    /// <summary>An English catalog with a German greeting placed within a line and a German offer placed as a block.</summary>
    private const string Mixed = """
        catalog: t
        locale: en
        modules:
          greeting-de:
            lang: de
            content: "Guten Tag, {{ name }}!"
          offer-de:
            lang: de-de
            content: |
              ## Unser Angebot

              Ein **Pils** für {{ name }}.
          note-de:
            lang: de
            content: "Prost, {{ name }}."
          english:
            content: "Cheers, {{ name }}."
        slots:
          greeting: { from: [greeting-de] }
          offer: { from: [offer-de] }
          note: { from: [note-de] }
          plain: { from: [english] }
        messages:
          m:
            subject: "Hi {{ name }}"
            body: |
              Hello and {{ slot "greeting" }} Welcome.

              {{ slot "offer" }}

              {{ slot "note" }}

              {{ slot "plain" }}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ModuleInAnotherLanguage_IsMarked_InALineWithASpan_AsABlockWithADivOrItsOneElement(bool compiled)
    {
        var catalog = Load(compiled, Mixed);

        var html = catalog.Render(catalog.Decide(Person(("name", "Ann")), "m"), Channel.Web).Body;

        Assert.Equal(
            "<p>Hello and <span lang=\"de\">Guten Tag, Ann!</span> Welcome.</p>\n"
            + "<div lang=\"de-DE\">\n<h2>Unser Angebot</h2>\n<p>Ein <strong>Pils</strong> für Ann.</p>\n</div>\n"
            + "<p lang=\"de\">Prost, Ann.</p>\n"
            + "<p>Cheers, Ann.</p>\n",
            html);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ModuleInTheDocumentsLanguage_IsNotMarked(bool compiled)
    {
        // de within de-DE and de-DE within de are the same voice; the catalog without lang: renders as it always did.
        var yaml = Mixed.Replace("locale: en", "locale: de-DE", StringComparison.Ordinal);
        var catalog = Load(compiled, yaml);
        var without = Load(compiled, Mixed.Replace("    lang: de-de\n", string.Empty, StringComparison.Ordinal).Replace("    lang: de\n", string.Empty, StringComparison.Ordinal));

        var marked = catalog.Render(catalog.Decide(Person(("name", "Ann")), "m"), Channel.Web).Body;
        var plain = without.Render(without.Decide(Person(("name", "Ann")), "m"), Channel.Web).Body;

        Assert.Equal(plain, marked);
        Assert.DoesNotContain("lang=", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RenderPageAndEmail_MarkTheModule_WithinTheDocumentsDeclaredLanguage(bool compiled)
    {
        var catalog = Load(compiled, Mixed);
        var decision = catalog.Decide(Person(("name", "Ann"), ("locale", "en-GB")), "m");

        var page = catalog.RenderPage(decision);
        var email = catalog.RenderEmail(decision);

        Assert.Contains("<html lang=\"en-GB\">", page, StringComparison.Ordinal);
        Assert.Contains("<p>Hello and <span lang=\"de\">Guten Tag, Ann!</span> Welcome.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<div lang=\"de-DE\">\n<h2>Unser Angebot</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<p>Hello and <span lang=\"de\">Guten Tag, Ann!</span> Welcome.</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"de\">Prost, Ann.</p>", email.Html, StringComparison.Ordinal);
        // Plain text has no way to mark a language: the text part is as it was.
        Assert.Equal("Hello and Guten Tag, Ann! Welcome.\n\nUnser Angebot\n\nEin Pils für Ann.\n\nProst, Ann.\n\nCheers, Ann.\n", email.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ModuleWithinAHeading_OrAloneInAListItem_GetsASpan_AndItsOwnLangIsKept(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            locale: en
            modules:
              hallo: { lang: de, content: "Hallo *{{ name }}*" }
              bonjour: { lang: fr, html: "<p lang=\"fr-CA\">Bonjour</p>\n<p>{{ name }}</p>", content: "Bonjour" }
              item: { lang: de, content: "Prost" }
              list:
                html: "<ul><li>{{ slot 'item' }}</li></ul>"
                content: "x"
            slots:
              s: { from: [hallo] }
              b: { from: [bonjour] }
              item: { from: [item] }
              l: { from: [list] }
            messages:
              m:
                body: |
                  ## {{ slot "s" }} and welcome

                  {{ slot "b" }}

                  {{ slot "l" }}
            """);

        var html = catalog.Render(catalog.Decide(Person(("name", "Ann")), "m"), Channel.Web).Body;
        var streamed = new StringWriter();
        catalog.Render(catalog.Decide(Person(("name", "Ann")), "m"), Channel.Web, streamed);

        Assert.Equal(
            "<h2><span lang=\"de\">Hallo <em>Ann</em></span> and welcome</h2>\n"
            + "<div lang=\"fr\">\n<p lang=\"fr-CA\">Bonjour</p>\n<p>Ann</p>\n</div>\n"
            + "<ul><li><span lang=\"de\">Prost</span></li></ul>\n",
            html);
        Assert.Equal(html, streamed.ToString());
    }

    [Fact]
    public void RenderModules_MarksEachModuleInAnotherLanguage_AsABlock()
    {
        var catalog = Parse(Mixed);
        var modules = catalog.RenderModules(catalog.Decide(Person(("name", "Ann")), "m"), Channel.Web);

        Assert.Equal("<p lang=\"de\">Guten Tag, Ann!</p>\n", modules[0].Body);
        Assert.Equal("<p>Cheers, Ann.</p>\n", modules[3].Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_EnglishFallbackWithinAGermanMessage_IsMarkedEnglish_AndAModuleWithoutLangInIt_TheDocuments(bool compiled)
    {
        // A German recipient gets the German subject and module; the English module has no German variant.
        var catalog = Load(compiled, """
            catalog: t
            locale: en
            modules:
              legal:
                lang: en
                html: "<p>Terms apply. {{ slot 'inner' }}</p>"
                content: "Terms apply."
              hello:
                content: "Hello"
                locales:
                  de: { content: "Hallo" }
              inner-de: "Siehe AGB."
            slots:
              hi: { from: [hello] }
              legal: { from: [legal] }
              inner: { from: [inner-de] }
            messages:
              m:
                subject: "Hi"
                locales:
                  de: { subject: "Hallo" }
                body: |
                  {{ slot "hi" }}

                  {{ slot "legal" }}
            """);

        var html = catalog.Render(catalog.Decide(Person(("locale", "de-DE")), "m"), Channel.Web).Body;

        Assert.Equal("<p>Hallo</p>\n<p lang=\"en\">Terms apply. <span lang=\"de-DE\">Siehe AGB.</span></p>", html.TrimEnd('\n'));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_LocaleVariantsOwnText_IsTheRecipientsLanguage_WhileAVariantTakingTheModulesHtml_IsTheModulesLang(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            locale: en
            modules:
              cta:
                lang: en
                content: "Buy now"
                locales:
                  de: "Jetzt kaufen"
              footer:
                lang: en
                content: "Imprint"
                locales:
                  de: { text: "Impressum" }
            slots:
              cta: { from: [cta] }
              footer: { from: [footer] }
            messages:
              m:
                body: |
                  {{ slot "cta" }}

                  {{ slot "footer" }}
            """);

        var german = catalog.Render(catalog.Decide(Person(("locale", "de-AT")), "m"), Channel.Web).Body;
        var english = catalog.Render(catalog.Decide(Person(("locale", "en-US")), "m"), Channel.Web).Body;

        Assert.Equal("<p>Jetzt kaufen</p>\n<p lang=\"en\">Imprint</p>\n", german);
        Assert.Equal("<p>Buy now</p>\n<p>Imprint</p>\n", english);
    }

    [Fact]
    public void Load_TagThatIsNoLanguageTag_IsOTO1011AtTheValue_SuggestingTheDashedTag()
    {
        var error = Assert.Throws<CatalogException>(() => Parse("catalog: t\nmodules:\n  a:\n    content: A\n    lang: de_DE\n  b:\n    lang: german\n    content: B\n"));

        Assert.Equal(2, error.Diagnostics.Count);
        var (dashed, named) = (error.Diagnostics[0], error.Diagnostics[1]);
        Assert.Equal((DiagnosticCodes.InvalidLanguageTag, new SourceLocation("catalog.yaml", 5, 11)), (dashed.Code, dashed.Location));
        Assert.Contains("'lang: de_DE' of module 'a' is not a BCP 47 language tag. Did you mean 'de-DE'?", dashed.Message, StringComparison.Ordinal);
        Assert.Equal((DiagnosticCodes.InvalidLanguageTag, new SourceLocation("catalog.yaml", 7, 11)), (named.Code, named.Location));
        Assert.DoesNotContain("Did you mean", named.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("DE-de", "de-DE")]
    [InlineData("sr-latn-rs", "sr-Latn-RS")]
    [InlineData("es-419", "es-419")]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("de-CH-1996", "de-CH-1996")]
    [InlineData("en-US-u-ca-gregory", "en-US-u-ca-gregory")]
    [InlineData("x-Klingon", "x-klingon")]
    [InlineData("de_DE", null)]
    [InlineData("german", null)]
    [InlineData("d", null)]
    [InlineData("de--DE", null)]
    [InlineData("de-", null)]
    [InlineData("en-u", null)]
    [InlineData("de-DE-x", null)]
    [InlineData("de DE", null)]
    [InlineData("\"de\"", null)]
    public void LanguageTag_Normalize_TakesBcp47Tags_InTheirConventionalCase(string tag, string? expected) =>
        Assert.Equal(expected, OneToOne.Composition.Parsing.LanguageTag.Normalize(tag));
}
