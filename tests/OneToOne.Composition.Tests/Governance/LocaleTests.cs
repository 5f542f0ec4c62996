using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Governance;

public sealed class LocaleTests
{
    private static readonly Catalog Greetings = Parse("""
        catalog: greetings
        locale: en-US
        modules:
          hello:
            content: "Hello {{ name }}"
            locales:
              de: "Hallo {{ name }}"
              de-AT:
                content: "Servus {{ name }}"
                text: "Servus (Text) {{ name }}"
              fr: { html: "<p>Bonjour {{ name }}</p>" }
        slots:
          hero: { from: [hello] }
        messages:
          m:
            subject: "Your news"
            locales:
              de: { subject: "Deine Neuigkeiten" }
            body: '{{ slot "hero" }}'
        """);

    private static readonly Catalog Letters = Parse("""
        catalog: letters
        locale: en-US
        modules:
          hello: "Hello {{ name }}"
        slots:
          hero: { from: [hello] }
        messages:
          m:
            subject: "Your news"
            email:
              preheader: "{{ name }}, this month's news"
            locales:
              de: { subject: "Deine Neuigkeiten", preheader: "{{ name }}, die Neuigkeiten des Monats" }
              de-CH: { preheader: "{{ name }}, d Neuigkeite vom Monet" }
              fr: { subject: "Vos nouvelles" }
            body: '{{ slot "hero" }}'
        """);

    [Theory]
    [InlineData("de-AT", "Ana, die Neuigkeiten des Monats", "Deine Neuigkeiten")]
    [InlineData("de-CH", "Ana, d Neuigkeite vom Monet", "Deine Neuigkeiten")]
    [InlineData("fr-FR", "Ana, this month's news", "Vos nouvelles")]
    [InlineData("en-US", "Ana, this month's news", "Your news")]
    public void RenderEmail_ThePreheaderFollowsTheLocale_ApartFromTheSubject(string locale, string preheader, string subject)
    {
        var decision = Letters.Decide(Person(("id", "a"), ("name", "Ana"), ("locale", locale)), "m");

        var email = Letters.RenderEmail(decision);

        Assert.Equal((preheader, subject), (email.Preheader, email.Subject));
    }

