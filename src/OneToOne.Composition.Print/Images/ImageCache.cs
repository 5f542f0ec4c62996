using SkiaSharp;

namespace OneToOne.Composition.Print.Images;

/// <summary>
/// Loads the local images a message shows, decoding each file once (a merged batch shares one cache, so an image used
/// by every recipient is decoded and embedded once). Remote images are never fetched. Not thread-safe: one per render
/// call or per batch writer.
/// </summary>
internal sealed class ImageCache : IDisposable
{
    private readonly Dictionary<string, SKImage> _images = new(StringComparer.Ordinal);

    /// <summary>Gets whether an image URL names a file to load (not <c>http:</c>, <c>https:</c>, <c>data:</c> or another scheme).</summary>
    public static bool IsLocal(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        if (Path.IsPathRooted(url))
        {
            return true;
        }

        // A one-letter "scheme" is a drive letter ("C:\logo.png"): a path.
        return UriScheme.Length(url) <= 1;
    }

    /// <summary>Loads a local image, relative paths from <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="PrintException">The path leaves the folder, or the file does not exist or does not decode as an image.</exception>
    public SKImage Load(string url, string baseDirectory)
    {
        var path = Resolve(url, baseDirectory);
        if (_images.TryGetValue(path, out var cached))
        {
            return cached;
        }

        if (!File.Exists(path))
        {
            throw new PrintException($"The image '{url}' does not exist (looked for {path}). Image paths are relative to the catalog folder.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PrintException($"The image '{url}' could not be read ({path}): {exception.Message}", exception);
        }

        var data = SKData.CreateCopy(bytes);
        SKImage? image = null;
        try
        {
            // Decode every pixel now, strictly, so that a truncated or corrupt file fails here (for this recipient)
            // rather than as a blank area. The encoded image is what gets drawn: the PDF backend embeds a JPEG as is.
            if (!DecodesCompletely(data))
            {
                throw new PrintException($"The image '{url}' ({path}) could not be decoded; use a complete PNG or JPEG file.");
            }

            image = SKImage.FromEncodedData(data)
                ?? throw new PrintException($"The image '{url}' ({path}) could not be decoded; use a complete PNG or JPEG file.");
        }
        finally
        {
            data.Dispose();
        }

        _images[path] = image;
        return image;
    }

    /// <summary>
    /// Resolves an image URL to a file as a browser would find it: percent-escapes decoded (Markdown keeps
    /// <c>my%20logo.png</c> as written). A relative path must stay inside <paramref name="baseDirectory"/> once decoded
    /// and resolved, so neither <c>..</c> nor an escaped <c>%2F</c> or <c>%5C</c> can reach another folder. So must an
    /// absolute path: the Markdown printed holds recipients' values too (<c>![x]({{ photo }})</c>), and a value such as
    /// <c>/srv/other-customer/signature.png</c> must not put a file from elsewhere on the server into the letter.
    /// </summary>
    /// <exception cref="PrintException">The path leads out of the folder.</exception>
    internal static string Resolve(string url, string baseDirectory)
    {
        var decoded = Uri.UnescapeDataString(url);
        if (decoded.Contains('\0', StringComparison.Ordinal))
        {
            throw new PrintException($"The image '{url}' has a null character in its path; correct the image path.");
        }

        var folder = Path.GetFullPath(baseDirectory);
        var path = Path.GetFullPath(Path.Combine(folder, decoded));
        var relative = Path.GetRelativePath(folder, path);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new PrintException($"The image '{url}' leads out of the catalog folder ({folder}); image paths are relative to the catalog folder and stay inside it.");
        }

        return path;
    }

    private static bool DecodesCompletely(SKData data)
    {
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return false;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success;
    }

    public void Dispose()
    {
        foreach (var image in _images.Values)
        {
            image.Dispose();
        }

        _images.Clear();
    }
}
