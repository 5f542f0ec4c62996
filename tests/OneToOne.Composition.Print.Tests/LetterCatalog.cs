using SkiaSharp;

namespace OneToOne.Composition.Print.Tests;

/// <summary>A catalog written to its own temporary folder (so that image and font paths resolve), deleted on dispose.</summary>
internal sealed class LetterCatalog : IDisposable
{
    public LetterCatalog(string yaml, Action<string>? prepareFolder = null)
    {
        Folder = Directory.CreateTempSubdirectory("oto-print-").FullName;
        prepareFolder?.Invoke(Folder);
        File.WriteAllText(Path.Combine(Folder, "catalog.yaml"), yaml);
        Catalog = new CatalogLoader(TestOptions.Untimed).Load(Path.Combine(Folder, "catalog.yaml"));
    }

    public string Folder { get; }

    public Catalog Catalog { get; }

    /// <summary>The print piece of a message for a recipient.</summary>
    public PrintContent Print(string messageId, params (string Key, object? Value)[] fields)
    {
        var recipient = new Dictionary<string, object?> { ["id"] = "r1" };
        foreach (var (key, value) in fields)
        {
            recipient[key] = value;
        }

        return Catalog.RenderPrint(Catalog.Decide(recipient, messageId));
    }

    /// <summary>Writes a PNG of a size, filled with one colour.</summary>
    public static void WritePng(string path, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(0xC0, 0x60, 0x20));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
