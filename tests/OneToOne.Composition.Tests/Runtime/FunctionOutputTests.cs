using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A function writes its output where it is called, not where it is defined: the values its body writes, and its text, are
/// checked and escaped for the place of each call (a URL, an attribute, a script), on both render paths.
/// </summary>
public sealed class FunctionOutputTests
{
    private static Catalog Module(bool compiled, string key, string template) => Load(compiled,
        "catalog: t\nmodules:\n  a:\n    content: " + (key == "content" ? Quoted(template) : "x\n    html: " + Quoted(template))
        + "\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Web(Catalog catalog, string value) =>
        catalog.Render(catalog.Decide(Person(("id", "r1"), ("v", value)), "m"), Channel.Web).Body;

    [Theory]
    [InlineData(true, "content", "{{ func f }}{{ v }}{{ end }}[x]({{ f }})")]
    [InlineData(false, "content", "{{ func f }}{{ v }}{{ end }}[x]({{ f }})")]
    [InlineData(true, "content", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(false, "content", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(true, "html", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(false, "html", "{{ func f(x) }}{{ x }}{{ end }}<a href=\"{{ f v }}\">x</a>")]
    [InlineData(false, "html", "{{ func f(x) }}{{ x }}{{ end }}<a href=\"{{ v | f }}\">x</a>")]
    [InlineData(false, "html", "{{ f = do }}{{ v }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(false, "html", "{{ func g }}{{ v }}{{ end }}{{ func f }}{{ g }}{{ end }}<a href=\"{{ f }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ if f }}{{ end }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ x = f }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}<a href=\"{{ this[\"f\"] }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}{{ o = {g: @f} }}<a href=\"{{ o.g }}\">x</a>")]
    [InlineData(false, "html", "{{ func f }}<a href=\"{{ $$ }}\">x</a>{{ end }}{{ wrap f }}{{ v }}{{ end }}")]
    [InlineData(true, "content", "{{ func f }}[x]({{ $$ }}){{ end }}{{ wrap f }}{{ v }}{{ end }}")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}{{ func g(h) }}<a href=\"{{ h }}\">x</a>{{ end }}{{ g @f }}")]
    [InlineData(true, "content", "{{ func f }}{{ v }}{{ end }}{{ func g(h) }}[x]({{ h }}){{ end }}{{ g @f }}")]
    [InlineData(false, "html", "{{ func g(h) }}<a href=\"{{ h }}\">x</a>{{ end }}{{ g do }}{{ v }}{{ end }}")]
    [InlineData(false, "html", "{{ func f }}{{ v }}{{ end }}{{ o = {} }}{{ o.g = @f }}<a href=\"{{ o.g }}\">x</a>")]
    [InlineData(true, "html", "{{ func f }}{{ v }}{{ end }}{{ a = [] }}{{ a[0] = @f }}<a href=\"{{ a[0] }}\">x</a>")]
    public void Render_AValueAFunctionWritesAtAUrlsStart_IsCheckedWhereTheFunctionIsCalled(bool compiled, string key, string template)
    {
        var catalog = Module(compiled, key, template);

        var ex = Assert.Throws<RecipientException>(() => Web(catalog, "javascript:alert(1)"));

        Assert.Contains("the field 'v' starts a URL with 'javascript:'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("href=\"https", Web(catalog, "https://example.com/ok"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFunctionThatOpensAUrl_MakesTheValueAfterItsCallAUrlPart(bool compiled)
    {
        // The function's text opens the attribute where it is called: the value after the call continues the URL there.
        var catalog = Module(compiled, "html", "{{ func open }}<a href=\"{{ end }}{{ open }}{{ v }}\">x</a>");

        Assert.Equal("<a href=\"javascript%3Aalert%281%29\">x</a>\n", Web(catalog, "javascript:alert(1)"));
    }

    [Theory]
    [InlineData("content", "{{ func f }}<script>{{ end }}{{ f }}{{ v }}</script>")]
    [InlineData("html", "{{ func f }}<a onclick=\"{{ end }}{{ f }}{{ v }}\">x</a>")]
    [InlineData("html", "{{ func f }}{{ v }}{{ end }}<a onclick=\"{{ f }}\">x</a>")]
    public void Load_AValueThatAFunctionCallPutsInAScript_IsRefused(string key, string template)
    {
        var ex = Assert.Throws<CatalogException>(() => Module(false, key, template));

        Assert.Contains("OTO1206", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFunctionThatWritesMarkupAndValuesInText_StillRenders(bool compiled)
    {
        var catalog = Module(compiled, "content", "{{ func greet(n) }}Dear **{{ n }}**{{ end }}{{ greet v }}, {{ func f(n); if n > 0; f(n-1); end; end; f(3) }}bye");

        Assert.Equal("<p>Dear <strong>Ann &lt;b&gt;</strong>, bye</p>\n", Web(catalog, "Ann <b>"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_AHelperThatReturnsItsValue_MayBeCalledInManyPlaces(bool compiled)
    {
        // A function that writes nothing ('ret') adds nothing where it is called: its calls are not counted against the limit.
        var calls = string.Concat(Enumerable.Repeat("{{ twice v }} ", 300));
        var catalog = Module(compiled, "html", "{{ func once(x) }}{{ ret x }}{{ end }}{{ func twice(x) }}{{ ret (once x) + (once x) }}{{ end }}<p>" + calls + "</p>");

        Assert.StartsWith("<p>a&lt;b&gt;a&lt;b&gt; a&lt;b&gt;a&lt;b&gt; ", Web(catalog, "a<b>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFunctionThatWritesOnlyInABranch_IsStillReadWhereItIsCalled()
    {
        var catalog = Module(false, "html", "{{ func f }}{{ if true }}{{ v }}{{ end }}{{ end }}{{ f }}<a href=\"{{ f }}\">x</a>");

        var ex = Assert.Throws<RecipientException>(() => Web(catalog, "javascript:alert(1)"));
        Assert.Contains("the field 'v' starts a URL with 'javascript:'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_ARecursiveHelperThatReturnsItsValue_MayBeCalledInManyPlaces(bool compiled)
    {
        var calls = string.Concat(Enumerable.Repeat("{{ fact 3 }} ", 300));
        var catalog = Module(compiled, "html", "{{ func fact(n) }}{{ ret n <= 1 ? 1 : n * (fact n - 1) }}{{ end }}<p>{{ v }} " + calls + "</p>");

        Assert.StartsWith("<p>a 6 6 6 ", Web(catalog, "a"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFunctionThatWritesOnlyThroughTheOneThatCallsIt_IsStillReadWhereItIsCalled()
    {
        // f writes v and calls g; g writes nothing itself but calls f: g's call in the URL writes v there.
        var catalog = Module(false, "html", "{{ func f(n) }}{{ v }}{{ if n > 0 }}{{ g n - 1 }}{{ end }}{{ end }}{{ func g(n) }}{{ f n }}{{ end }}{{ f 0 }}<a href=\"{{ g 0 }}\">x</a>");

        var ex = Assert.Throws<RecipientException>(() => Web(catalog, "javascript:alert(1)"));
        Assert.Contains("the field 'v' starts a URL with 'javascript:'", ex.Message, StringComparison.Ordinal);
    }
}
