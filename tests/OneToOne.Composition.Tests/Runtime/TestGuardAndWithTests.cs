using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// The if/case tests that make members optional in their branches (and only there), 'with' over every form of
/// recipient, and loops that rebind a name (found by a second review): each renders a minimal body on both render paths.
/// The outcome is "OK:" and the body, or "RX:" and the recipient error; any other exception is "EX:" and its type, so a
/// crash shows as a failed comparison.
/// </summary>
public sealed class TestGuardAndWithTests
{
    private static string Outcome(bool compiled, string body, Recipient recipient, Channel channel = Channel.Text) =>
        Outcome(LoadBody(compiled, body), recipient, channel);

    private static string Outcome(Catalog catalog, Recipient recipient, Channel channel = Channel.Text)
    {
        try
        {
            return "OK:" + catalog.Render(catalog.Decide(recipient, "m"), channel).Body.Trim();
        }
        catch (RecipientException e)
        {
            return "RX:" + e.Message;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return "EX:" + e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>Setting a name inside 'with' over recipient data (which cannot change) says so, naming the name, in every form.</summary>
    [Theory]
    [InlineData(true, "{{ line = '' }}{{ with address }}{{ line = city }}{{ end }}{{ line }}", "line")]
    [InlineData(false, "{{ with address }}{{ capture c }}x{{ end }}{{ c }}{{ end }}", "c")]
    public void SettingANameInsideWith_OverRecipientData_SaysWhyAndWhatToDo(bool compiled, string body, string name)
    {
        foreach (var recipient in new[] { Json("""{"id":"r1","address":{"city":"Oslo"}}"""), Person(("id", "r1"), ("address", new Dictionary<string, object?> { ["city"] = "Oslo" })) })
        {
            var outcome = Outcome(compiled, body, recipient);

            Assert.StartsWith("RX:", outcome, StringComparison.Ordinal);
            Assert.Contains($"'{name}' cannot be set inside 'with': there a name is set on the object 'with' reads, and neither recipient data nor the builtins can be changed. Set '{name}' outside the 'with'", outcome, StringComparison.Ordinal);
        }
    }

    /// <summary>Scriban's object functions take a recipient's object in every form, and still their own dictionaries.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ObjectFunctions_TakeARecipientsObject_InEveryForm(bool compiled)
    {
        const string Body = "{{ if card | object.has_key 'limit' }}{{ card.limit }}{{ end }}|{{ card | object.has_key 'nope' }}|{{ card | object.has_value 'none' }}|{{ card | object.size }}|{{ o = {a: 1, b: 2} }}{{ o | object.size }}{{ o | object.has_key 'a' }}|{{ 'abc' | object.size }}";
        var json = Json("""{"id":"r1","card":{"limit":5,"none":null}}""");
        var dictionary = Person(("id", "r1"), ("card", new Dictionary<string, object?> { ["limit"] = 5, ["none"] = null }));

        Assert.Equal("OK:5|false|false|2|2true|3", Outcome(compiled, Body, json));
        Assert.Equal("OK:5|false|false|2|2true|3", Outcome(compiled, Body, dictionary));
    }

    // ---- Returns, and names bound again ----

    /// <summary>A 'ret' inside 'with' returns from the function around it (the statement comes to what its body does).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RetInsideWith_ReturnsFromTheFunction(bool compiled)
    {
        var recipient = Json("""{"id":"r1","address":{"city":"Oslo"}}""");

        Assert.Equal("OK:[Oslo]", Outcome(compiled, "{{ func g; with address; ret city; end; end }}[{{ g }}]", recipient));
        Assert.Equal("OK:[Oslo]", Outcome(compiled, "{{ func g(x); with x; ret city; end; end }}[{{ g address }}]", recipient));
    }

    /// <summary>A loop variable that takes a tested name inside the branch is a new binding: its items are checked.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IfGuard_DoesNotReachALoopVariableShadowingTheTestedName(bool compiled)
    {
        var outcome = Outcome(compiled, "{{ if x }}{{ for x in purchases }}{{ x.name }}{{ end }}{{ end }}", Json("""{"id":"r1","x":true,"purchases":[{"a":1}]}"""));

        Assert.StartsWith("RX:", outcome, StringComparison.Ordinal);
        Assert.Contains("item 1 of 'purchases' has no member 'name'", outcome, StringComparison.Ordinal);
    }

    /// <summary>A nested loop reusing the outer variable's name ('for p in p.lines'): correct data renders (its items are not checked ahead).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NestedLoopReusingTheVariableName_CorrectData_Renders(bool compiled) =>
        Assert.Equal("OK:1", Outcome(compiled, "{{ for p in purchases }}{{ for p in p.lines }}{{ p.sku }}{{ end }}{{ end }}", Json("""{"id":"r1","purchases":[{"lines":[{"sku":1}]}]}""")));

    // ---- Behaving as the rules say (pins) ----

    /// <summary>A guard ends with its 'if': the same read after 'end' (or before the 'if') is required.</summary>
    [Theory]
    [InlineData(true, "{{ if card }}{{ card.limit }}{{ end }}|{{ card.limit }}")]
    [InlineData(false, "{{ if card }}{{ card.limit }}{{ end }}|{{ card.limit }}")]
    [InlineData(true, "{{ card.limit }}{{ if card }}{{ card.limit }}{{ end }}")]
    [InlineData(false, "{{ if card }}{{ end }}{{ card.limit }}")]
    [InlineData(true, "{{ if a }}A{{ else if card }}{{ card.limit }}{{ end }}|{{ card.limit }}")]
    [InlineData(false, "{{ if first_name }}{{ card.limit }}{{ else if card }}{{ end }}")]
    [InlineData(true, "{{ if a }}{{ else if b }}{{ else }}{{ card.limit }}{{ end }}")]
    [InlineData(false, "{{ if true }}{{ card.limit }}{{ end }}")]
    [InlineData(true, "{{ case card.kind }}{{ when 'a' }}{{ card.limit }}{{ end }}{{ card.limit }}")]
    [InlineData(false, "{{ if first_name }}{{ card.limit }}{{ end }}")]
    public void GuardDoesNotLeak_MissingMemberRejects(bool compiled, string body)
    {
        var outcome = Outcome(compiled, body, Json("""{"id":"r1","first_name":"A","a":false,"b":false,"card":{"kind":"a"}}"""));

        Assert.StartsWith("RX:", outcome, StringComparison.Ordinal);
        Assert.Contains("the field 'card' has no member 'limit'", outcome, StringComparison.Ordinal);
    }

    /// <summary>Inside its branches a test guards, nested and in 'else if' chains, and over a loop's list.</summary>
    [Theory]
    [InlineData(true, "{{ if address }}{{ if address }}x{{ end }}{{ address.city }}{{ end }}", "OK:x")]
    [InlineData(false, "{{ if a }}A{{ else if address }}{{ address.city }}B{{ end }}", "OK:B")]
    [InlineData(true, "{{ for o in orders }}{{ if o.kind == 'b' }}{{ for a in o.authors }}{{ a.name }}{{ end }}{{ end }}{{ end }}", "OK:x")]
    [InlineData(false, "{{ if recipient.address }}{{ address.city }}y{{ end }}", "OK:y")]
    public void GuardInsideBranches_Renders(bool compiled, string body, string expected) =>
        Assert.Equal(expected, Outcome(compiled, body, Json("""{"id":"r1","a":false,"address":{},"orders":[{"kind":"b","authors":[{"name":"x"}]},{"kind":"c"}]}""")));

    /// <summary>An 'if purchases' around a loop does not excuse the loop's items.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TestOfTheList_StillChecksItems(bool compiled)
    {
        var outcome = Outcome(compiled, "{{ if purchases }}{{ for p in purchases }}{{ p.name }}{{ end }}{{ end }}", Json("""{"id":"r1","purchases":[{"x":1}]}"""));

        Assert.Contains("item 1 of 'purchases' has no member 'name'", outcome, StringComparison.Ordinal);
    }

    /// <summary>A test in the message body or in one module guards no other module.</summary>
    [Theory]
    [InlineData(true, "catalog: t\nmodules:\n  a: { content: '{{ if card }}A{{ end }}' }\n  b: { content: '{{ card.limit }}' }\nslots:\n  s: { from: [a, b], pick: all }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n")]
    [InlineData(false, "catalog: t\nmodules:\n  b: { content: '{{ card.limit }}' }\nslots:\n  s: { from: [b] }\nmessages:\n  m:\n    body: \"{{ if card }}{{ slot 's' }}{{ end }}\"\n")]
    public void TestInOneTemplate_GuardsNoOtherModule(bool compiled, string yaml)
    {
        var outcome = Outcome(Load(compiled, yaml), Json("""{"id":"r1","card":{}}"""));

        Assert.Contains("module 'b'", outcome, StringComparison.Ordinal);
        Assert.Contains("the field 'card' has no member 'limit'", outcome, StringComparison.Ordinal);
    }

    /// <summary>'with': a function named there runs once, nesting, recipient, loop items and 'break' inside it.</summary>
    [Theory]
    [InlineData(true, "{{ func f; n = n + 1; ret address; end }}{{ n = 0 }}{{ with f }}{{ city }}{{ end }}{{ n }}", "OK:Oslo1")]
    [InlineData(false, "{{ func f; n = n + 1; ret address; end }}{{ n = 0 }}{{ with f }}{{ city }}{{ end }}{{ n }}", "OK:Oslo1")]
    [InlineData(true, "{{ with address }}{{ with geo }}{{ lat }}{{ city }}{{ end }}{{ end }}", "OK:5Oslo")]
    [InlineData(false, "{{ with recipient.address }}{{ city }}{{ end }}{{ with recipient }}{{ id }}{{ end }}", "OK:Oslor1")]
    [InlineData(true, "{{ for p in purchases }}{{ with p }}{{ name }}{{ break }}{{ end }}x{{ end }}", "OK:a")]
    [InlineData(false, "{{ with address }}{{ for l in lines }}{{ l }}{{ end }}{{ end }}", "OK:ab")]
    [InlineData(true, "{{ o = {a: 1} }}{{ with o }}{{ a = 2 }}{{ end }}{{ o.a }}", "OK:2")]
    public void With_Renders(bool compiled, string body, string expected) =>
        Assert.Equal(expected, Outcome(compiled, body, Json("""{"id":"r1","address":{"city":"Oslo","lines":["a","b"],"geo":{"lat":5}},"purchases":[{"name":"a"},{"name":"b"}]}""")));

    /// <summary>A value written inside 'with' is escaped on the web channel as the same value written outside it.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithInWebChannel_EscapesAsOutside(bool compiled)
    {
        var recipient = Json("""{"id":"r1","address":{"city":"<b>&\""}}""");

        Assert.Equal("OK:<p>&lt;b&gt;&amp;&quot;|&lt;b&gt;&amp;&quot;</p>", Outcome(compiled, "{{ with address }}{{ city }}{{ end }}|{{ address.city }}", recipient, Channel.Web));
        Assert.Equal("OK:<b>&\"|<b>&\"", Outcome(compiled, "{{ with address }}{{ city }}{{ end }}|{{ address.city }}", recipient));
    }
}
