using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Layout;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Text;

/// <summary>Right-to-left text, Arabic joining, mirrored brackets, marks and kerning, as they come out of the PDF.</summary>
public sealed class ShapedPrintTests
{
    private static readonly float RightEdge = PageGeometry.From(PrintOptions.Default).Right;
    private static readonly float LeftEdge = PageGeometry.From(PrintOptions.Default).Left;

    /// <summary>The letters of the first line of page 1 (the highest baseline), left to right as drawn.</summary>
    private static List<Letter> FirstLine(byte[] pdf, bool actualText = true)
    {
        using var document = actualText ? PrintTestData.Open(pdf) : PdfDocument.Open(pdf);
        var letters = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var top = letters.Max(static l => l.StartBaseLine.Y);
        return [.. letters.Where(l => Math.Abs(l.StartBaseLine.Y - top) < 0.5).OrderBy(static l => l.StartBaseLine.X)];
    }

    private static double XOf(List<Letter> letters, string value) => letters.Single(l => l.Value == value).StartBaseLine.X;

    private static StyledText Shaped(string text, float size = 12f)
    {
        var fonts = new FontCache(FontSet.Get(PrintFonts.Default));
        var style = new TextStyle(FontFace.Regular, size, SKColors.Black, null);
        var builder = new StyledTextBuilder(fonts, style);
        builder.Append(text, style);
        return builder.Build();
    }

    [Fact]
    public void Hebrew_IsDrawnRightToLeft_FlushWithTheRightMargin()
    {
        var line = FirstLine(PrintTestData.RenderMarkdown("שלום בית"));

        // Logical order ש ל ו ם: each letter is drawn left of the one before it.
        Assert.True(XOf(line, "ש") > XOf(line, "ל"));
        Assert.True(XOf(line, "ל") > XOf(line, "ו"));
        Assert.True(XOf(line, "ו") > XOf(line, "ם"));
        Assert.True(XOf(line, "ם") > XOf(line, "ב"), "the second word is left of the first");
        Assert.Equal(RightEdge, line.Max(static l => l.EndBaseLine.X), 0.5);
        Assert.True(line.Min(static l => l.StartBaseLine.X) > LeftEdge + 100, "a short right-to-left line is not flush left");
    }

    [Fact]
    public void NumbersAndLatin_InsideARightToLeftParagraph_StayLeftToRight()
    {
        var line = FirstLine(PrintTestData.RenderMarkdown("שלום 123 abc"));
        var text = string.Concat(line.Select(static l => l.Value));

        // Read from the left: the Latin word (last, logically), the number, then the Hebrew word reversed.
        Assert.Equal("abc123םולש", text);
        Assert.Equal(RightEdge, line.Max(static l => l.EndBaseLine.X), 0.5);
    }

    [Fact]
    public void RightToLeftWords_InsideALeftToRightParagraph_AreReversedInPlace()
    {
        var line = FirstLine(PrintTestData.RenderMarkdown("Hello שלום friend"));
        Assert.Equal("Helloםולשfriend", string.Concat(line.Select(static l => l.Value)));
        Assert.Equal(LeftEdge, line.Min(static l => l.StartBaseLine.X), 0.5);
    }

    [Fact]
    public void Brackets_InARightToLeftRun_AreMirrored()
    {
        // Logically "(עולם)": the opening bracket is drawn at the right, so it must look like ")". The glyph on the
        // left is the mirror of ")" — the "(" glyph — while the text copied from it is still the logical ")".
        var pdf = PrintTestData.RenderMarkdown("שלום (עולם)");
        var glyphs = FirstLine(pdf, actualText: false).Where(static l => l.Value is "(" or ")").Select(static l => l.Value);
        Assert.Equal(["(", ")"], glyphs);
        var copied = FirstLine(pdf).Where(static l => l.Value is "(" or ")").Select(static l => l.Value);
        Assert.Equal([")", "("], copied);
    }

    [Fact]
    public void BracketsAroundLatin_AtTheEndOfAHebrewParagraph_StayWithTheLatinWord()
    {
        // "שלום book(s)": the brackets enclose Latin after Latin, so (rule N0) they are set left to right with
        // "book(s)", as a browser sets them; resolved as other punctuation, ")" would end up on the far left.
        var pdf = PrintTestData.RenderMarkdown("שלום book(s)");
        Assert.Equal("book(s)םולש", string.Concat(FirstLine(pdf).Select(static l => l.Value)));

        // Left to right, they are drawn as themselves, not mirrored.
        Assert.Equal("book(s)םולש", string.Concat(FirstLine(pdf, actualText: false).Select(static l => l.Value)));
    }

