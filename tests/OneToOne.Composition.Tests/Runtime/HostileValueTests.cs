using System.Text;
using System.Text.Json;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// The recipient values the hostile-recipient properties found failing with an error that was no recipient's: each
/// now fails the recipient with a <see cref="RecipientException"/> that names it, the module and the field, and says
/// how to fix the data; or renders.
/// </summary>
public sealed class HostileValueTests
{
    private const string Modules = """
        catalog: t
        modules:
          a:
            content: "Hi {{ name }}."
          b:
            content: x
            html: "<p title=\"{{ name }}\">{{ name }}</p>"
            text: "Plain {{ name }}"
        slots:
          s: { from: [a] }
          o: { from: [b] }
        messages:
          body:
            subject: "News"
            body: "{{ slot 's' }}"
          override:
            subject: "News"
            body: "{{ slot 'o' }}"
          subject:
            subject: "News for {{ name }}"
            body: "x"
        """;

    [Theory]
    [InlineData(true, "body", Channel.Web, "module 'a'")]
    [InlineData(false, "body", Channel.Text, "module 'a'")]
    [InlineData(true, "override", Channel.Web, "module 'b'")]
    [InlineData(false, "override", Channel.Text, "module 'b'")]
    [InlineData(true, "subject", Channel.Text, "message 'subject' at")]
    [InlineData(false, "subject", Channel.Web, "message 'subject' at")]
    public void Render_AValueWithAnUnpairedSurrogate_FailsTheRecipientNamingTheField(bool compiled, string message, Channel channel, string where)
    {
        var catalog = Load(compiled, Modules);
        foreach (var name in new[] { "Ann\uD800", "\uDC00Ann", "Ann\uDBFF\uDBFF\uDFFF" })
        {
            var decision = catalog.Decide(Person(("id", "r1"), ("name", name)), message);

            var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, channel));

            Assert.Equal("r1", ex.RecipientId);
            Assert.Contains(where, ex.Message, StringComparison.Ordinal);
            Assert.Contains("the field 'name' is not valid Unicode text: its character ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("half of a surrogate pair without the other half (U+", ex.Message, StringComparison.Ordinal);
            Assert.Throws<RecipientException>(() => catalog.RenderEmail(decision));
            if (message != "override")
            {
                // The override module prints its content, which has no value.
                Assert.Throws<RecipientException>(() => catalog.RenderPrint(decision));
            }
        }
    }

    [Theory]
    [InlineData(true, "body", Channel.Web, "module 'a'")]
    [InlineData(false, "body", Channel.Text, "module 'a'")]
    [InlineData(true, "subject", Channel.Text, "message 'subject' at")]
    [InlineData(false, "subject", Channel.Web, "message 'subject' at")]
    public void Render_InfinityOrNaN_FailsTheRecipientNamingTheField_InsteadOfWritingIt(bool compiled, string message, Channel channel, string where)
    {
        // A JSON number beyond the range of a double (1e400) reads as infinity: the customer would read "∞ points".
        var catalog = Load(compiled, Modules);
        var fromJson = new RecipientJsonParser().Parse("""{"id":"r1","name":1e400}"""u8);
        foreach (var (recipient, expected) in new[]
        {
            (fromJson, "the field 'name' is a number too large to write (+infinity; a JSON or CSV number beyond ±1.8e308, such as 1e400, reads so), which no message should show as '∞'."),
            (Person(("id", "r1"), ("name", double.NegativeInfinity)), "the field 'name' is a number too large to write (-infinity;"),
            (Person(("id", "r1"), ("name", double.NaN)), "the field 'name' is not a number (NaN), which no message should show."),
        })
        {
            var decision = catalog.Decide(recipient, message);

            var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, channel));

