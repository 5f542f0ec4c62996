using System.Text.Json;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Analysis;

public sealed class PersonaTests
{
    private static readonly string ExampleDirectory = Path.Combine(RepoRoot(), "examples", "beer-of-the-month");

    private static readonly Catalog Example = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(ExampleDirectory, "catalog.yaml"));

    [Fact]
    public void FindPersonas_Example_CoverEveryReachableModule_WithTheMinimumItReports()
    {
        var set = Example.FindPersonas("monthly");

        var reachable = Example.Analyze("monthly").Messages[0].ReachableModules;
        Assert.Equal(reachable, set.ReachableModules);
        Assert.Empty(set.UncoveredModules);
        Assert.True(set.IsMinimal);

        // The 'greeting' slot picks one of its 7 reachable modules per recipient, so 7 personas is the least possible.
        Assert.Equal(7, set.Personas.Count);

        // Each persona really gets what it says: decide it again.
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var persona in set.Personas)
        {
            var decision = Example.Decide(persona.Recipient, "monthly");
            Assert.False(decision.IsSuppressed);
            var modules = decision.Slots.SelectMany(static s => s.ModuleIds).ToHashSet(StringComparer.Ordinal);
            Assert.True(persona.Modules.All(modules.Contains));
            shown.UnionWith(modules);
            Assert.NotEmpty(Example.Render(decision, Channel.Web).Body);
        }

        Assert.True(reachable.All(shown.Contains));
    }

    [Theory]
    [InlineData("locale: en-GB\n", "en-GB", "USD 42.00")]
    [InlineData("", "en-US", "$42.00")]
    public void FindPersonas_ALocaleTheConditionsLeaveFree_IsTheCatalogsOwn_ElseEnUs(string catalogLocale, string expected, string money)
    {
        // A persona for the US module had the first culture in the alphabet, af-NA, and its proof showed "$42,00"
        // (Namibian dollars, Afrikaans digits) for a US balance.
        var catalog = TestCatalogs.Parse(catalogLocale + """
            catalog: t
            modules:
              de: { when: 'locale == "de-DE"', content: "{{ balance | money 'EUR' }}" }
              us: { when: 'country == "US"', content: "{{ balance | money 'USD' }}" }
            slots:
              s: { from: [de, us] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var us = Assert.Single(catalog.FindPersonas("m").Personas, static p => p.Modules.Contains("us"));

        Assert.True(us.Recipient.TryGetValue("locale", out var locale));
        Assert.Equal(expected, locale);
        Assert.Equal(money, catalog.Render(catalog.Decide(us.Recipient, "m"), Channel.Text).Body.Trim());
    }

    [Fact]
    public void FindPersonas_FromSample_ChoosesSampleRecipientsThatCoverWhatTheSampleReaches()
    {
        var sample = File.ReadLines(Path.Combine(ExampleDirectory, "recipients.jsonl"))
            .Where(static l => l.Length > 0)
            .Select(static l => Recipient.FromJson(JsonDocument.Parse(l).RootElement.Clone()))
            .ToList();

        var set = Example.FindPersonas("monthly", sample);

        Assert.All(set.Personas, p => Assert.False(p.IsSynthetic));
        Assert.All(set.Personas, p => Assert.Contains(p.Recipient, sample));
        var shown = set.Personas.SelectMany(static p => p.Modules).ToHashSet(StringComparer.Ordinal);
        var sampleReach = sample.Select(r => Example.Decide(r, "monthly")).Where(static d => !d.IsSuppressed)
            .SelectMany(static d => d.Slots.SelectMany(static s => s.ModuleIds)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(sampleReach.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Equal(set.ReachableModules.Where(m => !sampleReach.Contains(m)), set.UncoveredModules);
        Assert.InRange(set.Personas.Count, 7, sample.Count);
    }

    [Fact]
    public void FindPersonas_SmallCatalog_IsExactlyMinimal()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            modules:
              a: { when: 'x == 1', content: A }
              b: { when: 'x == 2', content: B }
              c: C
              d: { when: 'y > 5', content: D }
              e: E
            slots:
              s1: { from: [a, b, c] }
              s2: { from: [d, e] }
            messages:
              m: { body: '{{ slot "s1" }} {{ slot "s2" }}' }
            """);

        var set = catalog.FindPersonas("m");

        // s1 needs three personas (a, b, c one each); s2's two outcomes ride along.
        Assert.Equal(3, set.Personas.Count);
        Assert.True(set.IsMinimal);
        Assert.Equal(["a", "b", "c", "d", "e"], set.Personas.SelectMany(static p => p.Modules).Distinct().Order());
    }

    [Fact]
    public void FindPersonas_FieldsOnlyTemplatesRead_GetValuesOfTheKindTheirUseTells_AndEveryChannelRenders()
    {
        var catalog = new CatalogLoader(FixedClock.At("2026-11-23T18:30:00Z")).Parse("""
            catalog: t
            locale: en-US
            modules:
              gold:
                when: 'tier == "gold"'
                content: |
                  {{ name }}, you have {{ points | math.format "N0" }} points, {{ bonus * 2 }} bonus points,
                  {{ math.round rate 1 }}% back and {{ balance | money "EUR" }} since {{ joined | date.local "yyyy-MM-dd" }}.
                  {{ if newsletter == true }}Thanks for reading!{{ end }}
              std: Hello {{ name }}
            slots:
              s: { from: [gold, std] }
            messages:
              m: { subject: 'Hi {{ name }}', body: '{{ slot "s" }}' }
            """);

        var set = catalog.FindPersonas("m");

        var gold = Assert.Single(set.Personas, static p => p.Modules.Contains("gold"));
        var fields = gold.Recipient.FieldNames.ToDictionary(n => n, n => gold.Recipient.TryGetValue(n, out var v) ? v : null, StringComparer.Ordinal);
        Assert.Equal(("Sample name", "gold"), (fields["name"], fields["tier"]));
        Assert.All(new[] { "points", "bonus", "rate", "balance" }, f => Assert.IsType<int>(fields[f]));
        Assert.Equal(new DateTime(2026, 11, 23), fields["joined"]);
        Assert.Equal(true, fields["newsletter"]);
        foreach (var persona in set.Personas)
        {
            var decision = catalog.Decide(persona.Recipient, "m");
            Assert.NotEmpty(catalog.Render(decision, Channel.Text).Body);
            Assert.NotEmpty(catalog.Render(decision, Channel.Web).Body);
            Assert.NotEmpty(catalog.RenderPrint(decision).Markdown);
        }

        Assert.Equal(
            "Sample name, you have 42 points, 84 bonus points,\n42% back and €42.00 since 2026-11-23.\nThanks for reading!",
            catalog.Render(catalog.Decide(gold.Recipient, "m"), Channel.Text).Body.ReplaceLineEndings("\n").TrimEnd());
    }

    /// <summary>
    /// A field whose size a condition tests (<c>recent.size &gt; 0</c>, Liquid's <c>recent | size</c>) is a list to a persona,
    /// not an object with a member 'size' that the proof page wrote as "{key: "size", value: 42}".
    /// </summary>
    [Fact]
    public void FindPersonas_AFieldWhoseSizeIsTested_IsAList()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            locale: en-US
            modules:
              more: { when: 'recent.size > 0', content: 'More from {{ recent | array.to_sentence }}' }
              none: Nothing new
            slots:
              s: { from: [more, none] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        // The analysis cannot solve '.size', so it does not choose between the modules: each persona gets the list.
        var personas = catalog.FindPersonas("m").Personas;

        Assert.NotEmpty(personas);
        Assert.All(personas, p =>
        {
            Assert.True(p.Recipient.TryGetValue("recent", out var recent));
            Assert.Equal(["Sample recent 1", "Sample recent 2"], Assert.IsType<List<object?>>(recent));
            Assert.Equal("More from Sample recent 1 and Sample recent 2", catalog.Render(catalog.Decide(p.Recipient, "m"), Channel.Text).Body.Trim());
        });
    }

    /// <summary>A field a template counts with <c>string.plural</c> is a number to a persona, which renders.</summary>
    [Fact]
    public void FindPersonas_AFieldGivenToStringPlural_IsANumber()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            locale: en-US
            messages:
              m: { body: 'You have {{ n }} {{ n | string.plural "item" "items" }}.' }
            """);

        var persona = Assert.Single(catalog.FindPersonas("m").Personas);

        Assert.Equal("You have 42 items.", catalog.Render(catalog.Decide(persona.Recipient, "m"), Channel.Text).Body.Trim());
    }

    /// <summary>A field a template reads only in a branch (a module's, the body's, the subject's) is given to personas too, who may take the branch.</summary>
    [Fact]
    public void FindPersonas_FieldsReadOnlyInABranch_AreGiven_AndEveryPersonaRenders()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            modules:
              a: "Hi.{{ if gold }} Tier {{ tier_name }}.{{ end }}"
            slots:
              s: { from: [a] }
            messages:
              m: { subject: '{{ vip ? vip_code : "Hello" }}', body: '{{ slot "s" }}{{ for p in purchases }}{{ p.name }}{{ else }}{{ empty_note }}{{ end }}' }
            """);

        var set = catalog.FindPersonas("m");

        var persona = Assert.Single(set.Personas);
        Assert.Equal(["empty_note", "gold", "id", "purchases", "tier_name", "vip", "vip_code"], persona.Recipient.FieldNames.Order(StringComparer.Ordinal));
        var message = catalog.Render(catalog.Decide(persona.Recipient, "m"), Channel.Text);
        Assert.Equal("Sample vip_code", message.Subject);
    }

    /// <summary>A field read through <c>recipient</c> (where it is always read, or only in a branch) is given to personas as one read by name is.</summary>
    [Fact]
    public void FindPersonas_FieldsReadThroughRecipient_AreGiven_AndThePersonaRenders()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            messages:
              m: { body: 'Hi {{ recipient.nickname }}{{ if vip }} in {{ recipient.address.city }}{{ end }}' }
            """);

        var persona = Assert.Single(catalog.FindPersonas("m").Personas);

        Assert.Equal(["address", "id", "nickname", "vip"], persona.Recipient.FieldNames.Order(StringComparer.Ordinal));
        Assert.Equal("Hi Sample nickname in Sample address city", catalog.Render(catalog.Decide(persona.Recipient, "m"), Channel.Text).Body.Trim());
    }

    [Fact]
    public void FindPersonas_ModuleOnlyArmBShows_GetsAPersonaWhoseIdHashesIntoArmB_AndEveryArmGetsOne()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            experiments:
              hero: { salt: s3, arms: { A: 40, B: 30, C: 30 }, messages: [other] }
            modules:
              bold: { when: 'experiment.hero == "B"', content: Bold }
              plain: Plain
            slots:
              s: { from: [bold, plain] }
            messages:
              m: { body: '{{ slot "s" }}' }
              other: { body: Other }
            """);

        var set = catalog.FindPersonas("m");

        // The experiment applies to 'other', but m's condition reads it: arm B for 'bold', and A and C shown too.
        Assert.Empty(set.UncoveredModules);
        Assert.True(set.IsMinimal);
        var shown = set.Personas.Select(p => (Module: p.Modules.Single(), catalog.Decide(p.Recipient, "m").Experiments.Single().Arm)).Order().ToList();
        Assert.Equal([("bold", "B"), ("plain", "A"), ("plain", "C")], shown);
    }

    [Fact]
    public void FindPersonas_ArmsOnlyATemplateOrTheHoldoutTellsApart_EachGetAPersona()
    {
        var catalog = TestCatalogs.Parse("""
            catalog: t
            experiments:
              tone: { salt: s2, arms: { warm: 1, cool: 1, dry: 1 }, messages: [other] }
              lift: { arms: { test: 9, control: 1 }, holdout: control }
            modules:
              hi: 'Hi{{ if experiment.tone == "warm" }}!{{ end }}'
              footer: { content: Bye }
            slots:
              s: { from: [hi] }
              f: { from: [footer], fallback: footer }
            messages:
              m: { body: '{{ slot "s" }} {{ slot "f" }}' }
              other: { body: '{{ slot "f" }}' }
            """);

        var set = catalog.FindPersonas("m");

        // One module per slot, but three tones (the tone applies to 'other'; m reads it) and a holdout, which sees
        // fallbacks (none in 's', so no tone): a persona per tone, and one more in the holdout.
        Assert.Equal(4, set.Personas.Count);
        Assert.False(set.IsMinimal);
        var decisions = set.Personas.Select(p => catalog.Decide(p.Recipient, "m")).ToList();
        var texts = decisions.ConvertAll(d => catalog.Render(d, Channel.Text).Body.Trim()); // the template reads the tone as it renders
        Assert.Equal(["cool", "dry", "warm"], decisions.SelectMany(static d => d.Experiments.Where(static a => a.ExperimentId == "tone")).Select(static a => a.Arm).Order(StringComparer.Ordinal));
        Assert.Equal(["control", "test", "test", "test"], decisions.Select(static d => d.Experiments.Single(static a => a.ExperimentId == "lift").Arm).Order(StringComparer.Ordinal));
        Assert.Equal(["Bye", "Hi Bye", "Hi Bye", "Hi! Bye"], texts.Select(static t => t.ReplaceLineEndings(" ")).Order(StringComparer.Ordinal));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
