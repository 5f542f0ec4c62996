using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A field (or a member path) a template reads only where it may not go — a branch of an <c>if</c> or <c>case</c>, a
/// loop's body, a function, the right of <c>&amp;&amp;</c> or <c>||</c>, the branches of <c>c ? a : b</c> — is required only when the template
/// gets there: <c>{{ if vip }}{{ vip_code }}{{ end }}</c> renders for a recipient who is no VIP and has no code, and
/// fails one who is, naming the read. On both render paths, with the same error as a field read everywhere.
/// </summary>
public sealed class BranchReadTests
{
    private const string VipBody = "Hello.{{ if vip }} Your code: {{ vip_code }}.{{ end }}";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFieldReadOnlyInABranchNotTaken_IsNotRequired(bool compiled)
    {
        var catalog = LoadBody(compiled, VipBody);

        var message = catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text);

        Assert.Equal("Hello.", message.Body.Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFieldReadInABranchTaken_IsWritten(bool compiled)
    {
        var catalog = LoadBody(compiled, VipBody);

        var message = catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true,"vip_code":"GOLD-7"}"""), "m"), Channel.Text);

        Assert.Equal("Hello. Your code: GOLD-7.", message.Body.Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFieldReadInABranchTakenButMissing_RejectsTheRecipientAtTheRead(bool compiled)
    {
        var catalog = LoadBody(compiled, VipBody);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Text));

        Assert.Equal("Recipient 'r1', message 'm' at catalog.yaml(5,40): the template uses the field 'vip_code', which the recipient does not have. Add the field to the recipient data, or write '{{ vip_code | default \"…\" }}' for a fallback.", ex.Message);
    }

    [Theory]
    [InlineData(true, "{{ if last_order }}Seen.{{ else }}New.{{ end }}")]
    [InlineData(false, "{{ if last_order }}Seen.{{ else }}New.{{ end }}")]
    [InlineData(false, "{{ if vip }}VIP.{{ else if last_order }}Seen.{{ else }}New.{{ end }}")]
    public void Render_AMissingFieldAnIfTests_SaysHowToTakeItAsFalse(bool compiled, string body)
    {
        var catalog = LoadBody(compiled, body);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text));

        Assert.EndsWith("the template tests the field 'last_order', which the recipient does not have. Add the field to the recipient data, or write '{{ if last_order ?? false }}' to take a recipient without it as false.", ex.Message, StringComparison.Ordinal);
        var advised = LoadBody(compiled, body.Replace("if last_order", "if last_order ?? false", StringComparison.Ordinal));
        Assert.Equal("New.", advised.Render(advised.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AFieldAlsoReadWhereTheTemplateAlwaysGoes_IsRequiredAheadAtThatRead(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ if vip }}{{ code }}{{ end }} and {{ code }}");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text));

        Assert.Contains("at catalog.yaml(5,46): the template uses the field 'code',", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ElseBranches_NeedTheirFieldsOnlyWhenReached(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ if vip }}VIP.{{ else if member }}No. {{ member_no }}{{ else }}Guest {{ guest_name }}{{ end }}");

        Assert.Equal("VIP.", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("No. 42", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false,"member":true,"member_no":42}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Guest Bo", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false,"member":false,"guest_name":"Bo"}"""), "m"), Channel.Text).Body.Trim());

        // The 'else if' test is read only when 'vip' is false.
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text));
        Assert.Contains("the template tests the field 'member',", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TheBranchesOfAConditionalExpression_NeedTheirFieldsOnlyWhenTaken(bool compiled)
    {
        var catalog = LoadBody(compiled, "Code: {{ vip ? vip_code : \"none\" }}");

        Assert.Equal("Code: none", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Code: G7", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true,"vip_code":"G7"}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Text));
        Assert.Contains("the template uses the field 'vip_code',", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AMemberReadOnlyInABranch_IsRequiredOnlyWhenTaken(bool compiled)
    {
        var catalog = LoadBody(compiled, "Hi.{{ if ship }} To {{ address.city }}.{{ end }}");

        Assert.Equal("Hi.", catalog.Render(catalog.Decide(Json("""{"id":"r1","ship":false,"address":{"street":"Main St"}}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Hi. To Oslo.", catalog.Render(catalog.Decide(Json("""{"id":"r1","ship":true,"address":{"city":"Oslo"}}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","ship":true,"address":{"street":"Main St"}}"""), "m"), Channel.Text));
        Assert.Contains("at catalog.yaml(5,30): the template uses 'address.city', but the field 'address' has no member 'city'.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AQualifiedReadOnlyInABranch_IsRequiredOnlyWhenTaken(bool compiled)
    {
        var catalog = LoadBody(compiled, "Hi.{{ if vip }} {{ recipient.vip_code }}{{ end }}");

        Assert.Equal("Hi.", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Text));
        Assert.Contains("the template uses 'recipient.vip_code', but the recipient has no field 'vip_code'.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ALoopInABranch_ChecksItsItemsOnlyWhenTaken(bool compiled)
    {
        var catalog = LoadBody(compiled, "Hi.{{ if gold }}{{ for p in purchases }} {{ p.name }}{{ end }}{{ end }}");
        const string Purchases = """[{"name":"Tea"},{"sku":"x"}]""";

        Assert.Equal("Hi.", catalog.Render(catalog.Decide(Json($$"""{"id":"r1","gold":false,"purchases":{{Purchases}}}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json($$"""{"id":"r1","gold":true,"purchases":{{Purchases}}}"""), "m"), Channel.Text));
        Assert.Contains("the template uses 'p.name', but item 2 of 'purchases' has no member 'name'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A loop's <c>else</c> runs only when the loop writes no item: what it reads is needed only then.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ALoopsElse_NeedsItsFieldsOnlyWhenTheLoopWritesNoItem(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for p in purchases }}{{ p.name }} {{ else }}{{ empty_note }}{{ end }}");

        Assert.Equal("Tea", catalog.Render(catalog.Decide(Json("""{"id":"r1","purchases":[{"name":"Tea"}]}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Nothing yet", catalog.Render(catalog.Decide(Json("""{"id":"r1","purchases":[],"empty_note":"Nothing yet"}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","purchases":[]}"""), "m"), Channel.Text));
        Assert.Contains("at catalog.yaml(5,57): the template uses the field 'empty_note',", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TheRightOfAnAnd_IsRequiredOnlyWhenTheLeftHolds(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ if vip && vip_code == \"A\" }}A-list{{ else }}Welcome{{ end }}");

        Assert.Equal("Welcome", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("A-list", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true,"vip_code":"A"}"""), "m"), Channel.Text).Body.Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Text));
        Assert.Contains("the template uses the field 'vip_code'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AModuleReadingAFieldInABranch_NamesTheModule(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            modules:
              a:
                content: "Hi.{{ if vip }} {{ vip_code }}{{ end }}"
            slots:
              s: { from: [a] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);

        Assert.Equal("Hi.", catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":false}"""), "m"), Channel.Web).Body.Replace("<p>", string.Empty, StringComparison.Ordinal).Replace("</p>", string.Empty, StringComparison.Ordinal).Trim());
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1","vip":true}"""), "m"), Channel.Web));
        Assert.Equal("a", ex.ModuleId);
        Assert.Contains("module 'a' at catalog.yaml(4,34): the template uses the field 'vip_code'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A segment's condition evaluated while a template renders reads fields at places of its own text, which may be
    /// those of the template's reads in a branch: they are not taken for the template's (here 'tier' in the condition
    /// and 'code' in the body both start at offset 25).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_ASegmentReadInABranch_IsNotMistakenForTheTemplatesRead(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            segments:
              gold: true && true && true && (tier | string.upcase) == "GOLD"
            messages:
              m:
                body: "{{ if segment.gold }} {{ code }}{{ end }}Hi."
            """);

        Assert.Equal("Hi.", catalog.Render(catalog.Decide(Json("""{"id":"r1","tier":"silver"}"""), "m"), Channel.Text).Body.Trim());
        Assert.Equal("G7Hi.", catalog.Render(catalog.Decide(Json("""{"id":"r1","tier":"gold","code":"G7"}"""), "m"), Channel.Text).Body.Trim());
    }
}
