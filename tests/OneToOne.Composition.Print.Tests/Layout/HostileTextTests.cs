using UglyToad.PdfPig.Annotations;

namespace OneToOne.Composition.Print.Tests.Layout;

/// <summary>Text the hostile-recipient properties found printed wrongly or refused with the wrong words.</summary>
public sealed class HostileTextTests
{
    [Theory]
    [InlineData("[go]({0})")]
    [InlineData("<{0}>")]
    public void Render_ALinkUrlLongerThanAnyServerTakes_IsAPrintExceptionSayingWhatToShorten(string markdown)
    {
        var url = "https://example.com/?u=" + new string('x', 9_000);

        var ex = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown(string.Format(System.Globalization.CultureInfo.InvariantCulture, markdown, url)));

        Assert.Equal(
            "A link's URL is 9,023 characters long (it starts 'https://example.com/?u=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'); a printed link may be at most 8,192. Shorten the value that makes the URL (the recipient data in it), or leave the link out of the print text (a module's print: override).",
            ex.Message);
    }

    [Fact]
    public void Render_ALinkUrlOfTheLongestLength_IsALinkOnEveryLineItSpans()
    {
        var url = "https://example.com/?u=" + new string('x', 8_192 - 23);

        var pdf = PrintTestData.RenderMarkdown($"[go]({url})");

        using var document = PrintTestData.Open(pdf);
        var links = document.GetPages().SelectMany(static p => p.GetAnnotations()).Where(static a => a.Type == AnnotationType.Link).ToList();
        Assert.True(links.Count > 10, $"{links.Count} link areas");
        Assert.All(links, static a => Assert.Equal(8_192, Assert.IsType<UglyToad.PdfPig.Actions.UriAction>(a.Action).Uri.Length));
    }

    [Theory]
    [InlineData("\uFFFE", 0xFFFE, " (U+FFFE is often a byte order mark read the wrong way round: text decoded with the wrong byte order.)")]
    [InlineData("\uFFFF", 0xFFFF, "")]
    [InlineData("\uFDD0", 0xFDD0, "")]
    [InlineData("\U0001FFFE", 0x1FFFE, "")]
    public void Render_ANoncharacter_IsAPrintExceptionNamingIt_NotAMissingFontOrASurrogate(string noncharacter, int codePoint, string hint)
    {
        var ex = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown($"Hello Ann{noncharacter}, welcome."));

        Assert.Equal($"The text has U+{codePoint:X4}, a noncharacter: Unicode reserves it, and no font draws it.{hint} Correct the data.", ex.Message);
        Assert.Equal(codePoint, ex.CodePoint);
    }

    [Theory]
    [InlineData("Ann{0}", 0xD800)]
    [InlineData("{0}Ann", 0xDC00)]
    [InlineData("\U0001F600{0} x", 0xDBFF)]
    public void Render_AnUnpairedSurrogate_IsAPrintExceptionNamingIt(string text, int surrogate)
    {
        // Built here: xUnit's theory data cannot carry a lone surrogate in a string.
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, text, (char)surrogate);

        var ex = Assert.Throws<PrintException>(() => PrintTestData.RenderMarkdown($"Hello {value}."));

        Assert.Equal($"The text is not valid Unicode: it has half of a surrogate pair without the other half (U+{surrogate:X4}), which no font draws. Correct the data; such text was usually cut in the middle of a character or decoded with the wrong encoding.", ex.Message);
    }

    [Theory]
    [InlineData("Anna\u2028Maria")]
    [InlineData("**Anna\u2028Maria**")]
    public void Render_ALineSeparator_BreaksTheLine_NotJoinsTheWords(string markdown)
    {
        // U+2028 from a recipient's value (pasted from a form or a spreadsheet cell) was drawn as an empty glyph: the
        // letter read "AnnaMaria" on one line, where the text channel shows two lines.
        using var document = PrintTestData.Open(PrintTestData.RenderMarkdown(markdown));
        var lines = document.GetPage(1).Letters.Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 100)
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(static g => g.Key)
            .Select(static g => string.Concat(g.OrderBy(static l => l.StartBaseLine.X).Select(static l => l.Value).Where(static v => v != "\u2028")))
            .ToList();

        Assert.Equal(["Anna", "Maria"], lines);
    }
}
