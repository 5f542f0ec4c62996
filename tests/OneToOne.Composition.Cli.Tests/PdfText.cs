using UglyToad.PdfPig;

namespace OneToOne.Composition.Cli.Tests;

/// <summary>
/// Text extracted from PDFs with PdfPig: the words of each page, joined by single spaces, read with the replacement
/// text (/ActualText) the renderer gives ligatures and other glyphs that are not simply their characters, as a viewer
/// copies it ("office", not "o\uFB03ce").
/// </summary>
internal static class PdfText
{
    public static int PageCount(string path)
    {
        using var document = PdfDocument.Open(path);
        return document.NumberOfPages;
    }

    /// <summary>The text of pages <paramref name="first"/>..<paramref name="last"/> (1-based), all pages when not given.</summary>
    public static string Of(string path, int first = 1, int? last = null)
    {
        using var document = PdfDocument.Open(path, new ParsingOptions { UseActualText = true });
        var to = last ?? document.NumberOfPages;
        return string.Join("\n", Enumerable.Range(first, to - first + 1).Select(n => string.Join(" ", document.GetPage(n).GetWords().Select(static w => w.Text))));
    }
}
