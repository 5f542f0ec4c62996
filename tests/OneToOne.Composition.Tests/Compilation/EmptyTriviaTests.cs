using OneToOne.Composition.Compilation;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// Scriban 7 gives every terminal node of a template (a literal, a variable, a keyword, a text run, each <c>{{</c> and
/// <c>}}</c>) an object and two lists for trivia, all empty since we keep none: a catalog of 3,000 modules in seven
/// languages kept 1.8 million of them (170 MB) for as long as it was loaded. Compiled templates and conditions keep none.
/// </summary>
public sealed class EmptyTriviaTests
{
    private const string Template = "## Hi {{ first_name | string.capitalize }}\n{{ if purchases.size > 0 }}\n{{ for p in purchases }}\n- {{ p.name }}: {{ p.price | math.format \"0.00\" }}\n{{ end }}\n{{ else }}\nNothing yet, {{ first_name ?? \"friend\" }}.\n{{ end }}\n";

    [Fact]
    public void ACompiledTemplate_KeepsNoTriviaOnItsTerminals()
    {
        var compiled = new ScriptCompiler(new DiagnosticBag()).CompileTemplate(Source(Template), "'content' of module 'a'", markup: TemplateMarkup.Markdown);

        Assert.NotNull(compiled);
        var terminals = Terminals(compiled.Template.Page!);
        Assert.True(terminals.Count > 20, $"only {terminals.Count} terminals");
        Assert.All(terminals, static t => Assert.Null(t.Trivias));
    }

    [Fact]
    public void ACompiledCondition_KeepsNoTriviaOnItsTerminals()
    {
        var condition = new ScriptCompiler(new DiagnosticBag()).CompileCondition(Source("gender == \"female\" && (iq > 93 || points >= 1_000)"), "segment 'a'");

        Assert.NotNull(condition);
        var terminals = Terminals(condition.Expression);
        Assert.True(terminals.Count >= 6, $"only {terminals.Count} terminals");
        Assert.All(terminals, static t => Assert.Null(t.Trivias));
    }

    [Fact]
    public void ATemplateWithoutTrivia_RendersAsWritten()
    {
        var yaml = "catalog: t\nmodules:\n  a:\n    content: |\n" + string.Concat(Template.Split('\n').Select(static l => l.Length == 0 ? string.Empty : "      " + l + "\n"))
            + "slots:\n  s: { from: [a] }\nmessages:\n  m:\n    subject: \"{{ first_name }}\"\n    body: |\n      {{ slot \"s\" }}\n";
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "t.yaml");
        var purchases = new List<object?> { new Dictionary<string, object?> { ["name"] = "Ale & <Stout>", ["price"] = 3.5m } };

        var text = catalog.Render(catalog.Decide(new Dictionary<string, object?> { ["first_name"] = "zoë", ["purchases"] = purchases }, "m"), Channel.Text).Body;
        var none = catalog.Render(catalog.Decide(new Dictionary<string, object?> { ["first_name"] = "ann", ["purchases"] = new List<object?>() }, "m"), Channel.Text).Body;

        Assert.Contains("Hi Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Ale & <Stout>: 3.50", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing yet", text, StringComparison.Ordinal);
        Assert.Contains("Nothing yet, ann.", none, StringComparison.Ordinal);
    }

    private static SourceText Source(string text) =>
        new(text, new TextOrigin("t.yaml", 5, 7, 7, IsBlock: true, LastLine: 5 + text.Count(static c => c == '\n')), new SourceLocation("t.yaml", 5, 7));

    private static List<IScriptTerminal> Terminals(ScriptNode root)
    {
        var terminals = new List<IScriptTerminal>();
        var pending = new Stack<ScriptNode>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is IScriptTerminal terminal)
            {
                terminals.Add(terminal);
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (node.GetChildren(i) is { } child)
                {
                    pending.Push(child);
                }
            }
        }

        return terminals;
    }
}