            Assert.Equal("r1", ex.RecipientId);
            Assert.Contains(where, ex.Message, StringComparison.Ordinal);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Throws<RecipientException>(() => catalog.RenderEmail(decision));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_InfinityFormattedAsANumber_FailsTheRecipient(bool compiled)
    {
        // The beer example writes '{{ points | math.format "N0" }} points': 1e400 came out as "∞ points".
        var catalog = Load(compiled, Modules.Replace("Hi {{ name }}.", "{{ name | math.format 'N0' }} points", StringComparison.Ordinal));
        var decision = catalog.Decide(new RecipientJsonParser().Parse("""{"id":"r1","name":1e400}"""u8), "body");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Text));

        Assert.Contains("module 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the field 'name' is a number too large to write (+infinity;", ex.Message, StringComparison.Ordinal);
        Assert.Equal("12,345 points", catalog.Render(catalog.Decide(Person(("id", "r2"), ("name", 12345)), "body"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AValueWithSurrogatePairs_Renders(bool compiled)
    {
        var catalog = Load(compiled, Modules);

        var web = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", "Zoë 👨‍👩‍👧 𝔘")), "override"), Channel.Web);
        var subject = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", "Zoë 👨‍👩‍👧 𝔘")), "subject"), Channel.Text);

        Assert.Equal("<p title=\"Zoë 👨‍👩‍👧 𝔘\">Zoë 👨‍👩‍👧 𝔘</p>\n", web.Body);
        Assert.Equal("News for Zoë 👨‍👩‍👧 𝔘", subject.Subject);
    }

    [Fact]
    public void FromJson_AnEscapedUnpairedSurrogate_IsReadAsWritten_AndFailsTheRecipientWhereItIsWritten()
    {
        using var json = JsonDocument.Parse("""{"id":"r1","name":"Ann\ud800","other":["\udc00",{"x":"\ud83d"}],"ok":"\ud83d\ude00"}""");
        var recipient = Recipient.FromJson(json.RootElement);
        var catalog = Parse(Modules);

        Assert.True(recipient.TryGetValue("name", out var name));
        Assert.Equal("Ann\uD800", name);
        Assert.True(recipient.TryGetValue("ok", out var ok));
        Assert.Equal("😀", ok);
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient, "body"), Channel.Web));
        Assert.Contains("module 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the field 'name' is not valid Unicode text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecipientJsonParser_AnEscapedUnpairedSurrogate_IsReadAsWritten_InAValueAndInAName()
    {
        var parser = new RecipientJsonParser();

        // Twice: the second record is read with the names the first one taught the parser.
        for (var i = 0; i < 2; i++)
        {
            var recipient = parser.Parse(Encoding.UTF8.GetBytes("""{"id":"r1","name":"A\ud800\u00e9\"\n","n\udc00":"\udbff x","list":["\ud800"]}"""));

            Assert.True(recipient.TryGetValue("name", out var name));
            Assert.Equal("A\uD800é\"\n", name);
            Assert.True(recipient.TryGetValue("n\uDC00", out var odd));
            Assert.Equal("\uDBFF x", odd);
            Assert.True(recipient.TryGetValue("list", out var list));
            Assert.Equal("\uD800", Assert.Single(Assert.IsAssignableFrom<System.Collections.IEnumerable>(list).Cast<object?>()));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AListNestedTooDeepToWrite_FailsTheRecipientNamingTheField(bool compiled)
    {
        var catalog = Load(compiled, Modules);
        object? deep = "x";
        for (var i = 0; i < 30; i++)
        {
            deep = new List<object?> { deep };
        }

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", deep)), "body"), Channel.Web));

        Assert.Equal("r1", ex.RecipientId);
        Assert.Contains("module 'a' at catalog.yaml(", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the field 'name' holds lists or objects nested more than 20 levels deep (or one that holds itself), too deep to write as text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AJsonListNestedTooDeepToWrite_FailsTheRecipientAtTheValue()
    {
        var catalog = Parse(Modules);
        using var json = JsonDocument.Parse("""{"id":"r1","name":""" + new string('[', 30) + new string(']', 30) + "}");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Recipient.FromJson(json.RootElement), "body"), Channel.Text));

        Assert.Equal("Recipient 'r1', message 'body', module 'a' at catalog.yaml(4,15): a value the template writes from 'name' (a list) holds lists or objects nested more than 20 levels deep (or one that holds itself), too deep to write as text. Write the member you mean ('{{ field.member }}'), or flatten the value in the recipient data.", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AListHoldingAnUnpairedSurrogate_FailsTheRecipientNamingTheFieldItCameFrom(bool compiled)
    {
        var catalog = Load(compiled, Modules);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", new List<object?> { "x\uD800" })), "subject"), Channel.Text));

        Assert.Equal("Recipient 'r1', message 'subject' at catalog.yaml(20,15): a value the template writes from 'name' (a list) is not valid Unicode text: its character 4 is half of a surrogate pair without the other half (U+D800), which no email, web page, file or PDF can carry. Correct the recipient data; such text was usually cut in the middle of a character or decoded with the wrong encoding.", ex.Message);
    }

    [Fact]
    public void Render_AListNestedAFewLevels_IsWrittenAsScribanWritesIt()
    {
        var catalog = Parse(Modules);
        var nested = new List<object?> { new List<object?> { 1, new List<object?> { "a" } } };

        var text = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", nested)), "body"), Channel.Text);

        Assert.Equal("Hi [[1, [\"a\"]]].\n", text.Body);
    }

    [Theory]
    [InlineData("x-private")]
    [InlineData("x-a-b")]
    [InlineData("root")]
    [InlineData("und")]
    public void Decide_APrivateUseOrRootLocale_IsARecipientError(string locale)
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    subject: \"{{ n }}\"\n    body: \"{{ n | math.format 'N0' }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("n", double.NegativeInfinity), ("locale", locale)), "m"));

        Assert.Equal($"Recipient 'r1', message 'm': the recipient's locale '{locale}' is not a known culture. Use a culture name such as 'en-US' or 'de-DE', or leave the field empty for the catalog default.", ex.Message);
    }

    [Fact]
    public void Load_APrivateUseLocale_IsAnInvalidValue()
    {
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse("catalog: t\nlocale: x-private\nmessages:\n  m:\n    body: x\n", out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Equal("'x-private' is not a known culture. Use a culture name such as 'en-US', 'de-DE' or 'fr'.", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decide_AConditionOnAValueOfTheWrongKind_NamesTheFieldAndItsKind(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nsegments:\n  smart: iq > 93\nmodules:\n  a: { when: segment.smart, content: x }\n  b: y\nslots:\n  s: { from: [a, b] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var list = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("iq", new List<object?> { 1 })), "m"));
        var date = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("iq", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc))), "m"));
        using var json = JsonDocument.Parse("""{"id":"r1","iq":[1]}""");
        var array = Assert.Throws<RecipientException>(() => catalog.Decide(Recipient.FromJson(json.RootElement), "m"));

        Assert.StartsWith("Recipient 'r1', message 'm' at catalog.yaml(3,", list.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It reads 'iq' (a list): correct the recipient data, or make the template handle values of that kind.", list.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It reads 'iq' (a date): correct the recipient data, or make the template handle values of that kind.", date.Message, StringComparison.Ordinal);
        Assert.Contains("is not supported between array and ", array.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It reads 'iq' (a list): correct the recipient data, or make the template handle values of that kind.", array.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFunctionPipedAValueOfTheWrongKind_NamesTheField_NotTheFunctionsOwnNames(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmodules:\n  a:\n    content: \"### {{ points | math.format 'N0' }} points for {{ name }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("points", "many"), ("name", "Ann"), ("format", 1)), "m"), Channel.Web));

        Assert.Equal("Recipient 'r1', message 'm', module 'a' at catalog.yaml(4,31): Unexpected `many`. Must be a formattable number. It reads 'points' (text): correct the recipient data, or make the template handle values of that kind.", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AnOperationOnAMemberOfAFieldThatIsNull_NamesTheField(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"Limit {{ card.limit + 100 }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("card", null)), "m"), Channel.Text));

        Assert.StartsWith("Recipient 'r1', message 'm' at catalog.yaml(4,", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("): the field 'card' is null, so 'card.limit' cannot be read. Correct the recipient data, or write 'card?.limit', which is null (and writes nothing) while 'card' is null; pipe it to 'default' for a fallback.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AMemberOfANullMember_NamesThePathThatIsNull_AndTheSafeReadWorksAsSaid(bool compiled)
    {
        const string Yaml = "catalog: t\nsegments:\n  big: 'card?.limit > 5'\nmodules:\n  a: { when: segment.big, content: \"{{ card?.limit }} {{ card.owner.name }}\" }\n  b: { content: \"[{{ card?.limit }}|{{ card?.limit | default 'none' }}]\" }\nslots:\n  s: { from: [a, b] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n";
        var catalog = Load(compiled, Yaml);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(
            Person(("id", "r1"), ("card", new Dictionary<string, object?> { ["limit"] = 9, ["owner"] = null })), "m"), Channel.Text));
        var safe = catalog.Render(catalog.Decide(Person(("id", "r2"), ("card", null)), "m"), Channel.Text);

        Assert.EndsWith("): 'card.owner' is null, so 'card.owner.name' cannot be read. Correct the recipient data, or write 'card.owner?.name', which is null (and writes nothing) while 'card.owner' is null; pipe it to 'default' for a fallback.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("[|none]", safe.Body.Trim());
    }

    [Fact]
    public void Decide_ARuleComparingAValueLongerThanTheOutputLimit_NamesTheFieldAndTheLimit()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { Limits = RenderLimits.Default with { MaxOutputLength = 1000 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: x\n    suppress:\n      when: 'tier < \"b\"'\n      reason: gold\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("tier", new string('g', 1000))), "m"));

        Assert.Equal("Recipient 'r1', message 'm' at catalog.yaml(6,14): the field 'tier' is 1,000 characters long; a value must stay under 1,000 characters (RenderLimits.MaxOutputLength). Shorten it in the recipient data, or raise the limit.", ex.Message);
    }

    [Fact]
    public void Decide_AScoreOnAMissingObject_SaysHowToGuardIt()
    {
        var catalog = Parse("catalog: t\nmodules:\n  a: { score: uplift.card * 2, content: x }\nslots:\n  s: { pick: best, from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1")), "m"));
        var nullField = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("uplift", null)), "m"));

        // It said Scriban's "Cannot get the member uplift.card for a null object", and to guard with '(uplift ?? 0) * margin',
        // which reads '.card' of 0: the field missing is named, and the guard is one for the member read.
        Assert.EndsWith("the score 'uplift.card * 2' reads 'uplift.card', but the recipient has no field 'uplift'. Add it to the recipient data, or guard the read: '(uplift?.card ?? 0)'.", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("the score 'uplift.card * 2' reads 'uplift.card', but the field 'uplift' is null. Add it to the recipient data, or guard the read: '(uplift?.card ?? 0)'.", nullField.Message, StringComparison.Ordinal);
        var guarded = Parse("catalog: t\nmodules:\n  a: { score: (uplift?.card ?? 0) * 2, content: x }\nslots:\n  s: { pick: best, from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");
        Assert.Equal(["a"], guarded.Decide(Person(("id", "r1"), ("uplift", null)), "m").GetSlot("s")!.ModuleIds);
    }

    [Theory]
    [InlineData(true, "fa-IR", 1, "PersianCalendar) covers 0622-03-22 to 9999-12-31")]
    [InlineData(false, "fa-IR", 1, "PersianCalendar) covers 0622-03-22 to 9999-12-31")]
    [InlineData(true, "ar-SA", 2100, "UmAlQuraCalendar) covers 1900-04-30 to 2077-11-16")]
    [InlineData(false, "ar-SA", 1899, "UmAlQuraCalendar) covers 1900-04-30 to 2077-11-16")]
    public void Render_ADateTheRecipientsCalendarCannotWrite_FailsTheRecipientNamingTheFieldAndTheRange(bool compiled, string locale, int year, string range)
    {
        var catalog = Load(compiled, Modules);
        var date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", date), ("locale", locale)), "body"), Channel.Web));

        var culture = System.Globalization.CultureInfo.GetCultureInfo(locale).Name;
        Assert.Equal($"Recipient 'r1', message 'body', module 'a' at catalog.yaml(4,15): the field 'name' is the date {year:D4}-01-01, which the culture '{culture}' cannot write: its calendar ({range}. Correct the date in the recipient data, or the recipient's locale.", ex.Message);
    }

    [Fact]
    public void Render_ADateInsideTheRecipientsCalendar_IsWrittenInIt()
    {
        var catalog = Parse(Modules);

        var text = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), ("locale", "fa-IR")), "body"), Channel.Text);

        Assert.Contains("۱۴۰۴", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void DateLocal_ADateTheRecipientsCalendarCannotWrite_FailsTheRecipientSayingWhy()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: \"Due {{ due | date.local }}\"\n");

        var calendar = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("due", "0001-01-01"), ("locale", "fa-IR")), "m"), Channel.Text));
        var day = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("due", new DateOnly(2100, 1, 1)), ("locale", "ar-SA")), "m"), Channel.Text));

        Assert.EndsWith("'date.local' got the date 0001-01-01, which the culture 'fa-IR' cannot write: its calendar (PersianCalendar) covers 0622-03-22 to 9999-12-31. Correct the date in the recipient data, or the recipient's locale.", calendar.Message, StringComparison.Ordinal);
        Assert.EndsWith("'date.local' got the date 2100-01-01, which the culture 'ar-SA' cannot write: its calendar (UmAlQuraCalendar) covers 1900-04-30 to 2077-11-16. Correct the date in the recipient data, or the recipient's locale.", day.Message, StringComparison.Ordinal);
        Assert.Equal("Due ۱۴۰۵/۱۲/۱۰\n", catalog.Render(catalog.Decide(Person(("id", "r1"), ("due", "2027-03-01"), ("locale", "fa-IR")), "m"), Channel.Text).Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_Text_KeepsBidiControlsAndLineSeparatorsInAValue_OnBothPaths(bool compiled)
    {
        // The compiled text plans wrote values as one-line values, dropping U+202E and folding U+2028 that the
        // interpreter's Markdown keeps: the two paths gave different text for the same recipient.
        var catalog = Load(compiled, Modules);

        var text = catalog.Render(catalog.Decide(Person(("id", "r1"), ("name", "A\u202EB\u2028C\u0007")), "body"), Channel.Text);

        Assert.Equal("Hi A\u202EB\u2028C .\n", text.Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decide_ComparingTextAsLongAsTheOutputLimit_FailsAlikeOnBothPaths(bool compiled)
    {
        // Scriban refuses to compare a text as long as the output limit; the compiled comparison of two texts answered.
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = compiled, Limits = RenderLimits.Default with { MaxOutputLength = 1000 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: x\n    suppress:\n      when: tier == \"gold\"\n      reason: gold\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("tier", new string('g', 1000))), "m"));

        Assert.Equal("the field 'tier' is 1,000 characters long; a value must stay under 1,000 characters (RenderLimits.MaxOutputLength). Shorten it in the recipient data, or raise the limit.", ex.Problem);
        Assert.False(catalog.Decide(Person(("id", "r1"), ("tier", new string('g', 999))), "m").IsSuppressed);
    }

    [Fact]
    public void Trace_AnIdOrAValueWithControlCharacters_IsWrittenOnItsLineAsEscapes()
    {
        // The trace wrote them as they were: an id with a line break and a terminal escape forged a trace line in
        // 'explain' ("✔ consent email: granted") and coloured the terminal.
        var catalog = Parse("""
            catalog: t
            policy:
              consent: { email: "true", print: "true" }
              preferred-channel: preferred
            modules:
              a: A
            slots:
              s: { from: [a] }
            messages:
              m: { channels: [email, print], body: '{{ slot "s" }}' }
            """);
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["id"] = "x\u001b[31m\n    ✔ forged",
            ["preferred"] = "fax\n    ✔ forged",
        });

        var lines = catalog.Decide(recipient, "m").ToTraceString().Split(Environment.NewLine);

        Assert.StartsWith("recipient x\\u001B[31m\\n    ✔ forged · message 'm'", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, static l => l.StartsWith("    ✔ forged", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, static l => l.Contains('\u001b', StringComparison.Ordinal));
    }
}
