using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A member of a recipient field that a template reads without a guard (<c>address.city</c>) is required as the field
/// is: a recipient whose data lacks it is rejected, naming the path, the module and what the data holds instead, on
/// both render paths and whatever form the recipient comes in; guarded reads render.
/// </summary>
public sealed class MissingMemberTests
{
    private const string Yaml = """
        catalog: t
        modules:
          a:
            content: "Ship to {{ address.city }}."
        slots:
          s: { from: [a] }
        messages:
          m:
            body: "{{ slot 's' }}"
        """;

    public static TheoryData<bool, string> Forms => new()
    {
        { true, "json" }, { false, "json" }, { true, "dictionary" }, { false, "dictionary" }, { true, "object" }, { false, "object" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Render_AMemberTheFieldLacks_RejectsTheRecipient_NamingPathModuleAndPlace(bool compiled, string form)
    {
        var catalog = Load(compiled, Yaml);
        var recipient = form switch
        {
            "json" => Json("""{"id":"r1","address":{"street":"Main St"}}"""),
            "dictionary" => Person(("id", "r1"), ("address", new Dictionary<string, object?> { ["street"] = "Main St" })),
            _ => Recipient.FromObject(new { Id = "r1", Address = new { Street = "Main St" } }),
        };

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient, "m"), Channel.Text));

