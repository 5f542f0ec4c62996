using System.Globalization;

namespace OneToOne.Composition.Print.Tests;

/// <summary>The catalog refuses print margins exactly when the print layout would: none that loads fails every letter.</summary>
public sealed class CatalogMarginsTests
{
    [Theory]
    [InlineData("A4", "20 92.3 20 92.3")] // 25.4 mm across
    [InlineData("A4", "20 92.3 20 92.305")] // 25.395 mm across: less than 72 points
    [InlineData("A4", "20 92.3 20 92.298")]
    [InlineData("A4", "20 92.3 20 92.299")]
    [InlineData("Letter", "20 95.25 20 95.25")]
    [InlineData("Letter", "20 95.25 20 95.255")]
    [InlineData("Letter", "20 95.25 20 95.251")]
    [InlineData("Letter", "20 90 20 90")]
    public void Margins_LoadExactlyWhenThePageCanBeLaidOut(string page, string margins)
    {
        var yaml = $"catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      page: {page}\n      margins: {margins}\n";
        var mm = margins.Split(' ').Select(static m => (float)double.Parse(m, CultureInfo.InvariantCulture)).ToArray();
        var options = PrintOptions.Default with
        {
            PageSize = page == "A4" ? PrintPageSize.A4 : PrintPageSize.Letter,
            Margins = PrintMargins.FromMillimetres(mm[0], mm[1], mm[2], mm[3]),
        };
        var prints = Record.Exception(() => new PdfRenderer(options)) is null;

        var loads = new CatalogLoader(TestOptions.Untimed).TryParse(yaml, out _, out var diagnostics);

        Assert.True(prints == loads, $"prints: {prints}, loads: {loads} ({string.Join("; ", diagnostics.Select(static d => d.Message))})");
    }
}
