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

    [Fact]
    public void AModuleIdWithACyrillicLetter_IsWarnedOfWhereItIsDefined()
    {
        // Referenced with the same look-alike id, so nothing misses and, before OTO1012, nothing was said at all.
        var warning = SingleMixedScriptWarning("catalog: t\nmodules:\n  l\u0456ght-beer: hi\nslots:\n  s: { from: [l\u0456ght-beer] }\n" + Rest);

        Assert.Equal(new SourceLocation("t.yaml", 3, 3), warning.Location);
        Assert.Equal(
            "The module id 'l\u0456ght-beer' mixes alphabets: Latin letters with the Cyrillic '\u0456' (U+0456) at character 2. It looks like an id typed on a keyboard but is not one, so a reference typed by hand does not find it. Type the id again by hand in one alphabet (letters pasted from a document often bring this).",
            warning.Message);
    }

    [Fact]
    public void ASlotAndAMessageIdWithGreekLetters_AreWarnedOf_NamingEachOddLetter()
    {
        // A Greek omicron in the slot, and a mostly Cyrillic message id with Latin 'o' and 'p': the odd ones out are named.
        var diagnostics = Load("catalog: t\nmodules:\n  a: hi\nslots:\n  her\u03BF: { from: [a] }\nmessages:\n  \u043C\u0435\u0441\u0441\u0430\u0434\u0436op: { body: '{{ slot \"her\u03BF\" }}' }\n");

        var warnings = diagnostics.Where(static d => d.Code == DiagnosticCodes.MixedScriptId).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(DiagnosticSeverity.Warning, warnings[0].Severity);
        Assert.Equal(new SourceLocation("t.yaml", 5, 3), warnings[0].Location);
        Assert.StartsWith("The slot id 'her\u03BF' mixes alphabets: Latin letters with the Greek '\u03BF' (U+03BF) at character 4.", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", 7, 3), warnings[1].Location);
        Assert.StartsWith("The message id '\u043C\u0435\u0441\u0441\u0430\u0434\u0436op' mixes alphabets: Cyrillic letters with the Latin 'o' (U+006F) at character 8, the Latin 'p' (U+0070) at character 9.", warnings[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u043F\u0438\u0432\u043E-\u043B\u0435\u0433\u043A\u043E\u0435")] // all Cyrillic: пиво-легкое
    [InlineData("\u30D3\u30FC\u30EB")] // all Japanese: ビール
    [InlineData("\u03BC\u03C0\u03CD\u03C1\u03B1_2")] // all Greek: μπύρα_2
    [InlineData("sale-\u6771\u4EAC")] // Latin with Japanese: sale-東京, no look-alikes between them
    [InlineData("caf\u00E9-cr\u00E8me")] // Latin with accents
    [InlineData("tiếng-việt")] // Vietnamese, Latin Extended Additional
    public void AnIdInOneAlphabet_OrMixingAnotherScriptWithLatin_IsNotWarnedOf(string id)
    {
        var diagnostics = Load($"catalog: t\nmodules:\n  {id}: hi\nslots:\n  s: {{ from: [{id}] }}\n" + Rest);

        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.MixedScriptId);
    }

    [Theory]
    [InlineData("hero\\u200B", "U+200B")] // zero-width space
    [InlineData("hero\\u200Dx", "U+200D")] // zero-width joiner outside an emoji
    [InlineData("hero\\u00AD", "U+00AD")] // soft hyphen
    public void AnIdHoldingAnInvisibleCharacter_IsRefusedWhereItIsDefined(string id, string codePoint)
    {
        // Stronger than a warning, and already so: an id holds letters, digits, '-' and '_', and a format character is none.
        var diagnostics = Errors($"catalog: t\nmodules:\n  a: hi\nslots:\n  \"{id}\": {{ from: [a] }}\n" + Rest);

        var error = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.InvalidValue);
        Assert.Equal(new SourceLocation("t.yaml", 5, 3), error.Location);
        Assert.Contains($"is not a valid slot id: its character 5 is {codePoint} (which does not show)", error.Message, StringComparison.Ordinal);
    }

    private static Diagnostic SingleMixedScriptWarning(string yaml)
    {
        var diagnostics = Load(yaml);
        var warning = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.MixedScriptId);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        return warning;
    }

    private static IReadOnlyList<Diagnostic> Load(string yaml)
    {
        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
        return diagnostics;
    }

    private static Diagnostic SingleError(string yaml) => Assert.Single(Errors(yaml));

    private static List<Diagnostic> Errors(string yaml)
    {
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));
        return [.. diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)];
    }
}
