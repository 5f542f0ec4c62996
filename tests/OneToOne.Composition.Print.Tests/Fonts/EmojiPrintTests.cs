using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Fonts;

/// <summary>
/// Emoji print in colour from the default fonts' fallback, Noto Color Emoji (scripts/install-deps.sh installs it): Skia
/// writes each emoji glyph of that colour-bitmap font as a Type 3 glyph that paints an image (and its soft mask).
/// </summary>
public sealed class EmojiPrintTests
{
    private const string Beer = "\U0001F37A";

    private static readonly PrintOptions WithoutEmojiFont = PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [] } };

    [Fact]
    public void Emoji_InAHeadingAndAParagraph_PrintsAsAPicture_AndCopiesAsWritten()
    {
        var pdf = PrintTestData.RenderMarkdown($"# Cheers {Beer}\n\nYour {Beer} of the month.");

        using var document = PrintTestData.Open(pdf);
        var letters = document.GetPage(1).Letters;
        var beers = letters.Where(static l => l.Value == Beer).ToList();
        Assert.Equal(2, beers.Count);
        Assert.All(beers, static l => Assert.Equal("Type3", l.FontName));
        var cheers = letters.First(static l => l.Value == "C");
        Assert.Equal(cheers.StartBaseLine.Y, beers[0].StartBaseLine.Y, 0.01);
        Assert.True(beers[0].StartBaseLine.X > cheers.StartBaseLine.X);
        Assert.True(beers[1].StartBaseLine.Y < beers[0].StartBaseLine.Y);
        Assert.Contains($"Cheers {Beer}", PrintTestData.AllText(pdf), StringComparison.Ordinal);

        // One picture, written once for both uses: an image and its alpha mask.
        Assert.Equal(2, Regex.Count(Encoding.Latin1.GetString(pdf), "/Subtype /Image"));
    }

    [Theory]
    [InlineData("\U0001F469\u200D\U0001F469\u200D\U0001F467")] // family: woman, woman, girl (ZWJ sequence)
    [InlineData("\U0001F44D\U0001F3FD")] // thumbs up, medium skin tone
    [InlineData("\U0001F1E9\U0001F1EA")] // flag of Germany: regional indicators D, E
    [InlineData("1\uFE0F\u20E3")] // keycap 1: a digit DejaVu Sans has, the selector, the keycap
    [InlineData("\u2764\uFE0F")] // red heart: DejaVu Sans has a text heart, U+FE0F asks for the emoji
    [InlineData("\U0001F3F3\uFE0F\u200D\U0001F308")] // rainbow flag: U+FE0F inside a ZWJ sequence
    public void EmojiSequence_PrintsAsOnePicture_AndCopiesAsWritten(string emoji)
    {
        var pdf = PrintTestData.RenderMarkdown($"x {emoji} y");

        var letters = LettersOf(pdf);
        var picture = Assert.Single(letters, static l => l.FontName == "Type3");
        Assert.Equal(emoji, picture.Value);

        // As wide as any other emoji: one glyph of the emoji font, not pieces of it side by side.
        var beer = Assert.Single(LettersOf(PrintTestData.RenderMarkdown($"x {Beer} y")), static l => l.FontName == "Type3");
        Assert.Equal(Width(beer), Width(picture), 0.01);
        Assert.Equal(LetterX(letters, "y") - LetterX(letters, "x"), LetterX(LettersOf(PrintTestData.RenderMarkdown($"x {Beer} y")), "y") - LetterX(letters, "x"), 0.05);
    }

    [Theory]
    [InlineData("\U0001F37A \U0001F37B")] // two emoji: the space between them is a run of its own, of DejaVu Sans
    [InlineData("\U0001F44D\U0001F3FD \U0001F1E9\U0001F1EA 1\uFE0F\u20E3")] // sequences
    [InlineData("**Prost** \U0001F37A")] // bold, then a space in the regular face, then the emoji
    [InlineData("\U0001F37A *prost*")]
    public void Space_BesideAnEmoji_IsDrawn_SoThatItCopiesAndExtracts(string markdown)
    {
        var pdf = PrintTestData.RenderMarkdown(markdown);

        // The space glyph was left out, as for any piece of white space only: "🍺 🍻" copied and extracted as "🍺🍻".
        var written = markdown.Replace("*", string.Empty, StringComparison.Ordinal);
        Assert.Equal(written, string.Concat(LettersOf(pdf).Select(static l => l.Value)));
        Assert.Contains(written, PrintTestData.AllText(pdf), StringComparison.Ordinal);
        using var document = PrintTestData.Open(pdf);
        Assert.Equal(written.Split(' '), document.GetPage(1).GetWords().Where(static w => w.BoundingBox.Bottom > 100).Select(static w => w.Text));
    }

    [Fact]
    public void Space_BetweenTwoEmoji_KeepsItsWidth()
    {
        var spaced = LettersOf(PrintTestData.RenderMarkdown("\U0001F37A \U0001F37B"));
        var joined = LettersOf(PrintTestData.RenderMarkdown("\U0001F37A\U0001F37B"));

        var space = Assert.Single(spaced, static l => l.Value == " ");
        Assert.Contains("DejaVuSans", space.FontName, StringComparison.Ordinal);
        Assert.Equal(spaced[0].EndBaseLine.X, space.StartBaseLine.X, 0.05);
        Assert.Equal(space.EndBaseLine.X, spaced[2].StartBaseLine.X, 0.05);
        Assert.Equal(joined[1].StartBaseLine.X + Width(space), spaced[2].StartBaseLine.X, 0.05);
    }

    [Theory]
    [InlineData("x *\U0001F44D*\U0001F3FD y")] // the thumb in italics, its skin tone not
    [InlineData("x **\U0001F44D**\U0001F3FD y")]
    public void Sequence_SplitByEmphasis_PrintsAsItsTwoParts_AsInABrowser(string markdown)
    {
        // <em>👍</em>🏽: a browser shapes the text of each style apart, so the tone does not join the thumb (a yellow
        // thumb, then the tone's swatch); print does the same, and copies the characters as written.
        var letters = LettersOf(PrintTestData.RenderMarkdown(markdown));

        var pictures = letters.Where(static l => l.FontName == "Type3").Select(static l => l.Value).ToList();
        Assert.Equal(["\U0001F44D", "\U0001F3FD"], pictures);
        Assert.Equal("x \U0001F44D\U0001F3FD y", string.Concat(letters.Select(static l => l.Value)));
    }

    [Fact]
    public void Heart_WithoutTheEmojiSelector_StaysDejaVuSansTextHeart()
    {
        var letters = LettersOf(PrintTestData.RenderMarkdown("I \u2764 beer"));

        var heart = Assert.Single(letters, static l => l.Value == "\u2764");
        Assert.Contains("DejaVuSans", heart.FontName, StringComparison.Ordinal);
        Assert.DoesNotContain(letters, static l => l.FontName == "Type3");
    }

    [Fact]
    public void Emoji_PdfOfOneMessage_IsByteIdentical_AndCarriesThePicturesNotTheFont()
    {
        var markdown = $"# Cheers {Beer}\n\n\U0001F469\u200D\U0001F469\u200D\U0001F467 \U0001F44D\U0001F3FD \U0001F1E9\U0001F1EA 1\uFE0F\u20E3";
        var first = PrintTestData.RenderMarkdown(markdown);

        Assert.Equal(first, PrintTestData.RenderMarkdown(markdown));

        // Five pictures, an image and a mask each; the font file (10.9 MB) is not embedded.
        var raw = Encoding.Latin1.GetString(first);
        Assert.Equal(10, Regex.Count(raw, "/Subtype /Image"));
        Assert.True(first.Length < 150_000, $"{first.Length} bytes");
    }

    [Fact]
    public void Emoji_InAMergedRun_IsWrittenOnce()
    {
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            for (var i = 0; i < 10; i++)
            {
                writer.Add($"r{i}", PrintTestData.Message("Cheers {{ name }} " + Beer, new Dictionary<string, object?> { ["name"] = $"n{i}" }));
            }

            writer.Complete();
        }

        var pdf = output.ToArray();
        Assert.Equal(2, Regex.Count(Encoding.Latin1.GetString(pdf), "/Subtype /Image"));
        Assert.Equal(10, PrintTestData.AllText(pdf).Split(Beer).Length - 1);
    }

    [Theory]
    [InlineData(Beer, 0x1F37A)]
    [InlineData("1\uFE0F\u20E3", 0x20E3)]
    public void Emoji_WithoutAnEmojiFont_IsAPrintExceptionNamingIt(string emoji, int codePoint)
    {
        var failure = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown($"Cheers {emoji}", WithoutEmojiFont));

        Assert.Equal(codePoint, failure.CodePoint);
    }

    [Theory]
    [InlineData("\U00013000")] // an Egyptian hieroglyph
    [InlineData("\U0001F37A\u200D\U00013000")] // joined to an emoji
    public void Character_InNoFont_IsStillAPrintException(string text)
    {
        var failure = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown($"Cheers {text}"));

        Assert.Equal(0x13000, failure.CodePoint);
        Assert.Contains("Noto Color Emoji", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyTextOfWordsAndEmoji_PrintsAndCopiesAsWritten()
    {
        string[] tokens =
        [
            "Prost", "Zoë", "**Prost**", "*Hallo*", "1", "#", "\u2764", "\u00A9\uFE0F", Beer, "\U0001F37B", "\U0001F9C9",
            "\U0001F469\u200D\U0001F469\u200D\U0001F467", "\U0001F44D\U0001F3FD", "\U0001F1E9\U0001F1EA", "1\uFE0F\u20E3",
            "#\uFE0F\u20E3", "\u2764\uFE0F", "\U0001F3F3\uFE0F\u200D\U0001F308", "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
        ];
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(tokens)).Where(static t => t.Length is > 0 and <= 6).ToArbitrary(), words =>
        {
            // Opened by a Latin letter: a paragraph that is left to right and is no heading ("# …") or list ("1 …" is not, but
            // the letter keeps it simple). Spaces too: one between two emoji, or between bold and italic words, a run of its
            // own, is drawn.
            var text = "x " + string.Join(' ', words);
            var copied = string.Concat(LettersOf(PrintTestData.RenderMarkdown(text)).Select(static l => l.Value));
            Assert.Equal(text.Replace("*", string.Empty, StringComparison.Ordinal), copied);
        }).QuickCheckThrowOnFailure();
    }

    private static List<Letter> LettersOf(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters.Where(static l => l.StartBaseLine.Y > 100)];
    }

    private static double Width(Letter letter) => letter.EndBaseLine.X - letter.StartBaseLine.X;

    private static double LetterX(List<Letter> letters, string value) => letters.First(l => l.Value == value).StartBaseLine.X;
}
