using System.Globalization;
using SkiaSharp;

namespace OneToOne.Composition.Print.Images;

/// <summary>
/// Loads the local images a message shows, decoding each file once (a merged batch shares one cache, so an image used
/// by every recipient is decoded and embedded once). Remote images are never fetched. Not thread-safe: one per render
/// call or per batch writer.
/// </summary>
internal sealed class ImageCache : IDisposable
{
    /// <summary>
    /// The most pixels an image may have: 100 million (10,000 × 10,000), 400 MB once decoded. An image is decoded whole
    /// to check it, so a recipient's photo of 60,000 × 60,000 pixels (a 10 MB PNG of one colour) would need 14 GB for
    /// this one letter, failing with an allocation error or, where the memory is granted, taking the machine's memory
    /// from the whole run. Letters print images at 96 dpi within the text width, a few thousand pixels at most.
    /// </summary>
    internal const long MaxPixels = 100_000_000;

    private readonly Dictionary<string, SKImage> _images = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets whether an image URL names a file to load: not one with <c>http:</c>, <c>https:</c>, <c>data:</c> or another
    /// scheme, nor a protocol-relative URL (<c>//cdn.example.com/logo.png</c>, or <c>\\cdn…</c>, which browsers read
    /// alike), which names a server as an <c>https:</c> URL does.
    /// </summary>
    public static bool IsLocal(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || UriScheme.IsProtocolRelative(url))
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

        if (FileType.IsSpecial(path))
        {
            // A pipe's open waits for a writer; /dev/zero is read until the process has no memory left.
            throw new PrintException($"The image '{url}' ({path}) is not a regular file but a pipe, a socket or a device (or a link to one); name the image file itself.");
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
            if (!DecodesCompletely(data, url, path))
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
    /// <c>/srv/other-customer/signature.png</c> must not put a file from elsewhere on the server into the letter. Nor may a
    /// symbolic link in the folder (<c>shared -&gt; /srv</c>) lead it there: the path must stay inside with its links followed.
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
        if (!FileType.IsInsideByName(folder, path))
        {
            throw new PrintException($"The image '{url}' leads out of the catalog folder ({folder}); image paths are relative to the catalog folder and stay inside it.");
        }

        if (FileType.LeavesFolder(folder, path))
        {
            throw new PrintException($"The image '{url}' leads out of the catalog folder ({folder}) through a symbolic link; image paths stay inside the catalog folder, links followed. Copy the image into the folder.");
        }

        return path;
    }

    /// <exception cref="PrintException">The image has more than <see cref="MaxPixels"/> pixels, or their memory cannot be had.</exception>
    private static bool DecodesCompletely(SKData data, string url, string path)
    {
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return false;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap();
        if ((long)width * height > MaxPixels || !bitmap.TryAllocPixels(info))
        {
            throw new PrintException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image '{url}' ({path}) is {width:N0} × {height:N0} pixels, too many to decode (an image may have at most {MaxPixels:N0}, and only as many as memory holds); scale it down to the size it prints at (a few thousand pixels across)."));
        }

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