    [Fact]
    public void BracketsAroundHebrew_AfterHebrewInALatinParagraph_GoWithTheHebrew()
    {
        // "Shalom: שלום (עולם)": the brackets belong to the right-to-left run, so they are drawn at its two ends,
        // mirrored — the closing bracket at the left looks like "(" — rather than ")" after the run on the far right.
        var pdf = PrintTestData.RenderMarkdown("Shalom: שלום (עולם)");
        Assert.Equal("Shalom:)םלוע(םולש", string.Concat(FirstLine(pdf).Select(static l => l.Value)));
        Assert.Equal("Shalom:(םלוע)םולש", string.Concat(FirstLine(pdf, actualText: false).Select(static l => l.Value)));
    }

    [Fact]
    public void ArabicLetters_GetTheirJoinedForms_AndCopyAsTheLettersWritten()
    {
        const string word = "مرحبا";
        var pdf = PrintTestData.RenderMarkdown(word);

        // The glyphs drawn are the font's positional forms (its character map gives them the presentation-form code
        // points U+FE70–U+FEFF), not the isolated letters of U+0600–U+06FF.
        var drawn = FirstLine(pdf, actualText: false);
        Assert.Equal(word.Length, drawn.Count);
        Assert.All(drawn, static l => Assert.InRange(l.Value[0], '\uFE70', '\uFEFF'));

        // Copied, right to left, they are the letters as written.
        var copied = FirstLine(pdf).OrderByDescending(static l => l.StartBaseLine.X).Select(static l => l.Value);
        Assert.Equal(word, string.Concat(copied));
    }

    [Fact]
    public void ArabicLetters_Joined_AreOtherGlyphsThanAlone()
    {
        // بيت: beh initial, yeh medial, teh final; each alone is its isolated form.
        var joined = Shaped("بيت").Glyphs.OrderBy(static g => g.Cluster).Select(static g => g.Id).ToArray();
        var alone = "بيت".Select(c => Shaped(c.ToString()).Glyphs.Single().Id).ToArray();
        Assert.Equal(3, joined.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(alone[i], joined[i]);
        }
    }

    [Fact]
    public void ACombiningMark_AddsNoWidth_AndSitsOnItsBase()
    {
        // x + U+0301 has no precomposed form, so NFC leaves the mark as it is: it must not move the pen.
        Assert.Equal(Shaped("xy").Measure(0, 2), Shaped("x\u0301y").Measure(0, 3), 3);

        // Over a capital, the font's mark attachment lifts the accent above the cap height.
        using var document = PdfDocument.Open(PrintTestData.RenderMarkdown("X\u0301"));
        var letters = document.GetPage(1).Letters.Where(static l => l.StartBaseLine.Y > 500).ToList();
        Assert.Equal(2, letters.Count);
        var (capital, mark) = (letters[0], letters[1]);
        Assert.True(mark.StartBaseLine.Y > capital.StartBaseLine.Y + 1, $"the mark is lifted: {mark.StartBaseLine.Y} over {capital.StartBaseLine.Y}");
        Assert.InRange(mark.StartBaseLine.X, capital.StartBaseLine.X, capital.EndBaseLine.X);
    }

    [Fact]
    public void KerningPairs_AreSetCloser()
    {
        // DejaVu Sans kerns "AV": the V starts before the A's own advance ends.
        var text = Shaped("AV");
        var spaced = Shaped("A");
        Assert.True(text.Measure(0, 1) < spaced.Measure(0, 1) - 0.1f, $"{text.Measure(0, 1)} vs {spaced.Measure(0, 1)}");
        var line = FirstLine(PrintTestData.RenderMarkdown("AV"));
        Assert.True(XOf(line, "V") < line.Single(static l => l.Value == "A").EndBaseLine.X - 0.1);
    }

    [Fact]
    public void ALongRightToLeftParagraph_BreaksWithItsFirstWordsOnTheFirstLine()
    {
        var words = Enumerable.Range(0, 60).Select(static i => "מילה" + (char)('א' + (i % 22))).ToArray();
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(string.Join(' ', words)));
        var letters = document.GetPage(1).Letters.Where(static l => l.StartBaseLine.Y > 100 && !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var lines = letters.GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key).ToList();
        Assert.True(lines.Count >= 2, "the paragraph breaks");

