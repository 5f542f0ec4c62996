using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A control character brought into a text by a double-quoted escape (the catalog fuzzer's finding): "Hello\0World"
/// loaded, and the NUL went into every channel's output, which shows it differently or not at all.
/// </summary>
public sealed class ControlCharacterTests
{
    [Theory]
    [InlineData("\\0", "U+0000")]
    [InlineData("\\a", "U+0007")]
    [InlineData("\\e", "U+001B")]
    [InlineData("\\x7F", "U+007F")]
    [InlineData("\\x9B", "U+009B")]
    public void AnEscapedControlCharacterInATemplate_IsAnErrorAtTheText(string escape, string named)
    {
        var yaml = "catalog: t\nmodules:\n  a:\n    content: \"Hello" + escape + "World\"\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidValue, new SourceLocation("t.yaml", 4, 14)), (error.Code, error.Location));
        Assert.StartsWith($"This text holds the control character {named} (an escape such as \\0, \\a, \\e or \\x07 in double quotes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Remove the escape; for a line break write \\n, for a tab \\t.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabsAndLineBreaks_WrittenAsEscapes_AreText()
    {
        const string Yaml = "catalog: t\nmodules:\n  a:\n    content: \"Hello\\tWorld\\n\\nBye\\r\\n\"\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(Yaml, out var catalog, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
        Assert.Contains("Hello\tWorld", catalog!.Render(catalog.Decide(OneToOne.Composition.Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r" }), "m"), Channel.Text).Body, StringComparison.Ordinal);
    }
}
