using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A field piped into <c>default</c> is optional also when the pipe goes on, as a template ported from Liquid writes it
/// (<c>{{ first_name | default "friend" | string.capitalize }}</c>), or when <c>default</c> comes after another stage
/// (<c>| string.strip | default "friend"</c>): Scriban nests the later stages on the right of the first pipe.
/// </summary>
public sealed class DefaultInAPipeTests
{
    [Theory]
    [InlineData(true, "{{ first_name | default \"friend\" | string.capitalize }}", "Ada")]
    [InlineData(false, "{{ first_name | default \"friend\" | string.capitalize }}", "Ada")]
    [InlineData(false, "{{ first_name | string.strip | default \"Friend\" }}", "ada")]
    [InlineData(false, "{{ first_name | default \"friend\" | string.capitalize | string.append \"\" }}", "Ada")]
    public void Render_AMissingFieldPipedIntoDefaultAndOn_WritesTheFallback(bool compiled, string greeting, string ada)
    {
        var catalog = LoadBody(compiled, "Hi " + greeting + ",");

        var missing = catalog.Render(catalog.Decide(Json("""{"id":"r1"}"""), "m"), Channel.Text);
        var present = catalog.Render(catalog.Decide(Json("""{"id":"r2","first_name":"ada"}"""), "m"), Channel.Text);

        Assert.Equal("Hi Friend,", missing.Body.Trim());
        Assert.Equal("Hi " + ada + ",", present.Body.Trim());
    }

    [Fact]
    public void Render_AMissingFieldPipedIntoAnotherFunctionOnly_IsStillRequired()
    {
        var catalog = LoadBody(false, "Hi {{ first_name | string.capitalize | string.append \"!\" }}");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Json("""{"id":"r1"}"""), "m"), Channel.Text));

        Assert.Contains("the template uses the field 'first_name', which the recipient does not have", ex.Message, StringComparison.Ordinal);
    }
}
