using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
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
        "* first line\n{{ v }}\nlast line {{ w }}",
        "See [the offer](https://example.com/o/{{ w }}?ref={{ v }}) now",
        "{{ if v == 'Ana' }}Hi **{{ w }}**{{ else if w }}* {{ v }}{{ else }}Bye{{ end }}",
        "{{ if n > 1000 }}\n## Big {{ v }}\n{{ end }}\ntail {{ w }}",
        "Dear {{ if v }}{{ v }}{{ else }}friend{{ end }}, {{ w }}",
        "{{ if v == 'Ana' }}* Ana{{ else }}Not Ana: *{{ w }}*{{ end }}",
        "[{{ w }}](https://example.com/{{ v }})",
        "[example.com/Ana](example.com/{{ v }})",
        "[Ana](https://example.com/{{ v }}?x) and [Ana](/{{ w }})",
        "Hi {{ v | default w }}",
        "Hi {{ missing | default 'friend' }}",
        "Hi {{ w | default \"\" }}",
        "[go]({{ v }}) and ![img]({{ w }})",
        "Go <a href=\"{{ w }}\">there</a>",
        "```\n{{ v }}\n```",
        "`{{ w }}` and ``{{ v }}``",
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
                    .Append("\n  o:\n    content: x\n    html: \"<div title='{{ w }}'>{{ v }}</div>\\n<a href='{{ v }}'>{{ w }}</a> <a href=\\\"https://x.example/?q={{ w }}\\\">q</a>\\n<p>{{ slot 'i' }}</p>\"\n    text: \"T {{ v }} / {{ w }} https://x.example/?q={{ w }}&r={{ v }}\"")
                    .Append("\n  inner: \"*{{ w }}* inner\"")
                    .Append("\nslots:\n  s: { pick: all, from: [m, o] }\n  i: { from: [inner] }\nmessages:\n  msg:\n    subject: \"{{ v }}: news{{ if w }} for {{ w | string.upcase }}{{ end }}\"\n    body: ")
                    .Append(System.Text.Json.JsonSerializer.Serialize("Dear {{ v }},\n\n{{ slot \"s\" }}\n\nBye **{{ w }}**\n"))
                    .Append('\n');
                var fast = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml.ToString());
                var general = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = false }).Parse(yaml.ToString());
                var recipient = Person(("v", v), ("w", w), ("n", 1234.5m));

                // Both paths give the same output, or fail the recipient with the same error (a value starting a URL with a forbidden scheme).
                var expected = Rendered(general, recipient);
                var actual = Rendered(fast, recipient);
                return (expected == actual && !actual.EndsWith("writers agree: False", StringComparison.Ordinal)).Label($"body:\n{body}\ngeneral:\n{expected}\nfast:\n{actual}");
            });

    /// <summary>Shapes that read the optional fields 'x' and 'y' only in branches (tested on 'v', which every recipient has).</summary>
    private static readonly string[] BranchShapes =
    [
        "{{ if v == 'Ana' }}Hi **{{ x }}**{{ else }}Bye{{ end }}",
        "{{ if v }}{{ x }}{{ else if y }}*{{ y }}*{{ end }}",
        "Dear {{ if v == '' }}friend{{ else }}{{ y | string.upcase }}{{ end }}",
        "{{ if v == 'Ana' && x }}A {{ x }}{{ end }} tail",
        "{{ for p in items }}{{ x }} {{ p.name }}{{ end }}",
        "Code: {{ v == 'Ana' ? x : 'none' }}",
    ];

    /// <summary>
    /// A field read only in a branch is needed only when the branch is taken, on both paths alike: a recipient with or
    /// without the optional fields gets the same message, or the same error, from the precompiled plan as from Scriban.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property BranchReads_ThePathsAgree() =>
        Prop.ForAll(
            Gen.Elements(BranchShapes).ArrayOf().Where(static a => a.Length is > 0 and < 3).ToArbitrary(),
            (from v in Gen.Elements("Ana", "", "Bo")
             from x in Gen.Elements<string?>(null, "X1", "")
             from y in Gen.Elements<string?>(null, "y*2")
             from count in Gen.Choose(0, 3)
             select (v, x, y, count)).ToArbitrary(),
            static (shapes, data) =>
            {
                var (v, x, y, count) = data;
                var yaml = "catalog: p\nmodules:\n  m:\n    content: " + System.Text.Json.JsonSerializer.Serialize(string.Join("\n\n", shapes))
                    + "\nslots:\n  s: { from: [m] }\nmessages:\n  msg:\n    subject: \"{{ v }}{{ if v == 'Bo' }} {{ y }}{{ end }}\"\n    body: \"{{ slot 's' }}\"\n";
                var fast = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
                var general = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = false }).Parse(yaml);
                var fields = new List<(string, object?)> { ("v", v), ("items", Enumerable.Range(0, count).Select(static i => new Dictionary<string, object?> { ["name"] = $"n{i}" }).ToList()) };
                fields.AddRange(new[] { ("x", (object?)x), ("y", y) }.Where(static f => f.Item2 is not null));
                var recipient = Person([.. fields]);

                var expected = Rendered(general, recipient);
                var actual = Rendered(fast, recipient);
                return (expected == actual && !actual.EndsWith("writers agree: False", StringComparison.Ordinal)).Label($"shapes: {string.Join(" | ", shapes)}\ngeneral:\n{expected}\nfast:\n{actual}");
            });

    private static readonly string[] LoopBodies =
    [
        "* {{ p.name }}: {{ p.price | math.format 'C' }}\n",
        "1. **{{ p.name }}**\n",
        "{{ p.name }}\n",
        "{{ p.name }} costs {{ p.price }}  \n",
        "\n- *{{ p.name }}* x\n",
        "> {{ p.name }}\n",
        "### {{ p.name }}\n\n",
        "| {{ p.name }} | {{ p.price }} |\n",
        "<li>{{ p.name }}</li>\n",
        "- [{{ p.name }}](https://example.com/{{ p.price }})\n",
        "* {{ p.price | math.round p.name }}\n",
        "{{ p.name }}, {{ end }}{{ for q in items }}{{ q.name }}\n",
        "* {{ p.name | math.format 'N2' }} {{ p.missing }} {{ p.price | math.format 'Q' }}\n",
        "* {{ p.price | math.format 'C' }} {{ p }} {{ v }}\n",
    ];

    private static readonly string[] LoopPrefixes = ["", "### Orders {{ v }}\n\n", "Intro {{ v }}\n", "| name | price |\n|---|---|\n", "* first\n"];

    private static readonly string[] LoopSuffixes = ["", "\nTotal: **{{ w }}**\n", "after {{ w }} and {{ p }}\n", "\n---\n"];

    [Property(MaxTest = 400)]
    public Property LoopPlans_EqualTheGeneralPath() =>
        Prop.ForAll(
            (from prefix in Gen.Elements(LoopPrefixes)
             from body in Gen.Elements(LoopBodies)
             from suffix in Gen.Elements(LoopSuffixes)
             select prefix + "{{ for p in items }}" + body + "{{ end }}" + suffix).ToArbitrary(),
            Items().ToArbitrary(),
            Gen.Elements(1024 * 1024, 120).ToArbitrary(),
            static (content, items, outputLimit) =>
            {
                var yaml = new StringBuilder("catalog: p\nmodules:\n  m:\n    content: ")
                    .Append(System.Text.Json.JsonSerializer.Serialize(content))
                    .Append("\n  o:\n    content: x\n    html: \"<ul>{{ for p in items }}<li title='{{ p.name }}'>{{ p.price }}</li>{{ end }}</ul>\"\n    text: \"{{ for p in items }}- {{ p.name }}\\n{{ end }}\"")
                    .Append("\nslots:\n  s: { pick: all, from: [m, o] }\nmessages:\n  msg:\n    subject: \"{{ for p in items }}{{ p.name }}, {{ end }}for {{ v }}\"\n    body: \"Dear {{ v }},\\n\\n{{ slot 's' }}\\n\"\n");
                // A loop limit of 5 with lists of up to 8 items: longer lists must fail exactly as the interpreter fails.
                var limits = RenderLimits.Default with { MaxLoopIterations = 5, MaxOutputLength = outputLimit };
                var fast = new CatalogLoader(TestCatalogs.Untimed with { Limits = limits }).Parse(yaml.ToString());
                var general = new CatalogLoader(TestCatalogs.Untimed with { Limits = limits, UseCompiledPaths = false }).Parse(yaml.ToString());
                var recipient = Person(("id", "r1"), ("v", "Zoë <b>"), ("w", "1 & 2"), ("p", "the recipient's own p"), ("locale", "de-DE"), ("items", items));

                var expected = Outcome(general, recipient);
                var actual = Outcome(fast, recipient);
                return (expected == actual).Label($"content:\n{content}\nitems: {items?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, limit {outputLimit}\ngeneral:\n{expected}\nfast:\n{actual}");
            });

    [Fact]
    public void LoopPlan_IsUsedForALoopOverListLines()
    {
        var catalog = Parse("catalog: t\nmodules:\n  a:\n    content: \"### Orders\\n\\n{{ for p in items }}* {{ p.name }}: {{ p.price }}\\n{{ end }}\"\nmessages:\n  m:\n    body: \"x\"\n");

        var runtime = (OneToOne.Composition.Runtime.CatalogRuntime)typeof(Catalog)
            .GetField("_runtime", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(catalog)!;
        var plan = runtime.Modules[0].Content!.WebPlan!;
        Assert.NotNull(plan.Loop);
        Assert.Equal(["<h3>Orders</h3>\n<ul>\n<li>", "</li>\n</ul>\n"], plan.Literals);
        Assert.Equal(["", ": ", ""], plan.Loop!.Item.Literals);
        Assert.Equal("</li>\n<li>", plan.Loop.Separator);
        Assert.Equal(["<h3>Orders</h3>\n"], plan.WhenEmpty!.Literals);
        Assert.NotNull(runtime.Modules[0].Content!.TextPlan!.Loop);
    }

    [Fact]
    public void TextPlan_WritesValuesInLinkUrls_UnlessAValueCouldMakeTheUrlEqualTheLinkText()
    {
        const string Yaml = "catalog: t\nmodules:\n  a:\n    content: \"[Manage](https://example.com/p?u={{ v }})\"\n  b:\n    content: \"[example.com/Ana](example.com/{{ v }})\"\nslots:\n  s: { pick: all, from: [a, b] }\nmessages:\n  msg:\n    body: \"{{ slot 's' }}\"\n";
        var fast = Parse(Yaml);
        var general = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = false }).Parse(Yaml);
        var runtime = (OneToOne.Composition.Runtime.CatalogRuntime)typeof(Catalog)
            .GetField("_runtime", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(fast)!;

        Assert.Equal(["Manage (https://example.com/p?u=", ")\n"], runtime.Modules[0].Content!.TextPlan!.Literals);
        Assert.Null(runtime.Modules[1].Content!.TextPlan);
        foreach (var v in new[] { "Ana", "c0001", "a&b(c)" })
        {
            var recipient = Person(("v", v));
            var expected = general.Render(general.Decide(recipient, "msg"), Channel.Text).Body;
            Assert.Equal(expected, fast.Render(fast.Decide(recipient, "msg"), Channel.Text).Body);
        }

        Assert.Equal("Manage (https://example.com/p?u=Ana)\n\nexample.com/Ana\n", fast.Render(fast.Decide(Person(("v", "Ana")), "msg"), Channel.Text).Body);
    }

    [Fact]
    public void BranchPlans_AreOnePlanPerBranch()
    {
        var catalog = Parse("catalog: t\nmodules:\n  a:\n    content: \"{{ if tier == 'gold' }}## Gold {{ name }}{{ else }}Hello **{{ name }}**{{ end }}\"\nmessages:\n  m:\n    body: \"x\"\n");

        var runtime = (OneToOne.Composition.Runtime.CatalogRuntime)typeof(Catalog)
            .GetField("_runtime", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(catalog)!;
        var branches = runtime.Modules[0].Content!.WebPlan!.Branches!;
        Assert.Single(branches.Conditions);
        Assert.Equal(["<h2>Gold ", "</h2>\n"], branches.Plans[0]!.Literals);
        Assert.Equal(["<p>Hello <strong>", "</strong></p>\n"], branches.Plans[1]!.Literals);
    }

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

    /// <summary>The subject and the body on web and text, rendered to strings and into writers (which must agree), or the recipient's error.</summary>
    private static string Rendered(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
    {
        try
        {
            var decision = catalog.Decide(recipient, "msg");
            var web = catalog.Render(decision, Channel.Web);
            var text = catalog.Render(decision, Channel.Text);

            // Rendering into a writer (the plan's output normalised straight into it) gives the same text.
            using var textWriter = new StringWriter();
            using var webWriter = new StringWriter();
            var writersAgree = catalog.Render(decision, Channel.Text, textWriter) == web.Subject && textWriter.ToString() == text.Body
                && catalog.Render(decision, Channel.Web, webWriter) == web.Subject && webWriter.ToString() == web.Body;
            return $"{web.Subject}\n--- web ---\n{web.Body}\n--- text ---\n{text.Body}\n--- writers agree: {writersAgree}";
        }
        catch (RecipientException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static string Outcome(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
    {
        try
        {
            var decision = catalog.Decide(recipient, "msg");
            var web = catalog.Render(decision, Channel.Web);
            return web.Subject + "\n--- web ---\n" + web.Body + "\n--- text ---\n" + catalog.Render(decision, Channel.Text).Body;
        }
        catch (RecipientException ex)
        {
            return "error: " + ex.Message;
        }
    }

    /// <summary>Null, or a list of 0 to 8 purchases with any text as the name (some numeric, for a format argument).</summary>
    private static Gen<List<Dictionary<string, object?>>?> Items() =>
        Gen.OneOf(
            Gen.Constant<List<Dictionary<string, object?>>?>(null),
            from count in Gen.Choose(0, 8)
            from names in Gen.OneOf(Values().Generator, Gen.Elements("2", "0")).ArrayOf(count)
            from prices in Gen.Elements<object?>(0m, 4.5m, 1234.567m, -3m, 7, 2.5, null, "12").ArrayOf(count)
            select (List<Dictionary<string, object?>>?)[.. names.Zip(prices, static (name, price) => new Dictionary<string, object?> { ["name"] = name, ["price"] = price })]);

    private static Arbitrary<string> Values() =>
        Gen.OneOf(
                Gen.Elements(Alphabet).ArrayOf().Select(static c => new string(c)),
                Gen.Elements("", " ", "\uE000", "Ana", "javascript:alert(1)", "https://a.example/?c=d&e", "mailto:x@y.z", "```", "a`b", "Zoë Ærin", "<b>", "**x**", "1. item", "# h", "a_b_c", "a&b<c>\"d\"é—ß", "k=v#x%20(y)", "%EE%80%82", "\\[x](y)"))
            .ToArbitrary();
}
