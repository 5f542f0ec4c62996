using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// <c>string.plural</c>: the form of a word a number takes in the recipient's language, by CLDR's cardinal rules. The
/// expected categories are written from CLDR's rules (plurals.xml, CLDR 42) and its published examples.
/// </summary>
public sealed class PluralTests
{
    [Theory]
    // English and German: one is 1 written without decimals; 1.0 and 1.5 are plural ("1.5 items").
    [InlineData("en-US", "1", "one")]
    [InlineData("en-US", "0", "other")]
    [InlineData("en-US", "2", "other")]
    [InlineData("en-US", "1.0", "other")]
    [InlineData("en-US", "1.5", "other")]
    [InlineData("de-DE", "1", "one")]
    [InlineData("de-DE", "0.5", "other")]
    [InlineData("nl-NL", "1", "one")]
    [InlineData("sv-SE", "21", "other")]
    [InlineData("fi-FI", "1", "one")]
    // Norwegian and Turkish: n = 1, so 1.0 is singular too.
    [InlineData("nb-NO", "1.0", "one")]
    [InlineData("nb-NO", "0", "other")]
    [InlineData("tr-TR", "1", "one")]
    [InlineData("tr-TR", "2", "other")]
    // Danish: 1, and decimals with a non-zero fraction below 2.
    [InlineData("da-DK", "1", "one")]
    [InlineData("da-DK", "0.5", "one")]
    [InlineData("da-DK", "1.5", "one")]
    [InlineData("da-DK", "0.0", "other")]
    [InlineData("da-DK", "2.5", "other")]
    // French: singular for 0 and 1 and decimals below 2 ("0 article", "1,5 kilo"); whole millions take 'many'.
    [InlineData("fr-FR", "0", "one")]
    [InlineData("fr-FR", "1", "one")]
    [InlineData("fr-FR", "1.5", "one")]
    [InlineData("fr-FR", "2", "other")]
    [InlineData("fr-FR", "1000000", "many")]
    [InlineData("fr-FR", "3000000", "many")]
    [InlineData("fr-FR", "1000001", "other")]
    [InlineData("fr-FR", "1000000.0", "other")]
    // Spanish: n = 1; Italian: i = 1 and v = 0; both with millions.
    [InlineData("es-ES", "1", "one")]
    [InlineData("es-ES", "1.0", "one")]
    [InlineData("es-ES", "0", "other")]
    [InlineData("es-MX", "2000000", "many")]
    [InlineData("it-IT", "1", "one")]
    [InlineData("it-IT", "1.5", "other")]
    [InlineData("it-IT", "1000000", "many")]
    // Portuguese: Brazil as French (i = 0..1), Portugal as Italian.
    [InlineData("pt-BR", "0", "one")]
    [InlineData("pt-BR", "1.5", "one")]
    [InlineData("pt-PT", "0", "other")]
    [InlineData("pt-PT", "1", "one")]
    [InlineData("pt-PT", "1.5", "other")]
    // Polish: 1; 2–4 except 12–14 (22, 23, 24); the rest of the whole numbers; decimals 'other'.
    [InlineData("pl-PL", "1", "one")]
    [InlineData("pl-PL", "2", "few")]
    [InlineData("pl-PL", "4", "few")]
    [InlineData("pl-PL", "22", "few")]
    [InlineData("pl-PL", "102", "few")]
    [InlineData("pl-PL", "0", "many")]
    [InlineData("pl-PL", "5", "many")]
    [InlineData("pl-PL", "12", "many")]
    [InlineData("pl-PL", "21", "many")]
    [InlineData("pl-PL", "112", "many")]
    [InlineData("pl-PL", "1.5", "other")]
    // Czech and Slovak: 1; 2–4; decimals 'many'; the rest 'other'.
    [InlineData("cs-CZ", "1", "one")]
    [InlineData("cs-CZ", "3", "few")]
    [InlineData("cs-CZ", "5", "other")]
    [InlineData("cs-CZ", "22", "other")]
    [InlineData("cs-CZ", "1.5", "many")]
    [InlineData("sk-SK", "1.0", "many")]
    // Russian and Ukrainian: 1, 21, 101 but not 11; 2–4, 22–24 but not 12–14; other whole numbers 'many'.
    [InlineData("ru-RU", "1", "one")]
    [InlineData("ru-RU", "21", "one")]
    [InlineData("ru-RU", "101", "one")]
    [InlineData("ru-RU", "11", "many")]
    [InlineData("ru-RU", "2", "few")]
    [InlineData("ru-RU", "24", "few")]
    [InlineData("ru-RU", "14", "many")]
    [InlineData("ru-RU", "0", "many")]
    [InlineData("ru-RU", "25", "many")]
    [InlineData("ru-RU", "111", "many")]
    [InlineData("ru-RU", "1.5", "other")]
    [InlineData("uk-UA", "31", "one")]
    [InlineData("uk-UA", "13", "many")]
    [InlineData("uk-UA", "43", "few")]
    // Arabic: 0, 1, 2; 3–10 and 11–99 by the last two digits; 100–102 'other'; decimals 'other'.
    [InlineData("ar-SA", "0", "zero")]
    [InlineData("ar-EG", "1", "one")]
    [InlineData("ar-SA", "2", "two")]
    [InlineData("ar-SA", "3", "few")]
    [InlineData("ar-SA", "10", "few")]
    [InlineData("ar-SA", "103", "few")]
    [InlineData("ar-SA", "11", "many")]
    [InlineData("ar-SA", "99", "many")]
    [InlineData("ar-SA", "111", "many")]
    [InlineData("ar-SA", "100", "other")]
    [InlineData("ar-SA", "102", "other")]
    [InlineData("ar-SA", "1.5", "other")]
    [InlineData("ar-SA", "2.0", "two")]
    // Hebrew (CLDR 42): 1, and decimals below 1; 2; the rest 'other' (20 too, once 'many').
    [InlineData("he-IL", "1", "one")]
    [InlineData("he-IL", "0.5", "one")]
    [InlineData("he-IL", "2", "two")]
    [InlineData("he-IL", "20", "other")]
    [InlineData("he-IL", "1.5", "other")]
    // Persian and Hindi: 0 and 1 and decimals below 1.
    [InlineData("fa-IR", "0", "one")]
    [InlineData("fa-IR", "0.5", "one")]
    [InlineData("fa-IR", "1", "one")]
    [InlineData("fa-IR", "1.5", "other")]
    [InlineData("hi-IN", "2", "other")]
    // One form.
    [InlineData("ja-JP", "1", "other")]
    [InlineData("zh-CN", "1", "other")]
    [InlineData("ko-KR", "1", "other")]
    [InlineData("th-TH", "1", "other")]
    // Others the library writes lists in.
    [InlineData("sl-SI", "101", "one")]
    [InlineData("sl-SI", "102", "two")]
    [InlineData("sl-SI", "3", "few")]
    [InlineData("sl-SI", "0.5", "few")]
    [InlineData("sl-SI", "5", "other")]
    [InlineData("ro-RO", "0", "few")]
    [InlineData("ro-RO", "19", "few")]
    [InlineData("ro-RO", "20", "other")]
    [InlineData("ro-RO", "101", "few")]
    [InlineData("hr-HR", "21", "one")]
    [InlineData("hr-HR", "0.1", "one")]
    [InlineData("hr-HR", "2.2", "few")]
    [InlineData("hr-HR", "11", "other")]
    [InlineData("lt-LT", "1", "one")]
    [InlineData("lt-LT", "11", "other")]
    [InlineData("lt-LT", "9", "few")]
    [InlineData("lt-LT", "0.5", "many")]
    [InlineData("lv-LV", "0", "zero")]
    [InlineData("lv-LV", "15", "zero")]
    [InlineData("lv-LV", "21", "one")]
    [InlineData("lv-LV", "0.1", "one")]
    [InlineData("lv-LV", "2", "other")]
    [InlineData("", "1", "one")]
    [InlineData("", "1.5", "other")]
    public void Select_GivesCldrsCategory(string culture, string number, string expected)
    {
        var rules = PluralRules.For(CultureInfo.GetCultureInfo(culture))!;

        Assert.Equal(expected, TextFunctions.Name(rules.Select(decimal.Parse(number, CultureInfo.InvariantCulture))));
    }

