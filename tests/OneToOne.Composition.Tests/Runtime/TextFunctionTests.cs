using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// <c>string.titlecase</c> and <c>array.to_sentence</c>, the mail-merge helpers a template ported from Liquid or
/// Handlebars reaches for: written in the recipient's culture, on both render paths.
/// </summary>
public sealed class TextFunctionTests
{
    private static string Text(bool compiled, string body, string recipient)
    {
        var catalog = LoadBody(compiled, body);
        return catalog.Render(catalog.Decide(Json(recipient), "m"), Channel.Text).Body.Trim();
    }

    [Theory]
    [InlineData(true, "JEAN-LUC", "en-US", "Jean-Luc")]
    [InlineData(false, "JEAN-LUC", "en-US", "Jean-Luc")]
    [InlineData(false, "mary ann", "en-GB", "Mary Ann")]
    [InlineData(false, "o'brien", "en-GB", "O'Brien")]
    [InlineData(true, "D’ANGELO o'neill-o'hara", "it-IT", "D’Angelo O'Neill-O'Hara")]
    [InlineData(false, "DON'T l'x", "en-US", "Don't L'X")]
    [InlineData(false, "McDonald DUPONT", "fr-FR", "McDonald Dupont")]
    [InlineData(false, "istanbul", "tr-TR", "İstanbul")]
    [InlineData(false, "istanbul", "en-US", "Istanbul")]
    [InlineData(false, "ÉMILE zola", "fr-FR", "Émile Zola")]
    [InlineData(false, "ΓΙΑΝΝΗΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "el-GR", "Γιαννης Παπαδοπουλος")]
    [InlineData(true, "σισυφοσ-ΝΙΚΟΣ", "el-GR", "Σισυφος-Νικος")]
    [InlineData(false, "ΝΙΚΟΣ", "en-US", "Νικος")]
    [InlineData(false, "Σ", "el-GR", "Σ")]
    [InlineData(false, "IJSBRAND van ijzendoorn", "nl-NL", "IJsbrand Van IJzendoorn")]
    [InlineData(true, "ijsbrand", "nl-BE", "IJsbrand")]
    [InlineData(false, "aan het ij", "nl-NL", "Aan Het IJ")]
    [InlineData(false, "HAUPTSTRAßE", "de-DE", "Hauptstraße")]
    [InlineData(true, "GROßMANN", "de-AT", "Großmann")]
    [InlineData(false, "ijsbrand", "en-GB", "Ijsbrand")]
    public void Render_TitleCase_CapitalisesEachWordInTheRecipientsCulture(bool compiled, string name, string locale, string expected)
    {
        var recipient = $$"""{"id":"r1","name":{{System.Text.Json.JsonSerializer.Serialize(name)}},"locale":"{{locale}}"}""";

        Assert.Equal("Dear " + expected + ".", Text(compiled, "Dear {{ name | string.titlecase }}.", recipient));
    }

    [Theory]
    [InlineData("[]", "en-US", "You like .")]
    [InlineData("[\"hiking\"]", "en-US", "You like hiking.")]
    [InlineData("[\"hiking\",\"running\"]", "en-US", "You like hiking and running.")]
    [InlineData("[\"hiking\",\"running\",\"camping\"]", "en-US", "You like hiking, running, and camping.")]
    [InlineData("[\"hiking\",\"running\",\"camping\"]", "en-GB", "You like hiking, running and camping.")]
    [InlineData("[\"Wandern\",\"\",null,\"Laufen\",\"Zelten\"]", "de-DE", "You like Wandern, Laufen und Zelten.")]
    [InlineData("[\"rando\",\"course\"]", "fr-FR", "You like rando et course.")]
    public void Render_ToSentence_JoinsTheItemsWithTheCulturesAnd(string list, string locale, string expected)
    {
        var recipient = $$"""{"id":"r1","likes":{{list}},"locale":"{{locale}}"}""";

        Assert.Equal(expected, Text(false, "You like {{ likes | array.to_sentence }}.", recipient));
        Assert.Equal(expected, Text(true, "You like {{ likes | array.to_sentence }}.", recipient));
    }

    [Fact]
    public void Render_ToSentence_TakesAnotherWord()
    {
        Assert.Equal("Size S, M, or L?", Text(false, "Size {{ sizes | array.to_sentence \"or\" }}?", """{"id":"r1","sizes":["S","M","L"],"locale":"en-US"}"""));
    }

    [Fact]
    public void Render_ToSentenceInALanguageItDoesNotKnow_SaysToGiveTheWord()
    {
        var ex = Assert.Throws<RecipientException>(() => Text(false, "{{ likes | array.to_sentence }}", """{"id":"r1","likes":["a","b"],"locale":"ja-JP"}"""));

        Assert.Contains("knows no word for 'and' in the recipient's language (ja-JP). Give it, as in '{{ list | array.to_sentence \"and\" }}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ToSentenceOfText_SaysToSplitItFirst()
    {
        var ex = Assert.Throws<RecipientException>(() => Text(false, "{{ likes | array.to_sentence }}", """{"id":"r1","likes":"a;b"}"""));

        Assert.Contains("'array.to_sentence' needs a list, but got text 'a;b'. For text that holds a list, split it first: '{{ value | string.split \";\" | array.to_sentence }}'", ex.Message, StringComparison.Ordinal);
    }
}
