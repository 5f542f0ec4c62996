using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// Recipient text ordered against a number the catalog writes (<c>iq &gt; 93</c> with "101", as a JSON export that
/// quotes its numbers gives it) was compared as text, in which "101" comes before "93": the recipient silently got the
/// wrong module. It now fails the recipient, naming the field, in rules and in templates, on both paths.
/// </summary>
public sealed class TextOrderedAgainstANumberTests
{
    private const string Yaml = """
        catalog: t
        modules:
          smart: { when: 'iq > 93', content: "smart" }
          low: { when: '93 >= iq', content: "low" }
          other: "{{ if iq < 50 }}under fifty{{ else }}other{{ end }}"
        slots:
          s: { from: [smart, low, other] }
        messages:
          m:
            body: "{{ slot 's' }}"
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void QuotedOrWordedNumbers_FailTheRecipient_NamingTheFieldAndTheRule(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, Yaml);

        foreach (var text in new[] { "101", "very high", "9" })
        {
            var ex = Assert.Throws<RecipientException>(() => catalog.Decide(TestCatalogs.Person(("id", "r"), ("iq", text)), "m"));
            Assert.Contains($"module 'smart'", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"'iq > 93' orders the field 'iq', the text \"{text}\", against a number", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NumbersAndMissingValues_AreDecidedAsBefore_AndATemplatesOrderingIsCheckedToo(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, Yaml.Replace("when: 'iq > 93'", "when: 'iq > 93 && iq != 100'", StringComparison.Ordinal)
            .Replace("when: '93 >= iq'", "when: '93 >= iq && iq >= 60'", StringComparison.Ordinal));
        string Body(object? iq) => catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "r"), ("iq", iq)), "m"), Channel.Text).Body.Trim();

        Assert.Equal("smart", Body(101));
        Assert.Equal("smart", Body(101.5));
        Assert.Equal("low", Body(93L));
        Assert.Equal("under fifty", Body(12));
        Assert.Equal("other", Body(null));
        Assert.Equal("other", Body(100));

        // 'other' is chosen for 100 by its place; its template orders the text against 50.
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "r"), ("iq", "x")), "m"), Channel.Text));
        Assert.Contains("'iq > 93' orders the field 'iq', the text \"x\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TextAgainstText_OrTwoFields_KeepScribansComparison(bool compiled)
    {
        var catalog = TestCatalogs.Load(compiled, """
            catalog: t
            modules:
              a: { when: 'code < "9"', content: "A" }
              b: { when: 'score > limit', content: "B" }
              c: "C"
            slots:
              s: { from: [a, b, c] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);
        string Chosen(params (string, object?)[] fields) => catalog.Decide(TestCatalogs.Person([("id", "r"), .. fields]), "m").Slots[0].ModuleIds[0];

        Assert.Equal("a", Chosen(("code", "10"), ("score", 1), ("limit", 2)));
        Assert.Equal("b", Chosen(("code", "z"), ("score", "9"), ("limit", 10)));
    }
    [Theory]
    [InlineData(true, "balance < -100", "-150")]
    [InlineData(false, "balance < -100", "-150")]
    [InlineData(true, "balance > +5", "10")]
    [InlineData(false, "balance > +5", "10")]
    [InlineData(true, "balance > (93)", "101")]
    [InlineData(false, "balance > (93)", "101")]
    [InlineData(true, "(-100) > balance", "-150")]
    [InlineData(false, "(-100) > balance", "-150")]
    public void ANegativeOrParenthesisedNumber_IsANumberTheRuleWrites_Too(bool compiled, string rule, string text)
    {
        // "-150" < "-100" is false as text ('5' after '0') though -150 < -100: the same silent miss as "101" > "93".
        var catalog = TestCatalogs.Load(compiled, $$$"""
            catalog: t
            modules:
              a: { when: '{{{rule}}}', content: "A" }
              b: "B"
            slots:
              s: { from: [a, b] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(TestCatalogs.Person(("id", "r"), ("balance", text)), "m"));
        Assert.Contains($"orders the field 'balance', the text \"{text}\", against a number", ex.Message, StringComparison.Ordinal);
        Assert.Equal("a", catalog.Decide(TestCatalogs.Person(("id", "r"), ("balance", rule.Contains('-', StringComparison.Ordinal) ? -150 : 101)), "m").Slots[0].ModuleIds[0]);
    }
}
