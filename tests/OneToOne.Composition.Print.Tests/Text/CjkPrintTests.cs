using OneToOne.Composition.Print.Layout;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests.Text;

/// <summary>Chinese and Japanese, written without spaces, as they come out of the PDF: wrapped at the margin, by the rules of kinsoku.</summary>
public sealed class CjkPrintTests
{
    /// <summary>WenQuanYi Micro Hei (fonts-wqy-microhei, installed by scripts/install-deps.sh): Chinese ideographs and Japanese kana.</summary>
    private const string CjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>Loma (fonts-tlwg-loma-ttf, installed by scripts/install-deps.sh): Thai.</summary>
    private const string ThaiFont = "/usr/share/fonts/truetype/tlwg/Loma.ttf";

    private static readonly PageGeometry Page = PageGeometry.From(PrintOptions.Default);

    private static PrintOptions Options()
    {
        Assert.True(File.Exists(CjkFont), $"{CjkFont} is missing: run scripts/install-deps.sh");
        return PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [CjkFont] } };
    }

    /// <summary>The lines of page 1, top to bottom, each its letters left to right as drawn.</summary>
    private static List<List<Letter>> Lines(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return [.. document.GetPage(1).Letters
            .Where(static l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > 60)
            .GroupBy(static l => Math.Round(l.StartBaseLine.Y))
            .OrderByDescending(static g => g.Key)
            .Select(static g => g.OrderBy(static l => l.StartBaseLine.X).ToList())];
    }

    private static string Text(List<Letter> line) => string.Concat(line.Select(static l => l.Value));

    [Fact]
    public void AJapaneseParagraph_AfterALatinName_FillsTheFirstLine_WrapsInsideTheMargins_AndNoLineStartsWithAClosingMark()
    {
        // One "word" to a breaker that breaks only at spaces: it went to a line of its own after "Dear Smith", and was cut
        // wherever the width ran out, starting lines with '、' or '。' and ending them with '「'.
        var paragraph = "Dear Smith様、いつも当店をご利用いただき、誠にありがとうございます。この冬、当店では「ウィンターセール」を開催いたします。"
            + string.Concat(Enumerable.Repeat("店内の商品は、すべて特別価格です。「ぜひ」ご来店ください。", 6));
        var lines = Lines(PrintTestData.RenderMarkdown(paragraph, Options()));

        Assert.True(lines.Count > 3, $"{lines.Count} lines");
        Assert.StartsWith("DearSmith様、いつも当店を", Text(lines[0]), StringComparison.Ordinal);
        Assert.Equal(paragraph.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(lines.Select(Text)));
        foreach (var line in lines)
        {
            Assert.True(line[0].StartBaseLine.X >= Page.Left - 0.5, $"'{Text(line)}' starts left of the margin");
            Assert.True(line[^1].EndBaseLine.X <= Page.Right + 0.5, $"'{Text(line)}' ends right of the margin, at {line[^1].EndBaseLine.X:0.0} > {Page.Right:0.0}");
            Assert.DoesNotContain(Text(line)[0], "、。」）ー");
            Assert.DoesNotContain(Text(line)[^1], "「（");
        }

        // Full lines reach the right margin, less than a character short: the text was not pushed down by a whole word.
        foreach (var line in lines.SkipLast(1))
        {
            Assert.True(line[^1].EndBaseLine.X > Page.Right - 25, $"'{Text(line)}' ends at {line[^1].EndBaseLine.X:0.0}, far from {Page.Right:0.0}");
        }
    }

    [Fact]
    public void ACatalogListingTwoFallbackFonts_PrintsJapaneseAndThai_AndThaiWithoutSpacesWrapsInsideTheMargins()
    {
        // 'fallback:' took one font: a catalog for Japan and Thailand could print only one of them (a list was an error,
        // "Fallback must be text"), and the other country's letters were rejected for a character no font had.
        Assert.True(File.Exists(ThaiFont), $"{ThaiFont} is missing: run scripts/install-deps.sh");
        _ = Options();
        var thai = string.Concat(Enumerable.Repeat("ขอขอบคุณที่ใช้บริการร้านของเราเสมอมา", 8));
        using var letter = new LetterCatalog($$$"""
            catalog: t
            messages:
              m:
                body: "{{ greeting }}\n\n{{{thai}}}"
                print:
                  fonts: { fallback: [{{{CjkFont}}}, {{{ThaiFont}}}] }
            """);

        var pdf = PrintTestData.Renderer.Render(letter.Print("m", ("greeting", "いつもありがとうございます")));

        var lines = Lines(pdf);
        Assert.Equal("いつもありがとうございます", Text(lines[0]));
        Assert.True(lines.Count > 3, $"{lines.Count} lines");
        foreach (var line in lines)
        {
            Assert.True(line[0].StartBaseLine.X >= Page.Left - 0.5, $"'{Text(line)}' starts left of the margin");
            Assert.True(line.Max(static l => l.EndBaseLine.X) <= Page.Right + 0.5, $"'{Text(line)}' ends right of the margin");
        }

        using var document = PrintTestData.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(static l => l.FontName ?? string.Empty).Distinct().ToList();
        Assert.Contains(fonts, static f => f.Contains("WenQuanYi", StringComparison.Ordinal));
        Assert.Contains(fonts, static f => f.Contains("Loma", StringComparison.Ordinal));
    }
}
