using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

/// <summary>
/// A module's <c>lang:</c> governs the culture of what its template writes (numbers, amounts, dates, plural forms) where
/// its language is not the recipient's; the message's culture governs everything outside it.
/// </summary>
public sealed class ModuleCultureTests
{
    /// <summary>An en-US catalog with a German module, a French one and an English one, each writing numbers, a date and an amount.</summary>
    private const string Mixed = """
        catalog: t
        locale: en-US
        modules:
          punkte:
            lang: de
            content: "Sie haben {{ points | number }} {{ points | string.plural 'Punkt' 'Punkte' }} ({{ points }}), Stand {{ day | date.local 'D' }}, Guthaben {{ balance | money }}."
          articles:
            lang: fr
            content: "{{ items }} {{ items | string.plural 'article' 'articles' }}, {{ day | date.local 'D' }}"
          points:
            content: "You have {{ points | number }} {{ points | string.plural 'point' 'points' }}, as of {{ day | date.local 'D' }}, balance {{ balance | money }}."
        slots:
          de: { from: [punkte] }
          fr: { from: [articles] }
          en: { from: [points] }
        messages:
          m:
            subject: "{{ points | number }} points"
            body: |
              {{ slot "en" }}

              {{ slot "de" }}

              {{ slot "fr" }}

              Total: {{ points | number }} on {{ day | date.local 'D' }}.
        """;

    private static OneToOne.Composition.Recipients.Recipient Reader(string locale) =>
        Person(("points", 1234.5), ("items", 0), ("day", "2026-12-07"), ("balance", 1234.5m), ("locale", locale));

