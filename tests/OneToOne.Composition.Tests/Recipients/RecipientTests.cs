using System.Text.Json;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Recipients;

public sealed class RecipientTests
{
    private static readonly Catalog Card = Parse("""
        catalog: t
        messages:
          m:
            subject: "For {{ first_name }}"
            body: |
              {{ first_name }} in {{ address.city }}; {{ for p in purchases }}{{ p.name }}={{ p.price }};{{ end }} vip={{ vip }}
        """);

    public static TheoryData<string, Action> NullNames => new()
    {
        // Each threw an ArgumentNullException naming 'key' or 'propertyName': a parameter of a dictionary inside, not the caller's.
        { "idField", static () => Recipient.FromDictionary(new Dictionary<string, object?>(), null!) },
        { "idField", static () => Recipient.FromDictionary(new Dictionary<string, object?>(), null!, "7") },
        { "idField", static () => Recipient.FromJson(JsonDocument.Parse("{}").RootElement, null!) },
        { "idField", static () => Recipient.FromObject(new Dictionary<string, object?>(), null!) },
        { "name", static () => Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "c1" }).TryGetValue(null!, out _) },
        { "name", static () => Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "c1" }).HasField(null!) },
    };

    [Theory]
    [MemberData(nameof(NullNames))]
    public void ANullFieldName_IsAnArgumentNullException_NamingTheParameter(string parameter, Action call)
    {
        var e = Assert.Throws<ArgumentNullException>(call);

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void FromJson_ReadsNestedObjectsAndArraysInPlace()
    {
        using var json = JsonDocument.Parse("""{"id":7,"first_name":"Jürgen","address":{"city":"Köln"},"purchases":[{"name":"IPA","price":3.5},{"name":"Stout","price":4}],"vip":true}""");
        var recipient = Recipient.FromJson(json.RootElement);

        var text = Card.Render(Card.Decide(recipient, "m"), Channel.Text);

        Assert.Equal("7", recipient.Id);
        Assert.Equal("Jürgen in Köln; IPA=3.5;Stout=4; vip=true\n", text.Body);
    }

    [Fact]
    public void FromObject_ReadsPropertiesByNameAndSnakeCase()
    {
        var recipient = Recipient.FromObject(new Customer("c1", "Søren", new Address("Aarhus"), [new Purchase("Cider", 2.25m)], false));

        var text = Card.Render(Card.Decide(recipient, "m"), Channel.Text);

        Assert.Equal("c1", recipient.Id);
        Assert.Equal("Søren in Aarhus; Cider=2.25; vip=false\n", text.Body);
        Assert.True(recipient.HasField("FirstName"));
    }

    [Fact]
    public void Decide_TakesDictionariesOfAnyValueType_AndExpandoObjects()
    {
        var address = new Dictionary<string, object?> { ["city"] = "Gent" };
        var strings = new Dictionary<string, string> { ["id"] = "s1", ["first_name"] = "Anouk" };
        dynamic expando = new System.Dynamic.ExpandoObject();
        expando.id = "e1";
        expando.first_name = "Björk";
        var table = new System.Collections.Hashtable { ["id"] = "h1", ["first_name"] = "Hana" };
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "{{ first_name }} ({{ id }})"
            """);

        Assert.Equal("Anouk (s1)\n", catalog.Render(catalog.Decide(strings, "m"), Channel.Text).Body);
        Assert.Equal("Björk (e1)\n", catalog.Render(catalog.Decide((object)expando, "m"), Channel.Text).Body);
        Assert.Equal("Hana (h1)\n", catalog.Render(catalog.Decide(table, "m"), Channel.Text).Body);
        Assert.Equal("s1", Recipient.FromObject(strings).Id);
        Assert.True(Recipient.FromObject(new Dictionary<string, object?> { ["address"] = address }).HasField("address"));
        var numbered = Assert.Throws<ArgumentException>(() => Recipient.FromObject(new Dictionary<int, string> { [1] = "x" }));
        Assert.Contains("must be strings", numbered.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c42", "String")]
    [InlineData(42, "Int32")]
    [InlineData(new[] { "c42" }, "String[]")]
    public void FromObject_AValueThatIsNotARecordOfFields_IsRefused_NotReadAsItsProperties(object value, string kind)
    {
        var ex = Assert.Throws<ArgumentException>(() => Recipient.FromObject(value));
        var decide = Assert.Throws<ArgumentException>(() => Parse("catalog: t\nmessages:\n  m: { body: x }\n").Decide(value, "m"));

        Assert.StartsWith($"A recipient is a dictionary, a JSON object or an object whose properties are its fields; a {kind} is none of these.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("value", ex.ParamName);
        Assert.Equal(ex.Message.Replace("(Parameter 'value')", "(Parameter 'recipient')", StringComparison.Ordinal), decide.Message);
    }

    [Fact]
    public void DecideObject_DataThatIsNoRecipient_NamesDecidesOwnParameter_NotOneOfTheReadersInside()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m: { body: x }\n");
        using var array = JsonDocument.Parse("[1, 2]");

        var json = Assert.Throws<ArgumentException>(() => catalog.Decide(array.RootElement, "m"));
        var keys = Assert.Throws<ArgumentException>(() => catalog.Decide(new Dictionary<int, string> { [1] = "x" }, "m"));
        var none = Assert.Throws<ArgumentNullException>(() => catalog.Decide((object)null!, "m"));

        Assert.Equal(("recipient", "recipient", "recipient"), (json.ParamName, keys.ParamName, none.ParamName));
        Assert.StartsWith("A recipient must be a JSON object, but this is a JSON Array.", json.Message, StringComparison.Ordinal);
        Assert.StartsWith("A recipient's field names must be strings", keys.Message, StringComparison.Ordinal);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => Recipient.FromObject(array.RootElement)).ParamName);
    }

    [Fact]
    public void ADecision_RendersOnlyWithTheCatalogLoadThatMadeIt()
    {
        const string Yaml = """
            catalog: t
            messages:
              m:
                body: "Hi {{ first_name }}"
            """;
        var first = Parse(Yaml);
        var reloaded = Parse(Yaml);
        var decision = first.Decide(new Dictionary<string, object?> { ["first_name"] = "Ann" }, "m");

        Assert.Equal("Hi Ann\n", first.Render(decision, Channel.Text).Body);
        var ex = Assert.Throws<ArgumentException>(() => reloaded.Render(decision, Channel.Text));
        Assert.Contains("another load of catalog 't'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => reloaded.RenderEmail(decision));
        Assert.Throws<ArgumentOutOfRangeException>(() => first.Render(decision, (Channel)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => first.Render(decision, (Channel)(-1), TextWriter.Null));
    }

    [Fact]
    public void FromDictionary_ReadsNestedDictionariesAndLists()
    {
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["first_name"] = "Zoë",
            ["address"] = new Dictionary<string, object?> { ["city"] = "Lyon" },
            ["purchases"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Lager", ["price"] = 1 } },
            ["vip"] = true,
        });

        Assert.Equal("Zoë in Lyon; Lager=1; vip=true\n", Card.Render(Card.Decide(recipient, "m"), Channel.Text).Body);
        Assert.Null(recipient.Id);
    }

    [Fact]
    public void FromJson_RejectsANonObject()
    {
        using var json = JsonDocument.Parse("[1,2]");

        Assert.Throws<ArgumentException>(() => Recipient.FromJson(json.RootElement));
    }

    [Fact]
    public void JsonParser_ReadsRecordsThatRenderAsTheirDocumentsDo()
    {
        var parser = new RecipientJsonParser();
        var first = parser.Parse("""{"id":7,"first_name":"J\u00fcrgen","address":{"city":"Köln"},"purchases":[{"name":"IPA","price":3.5},{"name":"Stout","price":4}],"vip":true}"""u8);
        var second = parser.Parse("""{"id":"c2","first_name":"Ana","address":{"city":"Porto"},"purchases":[],"vip":false}"""u8);

        Assert.Equal("7", first.Id);
        Assert.Equal("Jürgen in Köln; IPA=3.5;Stout=4; vip=true\n", Card.Render(Card.Decide(first, "m"), Channel.Text).Body);
        Assert.Equal("c2", second.Id);
        Assert.Equal("Ana in Porto;  vip=false\n", Card.Render(Card.Decide(second, "m"), Channel.Text).Body);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E+3")]
    [InlineData("1.0")]
    [InlineData("-0")]
    [InlineData("12345678901234567890123456789012345")]
    public void ANumberId_IsItsTextAsWritten_WhileTemplatesReadTheNumber(string written)
    {
        var json = "{\"id\":" + written + ",\"first_name\":\"Ann\"}";
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "{{ id + 1 }}"
            """);
        using var document = JsonDocument.Parse(json);
        var parsed = new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json));
        var read = Recipient.FromJson(document.RootElement);

        Assert.Equal(written, parsed.Id);
        Assert.Equal(written, read.Id);
        var sum = catalog.Render(catalog.Decide(read, "m"), Channel.Text).Body;
        Assert.Equal(sum, catalog.Render(catalog.Decide(parsed, "m"), Channel.Text).Body);
        Assert.NotEqual(written + "1\n", sum);
    }

    [Theory]
    [InlineData("123456789012345678901234567890123456789012345678901234567890", "big")]
    [InlineData("-123456789012345678901234567890123456789012345678901234567890", "small")]
    [InlineData("79228162514264337593543950336", "big")]
    [InlineData("123456789012345678901234567890123456789012345678901234567891", "bigger")]
    public void AnIntegerBeyondDecimal_PrintsEveryDigitAsWritten_AndComparesExactly(string written, string verdict)
    {
        // A 60-digit integer read as a double: it printed 1.2345678901234567E+59, and compared equal to its neighbours.
        var json = "{\"id\":\"r1\",\"n\":" + written + "}";
        const string yaml = """
            catalog: t
            modules:
              bigger: { when: "n > 123456789012345678901234567890123456789012345678901234567890", content: "bigger" }
              big: { when: "n > 0", content: "big" }
              small: { content: "small" }
            slots:
              s: { pick: first, from: [bigger, big, small] }
            messages:
              m:
                body: "{{ n }} {{ slot 's' }}"
            """;
        var catalog = Parse(yaml);
        using var document = JsonDocument.Parse(json);
        var parsed = new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json));
        var read = Recipient.FromJson(document.RootElement);

        foreach (var path in new[] { catalog, Load(!Untimed.UseCompiledPaths, yaml) })
        {
            Assert.Equal(written + " " + verdict + "\n", path.Render(path.Decide(parsed, "m"), Channel.Text).Body);
            Assert.Equal(written + " " + verdict + "\n", path.Render(path.Decide(read, "m"), Channel.Text).Body);
        }
    }

    public static TheoryData<string, string> AtTheBounds => new()
    {
        // 1,000 digits and a sign: a number, every digit kept (the bound counts digits; the CSV reader counted the sign).
        { "-" + new string('7', 1000), "-" + new string('7', 1000) + " number" },

        // 1,001 digits: beyond the bound, its text as written, as a CSV cell that long (it was a number, one digit past the
        // bound; 1,002 digits were an infinite double).
        { new string('7', 1002), new string('7', 1002) + " text" },
        { new string('7', 1001), new string('7', 1001) + " text" },

        // 1.5 exactly, with more places than decimal holds: still a number a rule compares (it was text, and 'n > 1' failed).
        { "1.500000000000000000000000000000", "1.5000000000000000000000000000 number" },
    };

    [Theory]
    [MemberData(nameof(AtTheBounds))]
    public void ALongNumber_IsANumber_WhileItHoldsItsValue_AndItsTextAsWrittenBeyond(string written, string expected)
    {
        var json = "{\"id\":\"r1\",\"n\":" + written + "}";
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "{{ n }} {{ if n | math.is_number }}number{{ else }}text{{ end }}"
            """);
        using var document = JsonDocument.Parse(json);
        var parsed = new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json));
        var read = Recipient.FromJson(document.RootElement);

        Assert.Equal(expected + "\n", catalog.Render(catalog.Decide(parsed, "m"), Channel.Text).Body);
        Assert.Equal(expected + "\n", catalog.Render(catalog.Decide(read, "m"), Channel.Text).Body);
    }

    /// <summary>
    /// How much processor time work that takes well under a second may spend before the test counts it as running away:
    /// processor time, not the time that passed, which at load 60 is mostly waiting for a processor.
    /// </summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(1);

    /// <summary>A record of 200,000 keys (<c>k0</c> to <c>k199999</c>, each holding its number) and then <paramref name="last"/>, as JSON.</summary>
    private static byte[] WideRecord(string last)
    {
        var json = new System.Text.StringBuilder("{\"id\":\"wide\"");
        for (var i = 0; i < 200_000; i++)
        {
            json.Append(",\"k").Append(i).Append("\":").Append(i);
        }

        return System.Text.Encoding.UTF8.GetBytes(json.Append(',').Append(last).Append('}').ToString());
    }

    [Fact]
    public async Task JsonParser_AWideRecordFromHostileData_IsReadInTimeInProportionToItsKeys_AndAKeyTwiceIsStillFound()
    {
        // Each key was looked for among every key before it, and each look-up of a field went through them all: a 3 MB
        // record of 200,000 keys held one worker for minutes (300,000 for ten).
        var parser = new RecipientJsonParser();

        var (wide, spent) = await Waits.OnItsOwnThreadAsync(() => parser.Parse(WideRecord("\"name\":\"Ann\"")));
        var (twice, spentTwice) = await Waits.OnItsOwnThreadAsync(() => Assert.Throws<FormatException>(() => parser.Parse(WideRecord("\"\\u006b150000\":1"))));

        Assert.True(spent < GiveUp && spentTwice < GiveUp, $"parsing spent {spent} and {spentTwice} of processor time");

        Assert.True(wide.TryGetValue("k199999", out var value));
        Assert.Equal(199_999, value);
        Assert.True(wide.TryGetValue("name", out var name));
        Assert.Equal("Ann", name);
        Assert.False(wide.HasField("k200000"));
        Assert.StartsWith("the key \"k150000\" occurs twice", twice.Message, StringComparison.Ordinal);
        Assert.Equal("a", parser.Parse("""{"id":"a"}"""u8).Id);
    }

    [Fact]
    public async Task Render_AWideRecordWithATooLongValueLast_FailsNamingTheField_InTimeInProportionToItsKeys()
    {
        // The error names the field that holds the long value, found by looking up every field in turn.
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "{{ name }}"
            """);
        var recipient = new RecipientJsonParser().Parse(WideRecord("\"name\":\"" + new string('x', 1024 * 1024) + "\""));

        var (error, spent) = await Waits.OnItsOwnThreadAsync(() => Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient, "m"), Channel.Text)));

        Assert.True(spent < GiveUp, $"the render spent {spent} of processor time");

        Assert.Contains("the field 'name' is 1,048,576 characters long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonParser_AnIdTwice_IsAnError_AsForAnyField_AndAnEscapedIdNameIsTheId()
    {
        var parser = new RecipientJsonParser();

        Assert.StartsWith("the key \"id\" occurs twice", Assert.Throws<FormatException>(() => parser.Parse("""{"id":1e3,"id":"b"}"""u8)).Message, StringComparison.Ordinal);
        Assert.StartsWith("the key \"id\" occurs twice", Assert.Throws<FormatException>(() => parser.Parse("""{"id":"a","\u0069d":2.50}"""u8)).Message, StringComparison.Ordinal);
        Assert.Equal("2.50", parser.Parse("""{"id":2.50}"""u8).Id);
        Assert.Equal("7e1", parser.Parse("""{"\u0069d":7e1}"""u8).Id);
        Assert.Equal("7e1", new RecipientJsonParser("key").Parse("""{"id":1,"key":7e1}"""u8).Id);
    }

    [Theory]
    [InlineData("""{"id":"c1","prefs":{"channel":"email","channel":"print"}}""", "channel", "prefs")]
    [InlineData("""{"id":"c1","prefs":{"a":1,"address":{"city":"Oslo","\u0063ity":"Bergen"}}}""", "city", "prefs.address")]
    [InlineData("""{"id":"c1","orders":[{"sku":"a"},{"sku":"b","sku":"c"}]}""", "sku", "orders[1]")]
    public void JsonParser_AKeyTwiceInANestedObject_IsAnError_NamingTheKeyAndWhereItIs(string json, string key, string path)
    {
        var error = Assert.Throws<FormatException>(() => new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal($"the key \"{key}\" occurs twice in \"{path}\", so which value is meant is unknown: keep one of them.", error.Message);
    }

    [Fact]
    public void JsonParser_NestedValues_WithDistinctKeys_AreReadAsWritten_AndTheParserGoesOn()
    {
        var parser = new RecipientJsonParser();
        Assert.Throws<FormatException>(() => parser.Parse("""{"id":"c0","prefs":{"channel":"a","channel":"b"}}"""u8));

        var recipient = parser.Parse("""{"id":"c1","prefs":{"channel":"email","address":{"city":"Oslo"}},"orders":[{"sku":"a"},{"sku":"a"}],"n":2}"""u8);
        Assert.Contains("occurs twice in \"x\"", Assert.Throws<FormatException>(() => parser.Parse("""{"id":"c2","x":{"\ud800":1,"\ud800":2}}"""u8)).Message, StringComparison.Ordinal);
        Assert.True(parser.Parse("""{"id":"c3","x":{"\ud800":1,"\udc00":2}}"""u8).TryGetValue("x", out var surrogates));
        Assert.Equal("""{"\ud800":1,"\udc00":2}""", surrogates!.ToString());
        byte[] latin1Key = [.. """{"id":"c4","x":{"""u8, 0x22, 0xEB, 0x22, .. """:1}}"""u8];
        Assert.StartsWith("the JSON is not valid UTF-8 at byte 18 (0xEB)", Assert.Throws<FormatException>(() => parser.Parse(latin1Key)).Message, StringComparison.Ordinal);
        byte[] latin1Value = [.. """{"id":"c5","x":["""u8, 0x22, 0xEB, 0x22, .. """]}"""u8];
        Assert.StartsWith("the JSON is not valid UTF-8 at byte 18 (0xEB)", Assert.Throws<FormatException>(() => parser.Parse(latin1Value)).Message, StringComparison.Ordinal);

        Assert.True(recipient.TryGetValue("prefs", out var prefs));
        Assert.Equal("""{"channel":"email","address":{"city":"Oslo"}}""", prefs!.ToString());
        Assert.True(recipient.TryGetValue("orders", out var orders));
        Assert.Equal(2, Assert.IsAssignableFrom<System.Collections.IList>(orders).Count);
        Assert.True(recipient.TryGetValue("n", out var n));
        Assert.Equal(2, n);
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"text\"", "string")]
    [InlineData("42", "number")]
    [InlineData("null", "null")]
    public void JsonParser_RejectsANonObject_NamingWhatItIs(string json, string kind)
    {
        var error = Assert.Throws<FormatException>(() => new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal($"A recipient must be a JSON object, but this is a JSON {kind}.", error.Message);
    }

    [Theory]
    [InlineData("{\"id\":1,}", 8)]
    [InlineData("{\"id\":1} x", 9)]
    [InlineData("[1] x", 4)]
    [InlineData("{\"id\":", 6)]
    [InlineData("", 0)]
    public void JsonParser_RejectsInvalidJson_WhereJsonDocumentDoes(string json, long position)
    {
        var error = Assert.ThrowsAny<JsonException>(() => new RecipientJsonParser().Parse(System.Text.Encoding.UTF8.GetBytes(json)));
        var documents = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json));

        Assert.Equal(position, error.BytePositionInLine);
        Assert.Equal(documents.BytePositionInLine, error.BytePositionInLine);
        Assert.Equal(documents.Message, error.Message);
    }

    [Fact]
    public void Builtins_WinOverFieldsOfTheSameName_WhichStayReadableThroughRecipient()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ 3.14159 | math.round 2 }} {{ recipient.math }}\"\n");

        var text = catalog.Render(catalog.Decide(Person(("math", "data")), "m"), Channel.Text).Body;

        Assert.Equal("3.14 data\n", text);
    }

    private sealed record Customer(string Id, string FirstName, Address Address, IReadOnlyList<Purchase> Purchases, bool Vip);

    /// <summary>Bytes that are not UTF-8 (Latin-1 "ë" is 0xEB) are a <see cref="FormatException"/> naming the byte, in a value, an escaped value or a name; a U+FFFD written as UTF-8 is read.</summary>
    [Theory]
    [InlineData("{\"id\":\"c2\",\"name\":\"Zoë\"}", 22)]
    [InlineData("{\"id\":\"c2\",\"name\":\"Zo\\u0020ë\"}", 28)]
    [InlineData("{\"id\":\"c2\",\"namë\":\"Zo\"}", 16)]
    public void Parser_BytesThatAreNotUtf8_AreAFormatError_NamingTheByte(string latin1, int at)
    {
        var parser = new RecipientJsonParser();

        var error = Assert.Throws<FormatException>(() => parser.Parse(System.Text.Encoding.Latin1.GetBytes(latin1)));

        Assert.Equal($"the JSON is not valid UTF-8 at byte {at} (0xEB): save the input as UTF-8; it looks like Windows-1252/Latin-1 or another 8-bit encoding.", error.Message);
        Assert.True(parser.Parse("{\"id\":\"c2\",\"name\":\"Zo\uFFFD\"}"u8).TryGetValue("name", out var name));
        Assert.Equal("Zo\uFFFD", name);
    }

    private sealed record Address(string City);

    private sealed record Purchase(string Name, decimal Price);
}
