using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Print.Tests.Fonts;

/// <summary>
/// A catalog loaded with <see cref="CompositionOptions.ConfineToCatalogFolder"/> had its fonts checked when it loaded
/// only: a font file replaced by a symbolic link to a file outside the folder afterwards (a tenant's folder uploaded
/// again: a CatalogMonitor's reload refuses the link, but keeps the last good catalog, which names the same path, and a
/// catalog loaded without a monitor is never loaded again) was read at print.
/// </summary>
public sealed class ConfinedFontTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oto-confined-").FullName;

    [Fact]
    public void AFontReplacedByALinkOutside_AfterTheLoad_IsRefusedAtPrint()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "tenant-a")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "tenant-b")).FullName;
        File.Copy(PrintFonts.Default.Regular, Path.Combine(folder, "brand.ttf"));
        File.Copy(PrintFonts.Default.Regular, Path.Combine(outside, "licensed.ttf"));
        File.WriteAllText(Path.Combine(folder, "catalog.yaml"), "catalog: t\nmessages:\n  letter:\n    body: \"Hello {{ name }}\"\n    print:\n      fonts:\n        regular: brand.ttf\n");
        var catalog = new CatalogLoader(TestOptions.Untimed with { ConfineToCatalogFolder = true }).Load(folder);
        var content = catalog.RenderPrint(catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1", ["name"] = "Ann" }), "letter"));
        Assert.True(content.FilesConfined);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(new PdfRenderer().Render(content), 0, 4), StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "brand.ttf"));
        File.CreateSymbolicLink(Path.Combine(folder, "brand.ttf"), Path.Combine(outside, "licensed.ttf"));

        var error = Assert.Throws<PrintException>(() => new PdfRenderer().Render(content));
        Assert.Contains($"The font file 'brand.ttf' leads out of the catalog's folder ({folder}), by a symbolic link put in its place since the catalog loaded", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