    private static string Text(Catalog catalog, string locale) => catalog.Render(catalog.Decide(Reader(locale), "m"), Channel.Text).Body;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AGermanModuleInAnEnUsMessage_WritesGermanNumbersDatesAndPlurals_InTheRecipientsCurrency(bool compiled)
    {
        var catalog = Load(compiled, Mixed);

        var text = Text(catalog, "en-US");

        Assert.Equal(
            "You have 1,234.5 points, as of Monday, December 7, 2026, balance $1,234.50.\n\n"
            + "Sie haben 1.234,5 Punkte (1234,5), Stand Montag, 7. Dezember 2026, Guthaben 1.234,50 USD.\n\n"
            + "0 article, lundi 7 décembre 2026\n\n"
            + "Total: 1,234.5 on Monday, December 7, 2026.\n",
            text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_EveryChannelAndStreamed_WriteTheModuleInItsLanguage_AndTheSubjectInTheMessages(bool compiled)
    {
        var catalog = Load(compiled, Mixed);
        var decision = catalog.Decide(Reader("en-US"), "m");

        var web = catalog.Render(decision, Channel.Web);
        var streamed = new StringWriter();
        catalog.Render(decision, Channel.Web, streamed);
        var email = catalog.RenderEmail(decision);
        var modules = catalog.RenderModules(decision, Channel.Web);
        var print = catalog.RenderPrint(decision);

        Assert.Contains("<p lang=\"de\">Sie haben 1.234,5 Punkte (1234,5), Stand Montag, 7. Dezember 2026, Guthaben 1.234,50 USD.</p>", web.Body, StringComparison.Ordinal);
        Assert.Equal(web.Body, streamed.ToString());
        Assert.Contains("Sie haben 1.234,5 Punkte", email.Html, StringComparison.Ordinal);
        Assert.Contains("Sie haben 1.234,5 Punkte", email.Text, StringComparison.Ordinal);
        Assert.Contains("Total: 1,234.5 on Monday", email.Text, StringComparison.Ordinal);
        Assert.Equal("1,234.5 points", email.Subject);
        // Print Markdown writes values' punctuation as character references.
        Assert.Contains("Sie haben 1&#46;234&#44;5 Punkte", print.Markdown, StringComparison.Ordinal);
        Assert.Contains("Montag&#44; 7&#46; Dezember 2026", print.Markdown, StringComparison.Ordinal);
        Assert.Contains("1&#44;234&#46;5 on Monday&#44; December 7&#44; 2026", print.Markdown, StringComparison.Ordinal);
        Assert.Contains(modules, m => m.ModuleId == "punkte" && m.Body.Contains("1.234,5 Punkte", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TheGermanModuleForADeAtRecipient_IsTheRecipientsCulture_ByteForByteAsWithoutLang(bool compiled)
    {
        var catalog = Load(compiled, Mixed);
        var without = Load(compiled, Mixed.Replace("    lang: de\n", string.Empty, StringComparison.Ordinal));

        var text = Text(catalog, "de-AT");

        // Austrian grouping (a space, where de-DE writes 1.234,5) and the euro before the amount: the region is the
        // recipient's when the language is theirs.
        Assert.Contains("Sie haben 1\u00A0234,5 Punkte (1234,5), Stand Montag, 7. Dezember 2026, Guthaben € 1.234,50.", text, StringComparison.Ordinal);
        Assert.Equal(Text(without, "de-AT"), text);
        Assert.Equal(without.Render(without.Decide(Reader("de-AT"), "m"), Channel.Web).Body,
            catalog.Render(catalog.Decide(Reader("de-AT"), "m"), Channel.Web).Body.Replace("<p lang=\"de\">", "<p>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TheGermanModuleForAnEnChRecipient_WritesAsDeChDoes_AndForAnotherRegionOfGerman_TheRecipientsRegion(bool compiled)
    {
        var catalog = Load(compiled, Mixed.Replace("lang: de\n", "lang: de-AT\n", StringComparison.Ordinal));

        var swissEnglish = Text(catalog, "en-CH");
        var swissGerman = Text(catalog, "de-CH");

        Assert.Contains("Sie haben 1’234.5 Punkte (1234.5), Stand Montag, 7. Dezember 2026, Guthaben CHF 1’234.50.", swissEnglish, StringComparison.Ordinal);
        Assert.Contains("Sie haben 1’234.5 Punkte (1234.5), Stand Montag, 7. Dezember 2026, Guthaben CHF 1’234.50.", swissGerman, StringComparison.Ordinal);
        Assert.Contains("You have 1’234.5 points, as of Monday, 7 December 2026, balance CHF 1’234.50.", swissEnglish, StringComparison.Ordinal);
        Assert.Contains("0 article, lundi, 7 décembre 2026", swissEnglish, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AModuleWithoutLangWithinAGermanOne_IsInTheMessagesCulture_AndTheGermanOneAroundItInGerman(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            locale: en-US
            modules:
              rahmen:
                lang: de
                content: |
                  Stand {{ points | number }}.

                  {{ slot "inner" }}

                  Ende {{ points | number }}.
              inner:
                content: "Inner {{ points | number }}."
            slots:
              outer: { from: [rahmen] }
              inner: { from: [inner] }
            messages:
              m:
                body: '{{ slot "outer" }}'
            """);

        var text = Text(catalog, "en-US");

        Assert.Equal("Stand 1.234,5.\n\nInner 1,234.5.\n\nEnde 1.234,5.\n", text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ASegmentFirstReadWithinAGermanModule_IsTheRecipientsAsEverywhereElse_NotTheModulesLanguage(bool compiled)
    {
        // A segment is evaluated once per recipient, where it is first read: in a German module it was judged in German
        // ('Dezember' is not 'December'), and that answer then held for the English module after it too, while the same
        // recipient was in the segment whenever a condition had read it first, at decision time.
        var catalog = Load(compiled, """
            catalog: t
            locale: en-US
            segments:
              december: "(day | date.local 'MMMM') == 'December'"
            modules:
              gruss:
                lang: de
                content: "{{ if segment.december }}Frohe Weihnachten{{ else }}Hallo{{ end }}, {{ day | date.local 'MMMM' }}."
              greeting:
                content: "{{ if segment.december }}Merry Christmas{{ else }}Hello{{ end }}."
            slots:
              de: { from: [gruss] }
              en: { from: [greeting] }
            messages:
              m:
                body: |
                  {{ slot "de" }}

                  {{ slot "en" }}
            """);

        var text = Text(catalog, "en-US");

        Assert.Equal("Frohe Weihnachten, Dezember.\n\nMerry Christmas.\n", text);
    }

    [Fact]
    public void Trace_SaysWhichCultureAModuleInAnotherLanguageWroteIn_AndNothingMoreOfTheOthers()
    {
        var catalog = Parse(Mixed);
        var decision = catalog.Decide(Reader("en-CH"), "m");

        var json = decision.ToTraceJson();
        var text = decision.ToTraceString();

        Assert.Contains("{\"module\":\"punkte\",\"locale\":null,\"draft\":false,\"culture\":\"de-CH\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"module\":\"articles\",\"locale\":null,\"draft\":false,\"culture\":\"fr-CH\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"module\":\"points\",\"locale\":null,\"draft\":false}", json, StringComparison.Ordinal);
        Assert.Contains("✔ punkte  — ", text, StringComparison.Ordinal);
        Assert.Contains(" · written in de-CH (lang:)\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var swiss = catalog.Decide(Reader("de-CH"), "m").ToTraceString();
        Assert.Contains("written in fr-CH", swiss, StringComparison.Ordinal);
        Assert.DoesNotContain("written in de", swiss, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-150")]
    [InlineData("es-419")]
    [InlineData("en-001")]
    public void Render_MoneyInAModuleInAnotherLanguage_ForARecipientWithoutACurrency_FailsAsItDoesOutsideOne_NamingTheRecipientsCulture(string locale)
    {
        // A language alone (en), or a region with no currency of its own (Europe, Latin America, the world). For the
        // regions the error named the module's culture as the recipient's ("the recipient's culture (de) names no
        // country"), sending the author to look for a German reader; outside the module it names the recipient's.
        var catalog = Parse("""
            catalog: t
            modules:
              punkte: { lang: de, content: "Guthaben {{ balance | money }}." }
            slots:
              de: { from: [punkte] }
            messages:
              m: { body: '{{ slot "de" }}' }
            """);

        var error = Assert.Throws<RecipientException>(() => Text(catalog, locale));

        Assert.Contains($"'money' has no currency to write: the recipient's culture ({locale}) names no country.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_APolishModuleInAnEnglishCatalog_IsCheckedForPolishPluralForms()
    {
        var error = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            locale: en-US
            modules:
              pl: { lang: pl, content: "{{ n }} {{ n | string.plural 'produkt' 'produkty' }}" }
            slots:
              s: { from: [pl] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """));

        Assert.Contains(error.Diagnostics, d => d.Code == "OTO1211" && d.Message.Contains("'few'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ALangDotNetKnowsNoCultureFor_IsAWarningAtTheTag_AndTheModuleWritesInTheRecipientsCulture()
    {
        var catalog = Parse("""
            catalog: t
            modules:
              qapla: { lang: tlh, content: "{{ n | number }}" }
              alt: { lang: de-DE-1996, content: "{{ n | number }}" }
            slots:
              s: { from: [qapla] }
              a: { from: [alt] }
            messages:
              m: { body: "{{ slot 's' }}\n\n{{ slot 'a' }}" }
            """);

        var warning = Assert.Single(catalog.Warnings, static w => w.Code == DiagnosticCodes.UnknownLanguageCulture);
        Assert.Equal((3, 18), (warning.Location.Line, warning.Location.Column));
        Assert.Contains("'lang: tlh' of module 'qapla' is a language .NET knows no culture for", warning.Message, StringComparison.Ordinal);
        Assert.Equal("1,234.5\n\n1.234,5\n", catalog.Render(catalog.Decide(Person(("n", 1234.5), ("locale", "en-US")), "m"), Channel.Text).Body);
    }
}
