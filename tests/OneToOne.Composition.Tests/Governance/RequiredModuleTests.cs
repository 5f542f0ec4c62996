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
        Assert.False(new CatalogLoader().TryParse("catalog: t\nmodules:\n  a: A\n  footer: F\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    required: [footer]\n    body: '{{ slot \"s\" }}'\n", out _, out diagnostics));
        Assert.Contains("requires module 'footer', but any recipient gets it without: s: a.", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ALongLivedCatalogAfterTheRequiredFallbackExpired_FailsTheRecipientAtTheRequirement_NotSentWithoutIt()
    {
        // Loading proves the requirement at the loader's instant only: a catalog kept in a service went on sending the
        // message without any legal text once the fallback's 'until' had passed.
        var (yaml, line, column) = Marker.Strip(Legal.Replace("FALLBACK", ", fallback: legal-generic", StringComparison.Ordinal).Replace("SUPPRESS", string.Empty, StringComparison.Ordinal));
        var clock = new MovableClock(DateTimeOffset.Parse("2026-11-23T00:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture));
        var catalog = new CatalogLoader(CompositionOptions.Default with { TimeProvider = clock }).Parse(yaml, "legal.yaml");
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

        Assert.False(new CatalogLoader().TryParse(text, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingKey, line, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains("'any' lists no module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequiredNamesAnUnknownModule_IsAnError()
    {
        var yaml = "catalog: t\nmodules:\n  a: A\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    required: [‸legl]\n    body: '{{ slot \"s\" }}'\n";
        var (text, line, column) = Marker.Strip(yaml);

        Assert.False(new CatalogLoader().TryParse(text, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.UndefinedModule, line, column), (error.Code, error.Location.Line, error.Location.Column));
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
