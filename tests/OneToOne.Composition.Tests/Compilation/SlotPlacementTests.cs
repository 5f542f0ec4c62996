using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// A slot writes its modules' output, whole blocks of HTML, as it is: in an attribute's value or a link's URL, a module's
/// value (a recipient's javascript: URL) would land where it was never checked, so a slot there does not compile.
/// </summary>
public sealed class SlotPlacementTests
{
    private static string Catalog(string body) =>
        "catalog: t\nmodules:\n  a:\n    content: \"{{ v }}\"\n    html: \"{{ v }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: "
        + System.Text.Json.JsonSerializer.Serialize(body) + "\n";

    [Theory]
    [InlineData("<a href=\"{{ slot 's' }}\">x</a>")]
    [InlineData("<a href=\"https://x.example/{{ slot 's' }}\">x</a>")]
    [InlineData("<a title='{{ slot \"s\" }}'>x</a>")]
    [InlineData("[x]({{ slot 's' }})")]
    public void Load_ASlotInAnAttributeOrAUrl_IsRefused(string body)
    {
        foreach (var compiled in new[] { true, false })
        {
            var ex = Assert.Throws<CatalogException>(() => Load(compiled, Catalog(body)));

            Assert.Contains("error OTO1206: In 'body' of message 'm': the slot (or the layout's message) is in an attribute's value or a link's URL", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("web:\n      layout: \"<html><body><a href='{{ content }}'>x</a></body></html>\"", "'web: layout' of message 'm'")]
    [InlineData("email:\n      layout: \"<html><body><a title='{{ content }}'>x</a></body></html>\"", "'email: layout' of message 'm'")]
    public void Load_ALayoutsMessageInAnAttribute_IsRefused(string layout, string what)
    {
        var yaml = Catalog("{{ slot 's' }}") + "    " + layout + "\n";

        var ex = Assert.Throws<CatalogException>(() => Load(true, yaml));

        Assert.Contains($"error OTO1206: In {what}: the slot (or the layout's message) is in an attribute's value or a link's URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFieldNamedContentInAnAttributeOfAModule_IsAValueLikeAnyOther()
    {
        var catalog = Load(true, "catalog: t\nmodules:\n  a:\n    content: x\n    html: \"<a title='{{ content }}'>x</a>\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        Assert.Equal("<a title='&lt;b&gt;'>x</a>\n", catalog.Render(catalog.Decide(Person(("id", "r1"), ("content", "<b>")), "m"), Channel.Web).Body);
    }

    [Theory]
    [InlineData(true, "<div title=\"t\">\n\n{{ slot 's' }}\n\n</div>", "<div title=\"t\">\n&lt;b&gt;\n</div>\n")]
    [InlineData(false, "<div title=\"t\">\n\n{{ slot 's' }}\n\n</div>", "<div title=\"t\">\n&lt;b&gt;\n</div>\n")]
    [InlineData(true, "Hi\n\n{{ slot 's' }}", "<p>Hi</p>\n&lt;b&gt;\n")]
    public void Render_ASlotInText_PlacesItsModules(bool compiled, string body, string expected)
    {
        var catalog = Load(compiled, Catalog(body));

        Assert.Equal(expected, catalog.Render(catalog.Decide(Person(("id", "r1"), ("v", "<b>")), "m"), Channel.Web).Body);
    }

    [Theory]
    [InlineData(true, "{{ x = slot 's' }}<a href=\"{{ x }}\">x</a>")]
    [InlineData(false, "{{ x = slot 's' }}<a href=\"{{ x }}\">x</a>")]
    [InlineData(true, "<a href=\"{{ (slot 's') }}\">x</a>")]
    [InlineData(false, "<a href=\"{{ true ? (slot 's') : '' }}\">x</a>")]
    [InlineData(false, "{{ func f }}{{ ret slot 's' }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(true, "{{ x = slot 's' }}[x]({{ x }})")]
    public void Render_ASlotThatReachesAUrlThroughAnExpression_IsRefused(bool compiled, string body)
    {
        // The slot's HTML would be the URL as it is: <a href="javascript:alert(1)"> from a module writing the recipient's value.
        var catalog = Load(compiled, Catalog(body));

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("v", "javascript:alert(1)")), "m"), Channel.Web));

        Assert.Contains("a slot's modules (or a layout's message) are written in a link's URL here", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ASlotHeldInAVariableAndWrittenInText_StillRenders(bool compiled)
    {
        var catalog = Load(compiled, Catalog("{{ x = slot 's' }}<div>{{ x }}</div>"));

        Assert.Contains("javascript:alert(1)", catalog.Render(catalog.Decide(Person(("id", "r1"), ("v", "javascript:alert(1)")), "m"), Channel.Web).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "<html><body>{{ x = content }}<a href='{{ x }}'>x</a></body></html>")]
    [InlineData(false, "<html><body><a href='{{ (content) }}'>x</a></body></html>")]
    public void RenderPage_ALayoutsMessageThatReachesAUrlThroughAnExpression_IsRefused(bool compiled, string layout)
    {
        var catalog = Load(compiled, Catalog("{{ slot 's' }}") + "    web:\n      layout: " + System.Text.Json.JsonSerializer.Serialize(layout) + "\n");
        var decision = catalog.Decide(Person(("id", "r1"), ("v", "javascript:alert(1)")), "m");

        var ex = Assert.Throws<RecipientException>(() => catalog.RenderPage(decision));

        Assert.Contains("a slot's modules (or a layout's message) are written in a link's URL here", ex.Message, StringComparison.Ordinal);
    }
}
