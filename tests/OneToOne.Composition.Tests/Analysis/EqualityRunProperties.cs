using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// The analysis takes a run of candidates testing one field against constants (<c>sku == "s1"</c>, <c>sku == "s2"</c>, …:
/// a product feed) as one step, without a solver question per candidate or pair. On small random catalogs mixing such
/// runs (with repeated constants, inactive and topic-tagged products, a field read elsewhere too) with other conditions,
/// it comes to the same analysis with the shortcut as without: counts, exactness, reachable modules, findings, personas.
/// </summary>
public sealed class EqualityRunProperties
{
    private static readonly string[] Others =
    [
        "a > 1", "a == 2", "sku == \"s1\" && a > 0", "sku != \"s2\"", "code > 2", "o.x == 1", "sku == null", "segment.big",
        "code == 3 || a < 1", "sku == \"s9\"",
    ];

    [Property(MaxTest = 200)]
    public Property WithAndWithoutTheShortcut_TheAnalysisIsTheSame(PositiveInt seed)
    {
        var yaml = Build(seed.Get);
        var with = Describe(yaml, useRuns: true);
        var without = Describe(yaml, useRuns: false);
        return (with == without).Label($"with:\n{with}\nwithout:\n{without}\n{yaml}");
    }

    /// <summary>Everything the analysis and the personas say, one line each.</summary>
    private static string Describe(string yaml, bool useRuns)
    {
        var catalog = new CatalogLoader(FixedClock.At("2026-12-05T00:00:00Z")).Parse(yaml);
        catalog.AnalysisUsesEqualityRuns = useRuns;
        var analysis = catalog.Analyze();
        var text = new StringBuilder();
        foreach (var message in analysis.Messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"{message.MessageId}: {message.ReachableCombinations} exact={message.IsExact} [{string.Join(",", message.ReachableModules)}] ({string.Join(" · ", message.UndecidableConditions)})\n");
        }

        foreach (var finding in analysis.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{finding.Severity} {finding.Code} {finding.Location}: {finding.Message}\n");
        }

        var personas = catalog.FindPersonas("m");
        foreach (var persona in personas.Personas)
        {
            text.Append(CultureInfo.InvariantCulture, $"persona {persona.Recipient.Id} [{string.Join(",", persona.Modules)}] {persona.Description}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"uncovered [{string.Join(",", personas.UncoveredModules)}]\n");
        return text.ToString();
    }

    /// <summary>
    /// Two or three slots (first, best by priority or all, one or two modules, a fallback or not), the last one nested in a
    /// module of the first at times; each a mix of runs of <c>sku == "sK"</c> or <c>code == K</c> (constants repeated at
    /// times, a product inactive or about a topic the recipient may opt out of at times) and other conditions, some of them
    /// reading <c>sku</c> or <c>code</c> too; a suppress rule at times.
    /// </summary>
    private static string Build(int seed)
    {
        var random = new Random(seed);
        var yaml = new StringBuilder("catalog: feed\n");
        if (random.Next(3) == 0)
        {
            yaml.Append("policy:\n  opted-out-topics: opted_out\n");
        }

        var topics = yaml.ToString().Contains("policy", StringComparison.Ordinal);
        yaml.Append("segments:\n  big: 'a > 2'\nmodules:\n");
        var slots = random.Next(2, 4);
        var from = new List<string>[slots];
        var n = 0;
        string Module(string? when)
        {
            var id = $"p{n++}";
            yaml.Append(CultureInfo.InvariantCulture, $"  {id}:\n    content: \"{id}\"\n    priority: {random.Next(3)}\n");
            if (when is not null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    when: '{when}'\n");
            }

            switch (random.Next(12))
            {
                case 0:
                    yaml.Append("    active: { from: 2099-01-01 }\n");
                    break;
                case 1:
                    yaml.Append("    active: { until: 2000-01-01 }\n");
                    break;
                case 2 when topics:
                    yaml.Append(CultureInfo.InvariantCulture, $"    topics: [t{random.Next(2)}]\n");
                    break;
            }

            return id;
        }

        for (var s = 0; s < slots; s++)
        {
            from[s] = [];
            var parts = random.Next(1, 4);
            for (var part = 0; part < parts; part++)
            {
                switch (random.Next(4))
                {
                    case 0 or 1:
                        var field = random.Next(3) == 0 ? "code" : "sku";
                        var length = random.Next(1, 7);
                        for (var k = 0; k < length; k++)
                        {
                            var constant = random.Next(6);
                            from[s].Add(Module(field == "sku" ? $"sku == \"s{constant}\"" : $"code == {constant}"));
                        }

                        break;
                    case 2:
                        from[s].Add(Module(Others[random.Next(Others.Length)]));
                        break;
                    default:
                        from[s].Add(Module(random.Next(3) == 0 ? null : Others[random.Next(Others.Length)]));
                        break;
                }
            }
        }

        // The first slot may place the last one from a module of its own (then the message's body does not).
        var nested = slots > 2 && random.Next(2) == 0;
        if (nested)
        {
            var id = $"p{n++}";
            yaml.Append(CultureInfo.InvariantCulture, $"  {id}:\n    content: '{{{{ slot \"t{slots - 1}\" }}}}'\n    when: 'a != 2'\n");
            from[0].Insert(random.Next(from[0].Count + 1), id);
        }

        var fallback = Module(null);
        yaml.Append("slots:\n");
        for (var s = 0; s < slots; s++)
        {
            var pick = random.Next(6) switch { 0 or 1 => "best", 2 => "all", _ => "first" };
            var count = pick != "first" && random.Next(2) == 0 ? ", count: 2" : string.Empty;
            var fallbackPart = random.Next(3) == 0 ? $", fallback: {fallback}" : string.Empty;
            yaml.Append(CultureInfo.InvariantCulture, $"  t{s}: {{ pick: {pick}{count}, from: [{string.Join(", ", from[s])}]{fallbackPart} }}\n");
        }

        yaml.Append("messages:\n  m:\n    body: |\n");
        for (var s = 0; s < (nested ? slots - 1 : slots); s++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {{{{ slot \"t{s}\" }}}}\n\n");
        }

        if (random.Next(3) == 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    suppress: {{ when: '{(random.Next(2) == 0 ? "sku == \"s3\"" : "a > 3")}' }}\n");
        }

        return yaml.ToString();
    }
}
