using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// The text output writes a link as its text and then its URL in parentheses, unless the two are equal, and an image as its
/// alt text, or its URL when that is empty: where a value can decide that, the precompiled path writes what the general one does.
/// </summary>
public sealed class TextLinkPlanTests
{
    [Theory]
    [InlineData(true, "[{{ v }}](https://x.example/)", "https://x.example/", "https://x.example/\n")]
    [InlineData(false, "[{{ v }}](https://x.example/)", "https://x.example/", "https://x.example/\n")]
    [InlineData(true, "[{{ v }}](https://x.example/)", "site", "site (https://x.example/)\n")]
    [InlineData(true, "See [https://{{ v }}/](https://x.example/) now", "x.example", "See https://x.example/ now\n")]
    [InlineData(true, "See [Our {{ v }}](https://x.example/) now", "https://x.example/", "See Our https://x.example/ (https://x.example/) now\n")]
    [InlineData(true, "![{{ v }}](https://x.example/i.png)", "", "https://x.example/i.png\n")]
    [InlineData(false, "![{{ v }}](https://x.example/i.png)", "", "https://x.example/i.png\n")]
    [InlineData(true, "![{{ v }}](https://x.example/i.png)", "logo", "logo\n")]
    [InlineData(true, "![Logo {{ v }}](https://x.example/i.png)", "", "Logo\n")]
    [InlineData(true, "{{ if v }}x{{ end }}![{{ v }}](https://x.example/i.png)", "", "xhttps://x.example/i.png\n")]
    [InlineData(false, "{{ if v }}x{{ end }}![{{ v }}](https://x.example/i.png)", "", "xhttps://x.example/i.png\n")]
    public void Render_Text_ALinkOrImageAValueDecides_IsWrittenAsTheGeneralPathWritesIt(bool compiled, string body, string value, string expected)
    {
        var catalog = LoadBody(compiled, body);

        Assert.Equal(expected, catalog.Render(catalog.Decide(Person(("id", "r1"), ("v", value)), "m"), Channel.Text).Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_Text_LoopItemsThatAreTheirLinksUrl_AreWrittenOnce(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for p in items }}* [{{ p }}](https://x.example/) ![{{ p }}](https://x.example/i.png)\n{{ end }}");
        var recipient = Person(("id", "r1"), ("items", new List<object?> { "https://x.example/", "b", string.Empty }));

        Assert.Equal(
            "- https://x.example/ https://x.example/\n- b (https://x.example/) b\n-  (https://x.example/) https://x.example/i.png\n",
            catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body);
    }
}
