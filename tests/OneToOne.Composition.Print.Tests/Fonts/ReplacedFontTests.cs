using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Print.Tests.Fonts;

/// <summary>
/// Fonts are loaded once per process, by path: a brand font replaced under a running service kept printing as the old
/// one, though the catalog's monitor reloaded (the new catalog names the same path).
/// </summary>
public sealed class ReplacedFontTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oto-replaced-font-").FullName;

    [Fact]
    public void AFontFileReplacedInPlace_IsReadAgain_AndOneDeletedKeepsPrintingWithTheFontRead()
    {
        var content = LetterInBrandFont(out var brand);
        Assert.DoesNotContain("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);

        // Saved as an editor or a deployment does: a new file renamed over the old.
        File.Copy(PrintFonts.Default.Monospace!, brand + ".saving");
        File.Move(brand + ".saving", brand, overwrite: true);
        Assert.Contains("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);

        File.Delete(brand);
        Assert.Contains("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFontFileHalfWritten_KeepsPrintingWithTheFontRead_UntilTheWriteEnds()
    {
        var content = LetterInBrandFont(out var brand);
        Assert.DoesNotContain("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);

        // Copied over in place (cp new.ttf brand.ttf): while the copy runs the file is its first bytes only, no font. A
        // recipient printed then failed with "could not be loaded as a font", as did every one after while it lasted,
        // each reading every font file of the set again.
        var mono = File.ReadAllBytes(PrintFonts.Default.Monospace!);
        File.WriteAllBytes(brand, mono.AsSpan(0, 100).ToArray());
        Assert.DoesNotContain("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);

        File.WriteAllBytes(brand, mono);
        Assert.Contains("Mono", FontOfHello(new PdfRenderer().Render(content)), StringComparison.Ordinal);
    }

    [Fact]
    public void ARenderersOwnFontFileReplaced_IsReadAgain_ByTheSameRenderer()
    {
        // A service's one PdfRenderer (AddPrint registers a singleton) with its brand font in PrintOptions: the renderer
        // kept the fonts it was made with, so a brand font saved over printed as the old one until a restart.
        var brand = Path.Combine(_folder, "brand.ttf");
        File.Copy(PrintFonts.Default.Regular, brand);
        var renderer = new PdfRenderer(PrintOptions.Default with { Fonts = PrintFonts.Default with { Regular = brand } });
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("catalog: t\nmessages:\n  letter:\n    body: \"Hello {{ name }}\"\n");
        var content = catalog.RenderPrint(catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1", ["name"] = "Ann" }), "letter"));
        Assert.DoesNotContain("Mono", FontOfHello(renderer.Render(content)), StringComparison.Ordinal);

        File.Copy(PrintFonts.Default.Monospace!, brand + ".saving");
        File.Move(brand + ".saving", brand, overwrite: true);

        Assert.Contains("Mono", FontOfHello(renderer.Render(content)), StringComparison.Ordinal);
    }

    /// <summary>A letter from a catalog whose print: fonts: regular is brand.ttf, a copy of DejaVu Sans in the test's folder.</summary>
    private PrintContent LetterInBrandFont(out string brand)
    {
        brand = Path.Combine(_folder, "brand.ttf");
        File.Copy(PrintFonts.Default.Regular, brand);
        File.WriteAllText(Path.Combine(_folder, "catalog.yaml"), "catalog: t\nmessages:\n  letter:\n    body: \"Hello {{ name }}\"\n    print:\n      fonts:\n        regular: brand.ttf\n");
        var catalog = new CatalogLoader(TestOptions.Untimed).Load(_folder);
        return catalog.RenderPrint(catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1", ["name"] = "Ann" }), "letter"));
    }

    private static string FontOfHello(byte[] pdf)
    {
        using var document = PrintTestData.Open(pdf);
        return document.GetPage(1).Letters.First(static l => l.Value == "H").FontName ?? string.Empty;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