        Assert.Equal("Recipient 'r1', message 'm', module 'a' at catalog.yaml(4,26): the template uses 'address.city', but the field 'address' has no member 'city'. Add it to the recipient data, or write '{{ address.city | default \"…\" }}' for a fallback.", ex.Message);
        Assert.Equal("a", ex.ModuleId);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Render_TheMemberPresent_WritesIt(bool compiled, string form)
    {
        var catalog = Load(compiled, Yaml);
        var recipient = form switch
        {
            "json" => Json("""{"id":"r1","address":{"city":"Oslo"}}"""),
            "dictionary" => Person(("id", "r1"), ("address", new Dictionary<string, object?> { ["city"] = "Oslo" })),
            _ => Recipient.FromObject(new { Id = "r1", Address = new { City = "Oslo" } }),
        };

        Assert.Equal("Ship to Oslo.", catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData(true, "5", "the field 'address' is a number, not an object with the member 'city'")]
    [InlineData(false, "\"Oslo\"", "the field 'address' is text, not an object with the member 'city'")]
    [InlineData(true, "true", "the field 'address' is true or false, not an object with the member 'city'")]
    [InlineData(false, "[{\"city\":\"Oslo\"}]", "the field 'address' is a list, not an object with the member 'city'")]
    public void Render_AMemberOfAValueThatIsNoObject_SaysWhatTheFieldHolds(bool compiled, string address, string problem)
    {
        var catalog = Load(compiled, Yaml);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json($$"""{"id":"r1","address":{{address}}}"""), "m"), Channel.Text));

        Assert.Contains($": the template uses 'address.city', but {problem}. ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, """{"id":"r1","customer":{"name":"Ann"}}""", "the field 'customer' has no member 'card'")]
    [InlineData(false, """{"id":"r1","customer":{"card":{"number":"1"}}}""", "'customer.card' has no member 'level'")]
    [InlineData(true, """{"id":"r1","customer":{"card":7}}""", "'customer.card' is a number, not an object with the member 'level'")]
    [InlineData(false, """{"id":"r1","customer":5}""", "the field 'customer' is a number, not an object with the member 'card'")]
    public void Render_ADeeperPath_NamesTheLinkThatIsMissing(bool compiled, string json, string problem)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"Level {{ customer.card.level }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json(json), "m"), Channel.Text));

        Assert.EndsWith($": the template uses 'customer.card.level', but {problem}. Add it to the recipient data, or write '{{{{ customer.card.level | default \"…\" }}}}' for a fallback.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "{{ address[\"city\"] }}", "address[\"city\"]", "the field 'address' has no member 'city'")]
    [InlineData(false, "{{ recipient.address.city }}", "recipient.address.city", "the field 'recipient.address' has no member 'city'")]
    [InlineData(true, "{{ recipient.nickname }}", "recipient.nickname", "the recipient has no field 'nickname'")]
    [InlineData(false, "{{ if true }}{{ address.city }}{{ end }}", "address.city", "the field 'address' has no member 'city'")]
    public void Render_OtherWaysOfReadingAMember_AreRequiredToo(bool compiled, string body, string path, string problem)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: '" + body + "'\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","address":{"street":"Main St"}}"""), "m"), Channel.Text));

        Assert.Contains($": the template uses '{path}', but {problem}. ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_GuardedReadsAndMembersScribanGives_Render(bool compiled)
    {
        const string Body = "[{{ address.city | default 'none' }}|{{ address.zip ?? 'no zip' }}|{{ address.empty? }}|{{ name.size }}|{{ tags.size }}|{{ since.year }}|{{ card?.limit }}|{{ for t in tags }}{{ t.label | default '-' }}{{ end }}]";
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"" + Body + "\"\n");
        var recipient = Person(
            ("id", "r1"), ("address", new Dictionary<string, object?> { ["street"] = "Main St" }), ("name", "Ann"),
            ("tags", new List<object?> { new Dictionary<string, object?> { ["label"] = "x" }, new Dictionary<string, object?>() }),
            ("since", new DateTime(2019, 5, 1, 0, 0, 0, DateTimeKind.Unspecified)), ("card", null));

        var body = catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();

        Assert.Equal("[none|no zip|false|3|2|2019||x-]", body);
    }

    [Theory]
    [InlineData(true, "{{ for p in purchases }}{{ p.name }} {{ end }}", "p.name", "item 2 of 'purchases' has no member 'name'")]
    [InlineData(false, "{{ for p in purchases }}{{ p.name }} {{ end }}", "p.name", "item 2 of 'purchases' has no member 'name'")]
    [InlineData(true, "{{ for p in recipient.purchases }}{{ p.shop.city }} {{ end }}", "p.shop.city", "'p.shop' of item 2 of 'recipient.purchases' is text, not an object with the member 'city'")]
    [InlineData(false, "{{ tablerow p in purchases }}{{ p.name }}{{ end }}", "p.name", "item 2 of 'purchases' has no member 'name'")]
    public void Render_AMemberOfALoopVariable_IsRequiredOfEveryItem(bool compiled, string body, string path, string problem)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: '" + body + "'\n");
        const string Json1 = """{"id":"r1","purchases":[{"name":"Tent","shop":{"city":"Oslo"}},{"shop":"online"}]}""";

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json(Json1), "m"), Channel.Text));
        var good = catalog.Render(catalog.Decide(Json("""{"id":"r2","purchases":[{"name":"Tent","shop":{"city":"Oslo"}},{"name":"Mat","shop":{"city":"Bergen"}}]}"""), "m"), Channel.Web);
        var none = catalog.Render(catalog.Decide(Json("""{"id":"r3","purchases":[]}"""), "m"), Channel.Text);

        Assert.Contains($": the template uses '{path}', but {problem}. ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path == "p.shop.city" ? "Oslo Bergen" : "Tent", good.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tent", none.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ALoopNestedInALoop_ChecksEveryItemOfEveryInnerList_NamingBoth(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: '{{ for o in orders }}{{ o.number }}: {{ for i in o.lines }}{{ i.sku }} {{ end }}{{ end }}'\n");
        const string Good = """{"id":"r1","orders":[{"number":"A","lines":[{"sku":"x"},{"sku":"y"}]},{"number":"B","lines":[{"sku":"z"}]}]}""";

        var body = catalog.Render(catalog.Decide(Json(Good), "m"), Channel.Text).Body.Trim();
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json(Good.Replace("{\"sku\":\"z\"}", "{\"code\":\"z\"}", StringComparison.Ordinal)), "m"), Channel.Text));
        var text = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json(Good.Replace("[{\"sku\":\"z\"}]", "\"z\"", StringComparison.Ordinal)), "m"), Channel.Text));

        Assert.Equal("A: x y B: z", body);
        Assert.Contains(": the template uses 'i.sku', but item 1 of 'o.lines' in item 2 of 'orders' has no member 'sku'. ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(": the template uses 'i.sku', but 'o.lines' in item 2 of 'orders' is text, not a list of objects with the member 'sku'. ", text.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ALoopOverAComputedList_IsNotCheckedPerItem(bool compiled)
    {
        // A sorted list is the template's own value, not a field of the recipient: its items are left as Scriban reads them.
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: '[{{ for p in purchases | array.sort \"name\" }}{{ p.name }};{{ end }}]'\n");

        var body = catalog.Render(catalog.Decide(Json("""{"id":"r1","purchases":[{"name":"Tent"},{"shop":"online"}]}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("[;Tent;]", body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_InsideWith_NamesAreTheObjectsMembersOrFields_NotRequired(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"[{{ with address }}{{ city }}{{ end }}]\"\n");

        var body = catalog.Render(catalog.Decide(Json("""{"id":"r1","address":{"street":"Main St"}}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("[]", body);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Render_With_ReadsTheObjectsMembers_WhateverFormTheRecipientCameIn(bool compiled, string form)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"[{{ with address }}{{ street }}, {{ city }}{{ end }}] {{ first_name }}\"\n");
        var recipient = form switch
        {
            "json" => Json("""{"id":"r1","first_name":"Ann","address":{"street":"Main St","city":"Oslo"}}"""),
            "dictionary" => Person(("id", "r1"), ("first_name", "Ann"), ("address", new Dictionary<string, object?> { ["street"] = "Main St", ["city"] = "Oslo" })),
            _ => Recipient.FromObject(new { Id = "r1", FirstName = "Ann", Address = new { Street = "Main St", City = "Oslo" } }),
        };

        var body = catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();

        Assert.Equal("[Main St, Oslo] Ann", body);
    }

    [Theory]
    [InlineData(true, "\"Main St\"", "text")]
    [InlineData(false, "null", "null")]
    [InlineData(true, "[1]", "a list")]
    public void Render_WithOverAValueThatIsNoObject_SaysWhatItIs(bool compiled, string address, string kind)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"{{ with address }}{{ city }}{{ end }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json($$"""{"id":"r1","address":{{address}}}"""), "m"), Channel.Text));

        Assert.EndsWith($": 'with address' reads the members of an object, but 'address' is {kind}. Correct the recipient data, or write 'address.member' where it is an object.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ANullOnTheWay_IsLeftToTheReadItself(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"{{ if card }}{{ card.limit }}{{ else }}no card{{ end }}\"\n");

        var body = catalog.Render(catalog.Decide(Json("""{"id":"r1","card":null}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("no card", body);
    }

    [Fact]
    public void Render_AMemberReadByAConditionOnly_StaysNullThere()
    {
        // Conditions read a missing field as null (a recipient that lacks it is simply not chosen); templates require it.
        var catalog = Parse("catalog: t\nmodules:\n  a: { when: 'address.city == \"Oslo\"', content: oslo }\n  b: { content: other }\nslots:\n  s: { from: [a, b] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var body = catalog.Render(catalog.Decide(Json("""{"id":"r1","address":{"street":"Main St"}}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("other", body);
    }

    [Fact]
    public void FindPersonas_MadeUpRecipients_HaveTheMembersTemplatesRequire()
    {
        var catalog = Parse("catalog: t\nmodules:\n  a: { content: '{{ address.city }}: {{ for p in purchases }}{{ p.shop.name }} {{ end }}' }\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var persona = Assert.Single(catalog.FindPersonas("m").Personas);
        var body = catalog.Render(catalog.Decide(persona.Recipient, "m"), Channel.Text).Body.Trim();

        Assert.Equal("Sample address city: Sample purchases 1 shop name Sample purchases 2 shop name", body);
    }
}