        // Each line read right to left is the next run of words; the first line starts with the first word.
        var read = lines.Select(static g => string.Concat(g.OrderByDescending(static l => l.StartBaseLine.X).Select(static l => l.Value))).ToList();
        Assert.StartsWith(words[0] + words[1], read[0], StringComparison.Ordinal);
        Assert.Equal(string.Concat(words), string.Concat(read));
        foreach (var line in lines)
        {
            Assert.Equal(RightEdge, line.Max(static l => l.EndBaseLine.X), 0.5);
        }
    }

    [Theory]
    [InlineData(0x202B)]
    [InlineData(0x202E)]
    [InlineData(0x2067)]
    public void ExplicitDirectionalControls_AreRefused_NamingTheCharacter(int codePoint)
    {
        var message = PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = char.ConvertFromUtf32(codePoint) + "abc" });
        using var output = new MemoryStream();
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(message, output));
        Assert.Contains($"U+{codePoint:X4}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Remove the control character", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void DirectionMarks_DrawNothing_ButSteerTheParagraph()
    {
        // A right-to-left mark first makes a Latin paragraph right to left: flush right, and nothing drawn for the mark.
        var line = FirstLine(PrintTestData.RenderMarkdown("\u200Fabc"));
        Assert.Equal("abc", string.Concat(line.Select(static l => l.Value)));
        Assert.Equal(RightEdge, line.Max(static l => l.EndBaseLine.X), 0.5);
    }

    [Fact]
    public void Devanagari_FromAFallbackFont_IsReorderedAndFormsConjuncts()
    {
        // Lohit Devanagari (fonts-lohit-deva, installed by scripts/install-deps.sh) as the fallback for what DejaVu lacks.
        const string lohit = "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf";
        Assert.True(File.Exists(lohit), $"{lohit} is missing: run scripts/install-deps.sh");
        var options = PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [lohit] } };

        // कि: the vowel sign i (U+093F) follows its consonant in the text but is drawn before it, on the left.
        // क्ष: ka, virama, ssa make one conjunct glyph.
        var pdf = PrintTestData.RenderMarkdown("कि क्ष", options);
        var drawn = FirstLine(pdf, actualText: false);
        Assert.Equal("\u093F", drawn[0].Value);
        Assert.Equal("\u0915", drawn[1].Value);
        Assert.Equal(3, drawn.Count);

        // Copied, it is the text as written.
        Assert.StartsWith("कि क्ष ", PrintTestData.AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void ATableCellWithoutAnAlignment_IsFlushWithItsTextsStart()
    {
        // One column, made wide by its header: the Latin cell starts at its left, the Hebrew cell ends at its right.
        var pdf = PrintTestData.RenderMarkdown("| The product we recommend to you this month |\n| --- |\n| ab |\n| אב |");
        using var document = PrintTestData.Open(pdf);
        var letters = document.GetPage(1).Letters;
        var latin = letters.Where(static l => l.Value is "a" or "b" && l.StartBaseLine.Y > 100).ToList();
        var header = letters.Single(static l => l.Value == "T");
        var hebrew = letters.Where(static l => l.Value is "א" or "ב").ToList();
        var headerRight = letters.Where(l => Math.Abs(l.StartBaseLine.Y - header.StartBaseLine.Y) < 0.5).Max(static l => l.EndBaseLine.X);
        Assert.Equal(header.StartBaseLine.X, latin.Min(static l => l.StartBaseLine.X), 0.5);
        Assert.Equal(headerRight, hebrew.Max(static l => l.EndBaseLine.X), 0.5);
    }

    [Fact]
    public void ARightToLeftListItem_HasItsBulletOnTheRight_AndALeftToRightOne_OnTheLeft()
    {
        var pdf = PrintTestData.RenderMarkdown("- שלום\n- hello\n\n1. בית");
        using var document = PrintTestData.Open(pdf);
        var letters = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100).ToList();
        var lines = letters.GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key).Select(static g => g.OrderBy(static l => l.StartBaseLine.X).ToList()).ToList();
        Assert.Equal(3, lines.Count);

        // The Hebrew item: its text flush right within the indented box, its bullet right of it at the margin's side.
        Assert.Equal("\u2022", lines[0][^1].Value);
        Assert.Equal("ם", lines[0][0].Value);
        Assert.True(lines[0][^1].EndBaseLine.X <= RightEdge + 0.5);
        Assert.True(lines[0][^1].StartBaseLine.X > lines[0][^2].EndBaseLine.X + 2, "a gap between the text and the bullet");

        // The Latin item: bullet first, on the left.
        Assert.Equal("\u2022", lines[1][0].Value);
        Assert.Equal("h", lines[1][1].Value);

        // The numbered Hebrew item: its number on the right, read ".1" from the left as a browser sets it.
        Assert.Equal(".1", lines[2][^2].Value + lines[2][^1].Value);
    }

    /// <summary>The lines of page 1 above the footer, top to bottom, each as its letters from left to right.</summary>
    private static List<List<Letter>> Lines(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100)
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key)
            .Select(static g => g.OrderBy(static l => l.StartBaseLine.X).ToList())];
    }

    private static string Read(List<Letter> line) => string.Concat(line.Select(static l => l.Value));

    [Theory]
    [InlineData("Hello world\\\n")] // a Markdown hard break: a backslash at the end of the line
    [InlineData("Hello world  \n")] // ... or two spaces
    [InlineData("Hello world\u2029")] // the paragraph separator U+2029, a forced break too
    public void AHebrewLine_AfterAForcedBreakInALatinParagraph_IsARightToLeftParagraphOfItsOwn(string start)
    {
        // UAX #9 P1: the forced break ends a bidirectional paragraph, and the Hebrew line after it is right to left (P2),
        // flush right as a Hebrew paragraph is, with the number and the Latin word after the Hebrew on its left. As a
        // second line of the Latin paragraph, it would be flush left and read "123םולשabc" from the left.
        var lines = Lines(PrintTestData.RenderMarkdown(start + "שלום 123 abc"));
        Assert.Equal(2, lines.Count);
        Assert.Equal("Helloworld", Read(lines[0]));
        Assert.Equal(LeftEdge, lines[0][0].StartBaseLine.X, 0.5);
        Assert.Equal("abc123םולש", Read(lines[1]));
        Assert.Equal(RightEdge, lines[1][^1].EndBaseLine.X, 0.5);
    }

    [Fact]
    public void ALatinLine_AfterAForcedBreakInAHebrewParagraph_IsALeftToRightParagraphOfItsOwn()
    {
        // As a second line of the Hebrew paragraph, "Hello world!" would be flush right with its "!" on the far left
        // (the neutral at the end of the line takes the paragraph's direction); as a paragraph of its own it reads as written.
        var lines = Lines(PrintTestData.RenderMarkdown("שלום עולם\\\nHello world!"));
        Assert.Equal(2, lines.Count);
        Assert.Equal("םלועםולש", Read(lines[0]));
        Assert.Equal(RightEdge, lines[0][^1].EndBaseLine.X, 0.5);
        Assert.Equal("Helloworld!", Read(lines[1]));
        Assert.Equal(LeftEdge, lines[1][0].StartBaseLine.X, 0.5);
    }

    [Fact]
    public void AListItem_TakesItsSideFromItsFirstLine_BeforeAnyForcedBreak()
    {
        // The item's first bidirectional paragraph is Latin: bullet on the left, even though a Hebrew line follows, and that
        // line is flush right in the item's box.
        var lines = Lines(PrintTestData.RenderMarkdown("- hello\\\n  שלום"));
        Assert.Equal(2, lines.Count);
        Assert.Equal("\u2022hello", Read(lines[0]));
        Assert.Equal("םולש", Read(lines[1]));
        Assert.Equal(RightEdge, lines[1][^1].EndBaseLine.X, 0.5);
    }

    /// <summary>
    /// A right-to-left line is placed left to right but written in reading order: a tool that reads the text in the order
    /// it is written (a preflight, an address reader, a copy in many viewers) got its words back to front, the number and
    /// the Latin word of <c>שלום 123 abc</c> before the Hebrew, and a street's house number before its name.
    /// </summary>
    [Theory]
    [InlineData("שלום 123 abc", new[] { "ש", "1", "a" })]
    [InlineData("רחוב הרצל 12", new[] { "ר", "1" })]
    public void RightToLeftLine_IsWrittenInReadingOrder_ThoughPlacedLeftToRight(string markdown, string[] readingOrder)
    {
        var pdf = PrintTestData.RenderMarkdown(markdown);

        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPage(1).Letters.Select(static l => l.Value).ToList();
        var written = readingOrder.Select(v => letters.IndexOf(v)).ToList();
        Assert.All(written, static i => Assert.True(i >= 0));
        Assert.Equal(written.Order(), written);
        Assert.Equal(pdf, PrintTestData.RenderMarkdown(markdown));
    }
}
