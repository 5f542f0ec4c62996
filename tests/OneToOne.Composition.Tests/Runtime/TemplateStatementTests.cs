using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>Every Scriban statement runs as code, in a message body and in a module, never comes out as its own text.</summary>
public sealed class TemplateStatementTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ArrayCycle_StartsAfreshForEachRecipient(bool useCompiledPaths)
    {
        // array.cycle's position outlived the call: the second recipient got 'b', the third 'c', each depending on who was
        // rendered before on the same thread, so output differed with --parallel and one recipient's render showed in another's.
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = useCompiledPaths })
            .Parse("catalog: t\nmodules:\n  a: \"{{ array.cycle ['a', 'b', 'c'] }}{{ array.cycle ['a', 'b', 'c'] }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var bodies = Enumerable.Range(1, 3).Select(i => catalog.Render(catalog.Decide(Person(("id", $"c{i}")), "m"), Channel.Text).Body.Trim()).ToList();

        Assert.Equal(["ab", "ab", "ab"], bodies);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RenderEmail_ArrayCycle_IsTheSameInTheHtmlAndTheTextPart(bool useCompiledPaths)
    {
        // The text part renders the body again after the HTML part, and went on with the cycle: 'a' in the HTML, 'b' in the text.
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = useCompiledPaths })
            .Parse("catalog: t\nmodules:\n  a: \"Hi {{ array.cycle ['a', 'b', 'c'] }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var email = catalog.RenderEmail(catalog.Decide(Person(("id", "c1")), "m"));

        Assert.Equal(("<p>Hi a</p>", "Hi a"), (email.Html.Trim(), email.Text.Trim()));
    }

    [Theory]
    [InlineData("{{ case tier }}{{ when \"gold\" }}GOLD{{ else }}OTHER{{ end }}", "gold", "GOLD")]
    [InlineData("{{ case tier }}{{ when \"gold\" }}GOLD{{ else }}OTHER{{ end }}", "silver", "OTHER")]
    [InlineData("{{ case tier }}{{ when \"gold\", \"silver\" }}METAL{{ end }}", "silver", "METAL")]
    [InlineData("{{ n = 0 }}{{ while n < 3 }}{{ n = n + 1 }}{{ n }}{{ end }} done", "gold", "123 done")]
    [InlineData("{{ place = { city: \"Oslo\" } }}{{ with place }}{{ city }}{{ end }} for {{ tier }}", "gold", "Oslo for gold")]
    [InlineData("{{# a comment only }}", "gold", "")]
    [InlineData("{{ }}", "gold", "")]
    public void Render_StatementsRunAsCode_InABodyAndInAModule(string template, string tier, string expected)
    {
        var recipient = Person(("tier", tier));
        foreach (var useCompiledPaths in new[] { true, false })
        {
            var loader = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = useCompiledPaths });
            var inBody = loader.Parse($"catalog: t\nmessages:\n  m:\n    body: '{template.Replace("'", "''", StringComparison.Ordinal)}'\n");
            var inModule = loader.Parse($"catalog: t\nmodules:\n  a:\n    content: '{template.Replace("'", "''", StringComparison.Ordinal)}'\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");

            foreach (var catalog in new[] { inBody, inModule })
            {
                Assert.Equal(expected, catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
                Assert.Equal(expected.Length == 0 ? string.Empty : $"<p>{expected}</p>", catalog.Render(catalog.Decide(recipient, "m"), Channel.Web).Body.Trim());
            }
        }
    }

    [Fact]
    public void AVariableOneRecipientsTemplateSets_IsGoneForTheNextRecipient()
    {
        // One render context serves recipient after recipient: what a template assigns for one (here only for gold
        // members) must not be there for the next, in a body or a module, on either path, in either channel.
        const string Template = "{{ if tier == \"gold\" }}{{ badge = \"GOLD \" + tier }}{{ end }}[{{ badge ?? \"none\" }}] {{ tier }}";
        foreach (var useCompiledPaths in new[] { true, false })
        {
            var loader = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = useCompiledPaths });
            var inBody = loader.Parse($"catalog: t\nmessages:\n  m:\n    body: '{Template}'\n");
            var inModule = loader.Parse($"catalog: t\nmodules:\n  a:\n    content: '{Template}'\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");

            foreach (var catalog in new[] { inBody, inModule })
            {
                foreach (var channel in new[] { Channel.Text, Channel.Web })
                {
                    var gold = catalog.Render(catalog.Decide(Person(("tier", "gold")), "m"), channel).Body.Trim();
                    var silver = catalog.Render(catalog.Decide(Person(("tier", "silver")), "m"), channel).Body.Trim();

                    Assert.Equal(channel == Channel.Text ? "[GOLD gold] gold" : "<p>[GOLD gold] gold</p>", gold);
                    Assert.Equal(channel == Channel.Text ? "[none] silver" : "<p>[none] silver</p>", silver);
                }
            }
        }
    }

    [Fact]
    public void AVariableTheLastRecipientsBodySet_IsNotSeenByTheNextRecipientsConditions()
    {
        // Each render starts its templates' variables afresh, but deciding renders nothing: the variables a body set for
        // the recipient before (by assignment or as a loop's variable) must be gone when the next one's 'when:' conditions
        // are evaluated.
        const string Yaml = """
            catalog: t
            modules:
              welcome: { when: 'badge == null', content: "Welcome {{ tier }}" }
              again: { content: "Again {{ tier }}" }
            slots:
              s: { from: [welcome, again] }
            messages:
              m:
                body: '{{ slot "s" }}{{ if tier == "gold" }}{{ badge = "GOLD" }}{{ end }}{{ for badge in perks }}{{ end }}'
            """;
        foreach (var useCompiledPaths in new[] { true, false })
        {
            var catalog = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = useCompiledPaths }).Parse(Yaml);
            foreach (var tier in new[] { "gold", "silver", "gold", "gold" })
            {
                var decision = catalog.Decide(Person(("tier", tier), ("perks", tier == "gold" ? new[] { "lounge" } : Array.Empty<string>())), "m");

                Assert.Equal(["welcome"], decision.GetSlot("s")!.ModuleIds);
                Assert.Equal($"Welcome {tier}", catalog.Render(decision, Channel.Text).Body.Trim());
            }
        }
    }

    [Fact]
    public void Render_TableRow_WritesItsRows()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: \"<table>{{ tablerow i in 1..2 }}{{ i }}{{ end }}</table>\"\n");

        var web = catalog.Render(catalog.Decide(Person(), "m"), Channel.Web).Body;

        Assert.Contains("<tr class=\"row1\"><td class=\"col1\">1</td></tr>", web, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"row2\"><td class=\"col1\">2</td></tr>", web, StringComparison.Ordinal);
        Assert.DoesNotContain("tablerow", web, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndlessWhile_FailsThatRecipientWithTheLoopLimit()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ while true }}{{ end }}done\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "w")), "m"), Channel.Text));

        Assert.Equal("w", ex.RecipientId);
        Assert.Contains("a loop ran more than 1,000 iterations", ex.Message, StringComparison.Ordinal);
    }
}
