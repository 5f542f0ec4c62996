using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Governance;

public sealed class RequiredModuleTests
{
    private const string Legal = """
        catalog: legal
        modules:
          offer: "Our offer"
          footer: "Footer"
          legal-us: { when: 'country == "US"', content: "US terms" }
          legal-de: { when: 'country == "DE"', content: "AGB" }
          legal-generic:
            content: "Terms"
            active: { until: 2027-01-01 }
        slots:
          hero: { from: [offer] }
          legal: { from: [legal-us, legal-de]FALLBACK }
          foot: { from: [footer] }
        messages:
          m:
            required: [footer, ‸{ any: [legal-us, legal-de, legal-generic] }]
            SUPPRESS
            body: |
              {{ slot "hero" }}

              {{ slot "legal" }}

              {{ slot "foot" }}
        """;

    [Fact]
    public void Validate_SomeRecipientWithoutTheLegalBlock_FailsAtTheRequirement_WithAnExample()
    {
        var (yaml, line, column) = Marker.Strip(Legal.Replace("FALLBACK", string.Empty, StringComparison.Ordinal).Replace("SUPPRESS", string.Empty, StringComparison.Ordinal));

        Assert.False(new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).TryParse(yaml, out _, out var diagnostics, "legal.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.RequiredModuleMissing, line, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains("a recipient such as country = \"other\" gets it without", error.Message, StringComparison.Ordinal);
        Assert.Contains("legal: (empty)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FallbackCoversEveryoneElse_Passes()
    {
        var (yaml, _, _) = Marker.Strip(Legal.Replace("FALLBACK", ", fallback: legal-generic", StringComparison.Ordinal).Replace("SUPPRESS", string.Empty, StringComparison.Ordinal));

        Assert.True(new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).TryParse(yaml, out _, out var diagnostics), string.Join("\n", diagnostics));
    }

    [Fact]
    public void Validate_RecipientsWithoutLegalTextAreSuppressed_Passes()
    {
        var (yaml, _, _) = Marker.Strip(Legal.Replace("FALLBACK", string.Empty, StringComparison.Ordinal)
            .Replace("SUPPRESS", "suppress: { when: 'country != \"US\" && country != \"DE\"' }", StringComparison.Ordinal));

        Assert.True(new CatalogLoader(FixedClock.At("2026-11-23T00:00:00Z")).TryParse(yaml, out _, out var diagnostics), string.Join("\n", diagnostics));
    }

    [Fact]
    public void Validate_RequiredFallbackExpired_FailsAtThatInstant()
    {
        var (yaml, _, _) = Marker.Strip(Legal.Replace("FALLBACK", ", fallback: legal-generic", StringComparison.Ordinal).Replace("SUPPRESS", string.Empty, StringComparison.Ordinal));

        Assert.False(new CatalogLoader(FixedClock.At("2027-01-01T00:00:00Z")).TryParse(yaml, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RequiredModuleMissing, error.Code);

        // Every recipient misses 'footer' here, whatever its fields: it read "but a recipient such as any recipient gets it without".
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse("catalog: t\nmodules:\n  a: A\n  footer: F\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    required: [footer]\n    body: '{{ slot \"s\" }}'\n", out _, out diagnostics));
        Assert.Contains("requires module 'footer', but any recipient gets it without: s: a.", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ALongLivedCatalogAfterTheRequiredFallbackExpired_FailsTheRecipientAtTheRequirement_NotSentWithoutIt()
    {
        // Loading proves the requirement at the loader's instant only: a catalog kept in a service went on sending the
        // message without any legal text once the fallback's 'until' had passed.
        var (yaml, line, column) = Marker.Strip(Legal.Replace("FALLBACK", ", fallback: legal-generic", StringComparison.Ordinal).Replace("SUPPRESS", string.Empty, StringComparison.Ordinal));
        var clock = new MovableClock(DateTimeOffset.Parse("2026-11-23T00:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture));
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { TimeProvider = clock }).Parse(yaml, "legal.yaml");
        var french = Person(("id", "fr-1"), ("country", "FR"));
        var american = Person(("id", "us-1"), ("country", "US"));

        Assert.Equal(["offer", "legal-generic", "footer"], catalog.Decide(french, "m").Slots.SelectMany(static s => s.ModuleIds));
        clock.Now = DateTimeOffset.Parse("2027-01-01T00:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture);

        var e = Assert.Throws<RecipientException>(() => catalog.Decide(french, "m"));
        Assert.Equal(("fr-1", "m", line, column), (e.RecipientId, e.MessageId, e.Location!.Value.Line, e.Location.Value.Column));
        Assert.StartsWith("the message requires one of the modules 'legal-us', 'legal-de', 'legal-generic', but this recipient's decision (at 2027-01-01 00:00:00Z) has none: hero: offer, legal: (empty), foot: footer.", e.Problem, StringComparison.Ordinal);
        Assert.Equal(["offer", "legal-us", "footer"], catalog.Decide(american, "m").Slots.SelectMany(static s => s.ModuleIds));
    }

    [Theory]
    [InlineData("[{ any: ‸[] }]")]
    [InlineData("[a, { any: ‸~ }]")]
    [InlineData("\n      - any:‸\n      - a")]
    public void Validate_AGroupThatListsNoModule_IsAnError(string required)
    {
        // The empty group was dropped without a word: the message loaded as if it required nothing.
        var yaml = $"catalog: t\nmodules:\n  a: A\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    required: {required}\n    body: '{{{{ slot \"s\" }}}}'\n";
        var (text, line, column) = Marker.Strip(yaml);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(text, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingKey, line, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains("'any' lists no module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequiredNamesAnUnknownModule_IsAnError()
    {
        var yaml = "catalog: t\nmodules:\n  a: A\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    required: [‸legl]\n    body: '{{ slot \"s\" }}'\n";
        var (text, line, column) = Marker.Strip(yaml);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(text, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.UndefinedModule, line, column), (error.Code, error.Location.Line, error.Location.Column));
    }

    public static TheoryData<bool, string> RenderPaths => new()
    {
        { true, "text" }, { false, "text" }, { true, "web" }, { false, "web" }, { true, "print" }, { false, "print" },
        { true, "text writer" }, { false, "web writer" }, { true, "page" }, { false, "email" }, { true, "email" }, { false, "print content" },
    };

    [Theory]
    [MemberData(nameof(RenderPaths))]
    public void Render_ARequiredModulesSlotInAnIfNotTaken_FailsTheRecipient_NotSentWithoutIt(bool compiled, string path)
    {
        // The decision held the legal text, so deciding passed and the trace and counts listed it, but the body's 'if'
        // did not write its slot: the message went out without the legal text that 'required:' exists to guarantee.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              hi: "Hi {{ first_name }}"
              legal: "Legal text."
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ slot "hero" }}

                  {{ if show_legal }}{{ slot "legal" }}{{ end }}
            """);
        var shown = catalog.Decide(Person(("id", "r2"), ("first_name", "Bo"), ("show_legal", true)), "m");
        var hidden = catalog.Decide(Person(("id", "r1"), ("first_name", "Al"), ("show_legal", false)), "m");

        Assert.Contains("Legal text.", RenderBy(catalog, shown, path), StringComparison.Ordinal);
        Assert.Equal(["hi", "legal"], hidden.Slots.SelectMany(static s => s.ModuleIds));
        var e = Assert.Throws<RecipientException>(() => RenderBy(catalog, hidden, path));
        Assert.Equal(("r1", "m", 10, 16), (e.RecipientId, e.MessageId, e.Location!.Value.Line, e.Location.Value.Column));
        Assert.StartsWith("the message requires module 'legal', and this recipient's decision has it (slot 'legal'), but the ", e.Problem, StringComparison.Ordinal);
        Assert.Contains("body did not write that slot: it stands inside an 'if', a 'case', a loop or a function that did not write it for this recipient. Write {{ slot \"legal\" }} where the body always goes", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_RequiredModuleInANestedSlotOrAnEmptyLoop_IsCheckedWhereverItIsPlaced(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            modules:
              legal: "Legal text."
              footer: |
                Footer.
                {{ for line in lines }}{{ slot "legal" }}{{ end }}
            slots:
              legal: { from: [legal] }
              foot: { from: [footer] }
            messages:
              m:
                required: [legal]
                body: '{{ slot "foot" }}'
            """);
        var one = catalog.Decide(Person(("id", "a"), ("lines", new[] { "x" })), "m");
        var none = catalog.Decide(Person(("id", "b"), ("lines", Array.Empty<string>())), "m");

        Assert.Equal("Footer.\nLegal text.\n", catalog.Render(one, Channel.Text).Body);
        Assert.Contains("the text body did not write that slot", Assert.Throws<RecipientException>(() => catalog.Render(none, Channel.Text)).Problem, StringComparison.Ordinal);
        Assert.Contains("the web body did not write that slot", Assert.Throws<RecipientException>(() => catalog.Render(none, Channel.Web)).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "US", "US terms")]
    [InlineData(false, "US", "US terms")]
    [InlineData(true, "DE", "AGB")]
    [InlineData(false, "DE", "AGB")]
    public void Render_AlternativeSlotsInBranchesThatEachWriteOneOfTheRequiredModules_Pass(bool compiled, string country, string terms)
    {
        // Only what was written counts: one branch writes the US slot, the other the German one, and either meets 'any'.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              legal-us: "US terms"
              legal-de: "AGB"
            slots:
              us: { from: [legal-us] }
              de: { from: [legal-de] }
            messages:
              m:
                required: [{ any: [legal-us, legal-de] }]
                body: |
                  {{ if country == "US" }}{{ slot "us" }}{{ else }}{{ slot "de" }}{{ end }}
            """);
        var decision = catalog.Decide(Person(("id", "a"), ("country", country)), "m");

        Assert.Equal(terms + "\n", catalog.Render(decision, Channel.Text).Body);
        Assert.Contains(terms, catalog.RenderEmail(decision).Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RenderPaths))]
    public void Render_ARequiredModuleNestedInASlotPlacedButNotWritten_FailsTheRecipient(bool compiled, string path)
    {
        // The body places 'foot' in a variable it writes only for some: rendering foot's module (which places 'legal') for
        // its placeholder noted 'legal' as written, although foot's placeholder, and so the legal text, was left out.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              legal: "Legal text."
              footer: |
                Footer.

                {{ slot "legal" }}
            slots:
              legal: { from: [legal] }
              foot: { from: [footer] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ f = slot "foot" }}Hello.

                  {{ if show }}{{ f }}{{ end }}
            """);
        var shown = catalog.Decide(Person(("id", "a"), ("show", true)), "m");
        var hidden = catalog.Decide(Person(("id", "b"), ("show", false)), "m");

        Assert.Contains("Legal text.", RenderBy(catalog, shown, path), StringComparison.Ordinal);
        var e = Assert.Throws<RecipientException>(() => RenderBy(catalog, hidden, path));
        Assert.Contains("body did not write that slot", e.Problem, StringComparison.Ordinal);
        Assert.All(hidden.Slots, static s => Assert.False(s.IsWritten));
    }

    [Theory]
    [MemberData(nameof(RenderPaths))]
    public void Render_ARequiredModuleThatWritesOnlyWhiteSpaceForTheRecipient_FailsTheRecipient(bool compiled, string path)
    {
        // The slot was written, so the check passed, but the module's own condition (or an empty field) wrote nothing:
        // the message went out without the legal text that 'required:' exists to guarantee.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              hi: "Hi {{ first_name }}"
              legal: |
                {{ if region == "EU" }}GDPR terms.{{ end }}
                {{ terms }}
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ slot "hero" }}

                  {{ slot "legal" }}
            """);
        var eu = catalog.Decide(Person(("id", "r1"), ("first_name", "Al"), ("region", "EU"), ("terms", "")), "m");
        var termsOnly = catalog.Decide(Person(("id", "r2"), ("first_name", "Bo"), ("region", "US"), ("terms", "US terms")), "m");
        var neither = catalog.Decide(Person(("id", "r3"), ("first_name", "Cy"), ("region", "US"), ("terms", " ")), "m");

        Assert.Contains("GDPR terms.", RenderBy(catalog, eu, path), StringComparison.Ordinal);
        Assert.Contains("US terms", RenderBy(catalog, termsOnly, path), StringComparison.Ordinal);
        var e = Assert.Throws<RecipientException>(() => RenderBy(catalog, neither, path));
        Assert.Equal(("r3", "m", "legal", 12)!, (e.RecipientId, e.MessageId, e.ModuleId, e.Location!.Value.Line));
        Assert.Contains("the message requires module 'legal', and the ", e.Problem, StringComparison.Ordinal);
        Assert.Contains(" body wrote 'legal', but it wrote nothing but white space for this recipient: a condition inside the module, or an empty field it writes.", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RenderPaths))]
    public void Render_ARequiredModuleThatWritesOnlyInvisibleCharacters_FailsTheRecipient(bool compiled, string path)
    {
        // A terms field holding only a zero-width space or a byte order mark (a CMS paste, a CSV export) shows nothing on
        // the page, but was counted as text written, so the message went out without the legal text.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              hi: "Hi {{ first_name }}"
              legal: "{{ terms }}"
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ slot "hero" }}

                  {{ slot "legal" }}
            """);
        var shown = catalog.Decide(Person(("id", "r1"), ("first_name", "Al"), ("terms", "\u200BUS terms")), "m");
        var invisible = catalog.Decide(Person(("id", "r2"), ("first_name", "Bo"), ("terms", "\u200B\uFEFF \u2060")), "m");

        Assert.Contains("US terms", RenderBy(catalog, shown, path), StringComparison.Ordinal);
        var e = Assert.Throws<RecipientException>(() => RenderBy(catalog, invisible, path));
        Assert.Equal(("r2", "m", "legal"), (e.RecipientId, e.MessageId, e.ModuleId));
        Assert.Contains(" body wrote 'legal', but it wrote nothing but white space for this recipient", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RenderPaths))]
    public void Render_ARequiredModuleWhoseHtmlWritesOnlyEmptyElements_FailsTheRecipient(bool compiled, string path)
    {
        // The html override wraps the terms in its own elements: with the field empty, web and email wrote
        // '<div class="legal"><p></p></div>', counted as text written, so the message went out without the legal text
        // that text and print (which write the content, and nothing) refused.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              hi: "Hi {{ first_name }}"
              legal:
                content: "{{ terms }}"
                html: '<div class="legal"><!-- terms --><p lang="en">{{ terms }}</p></div>'
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ slot "hero" }}

                  {{ slot "legal" }}
            """);
        var shown = catalog.Decide(Person(("id", "r1"), ("first_name", "Al"), ("terms", "US terms")), "m");
        var empty = catalog.Decide(Person(("id", "r2"), ("first_name", "Bo"), ("terms", "")), "m");

        Assert.Contains("US terms", RenderBy(catalog, shown, path), StringComparison.Ordinal);
        var e = Assert.Throws<RecipientException>(() => RenderBy(catalog, empty, path));
        Assert.Equal(("r2", "m", "legal"), (e.RecipientId, e.MessageId, e.ModuleId));
        Assert.Contains(" body wrote 'legal', but it wrote nothing but white space for this recipient", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TextOfAnInlineSlotWhoseHtmlOverrideAloneWritesTheRequiredSlot_FailsTheRecipient(bool compiled)
    {
        // Text judges whether a slot within a line fits by its modules' HTML: rendering that HTML (whose override places
        // 'legal') noted 'legal' as written, although the module's text, which the text part holds, does not place it.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              legal: "Legal text."
              hi:
                content: "Hi"
                html: '<b>Hi</b> {{ slot "legal" }}'
                text: "Hi"
            slots:
              legal: { from: [legal] }
              hero: { from: [hi] }
            messages:
              m:
                required: [legal]
                body: |
                  # {{ slot "hero" }}
            """);
        var decision = catalog.Decide(Person(("id", "a")), "m");

        Assert.Contains("Legal text.", catalog.Render(decision, Channel.Web).Body, StringComparison.Ordinal);
        var e = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Text));
        Assert.Contains("the text body did not write that slot", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ if show_legal }}{{ ‸slot \"legal\" }}{{ end }}")]
    [InlineData("{{ for line in lines }}{{ ‸slot \"legal\" }}{{ end }}")]
    [InlineData("{{ case country }}{{ when \"US\" }}{{ ‸slot \"legal\" }}{{ end }}")]
    [InlineData("{{ if a }}{{ ‸slot \"legal\" }}{{ else if b }}{{ slot \"legal\" }}{{ end }}")]
    [InlineData("{{ func terms }}{{ ‸slot \"legal\" }}{{ end }}{{ if a }}{{ terms }}{{ end }}")]
    [InlineData("{{ x = show_legal ? (‸slot \"legal\") : \"\" }}{{ x }}")]
    [InlineData("{{ if done }}{{ ret }}{{ end }}{{ ‸slot \"legal\" }}")]
    [InlineData("{{ for i in items }}{{ if i.last }}{{ ret }}{{ end }}{{ end }}{{ ‸slot \"legal\" }}")]
    [InlineData("{{ func terms }}{{ if short }}{{ ret }}{{ end }}{{ ‸slot \"legal\" }}{{ end }}{{ terms }}")]
    public void Validate_ARequiredModulesSlotThatNotEveryWayThroughTheBodyWrites_WarnsAtTheSlot_BeforeAnyRecipientIsRejected(string placement)
    {
        // validate passed, and the night's run rejected every recipient the branch was not taken for: the author heard
        // of it from the rejects file. The catalog still loads (the condition may hold for everyone), with a warning.
        var (yaml, line, column) = Marker.Strip($$$"""
            catalog: t
            modules:
              hi: "Hi"
              legal: "Legal text."
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: |
                  {{ slot "hero" }}

                  {{{placement}}}
            """);

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "legal.yaml"));

        var warning = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.RequiredSlotInBranch, DiagnosticSeverity.Warning, "legal.yaml", line, column),
            (warning.Code, warning.Severity, warning.Location.File, warning.Location.Line, warning.Location.Column));
        Assert.StartsWith("Message 'm' requires module 'legal' (line 10), but its body places slot 'legal' only inside an 'if', a 'case', a loop or a function", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Write {{ slot \"legal\" }} where the body always goes", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ slot \"legal\" }}")]
    [InlineData("{{ if a }}{{ slot \"hero\" }}{{ end }}{{ slot \"legal\" }}")]
    [InlineData("{{ if a }}{{ slot \"legal\" }}{{ else if b }}{{ slot \"legal\" }}{{ else }}{{ slot \"legal\" }}{{ end }}")]
    [InlineData("{{ case country }}{{ when \"US\" }}{{ slot \"legal\" }}{{ else }}{{ slot \"legal\" }}{{ end }}")]
    [InlineData("{{ func terms }}{{ slot \"legal\" }}{{ end }}{{ terms }}")]
    [InlineData("{{ func box }}{{ $$ }}{{ slot \"legal\" }}{{ end }}{{ wrap box }}Hello.{{ end }}")]
    [InlineData("{{ terms = do }}{{ slot \"legal\" }}{{ end }}Hello.{{ terms }}")]
    [InlineData("{{ if a }}{{ slot \"legal\" }}{{ else }}{{ slot \"other-terms\" }}{{ end }}")]
    [InlineData("{{ t = slot \"legal\" }}Hello.{{ t }}")]
    [InlineData("{{ if a }}{{ slot \"legal\" }}{{ ret }}{{ end }}{{ slot \"legal\" }}")]
    [InlineData("{{ for i in items }}{{ if i.last }}{{ break }}{{ end }}{{ end }}{{ slot \"legal\" }}")]
    [InlineData("{{ func terms }}{{ if short }}{{ ret }}{{ end }}Long.{{ end }}{{ terms }}{{ slot \"legal\" }}")]
    [InlineData("{{ slot \"legal\" }}{{ if done }}{{ ret }}{{ end }}")]
    public void Validate_ARequiredModulesSlotEveryWayThroughTheBodyWrites_DoesNotWarn(string placement)
    {
        // The last two 'any:' alternatives: each branch writes one of the group's slots, the documented way to place them.
        var yaml = $$$"""
            catalog: t
            modules:
              hi: "Hi"
              legal: "Legal text."
              terms: "Terms."
            slots:
              hero: { from: [hi] }
              legal: { from: [legal] }
              other-terms: { from: [terms] }
            messages:
              m:
                required: [{ any: [legal, terms] }]
                body: |
                  {{ slot "hero" }}

                  {{{placement}}}
            """;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics), string.Join("\n", diagnostics));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Validate_AFunctionThatCallsItselfManyTimes_IsWalkedOncePerDepth_AndStillWarns()
    {
        // Each call of 'f' walked its body again, eight calls deep: 16 calls a body made the walk 16^8 (4 billion) steps,
        // so loading this catalog (a tenant's upload, a CatalogMonitor's reload) did not end for hours. Now it loads at
        // once, with the same warning, and a function that writes the slot on every way still passes.
        var calls = string.Concat(Enumerable.Repeat("{{ f }}", 16));
        var yaml = $$$"""
            catalog: t
            modules:
              legal: "Legal text."
            slots:
              legal: { from: [legal] }
            messages:
              m:
                required: [legal]
                body: '{{ func f }}{{ if depth > 0 }}{{{calls}}}{{ end }}{{ end }}{{ if a }}{{ slot "legal" }}{{ end }}{{ f }}'
              n:
                required: [legal]
                body: '{{ func f }}{{ if depth > 0 }}{{{calls}}}{{ end }}{{ end }}{{ func g }}{{ f }}{{ slot "legal" }}{{ end }}{{ g }}{{ f }}'
            """;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics), string.Join("\n", diagnostics));
        var warning = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RequiredSlotInBranch, warning.Code);
        Assert.StartsWith("Message 'm' requires module 'legal'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ARequiredModulesSlotPlacedByAModule_IsLeftToTheRenderingCheck()
    {
        // Whether the nested slot is written depends on which module fills the outer slot: the body's branches alone do not tell.
        const string Yaml = """
            catalog: t
            modules:
              legal: "Legal text."
              footer: "Footer. {{ slot 'legal' }}"
            slots:
              legal: { from: [legal] }
              foot: { from: [footer] }
            messages:
              m:
                required: [legal]
                body: '{{ if a }}{{ slot "legal" }}{{ end }}{{ slot "foot" }}'
            """;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(Yaml, out _, out var diagnostics), string.Join("\n", diagnostics));
        Assert.Empty(diagnostics);
    }

    private static string RenderBy(Catalog catalog, Decisions.Decision decision, string path)
    {
        switch (path)
        {
            case "text writer" or "web writer":
                using (var writer = new StringWriter())
                {
                    catalog.Render(decision, path == "text writer" ? Channel.Text : Channel.Web, writer);
                    return writer.ToString();
                }

            case "page":
                return catalog.RenderPage(decision);
            case "email":
                var email = catalog.RenderEmail(decision);
                return email.Html + email.Text;
            case "print content":
                return catalog.RenderPrint(decision).Markdown;
            default:
                return catalog.Render(decision, Enum.Parse<Channel>(path, ignoreCase: true)).Body;
        }
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
