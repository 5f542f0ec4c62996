namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// A character no font has is named with where it comes from: the module (and slot) whose output holds it, the
/// message's own body text, the address, or the page header or footer, so the error says what to fix.
/// </summary>
public sealed class MissingGlyphSourceTests
{
    private const string Beer = "\U00013000"; // an Egyptian hieroglyph, in no configured font (the emoji 🍺 prints, from Noto Color Emoji)

    private const string Prefix = "The character '\U00013000' (U+13000) is not in any configured font (";

    private const string Yaml = """
        catalog: glyph-sources
        modules:
          smart-hero:
            content: "# Welcome {{ hero }}"
          offer-a:
            content: "Offer A: {{ a }}"
          offer-b:
            content: "{{ if hide }}<!-- {{ hide }} -->\n\n{{ end }}Offer B: {{ b }}, {{ slot 'fine' }}"
          small-print:
            content: "*Terms: {{ terms }}*"
        slots:
          hero: { from: [smart-hero] }
          offers: { pick: all, from: [offer-a, offer-b] }
          fine: { from: [small-print] }
        messages:
          letter:
            subject: "For {{ name }}"
            body: "Dear {{ name }},\n\n{{ slot 'hero' }}\n\n{{ slot 'offers' }}\n\n{{ greeting }}"
            print:
              window: din5008
              return-address: "Club · 1 Brew St · Springfield"
              address: |
                {{ name }}
                {{ street }}
        """;

    private static readonly Catalog Letters = new CatalogLoader(TestOptions.Untimed).Parse(Yaml);

    private static PrintContent Piece(params (string Key, string Value)[] fields) => Piece(Letters, fields);

    private static PrintContent Piece(Catalog catalog, params (string Key, string Value)[] fields)
    {
        var recipient = new Dictionary<string, object?>
        {
            ["id"] = "r-9", ["name"] = "Ann", ["street"] = "Hauptstr. 1", ["hero"] = "Ann",
            ["a"] = "Pils", ["b"] = "Stout", ["terms"] = "none", ["greeting"] = "Cheers", ["hide"] = null,
        };
        foreach (var (key, value) in fields)
        {
            recipient[key] = value;
        }

        return catalog.RenderPrint(catalog.Decide(recipient, "letter"));
    }

    private static string ProblemOf(PrintContent piece, PdfRenderer? renderer = null) =>
        Assert.Throws<PrintException>(() => (renderer ?? PrintTestData.Renderer).Render(piece)).Problem;

    /// <summary>Asserts the problem says where the character is, between what is wrong and how to fix it.</summary>
    private static void AssertSource(string expected, string problem)
    {
        Assert.StartsWith(Prefix, problem, StringComparison.Ordinal);
        Assert.Contains($"). {expected} Add a font file that has it", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InTheFirstModule_NamesItAndItsSlot()
    {
        AssertSource("It is in module 'smart-hero' (slot 'hero').", ProblemOf(Piece(("hero", $"Ann {Beer}"))));
    }

    [Fact]
    public void InAnotherSlotsModules_NamesTheOneThatHasIt()
    {
        AssertSource("It is in module 'offer-a' (slot 'offers').", ProblemOf(Piece(("a", $"Pils {Beer}"))));
        AssertSource("It is in module 'offer-b' (slot 'offers').", ProblemOf(Piece(("b", $"Stout {Beer}"))));
    }

    [Fact]
    public void InAModulePlacedByAModule_NamesTheInnerOne()
    {
        AssertSource("It is in module 'small-print' (slot 'fine').", ProblemOf(Piece(("terms", $"{Beer} apply"))));
    }

    [Fact]
    public void InTheMessagesOwnText_SaysItIsTheBody()
    {
        AssertSource("It is in the message's body, outside the modules of its slots.", ProblemOf(Piece(("greeting", $"Cheers {Beer}"))));
    }

    [Fact]
    public void AlsoInTextThatPrintsNothing_NamesTheModuleWhoseTextFailed()
    {
        // offer-b's comment prints nothing: the first occurrence in the Markdown is there, but small-print's text failed.
        var piece = Piece(("hide", Beer), ("b", "Stout"), ("terms", $"none {Beer}"));
        Assert.True(piece.Markdown.IndexOf(Beer, StringComparison.Ordinal) < piece.Markdown.IndexOf("Terms", StringComparison.Ordinal));

        AssertSource("It is in module 'small-print' (slot 'fine').", ProblemOf(piece));
    }

    [Fact]
    public void InTheAddress_SaysWhichPart()
    {
        AssertSource("It is in the recipient's address lines (the message's 'print: address').", ProblemOf(Piece(("street", $"{Beer} Lane"), ("a", $"Pils {Beer}"))));

        // The return address is laid out first: when both have the character, it is the one named.
        var clubBeer = new CatalogLoader(TestOptions.Untimed).Parse(Yaml.Replace("Club ·", $"Club {Beer} ·", StringComparison.Ordinal));
        AssertSource("It is in the return address (the message's 'print: return-address').", ProblemOf(Piece(clubBeer, ("street", $"{Beer} Lane"))));
    }

    [Fact]
    public void InThePageHeaderOrFooter_SaysSo()
    {
        AssertSource(
            "It is in the page header (PrintOptions.HeaderText): change the header, or add a font.",
            ProblemOf(Piece(), new PdfRenderer(PrintOptions.Default with { HeaderText = $"Club {Beer}" })));
        AssertSource(
            "It is in the page footer (PrintOptions.PageNumberFormat): change the footer, or add a font.",
            ProblemOf(Piece(), new PdfRenderer(PrintOptions.Default with { PageNumberFormat = $"{Beer} {{0}}/{{1}}" })));
    }

    [Fact]
    public void WrittenAsAnEntity_SaysTheMarkdownDoesNotHaveTheCharacter()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: t\nmessages:\n  m:\n    body: \"Cheers &#x13000;\"\n");

        var problem = ProblemOf(catalog.RenderPrint(catalog.Decide(new Dictionary<string, object?> { ["id"] = "r-1" }, "m")));

        AssertSource("The message's Markdown does not have it as a character there: an HTML entity (such as '&#x13000;') or a list bullet of the layout's own stands for it.", problem);
    }

    [Fact]
    public void RecipientPrefix_StaysInFront()
    {
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(Piece(("b", Beer))));

        Assert.Equal($"Recipient 'r-9', message 'letter': cannot be printed: {failure.Problem}", failure.Message);
        Assert.Equal(0x13000, failure.CodePoint);
    }

    [Fact]
    public void RenderedMessage_CannotTellTheModule_AndDoesNotGuess()
    {
        var message = Letters.Render(Letters.Decide(new Dictionary<string, object?> { ["id"] = "r-9", ["name"] = "Ann", ["hero"] = Beer, ["a"] = "x", ["b"] = "y", ["terms"] = "z", ["greeting"] = "g", ["hide"] = null }, "letter"), Channel.Print);

        var problem = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(message)).Problem;

        Assert.StartsWith(Prefix, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("It is in", problem, StringComparison.Ordinal);
    }
}
