using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Tests.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// A slot's equality runs (<c>sku == "a"</c>, <c>sku == "b"</c>, … answered by one lookup) decide exactly as evaluating
/// each condition in turn: the same modules, the same trace, the same error.
/// </summary>
public sealed class EqualityRunProperties
{
    private static readonly string[] Conditions =
    [
        "sku == \"a\"", "sku == \"b\"", "sku == \"c\"", "sku == \"5\"", "sku == \"\"", "sku == \"A\"",
        "sku == \"a\"", "sku == \"b\"", "\"c\" == sku", "\"a\" == sku",
        "sku == 5", "sku == 7", "5 == sku",
        "alt == \"a\"", "alt == \"b\"",
        "tier == \"gold\"", "sku != \"a\"", string.Empty,
    ];

    private static readonly string[] Dates = [string.Empty, string.Empty, string.Empty, "{ from: 2000-01-01 }", "{ from: 2999-01-01 }", "{ until: 2000-01-01 }"];

    private static readonly object?[] Values = ["a", "b", "c", "5", "", "A", "z", 5, 7, 5L, 5.0, true, null];

    private static Gen<string> Module() =>
        from condition in Gen.Frequency((6, Gen.Elements(Conditions[..10])), (3, Gen.Elements(Conditions)))
        from dates in Gen.Elements(Dates)
        from draft in Gen.Elements(false, false, false, false, false, false, false, true)
        from priority in Gen.Choose(0, 2)
        select $"{(condition.Length == 0 ? string.Empty : $"when: '{condition}', ")}priority: {priority}"
            + $"{(dates.Length == 0 ? string.Empty : $", active: {dates}")}{(draft ? ", status: draft" : string.Empty)}";

    private static Gen<string> Catalogs() =>
        from count in Gen.Choose(1, 24)
        from modules in Module().ArrayOf(count)
        from pick in Gen.Elements("first", "best", "all")
        from take in Gen.Choose(1, 3)
        from fallback in Gen.Elements(false, true)
        select Yaml(modules, pick, take, fallback);

    private static string Yaml(string[] modules, string pick, int take, bool fallback)
    {
        var yaml = new StringBuilder("catalog: p\nmodules:\n");
        for (var m = 0; m < modules.Length; m++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  m{m}: {{ {modules[m]}, content: 'm{m}' }}\n");
        }

        var ids = string.Join(", ", Enumerable.Range(0, modules.Length).Select(static m => $"m{m}"));
        yaml.Append(CultureInfo.InvariantCulture, $"  fb: 'fallback'\nslots:\n  x: {{ pick: {pick}, {(pick == "first" ? string.Empty : $"count: {take}, ")}from: [{ids}]{(fallback ? ", fallback: fb" : string.Empty)} }}\n");
        return yaml.Append("messages:\n  msg:\n    body: \"{{ slot 'x' }}\"\n").ToString();
    }

    private static Gen<(string Key, object? Value)[]> Recipient() =>
        from sku in Gen.Elements(Values)
        from skuMissing in Gen.Elements(false, false, false, true)
        from alt in Gen.Elements(Values)
        from tier in Gen.Elements("gold", "silver")
        select skuMissing
            ? new (string, object?)[] { ("id", "r1"), ("alt", alt), ("tier", tier) }
            : [("id", "r1"), ("sku", sku), ("alt", alt), ("tier", tier)];

    [Property(MaxTest = 400)]
    public Property EqualityRuns_DecideAndTraceAsEvaluatingEachCondition() =>
        Prop.ForAll(
            Catalogs().ToArbitrary(),
            Recipient().ArrayOf(4).ToArbitrary(),
            static (yaml, recipients) =>
            {
                var indexed = Parse(yaml);
                var linear = EqualityRunTests.Linear(yaml);
                foreach (var fields in recipients)
                {
                    var recipient = Person(fields);
                    var expected = Outcome(linear, recipient);
                    var actual = Outcome(indexed, recipient);
                    if (expected != actual)
                    {
                        return false.Label($"{yaml}\nrecipient {string.Join(", ", fields.Select(static f => $"{f.Key}={f.Value ?? "null"} ({f.Value?.GetType().Name})"))}\nlinear:\n{expected}\nindexed:\n{actual}");
                    }
                }

                return true.ToProperty();
            });

    private static string Outcome(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
    {
        try
        {
            return catalog.Decide(recipient, "msg").ToTraceString();
        }
        catch (RecipientException ex)
        {
            return "error: " + ex.Message;
        }
    }
}
