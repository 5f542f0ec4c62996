using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>Every Scriban statement runs as code, in a message body and in a module, never comes out as its own text.</summary>
public sealed class TemplateStatementTests
{
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
            var loader = new CatalogLoader(CompositionOptions.Default with { UseCompiledPaths = useCompiledPaths });
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
