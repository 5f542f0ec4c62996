using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>The precompiled fragment path must give exactly what the general Markdown path gives.</summary>
public sealed class FastPathProperties
{
    private static readonly string[] Shapes =
    [
        "Hello {{ v }}, welcome.",
        "## Title {{ v }}",
        "**{{ v }}**",
        "*{{ v }}* and _{{ w }}_",
        "a**{{ v }}**b",
        "{{ v }}",
        "{{ v }}{{ w }}",
        "* item {{ v }}\n* {{ w }}",
        "1. {{ v }}\n2. two",
        "> quote {{ v }}",
        "[{{ v }}](https://example.com/x)",
        "[link](https://example.com/?u={{ v }})",
        "`code {{ v }}`",
        "<div class=\"c\">{{ v }}</div>",
        "| h1 | h2 |\n|----|----|\n| {{ v }} | {{ w }} |",
        "Line one {{ v }}  \nline two",
        "~~{{ v }}~~ x",
        "{{ v | string.upcase }} and {{ n | math.format 'N2' }}",
        "    indented {{ v }}",
        "Text {{ v }}\n\n---\n\n{{ w }} end",
    ];

    private static readonly char[] Alphabet =
        ['a', 'Z', '9', ' ', ' ', '*', '_', '~', '`', '#', '<', '>', '&', '"', '\'', '[', ']', '(', ')', '\\', '|', '-', '.', '!', '\n', '\t', '\u00A0', 'é', '—', '\uE000'];

    [Property(MaxTest = 500)]
    public Property FragmentPath_EqualsTheGeneralPath() =>
        Prop.ForAll(
            Gen.Elements(Shapes).ArrayOf().Where(static a => a.Length is > 0 and < 4).ToArbitrary(),
            Values(),
            Values(),
            static (shapes, v, w) =>
            {
                var body = string.Join("\n\n", shapes);
                // JSON strings are YAML double-quoted scalars: any Markdown shape, no indentation rules.
                var yaml = new StringBuilder("catalog: p\nmodules:\n  m:\n    content: ")
                    .Append(System.Text.Json.JsonSerializer.Serialize(body))
                    .Append("\n  o:\n    content: x\n    html: \"<div title='{{ w }}'>{{ v }}</div>\\n<p>{{ slot 'i' }}</p>\"\n    text: \"T {{ v }} / {{ w }}\"")
                    .Append("\n  inner: \"*{{ w }}* inner\"")
                    .Append("\nslots:\n  s: { pick: all, from: [m, o] }\n  i: { from: [inner] }\nmessages:\n  msg:\n    body: ")
                    .Append(System.Text.Json.JsonSerializer.Serialize("Dear {{ v }},\n\n{{ slot \"s\" }}\n\nBye **{{ w }}**\n"))
                    .Append('\n');
                var fast = new CatalogLoader().Parse(yaml.ToString());
                var general = new CatalogLoader(CompositionOptions.Default with { UseCompiledPaths = false }).Parse(yaml.ToString());
                var recipient = Person(("v", v), ("w", w), ("n", 1234.5m));

                var fastDecision = fast.Decide(recipient, "msg");
                var generalDecision = general.Decide(recipient, "msg");
                var webFast = fast.Render(fastDecision, Channel.Web).Body;
                var webGeneral = general.Render(generalDecision, Channel.Web).Body;
                var textFast = fast.Render(fastDecision, Channel.Text).Body;
                var textGeneral = general.Render(generalDecision, Channel.Text).Body;
                return (webFast == webGeneral && textFast == textGeneral)
                    .Label($"body:\n{body}\nweb fast:\n{webFast}\nweb general:\n{webGeneral}\ntext fast:\n{textFast}\ntext general:\n{textGeneral}");
            });

    [Fact]
    public void FragmentPath_IsUsedForLinearTemplates()
    {
        var catalog = Parse("catalog: t\nmodules:\n  a:\n    content: \"Hi **{{ name }}**\"\n  b:\n    content: \"{{ for i in 1..2 }}x{{ end }}\"\nmessages:\n  m:\n    body: \"{{ name }}\"\n");

        var plans = typeof(Catalog).Assembly.GetType("OneToOne.Composition.Compilation.CompiledTemplate")!;
        Assert.NotNull(plans);
        var runtime = (OneToOne.Composition.Runtime.CatalogRuntime)typeof(Catalog)
            .GetField("_runtime", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(catalog)!;
        Assert.NotNull(runtime.Modules[0].Content!.WebPlan);
        Assert.NotNull(runtime.Modules[0].Content!.TextPlan);
        Assert.Null(runtime.Modules[1].Content!.WebPlan);
        Assert.Equal(["Hi <strong>", "</strong></p>\n"], runtime.Modules[0].Content!.WebPlan!.Literals.Select(static l => l.Replace("<p>", string.Empty, StringComparison.Ordinal)));
    }

    private static Arbitrary<string> Values() =>
        Gen.OneOf(
                Gen.Elements(Alphabet).ArrayOf().Select(static c => new string(c)),
                Gen.Elements("", " ", "\uE000", "Ana", "Zoë Ærin", "<b>", "**x**", "1. item", "# h", "a_b_c"))
            .ToArbitrary();
}
