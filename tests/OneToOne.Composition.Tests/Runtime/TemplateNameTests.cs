using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A name a template binds itself is its own only where Scriban binds it: a loop's variable in the loop's body, a
/// parameter in its function's body, a variable from where it is set on. Anywhere else the name is the recipient's field,
/// required as any other. (The template's names were taken as bound everywhere, so a recipient without such a field
/// rendered an empty string where the field belonged, with no error.)
/// </summary>
public sealed class TemplateNameTests
{
    private static string Render(Catalog catalog, string json) => catalog.Render(catalog.Decide(Json(json), "m"), Channel.Text).Body.Trim();

    private static string Rejection(Catalog catalog, string json) =>
        Assert.Throws<RecipientException>(() => catalog.Decide(Json(json), "m") is var d ? catalog.Render(d, Channel.Text) : null).Message;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AMissingField_NamesAFieldOfACloseNameTheRecipientHas(bool compiled)
    {
        // A CSV header written for people ('First Name') failed every record with "does not have the field
        // 'first_name'", the column that holds it named nowhere.
        var catalog = LoadBody(compiled, "Hello {{ first_name }}, {{ points }} points");

        Assert.Contains(
            "the template uses the field 'first_name', which the recipient does not have. The recipient has 'First Name': if that is the field, name it 'first_name' in the recipient data (in a CSV, the column's header). Add the field",
            Rejection(catalog, """{"id":"r1","First Name":"Ann","points":3}"""),
            StringComparison.Ordinal);
        Assert.Contains(
            "the template uses the field 'points', which the recipient does not have. Add the field",
            Rejection(catalog, """{"id":"r1","first_name":"Ann","country":"DE"}"""),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tz", """{"id":"r1","iq":101}""", null)]
    [InlineData("tz", """{"id":"r1","TZ":"UTC"}""", "TZ")]
    [InlineData("tier", """{"id":"r1","time":"noon"}""", null)]
    [InlineData("tier", """{"id":"r1","tiers":"gold"}""", "tiers")]
    [InlineData("segmnt", """{"id":"r1","segment":"b2b"}""", "segment")]
    public void AMissingShortField_IsToldBesideAnotherOnlyWhenTheNamesAreCloseForTheirLength(string field, string json, string? close)
    {
        // Every name of two letters is two edits from every other: 'iq' was offered for a missing 'tz', 'time' for 'tier'.
        var error = Rejection(LoadBody(compiled: true, "{{ " + field + " }}"), json);

        Assert.Contains($"the template uses the field '{field}', which the recipient does not have.", error, StringComparison.Ordinal);
        if (close is null)
        {
            Assert.DoesNotContain("The recipient has", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"The recipient has '{close}': if that is the field, name it '{field}'", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AParameterName_ReadOutsideItsFunction_IsTheRecipientsField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ func greet(name) }}Hi {{ name }}!{{ end }}{{ greet \"Bo\" }} Yours, {{ name }}");

        Assert.Equal("Hi Bo! Yours, Ann", Render(catalog, """{"id":"r1","name":"Ann"}"""));
        Assert.Contains("the template uses the field 'name', which the recipient does not have", Rejection(catalog, """{"id":"r1"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AParameter_InItsFunction_IsNoField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ func money(amount) }}{{ amount }} EUR{{ end }}{{ money 3 }}");

        Assert.Equal("3 EUR", Render(catalog, """{"id":"r1"}"""));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALoopVariable_ReadAfterItsLoop_IsTheRecipientsField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for item in items }}{{ item }},{{ end }} and {{ item }}");

        Assert.Equal("1,2, and gift", Render(catalog, """{"id":"r1","items":[1,2],"item":"gift"}"""));
        Assert.Contains("at catalog.yaml(5,58): the template uses the field 'item',", Rejection(catalog, """{"id":"r1","items":[1,2]}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AMemberOfALoopVariablesName_ReadAfterTheLoop_IsTheRecipientsMember(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for a in stops limit: 1 }}{{ a.city }}{{ end }} to {{ a.city }}");

        Assert.Equal("Oslo to Bergen", Render(catalog, """{"id":"r1","stops":[{"city":"Oslo"}],"a":{"city":"Bergen"}}"""));
        Assert.Contains("the template uses 'a.city', but the field 'a' has no member 'city'", Rejection(catalog, """{"id":"r1","stops":[{"city":"Oslo"}],"a":{}}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANameReadBeforeTheTemplateSetsIt_IsTheRecipientsField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ total }} then {{ total = total + 1 }}{{ total }}");

        Assert.Equal("4 then 5", Render(catalog, """{"id":"r1","total":4}"""));
        Assert.Contains("the template uses the field 'total', which the recipient does not have", Rejection(catalog, """{"id":"r1"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANameSurelySetBefore_IsNoField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ capture sign }}The team{{ end }}{{ total = 0 }}{{ for p in prices }}{{ total = total + p }}{{ end }}{{ total }} from {{ sign }}");

        Assert.Equal("5 from The team", Render(catalog, """{"id":"r1","prices":[2,3]}"""));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANameSetOnlyInABranch_IsTheTemplatesOwn_EvenWhereTheBranchDidNotRun(bool compiled)
    {
        // Set a badge for some, test it later: requiring 'badge' of every recipient who is not gold refused them all.
        var catalog = LoadBody(compiled, "{{ if gold }}{{ badge = \"★\" }}{{ end }}{{ if badge }}{{ badge }} {{ end }}Hello.");

        Assert.Equal("★ Hello.", Render(catalog, """{"id":"r1","gold":true}"""));
        Assert.Equal("Hello.", Render(catalog, """{"id":"r1","gold":false}"""));
    }

    /// <summary>
    /// An assignment to a loop's variable in the loop's body sets the global variable of that name, which Scriban keeps
    /// after the loop: the name read after it is the template's, as a name set in a branch is (the recipient's field
    /// shows through when the loop did not run). It was taken as the loop's own, so a recipient without the field was
    /// refused though the loop had set it.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALoopVariableAssignedInItsBody_IsSetAfterTheLoop(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for x in items }}{{ x = x + 10 }}{{ end }}{{ x }}");

        Assert.Equal("12", Render(catalog, """{"id":"r1","items":[1,2]}"""));
        Assert.Equal("gift", Render(catalog, """{"id":"r1","items":[],"x":"gift"}"""));
        Assert.Equal(string.Empty, Render(catalog, """{"id":"r1","items":[]}"""));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AParameterAssignedInItsFunction_StaysItsFunctions(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ func f(name) }}{{ name = 'Z' }}{{ end }}{{ f 'a' }}{{ name }}");

        Assert.Equal("N", Render(catalog, """{"id":"r1","name":"N"}"""));
        Assert.Contains("the template uses the field 'name', which the recipient does not have", Rejection(catalog, """{"id":"r1"}"""), StringComparison.Ordinal);
    }

    /// <summary>
    /// A function defined in a loop reads the loop's variable when it is called in the loop, and the recipient's field
    /// when it is called after: then a recipient without the field is refused (it was written as an empty string).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALoopVariableReadInAFunctionCalledAfterTheLoop_IsTheRecipientsField(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ for x in items }}{{ func g }}{{ x }};{{ end }}{{ g }}{{ end }} then {{ g }}");

        Assert.Equal("1;2; then X;", Render(catalog, """{"id":"r1","items":[1,2],"x":"X"}"""));
        Assert.Contains("the template uses the field 'x', which the recipient does not have", Rejection(catalog, """{"id":"r1","items":[1,2]}"""), StringComparison.Ordinal);

        var inLoop = LoadBody(compiled, "{{ for x in items }}{{ func g }}{{ x }};{{ end }}{{ g }}{{ end }}");
        Assert.Equal("1;2;", Render(inLoop, """{"id":"r1","items":[1,2]}"""));
    }

    [Fact]
    public void Personas_HaveTheFieldsReadOutsideTheirBindings()
    {
        var catalog = LoadBody(true, "{{ func greet(name) }}Hi {{ name }}{{ end }}{{ greet \"Bo\" }} {{ name }}");

        var persona = Assert.Single(catalog.FindPersonas("m").Personas);

        Assert.True(persona.Recipient.TryGetValue("name", out _));
        Assert.StartsWith("Hi Bo ", catalog.Render(catalog.Decide(persona.Recipient, "m"), Channel.Text).Body, StringComparison.Ordinal);
    }
}