    public static TheoryData<string> Languages() => new(PluralRules.Languages);

    /// <summary>The numbers an error names for a category take that category: the error does not mislead.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void ExamplesOf_TakeTheirCategory(string language)
    {
        var rules = PluralRules.For(language)!;
        foreach (var category in rules.Categories)
        {
            foreach (var example in rules.ExamplesOf(category).Split(", "))
            {
                if (example != "…")
                {
                    Assert.True(category == rules.Select(decimal.Parse(example, CultureInfo.InvariantCulture)), $"{language}: {example} is {rules.Select(decimal.Parse(example, CultureInfo.InvariantCulture))}, not {category}");
                }
            }
        }
    }

    /// <summary>Every number, whole or with decimals, takes exactly one category its language uses, and every language has 'other'.</summary>
    [Property(MaxTest = 2000)]
    public Property Select_TakesACategoryTheLanguageUses() =>
        Prop.ForAll(
            (from language in Gen.Elements(PluralRules.Languages.ToArray())
             from whole in Gen.OneOf(Gen.Choose(0, 200), Gen.Choose(0, int.MaxValue))
             from scale in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
             from fraction in Gen.Choose(0, 9999)
             select (language, whole, scale, fraction)).ToArbitrary(),
            static sample =>
            {
                var (language, whole, scale, fraction) = sample;
                var rules = PluralRules.For(language)!;
                var number = new decimal(whole, 0, 0, false, 0) + new decimal(scale == 0 ? 0 : fraction % (int)Math.Pow(10, scale), 0, 0, false, (byte)scale);
                if (scale > 0 && number.Scale < scale)
                {
                    number = decimal.Parse(number.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                }

                return (rules.Categories.Contains(PluralCategory.Other) && rules.Categories.Contains(rules.Select(number)) && rules.Select(-number) == rules.Select(number))
                    .Label($"{language} {number}");
            });

    private static string Text(bool compiled, string body, string recipient)
    {
        var catalog = LoadBody(compiled, body);
        return catalog.Render(catalog.Decide(Json(recipient), "m"), Channel.Text).Body.Trim();
    }

    private const string Polish = "{{ n }} {{ n | string.plural one: \"produkt\" few: \"produkty\" many: \"produktów\" other: \"produktu\" }}";

    [Theory]
    [InlineData(true, "1", "en-US", "{{ n }} {{ n | string.plural one: \"item\" other: \"items\" }}", "1 item")]
    [InlineData(false, "1.5", "en-US", "{{ n }} {{ n | string.plural one: \"item\" other: \"items\" }}", "1.5 items")]
    [InlineData(false, "1.0", "en-US", "{{ n }} {{ n | string.plural \"item\" \"items\" }}", "1.0 items")]
    [InlineData(true, "0", "fr-FR", "{{ n }} {{ n | string.plural \"article\" \"articles\" many: \"d'articles\" }}", "0 article")]
    [InlineData(false, "2", "fr-FR", "{{ n }} {{ n | string.plural \"article\" \"articles\" many: \"d'articles\" }}", "2 articles")]
    [InlineData(true, "3000000", "fr-FR", "{{ n }} {{ n | string.plural \"article\" \"articles\" many: \"d'articles\" }}", "3000000 d'articles")]

    // French, Spanish, Italian, Catalan and Portuguese 'many' (whole millions) is not asked for: without it, 'other'.
    [InlineData(false, "0", "fr-FR", "{{ n }} {{ n | string.plural \"article\" \"articles\" }}", "0 article")]
    [InlineData(true, "3000000", "fr-FR", "{{ n }} {{ n | string.plural \"article\" \"articles\" }}", "3000000 articles")]
    [InlineData(false, "1000000", "es-ES", "{{ n }} {{ n | string.plural one: \"artículo\" other: \"artículos\" }}", "1000000 artículos")]
    [InlineData(false, "1", "pl-PL", Polish, "1 produkt")]
    [InlineData(true, "3", "pl-PL", Polish, "3 produkty")]
    [InlineData(false, "5", "pl-PL", Polish, "5 produktów")]
    [InlineData(false, "22", "pl-PL", Polish, "22 produkty")]
    [InlineData(true, "\"1.5\"", "pl-PL", Polish, "1.5 produktu")]
    [InlineData(false, "2", "ja-JP", "{{ n }} {{ n | string.plural other: \"点\" }}", "2 点")]
    public void Render_Plural_WritesTheFormTheNumberTakesInTheRecipientsLanguage(bool compiled, string n, string locale, string body, string expected)
    {
        Assert.Equal(expected, Text(compiled, body, $$"""{"id":"r1","n":{{n}},"locale":"{{locale}}"}"""));
    }

    [Fact]
    public void Render_PluralLackingAFormTheLanguageUses_NamesRecipientModuleCategoryAndNumbers()
    {
        var catalog = Parse("""
            catalog: t
            modules:
              cart:
                content: "You have {{ n }} {{ n | string.plural one: \"item\" other: \"items\" }}."
            slots:
              main: { from: [cart] }
            messages:
              m:
                body: "{{ slot \"main\" }}"
            """);

        // 5 takes 'many', which is missing too: every form Polish uses is asked for, whatever the number.
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"kowalski","n":1,"locale":"pl-PL"}"""), "m"), Channel.Text));

        Assert.Contains("kowalski", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cart", ex.Message, StringComparison.Ordinal);
        Assert.Contains(
            "'string.plural' needs every form the recipient's language uses (pl-PL: one, few, many, other), but is given no 'few' (for 2, 3, 4, 22, 23, 24, …) and 'many' (for 0, 5, 11, 12, 21, 25, …). Give them by name: '{{ n | string.plural one: \"…\" few: \"…\" many: \"…\" other: \"…\" }}'.",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PluralInALanguageWithoutRules_SaysWhatToDo()
    {
        var ex = Assert.Throws<RecipientException>(() => Text(false, "{{ n | string.plural \"a\" \"b\" }}", """{"id":"r1","n":2,"locale":"sw-KE"}"""));

        Assert.Contains("'string.plural' knows no plural rules for the recipient's language (sw-KE)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PluralOfText_SaysItNeedsANumber()
    {
        var ex = Assert.Throws<RecipientException>(() => Text(false, "{{ n | string.plural \"a\" \"b\" }}", """{"id":"r1","n":"many","locale":"en-US"}"""));

        Assert.Contains("'string.plural' needs a number, but got 'many'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A locale variant whose 'string.plural' lacks a form its language uses fails loading at the call, not each recipient who gets it.</summary>
    [Fact]
    public void Load_VariantLackingAFormItsLanguageUses_IsOTO1211AtTheCall()
    {
        var ex = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            modules:
              cart:
                content: "You have {{ n }} {{ n | string.plural one: \"item\" other: \"items\" }}."
                locales:
                  fr: "Vous avez {{ n }} {{ n | string.plural \"article\" \"articles\" many: \"d'articles\" }}."
                  pl: "Masz {{ n }} {{ n | string.plural one: \"produkt\" other: \"produktu\" }}."
                  cs: "Máte {{ n }} {{ string.plural n \"položku\" \"položek\" few: \"položky\" many: \"položky\" }}."
            slots:
              main: { from: [cart] }
            messages:
              m:
                body: "{{ slot \"main\" }}"
                locales: { ar: { subject: "{{ n | string.plural other: \"x\" }}" } }
            """));

        Assert.Equal(["catalog.yaml(7,32) OTO1211", "catalog.yaml(14,39) OTO1211"], ex.Diagnostics.Select(static d => $"{d.Location.File}({d.Location.Line},{d.Location.Column}) {d.Code}"));
        Assert.Contains(
            "In 'content' of locale 'pl' of module 'cart': 'string.plural' is given no 'few' (for 2, 3, 4, 22, 23, 24, …) and 'many' (for 0, 5, 11, 12, 21, 25, …), which pl uses, so every recipient who gets this text would be rejected. Give every form the language uses by name: '{{ n | string.plural one: \"…\" few: \"…\" many: \"…\" other: \"…\" }}'.",
            ex.Diagnostics[0].Message,
            StringComparison.Ordinal);
        Assert.Contains("'zero' (for 0) and 'one' (for 1) and 'two' (for 2) and 'few' (for 3, 10, 103, …) and 'many' (for 11, 99, 111, …), which ar uses", ex.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    private const string EnglishCatalog = """
        catalog: t
        locale: en-US
        modules:
          cart:
            content: "You have {{ n }} {{ n | string.plural one: \"item\" other: \"items\" }}: {{ likes | array.to_sentence }}."
            locales:
              pl: "Masz {{ n }} {{ n | string.plural one: \"produkt\" few: \"produkty\" many: \"produktów\" other: \"produktu\" }}: {{ likes | array.to_sentence }}."
        slots:
          main: { from: [cart] }
        messages:
          m:
            subject: "{{ n }} {{ n | string.plural \"item\" \"items\" }}"
            body: "{{ slot \"main\" }}"
        """;

    /// <summary>
    /// The grammar of a text's words is the text's language's: a Czech or German recipient of the catalog's English
    /// default text was rejected for the Czech forms English has not, or read "2 items: a und b" in an English sentence.
    /// </summary>
    [Theory]
    [InlineData(true, "cs-CZ", "You have 2 items: beer, wine, and cider.")]
    [InlineData(false, "cs-CZ", "You have 2 items: beer, wine, and cider.")]
    [InlineData(true, "de-DE", "You have 2 items: beer, wine, and cider.")]
    [InlineData(false, "de-DE", "You have 2 items: beer, wine, and cider.")]
    [InlineData(true, "pl-PL", "Masz 2 produkty: beer, wine i cider.")]
    [InlineData(false, "pl-PL", "Masz 2 produkty: beer, wine i cider.")]
    public void Render_DefaultTextForARecipientOfAnotherLanguage_TakesTheGrammarOfTheTextsLanguage(bool compiled, string locale, string expected)
    {
        var catalog = Load(compiled, EnglishCatalog);
        var decision = catalog.Decide(Json($$"""{"id":"r1","n":2,"likes":["beer","wine","cider"],"locale":"{{locale}}"}"""), "m");

        var message = catalog.Render(decision, Channel.Text);

        Assert.Equal(expected, message.Body.Trim());
        Assert.Equal("2 items", message.Subject);
    }

    /// <summary>
    /// A precompiled plan's 'if' took its condition in the recipient's language while the general path took the text's:
    /// a German recipient of the English default text got the other branch ("recipient grammar") on the plan alone.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AConditionOnTheTextsGrammar_TakesTheTextsLanguageOnEveryPath(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            locale: en-GB
            modules:
              cart: "{{ if (likes | array.to_sentence) == 'beer and wine' }}English grammar{{ else }}recipient grammar{{ end }}, {{ n | string.plural 'item' 'items' }}."
            slots:
              main: { from: [cart] }
            messages:
              m:
                body: "{{ if (likes | array.to_sentence) == 'beer and wine' }}English{{ else }}recipient's{{ end }}: {{ slot \"main\" }}"
            """);
        var decision = catalog.Decide(Json("""{"id":"r1","n":2,"likes":["beer","wine"],"locale":"de-DE"}"""), "m");

        Assert.Equal("English: English grammar, items.", catalog.Render(decision, Channel.Text).Body.Trim());
        Assert.Equal("<p>English: English grammar, items.</p>", catalog.Render(decision, Channel.Web).Body.Trim());
    }

    /// <summary>The catalog's default texts are written in its 'locale:', so they are checked against it at load as a variant is against its own.</summary>
    [Fact]
    public void Load_DefaultTextLackingAFormOfTheCatalogsLocale_IsOTO1211AtTheCall()
    {
        var ex = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            locale: pl-PL
            modules:
              cart: "Masz {{ n }} {{ n | string.plural one: \"produkt\" other: \"produktu\" }}."
            slots:
              main: { from: [cart] }
            messages:
              m:
                body: "{{ slot \"main\" }}"
            """));

        var error = Assert.Single(ex.Diagnostics);
        Assert.Equal("catalog.yaml(4,30) OTO1211", $"{error.Location.File}({error.Location.Line},{error.Location.Column}) {error.Code}");
        Assert.Contains("is given no 'few' (for 2, 3, 4, 22, 23, 24, …) and 'many' (for 0, 5, 11, 12, 21, 25, …), which pl-PL uses", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A 'string.plural' call whose result is piped on ('{{ string.plural n "a" "b" | string.upcase }}') was not checked:
    /// its parent is a pipe, which the finder took for a call piped into, so the catalog loaded and every Polish recipient was rejected.
    /// </summary>
    [Fact]
    public void Load_ACallWhoseResultIsPipedOn_LackingAForm_IsOTO1211AtTheCall()
    {
        var ex = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            locale: pl-PL
            modules:
              cart: "{{ string.plural n \"produkt\" \"produktu\" | string.upcase }} {{ n | string.plural one: \"a\" other: \"b\" | string.upcase }}"
            slots:
              main: { from: [cart] }
            messages:
              m:
                body: "{{ slot \"main\" }}"
            """));

        Assert.Equal(
            ["catalog.yaml(4,13) OTO1211", "catalog.yaml(4,80) OTO1211"],
            ex.Diagnostics.Select(static d => $"{d.Location.File}({d.Location.Line},{d.Location.Column}) {d.Code}").Order(StringComparer.Ordinal));
    }
}
