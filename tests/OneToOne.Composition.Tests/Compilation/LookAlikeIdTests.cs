using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// Names that look like a defined one and are not (the catalog fuzzer's finding): "names module 'light-beer', which is
/// not defined. Did you mean 'lіght-beer'?" showed the same name twice, the defined one with a Cyrillic 'і', and an id
/// holding a zero-width space was "'hero' is not a valid module id" on a terminal. The characters that differ are named.
/// </summary>
public sealed class LookAlikeIdTests
{
    private const string Rest = "messages:\n  m: { body: '{{ slot \"s\" }}' }\n";

    [Fact]
    public void AReferenceToAnIdDefinedWithACyrillicLetter_NamesTheLetterThatDiffers()
    {
        var error = SingleError("catalog: t\nmodules:\n  l\u0456ght-beer: hi\nslots:\n  s: { from: [light-beer] }\n" + Rest);

        Assert.Equal((DiagnosticCodes.UndefinedModule, new SourceLocation("t.yaml", 5, 15)), (error.Code, error.Location));
        Assert.Equal(
            "Slot 's' names module 'light-beer', which is not defined. Did you mean 'l\u0456ght-beer'? The difference is easy to miss: character 2 is 'i' here but '\u0456' (U+0456) in 'l\u0456ght-beer'. Type the name again by hand, or copy it from where it is defined. Define it under 'modules:' or fix the id.",
            error.Message);
    }

    [Fact]
    public void AReferenceHoldingAZeroWidthSpace_SaysItHoldsACharacterThatDoesNotShow()
    {
        var error = SingleError("catalog: t\nmodules:\n  hero: hi\nslots:\n  s: { from: [\"hero\\u200B\"] }\n" + Rest);

        Assert.Equal(DiagnosticCodes.UndefinedModule, error.Code);
        Assert.Contains("Did you mean 'hero'? The difference is easy to miss: this name holds U+200B, which does not show.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdHoldingAZeroWidthSpace_NamesTheCharacter()
    {
        var diagnostics = Errors("catalog: t\nmodules:\n  \"hero\\u200B\": hi\n  b: hi\nslots:\n  s: { from: [b] }\n" + Rest);

        var error = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.InvalidValue);
        Assert.Equal(new SourceLocation("t.yaml", 3, 3), error.Location);
        Assert.StartsWith("'hero\u200B' is not a valid module id: its character 5 is U+200B (which does not show). Use letters, digits, '-' and '_'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdHoldingAnEmoji_NamesItsCodePoint_NotHalfOfItsSurrogatePair()
    {
        // The check read UTF-16 code units: "'hero😀' is not a valid module id: its character 5 is U+D83D", a code
        // point no character chart or search finds.
        var diagnostics = Errors("catalog: t\nmodules:\n  \"hero\U0001F600\": hi\n  b: hi\nslots:\n  s: { from: [b] }\n" + Rest);

        var error = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.InvalidValue);
        Assert.StartsWith("'hero\U0001F600' is not a valid module id: its character 5 is U+1F600 (not a letter, digit, '-' or '_'). Use letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVisibleTypo_IsSuggestedWithoutALookAlikeNote()
    {
        var error = SingleError("catalog: t\nmodules:\n  hero: hi\nslots:\n  s: { from: [heor] }\n" + Rest);

        Assert.Equal("Slot 's' names module 'heor', which is not defined. Did you mean 'hero'? Define it under 'modules:' or fix the id.", error.Message);
    }

    private static Diagnostic SingleError(string yaml) => Assert.Single(Errors(yaml));

    private static List<Diagnostic> Errors(string yaml)
    {
        Assert.False(new CatalogLoader().TryParse(yaml, out _, out var diagnostics, "t.yaml"));
        return [.. diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)];
    }
}