    [Fact]
    public void Analyze_AMessageWithoutAPreheaderForALocaleItTranslatesInto_IsReported()
    {
        var catalog = Parse("""
            catalog: t
            locale: en-US
            modules:
              hello: { content: "Hello", locales: { de: "Hallo" } }
            slots:
              hero: { from: [hello] }
            messages:
              m:
                subject: "News"
                email: { preheader: "This month" }
                locales: { de: { subject: "Neues" } }
                body: '{{ slot "hero" }}'
            """);

        var finding = Assert.Single(catalog.Analyze().Findings, static f => f.Code == DiagnosticCodes.MissingTranslation);

        Assert.StartsWith("Message 'm' has no email preheader for de: those recipients see the default preheader", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ASegmentReadOnlyInALocalesSubject_IsNotUnused()
    {
        var catalog = Parse("""
            catalog: t
            segments:
              gold: tier == "gold"
            modules:
              hello: "Hello"
            slots:
              hero: { from: [hello] }
            messages:
              m:
                subject: "News"
                locales: { de: { subject: "{{ if segment.gold }}Gold: {{ end }}Neues" } }
                body: '{{ slot "hero" }}'
            """);

        Assert.DoesNotContain(catalog.Analyze().Findings, static f => f.Code == DiagnosticCodes.UnusedSegment);
    }

    [Theory]
    [InlineData("de-AT", "Servus Ana")]
    [InlineData("de_AT", "Servus Ana")]
    [InlineData("DE_at", "Servus Ana")]
    [InlineData("de-DE", "Hallo Ana")]
    [InlineData("de-CH", "Hallo Ana")]
    [InlineData("de", "Hallo Ana")]
    [InlineData("en-GB", "Hello Ana")]
    [InlineData(null, "Hello Ana")]
    public void Render_PicksTheVariant_FallingBackFromRegionToLanguageToDefault(string? locale, string expected)
    {
        var decision = Greetings.Decide(Person(("id", "a"), ("name", "Ana"), ("locale", locale)), "m");

        Assert.Equal($"<p>{expected}</p>", Greetings.Render(decision, Channel.Web).Body.Trim());
    }

    [Fact]
    public void Load_UnderscoreLocales_AreReadAsCultureNames()
    {
        var catalog = Parse("""
            catalog: t
            locale: de_DE
            modules:
              hi:
                content: "Hi {{ 1234.5 | number 1 }}"
                locales: { pt_BR: "Oi" }
            slots:
              s: { from: [hi] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        Assert.Equal("Oi", catalog.Render(catalog.Decide(Person(("id", "b"), ("locale", "pt-BR")), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Hi 1.234,5", catalog.Render(catalog.Decide(Person(("id", "u")), "m"), Channel.Text).Body.Trim());
    }

    [Fact]
    public void Render_VariantOverridesOneChannel_KeepsTheDefaultForTheOthers()
    {
        var austria = Greetings.Decide(Person(("id", "a"), ("name", "Ana"), ("locale", "de-AT")), "m");
        var france = Greetings.Decide(Person(("id", "f"), ("name", "Luc"), ("locale", "fr-FR")), "m");

        Assert.Equal("Servus (Text) Ana", Greetings.Render(austria, Channel.Text).Body.Trim());
        Assert.Equal("<p>Bonjour Luc</p>", Greetings.Render(france, Channel.Web).Body.Trim());
        Assert.Equal("Hello Luc", Greetings.Render(france, Channel.Text).Body.Trim());
    }

    [Fact]
    public void Render_ATextARegionsVariantLeavesOut_ComesFromItsLanguagesVariant_BeforeTheModulesOwn()
    {
        // de-AT gave only a text override, so an Austrian's web page and print piece came from the module's English
        // content while a German's came from the de variant: "Hello" beside "Servus (Text)".
        var catalog = Parse("""
            catalog: t
            locale: en-US
            modules:
              a:
                content: "Hello"
                print: "Hello (print)"
                locales:
                  de: { content: "Hallo", print: "Hallo (Druck)" }
                  de-AT: { text: "Servus (Text)" }
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var austria = catalog.Decide(Person(("id", "a"), ("locale", "de-AT")), "m");

        Assert.Equal("<p>Hallo</p>", catalog.Render(austria, Channel.Web).Body.Trim());
        Assert.Equal("Servus (Text)", catalog.Render(austria, Channel.Text).Body.Trim());
        Assert.Equal("Hallo (Druck)", catalog.Render(austria, Channel.Print).Body.Trim());
        Assert.Equal("<p>Hello</p>", catalog.Render(catalog.Decide(Person(("id", "u"), ("locale", "en-GB")), "m"), Channel.Web).Body.Trim());
    }

    [Fact]
    public void Render_AVariantsOwnContent_WinsOverTheChannelTextsOfTheVariantsItFallsBackTo()
    {
        // de-AT gives its content; de gives html, text and print. The Austrian's web page, text and print piece came
        // from de ("Hallo") while only what de left out said "Servus"; and a German's print piece (de gives content)
        // came from the module's English print text.
        var catalog = Parse("""
            catalog: t
            locale: en-US
            modules:
              a:
                content: "Hello"
                print: "Hello (print)"
                locales:
                  de: { content: "Hallo", html: "<p>Hallo (Web)</p>", text: "Hallo (Text)" }
                  de-AT: { content: "Servus" }
                  fr: { content: "Bonjour" }
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var austria = catalog.Decide(Person(("id", "a"), ("locale", "de-AT")), "m");
        var germany = catalog.Decide(Person(("id", "g"), ("locale", "de-DE")), "m");
        var france = catalog.Decide(Person(("id", "f"), ("locale", "fr-FR")), "m");

        Assert.Equal("<p>Servus</p>", catalog.Render(austria, Channel.Web).Body.Trim());
        Assert.Equal("Servus", catalog.Render(austria, Channel.Text).Body.Trim());
        Assert.Equal("Servus", catalog.Render(austria, Channel.Print).Body.Trim());
        Assert.Equal("<p>Hallo (Web)</p>", catalog.Render(germany, Channel.Web).Body.Trim());
        Assert.Equal("Hallo (Text)", catalog.Render(germany, Channel.Text).Body.Trim());
        Assert.Equal("Hallo", catalog.Render(germany, Channel.Print).Body.Trim());
        Assert.Equal("Bonjour", catalog.Render(france, Channel.Print).Body.Trim());
    }

    [Fact]
    public void Render_MessageSubject_FollowsTheLocaleToo()
    {
        var austria = Greetings.Decide(Person(("id", "a"), ("name", "Ana"), ("locale", "de-AT")), "m");
        var us = Greetings.Decide(Person(("id", "u"), ("name", "Al"), ("locale", "en-US")), "m");

        Assert.Equal("Deine Neuigkeiten", Greetings.Render(austria, Channel.Text).Subject);
        Assert.Equal("Your news", Greetings.Render(us, Channel.Text).Subject);
    }

    [Theory]
    [InlineData("de-DE", "Europe/Berlin", "1.234,50 €|1.234.567,5|23.11.2026|24.11.2026 00:30")]
    [InlineData("en-US", "America/New_York", "€1,234.50|1,234,567.5|11/23/2026|11/23/2026 6:30 PM")]
    [InlineData("en-US", null, "€1,234.50|1,234,567.5|11/23/2026|11/23/2026 11:30 PM")]
    public void Render_MoneyNumberDate_UseTheRecipientsCultureAndTimeZone(string locale, string? zone, string expected)
    {
        var catalog = Parse("""
            catalog: fmt
            modules:
              a: { text: "{{ price | money 'EUR' }}|{{ n | number }}|{{ day | date.local }}|{{ at | date.local 'g' }}", content: x }
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var recipient = Person(("id", "r"), ("locale", locale), ("time_zone", zone), ("price", 1234.5m), ("n", 1234567.5), ("day", "2026-11-23"), ("at", "2026-11-23T23:30:00Z"));

        var text = catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();

        Assert.Equal(expected, text.Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData("2026-12-24T23:30:00", "24.12.2026 23:30")]
    [InlineData("2026-12-24 23:30", "24.12.2026 23:30")]
    [InlineData("2026-12-24T23:30:00Z", "25.12.2026 00:30")]
    [InlineData("2026-12-24T23:30:00-05:00", "25.12.2026 05:30")]
    public void Render_DateLocal_ShiftsInstantsButNotTimesOnTheRecipientsClock(string at, string expected)
    {
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: '{{ at | date.local "dd.MM.yyyy HH:mm" }}' }
            """);

        var text = catalog.Render(catalog.Decide(Person(("id", "r"), ("locale", "de-DE"), ("time_zone", "Europe/Berlin"), ("at", at)), "m"), Channel.Text).Body.Trim();

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Render_DateLocal_ADateTimeOfNoKindIsOnTheRecipientsClock_AUtcOneIsShifted()
    {
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: '{{ at | date.local "dd.MM.yyyy HH:mm" }}' }
            """);
        string Render(DateTime at) => catalog.Render(catalog.Decide(Person(("id", "r"), ("time_zone", "Europe/Berlin"), ("at", at)), "m"), Channel.Text).Body.Trim();

        Assert.Equal("24.12.2026 23:30", Render(new DateTime(2026, 12, 24, 23, 30, 0, DateTimeKind.Unspecified)));
        Assert.Equal("25.12.2026 00:30", Render(new DateTime(2026, 12, 24, 23, 30, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("Dec 1 2026")]
    [InlineData("24.12.2026")]
    public void Render_DateLocal_ADateNotInYearMonthDayOrder_FailsTheRecipient(string at)
    {
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: '{{ at | date.local }}' }
            """);

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r"), ("at", at)), "m"), Channel.Text));

        Assert.Contains("year-month-day", error.Message, StringComparison.Ordinal);
        Assert.Contains($"but got '{at}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Money_WithoutCurrency_UsesTheCulturesOwn_AndDateStaysScribansObject()
    {
        var catalog = Parse("""
            catalog: fmt
            modules:
              a: { text: "{{ price | money }}|{{ '2026-01-05' | date.parse | date.to_string '%Y' }}", content: x }
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var text = catalog.Render(catalog.Decide(Person(("id", "r"), ("locale", "en-GB"), ("price", 5)), "m"), Channel.Text).Body.Trim();

        Assert.Equal("£5.00|2026", text);
    }

    [Theory]
    [InlineData("ja-JP", "USD", "USD 1,234.50")]
    [InlineData("en-US", "CAD", "CAD 1,234.50")]
    [InlineData("en-CA", "USD", "USD 1,234.50")]
    [InlineData("de-DE", "AUD", "1.234,50 AUD")]
    [InlineData("en-US", "JPY", "JPY 1,235")]
    [InlineData("en-US", "CHF", "CHF 1,234.50")]
    [InlineData("de-DE", "CHF", "1.234,50 CHF")]
    [InlineData("en-US", "INR", "₹1,234.50")]
    [InlineData("ja-JP", "EUR", "€1,234.50")]
    [InlineData("ja-JP", "CNY", "CNY 1,234.50")]
    [InlineData("en-US", "USD", "$1,234.50")]
    [InlineData("en-CA", "CAD", "$1,234.50")]
    public void Render_Money_AnotherCurrencyKeepsItsMinorUnits_AndASymbolOtherCurrenciesShareIsWrittenAsTheCode(string locale, string currency, string expected)
    {
        // A dollar amount in Japan came out as "$1,235" (the yen's no decimals: the amount changed), and CAD in the
        // US as "$1,234.50" (read as US dollars).
        var catalog = Parse($$$"""
            catalog: fmt
            messages:
              m: { body: "{{ price | money '{{{currency}}}' }}" }
            """);

        var text = catalog.Render(catalog.Decide(Person(("id", "r"), ("locale", locale), ("price", 1234.5m)), "m"), Channel.Text).Body.Trim();

        Assert.Equal(expected, text.Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData("ar-SA", "١٢٬٣٤٥٫٥٠ ر.س.\u200F|١٬٢٣٤٬٥٦٧|الخميس، ١٥ رجب ١٤٤٨ بعد الهجرة|١٥\u200F\u200F/٧\u200F\u200F/١٤٤٨ بعد الهجرة")]
    [InlineData("ar-EG", "١٢٬٣٤٥٫٥٠ ج.م.\u200F|١٬٢٣٤٬٥٦٧|الخميس، ٢٤ ديسمبر ٢٠٢٦|٢٤\u200F\u200F/١٢\u200F\u200F/٢٠٢٦")]
    [InlineData("fa-IR", "ریال۱۲٬۳۴۶|۱٬۲۳۴٬۵۶۷|۱۴۰۵ دی ۳, پنجشنبه|۱۴۰۵/۱۰/۳")]
    [InlineData("ar-AE", "12,345.50 د.إ.\u200F|1,234,567|الخميس، 24 ديسمبر 2026|24\u200F\u200F/12\u200F\u200F/2026")]
    [InlineData("th-TH", "฿12,345.50|1,234,567|วันพฤหัสบดีที่ 24 ธันวาคม พ.ศ. 2569|24/12/2569")]
    [InlineData("he-IL", "12,345.50 ₪|1,234,567|יום חמישי, 24 בדצמבר 2026|24.12.2026")]
    [InlineData("ja-JP", "￥12,346|1,234,567|2026年12月24日木曜日|2026/12/24")]
    [InlineData("zh-CN", "¥12,345.50|1,234,567|2026年12月24日星期四|2026/12/24")]
    public void Render_MoneyNumberAndDate_InACultureWithArabicSeparators_AreWrittenInItsOwnDigits_OthersIn0To9(string locale, string expected)
    {
        // ar-SA wrote "12٬345٫50 ر.س." and "15 رجب 1448": 0-9 with the Arabic separators, a mixture no reader writes.
        // The culture's calendar stays: Umm al-Qura in ar-SA, the Buddhist era in th-TH (2569 is 2026).
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: "{{ total | money }}|{{ points | number }}|{{ due | date.local 'D' }}|{{ due }}" }
            """);

        var recipient = Person(("id", "r"), ("locale", locale), ("total", 12345.5m), ("points", 1234567), ("due", new DateOnly(2026, 12, 24)));
        var text = catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();

        Assert.Equal(expected, text.Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData("2026-12-24", "f", "which writes a time, but 2026-12-24 is a plain date")]
    [InlineData("2026-12-24", "dd.MM.yyyy HH:mm", "which writes a time, but 2026-12-24 is a plain date")]
    [InlineData("2026-12-24T10:00:00Z", "Q", "which is not a .NET date format")]
    [InlineData("2026-12-24", "Q", "which is not a .NET date format")]
    public void Render_DateLocal_AFormatTheValueCannotTake_FailsTheRecipientSayingWhy(string at, string format, string expected)
    {
        // Both failed with .NET's "Input string was not in a correct format.", which names neither the format nor the date.
        var catalog = Parse($$$"""
            catalog: fmt
            messages:
              m: { body: "{{ at | date.local '{{{format}}}' }}" }
            """);

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r"), ("locale", "de-DE"), ("at", at)), "m"), Channel.Text));

        Assert.Contains($"'date.local' got the format '{format}', {expected}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Input string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("de")]
    public void Render_Money_WithNeitherCurrencyNorACountry_FailsTheRecipientInsteadOfPrintingTheGenericSign(string? locale)
    {
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: '{{ price | money }}' }
            """);
        var fields = locale is null ? new[] { ("id", (object?)"r"), ("price", (object?)5) } : [("id", "r"), ("price", 5), ("locale", locale)];

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(fields), "m"), Channel.Text));

        Assert.Contains("'money' has no currency to write", error.Message, StringComparison.Ordinal);
        Assert.Equal("€5.00", catalog.Render(catalog.Decide(Person(("id", "r"), ("price", 5), ("locale", "en-IE")), "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData(true, "{{ due | date.local }}", "'date' needs an ISO 8601 date such as", "but got '01.02.2027'. It reads 'due' (text): correct the recipient data")]
    [InlineData(false, "{{ due | date.local \"D\" }}", "'date' needs an ISO 8601 date such as", "but got '01.02.2027'. It reads 'due' (text): correct the recipient data")]
    [InlineData(true, "Total: {{ amount | money }}", "'money' needs a number, but got '1.234,50 EUR'", "(1,234.5 or 1.234,5) or with a space (1 234,5). It reads 'amount' (text): correct the recipient data")]
    [InlineData(false, "{{ amount | number 2 }}", "'number' needs a number, but got '1.234,50 EUR'", "(1,234.5 or 1.234,5) or with a space (1 234,5). It reads 'amount' (text): correct the recipient data")]
    public void Render_TextThatIsNoDateOrNumber_NamesTheFieldItCameFrom(bool compiled, string body, string problem, string field)
    {
        // The error quoted the value and said "Fix the recipient's value", but not which of the recipient's fields held it.
        var catalog = LoadBody(compiled, body);

        var error = Assert.Throws<RecipientException>(() => catalog.Render(
            catalog.Decide(Person(("id", "r"), ("locale", "de-DE"), ("due", "01.02.2027"), ("amount", "1.234,50 EUR")), "m"), Channel.Text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("money", "500,00", "500,00 €")]
    [InlineData("number", "1,5", "1,5")]
    [InlineData("money", "1,234.50", "1.234,50 €")]
    [InlineData("money", "1.234,50", "1.234,50 €")]
    [InlineData("number", "-1,234,567", "-1.234.567")]
    [InlineData("number", "1.234.567,8", "1.234.567,8")]
    [InlineData("money", "1.234", "1,23 €")]
    public void Render_MoneyOrNumberOfText_ReadsItAsItReadsOneWayOnly_NeverTakingADecimalCommaForGrouping(string function, string text, string expected)
    {
        // A German spreadsheet's "500,00" (a decimal comma) was once read with grouping allowed: 50,000.00 € in the letter;
        // then grouped amounts ("1,234.50", "1.234,50") failed the recipient. "1.234" stays 1.234: '.' alone is a decimal point.
        var catalog = Parse("catalog: fmt\nlocale: de-DE\nmessages:\n  m: { body: '{{ price | " + function + " }}' }\n");

        Assert.Equal(expected, catalog.Render(catalog.Decide(Person(("id", "r"), ("price", text)), "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData("1,234", "which reads as 1234 with ',' grouping thousands and as 1.234 with ',' as the decimal point. Write it without grouping: 1234 or 1.234.")]
    [InlineData("-12,500", "which reads as -12500 with ',' grouping thousands and as -12.500 with ',' as the decimal point. Write it without grouping: -12500 or -12.500.")]
    [InlineData("12,34,567", ". Numbers in recipient data are written as 1234.5, or grouped in thousands with the other mark as the decimal point (1,234.5 or 1.234,5) or with a space (1 234,5).")]
    [InlineData("1,234.5.6", ". Numbers in recipient data are written as 1234.5")]
    [InlineData("1.234,", ". Numbers in recipient data are written as 1234.5")]
    [InlineData("0,123,456", ". Numbers in recipient data are written as 1234.5")]
    public void Render_MoneyOfTextThatReadsTwoWaysOrNone_FailsTheRecipient_SayingWhy(string text, string why)
    {
        var catalog = Parse("catalog: fmt\nlocale: de-DE\nmessages:\n  m: { body: '{{ price | money }}' }\n");

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r"), ("price", text)), "m"), Channel.Text));

        Assert.Contains($"'money' needs a number, but got '{text}'{(why.StartsWith('.') ? "" : ", ")}{why}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("locale", 5, "the recipient's locale is a number, not a culture name")]
    [InlineData("locale", true, "the recipient's locale is true or false, not a culture name")]
    [InlineData("time_zone", 1, "the recipient's time_zone is a number, not a time zone")]
    public void Render_ALocaleOrTimeZoneThatIsNotText_FailsTheRecipient_InsteadOfFallingBackSilently(string field, object value, string expected)
    {
        // Both read as missing: a recipient with 'locale: 5' got the catalog's en-US, and one with 'time_zone: 1' its
        // instants in UTC, without a word (the money error even said "no locale field").
        var catalog = Parse("""
            catalog: fmt
            locale: en-US
            messages:
              m: { body: '{{ at | date.local "g" }}' }
            """);

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r"), (field, value), ("at", "2026-11-23T10:00:00Z")), "m"), Channel.Text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("11/23/2026 10:00 AM", catalog.Render(catalog.Decide(Person(("id", "r"), (field, null), ("at", "2026-11-23T10:00:00Z")), "m"), Channel.Text).Body.Trim().Replace('\u202F', ' '));
    }

    [Fact]
    public void Render_UnknownTimeZone_FailsTheRecipientNamingTheField()
    {
        var catalog = Parse("""
            catalog: fmt
            modules:
              a: "{{ at | date.local }}"
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r"), ("time_zone", "Mars/Olympus"), ("at", "2026-11-23T10:00:00Z")), "m"), Channel.Web));

        Assert.Contains("time_zone 'Mars/Olympus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyDistinctTimeZonesFromData_DoNotGrowTheLookupCacheWithoutBound()
    {
        var catalog = Parse("""
            catalog: fmt
            messages:
              m: { body: '{{ at | date.local "yyyy-MM-dd HH:mm" }}' }
            """);
        var cache = (System.Collections.ICollection)typeof(CompositionOptions).Assembly.GetType("OneToOne.Composition.Runtime.CultureFunctions")!
            .GetField("TimeZones", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        string Render(string zone) => catalog.Render(catalog.Decide(Person(("id", "r"), ("time_zone", zone), ("at", "2026-11-23T10:00:00Z")), "m"), Channel.Text).Body.Trim();

        for (var i = 0; i < 1100; i++)
        {
            Assert.Throws<RecipientException>(() => Render($"Mars/Crater{i}"));
        }

        Assert.InRange(cache.Count, 1, 1024);
        Assert.Equal("2026-11-23 11:00", Render("Europe/Berlin"));
        Assert.Throws<RecipientException>(() => Render("Mars/Crater7"));
    }

    [Theory]
    [InlineData("modules:\n  a:\n    content: x\n    locales:\n      ‸xx-notaculture: y\n", DiagnosticCodes.InvalidValue)]
    [InlineData("modules:\n  a:\n    content: x\n    locales:\n      de: { ‸subject: y }\n", DiagnosticCodes.UnknownKey)]
    [InlineData("modules:\n  a:\n    content: '{{ slot \"s\" }}'\n    locales:\n      ‸de: 'no slot'\n  b: x\nslots:\n  s: { from: [b] }\n", DiagnosticCodes.LocaleSlotsDiffer)]
    [InlineData("modules:\n  a:\n    content: x\n    locales:\n      de:\n        print: |\n          ‸![Logo](missing-logo.png)\n", DiagnosticCodes.MissingFile)]
    [InlineData("modules:\n  b: x\nslots:\n  s: { from: [b] }\nmessages:\n  m:\n    subject: Hi\n    body: '{{ slot \"s\" }}'\n    locales:\n      de: { subject: 'Hallo {{ ‸slot \"s\" }}' }\n", DiagnosticCodes.InvalidSlotCall)]
    [InlineData("modules:\n  b: x\nslots:\n  s: { from: [b] }\nmessages:\n  m:\n    subject: Hi\n    body: '{{ slot \"s\" }}'\n    locales:\n      de: { preheader: 'Hallo {{ ‸slot \"s\" }}' }\n", DiagnosticCodes.InvalidSlotCall)]
    [InlineData("modules:\n  a:\n    content: x\n    locales:\n      de: { ‸preheader: y }\n", DiagnosticCodes.UnknownKey)]
    public void Load_BadLocaleVariants_ArePointedAt(string body, string code)
    {
        var (yaml, line, column) = Marker.Strip("catalog: t\n" + body);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var diagnostic = Assert.Single(diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
