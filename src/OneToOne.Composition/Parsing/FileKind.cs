namespace OneToOne.Composition.Parsing;

/// <summary>
/// Tells from its first bytes whether a file a catalog names is what the catalog uses it as, so that a font or image
/// that cannot work is reported where the catalog names it, when it loads, rather than rejecting every recipient who
/// is printed. Only the signature is read: a file that starts right but is damaged further on still fails per recipient.
/// </summary>
internal static class FileKind
{
    private const int SignatureLength = 12;

    /// <summary>Checks that a file is a font print can embed: TrueType or OpenType, one font or a collection.</summary>
    /// <param name="path">The file, which exists.</param>
    /// <param name="showStart">
    /// Whether the message may quote the file's first bytes: only for a file in the catalog's own folder. A font may be
    /// named anywhere (<c>/usr/share/fonts/…</c>), and quoting any file's start told a catalog's author the first bytes of
    /// files they may not read (<c>regular: /etc/shadow</c>: <c>"root:*:2"</c>), where a service loads its tenants' catalogs.
    /// </param>
    /// <returns>Null when it is such a font; otherwise what is wrong and how to fix it.</returns>
    public static string? FontProblem(string path, bool showStart)
    {
        if (Read(path, out var head) is { } unreadable)
        {
            return unreadable;
        }

        return head switch
        {
            [0x00, 0x01, 0x00, 0x00, ..] or [(byte)'O', (byte)'T', (byte)'T', (byte)'O', ..]
                or [(byte)'t', (byte)'r', (byte)'u', (byte)'e', ..] or [(byte)'t', (byte)'t', (byte)'c', (byte)'f', ..] => null,
            [(byte)'w', (byte)'O', (byte)'F', (byte)'F' or (byte)'2', ..] =>
                "is a web font (WOFF), which a PDF cannot embed. Use the font's .ttf or .otf file.",
            [] => "is empty. Use a TrueType (.ttf) or OpenType (.otf) font file.",
            _ when !showStart => "is not a TrueType or OpenType font. Use a .ttf or .otf font file.",
            _ => $"is not a TrueType or OpenType font (it starts {Describe(head)}). Use a .ttf or .otf font file.",
        };
    }

    /// <summary>
    /// Checks that a file is an image: PNG, JPEG, GIF, WebP, BMP, ICO, HEIF/AVIF, or SVG (by its extension, as an SVG
    /// is text). Print draws the raster formats; browsers and mail readers show them all.
    /// </summary>
    /// <param name="path">The file, which exists.</param>
    /// <returns>Null when it is an image; otherwise what is wrong and how to fix it.</returns>
    public static string? ImageProblem(string path)
    {
        if (Read(path, out var head) is { } unreadable)
        {
            return unreadable;
        }

        return head switch
        {
            [] => "is empty. Save the image again, or use another file.",
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] or [0xFF, 0xD8, 0xFF, ..] or [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..]
                or [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..]
                or [(byte)'B', (byte)'M', ..] or [0x00, 0x00, 0x01, 0x00, ..]
                or [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => null,
            _ when path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) => null,
            [(byte)'<', ..] or [0xEF, 0xBB, 0xBF, (byte)'<', ..] =>
                $"is not an image but text starting {Describe(head)} (often a web page saved in place of the image, such as a sign-in or \"not found\" page). Download the image itself.",
            _ => $"is not an image print or a mail reader can show (it starts {Describe(head)}). Use a PNG or JPEG file.",
        };
    }

    private static string? Read(string path, out byte[] head)
    {
        head = [];
        if (FileType.IsSpecial(path))
        {
            // Opening a pipe waits for a writer, so loading the catalog would never end.
            return "is not a regular file but a pipe, a socket or a device (or a link to one). Name the file itself.";
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var buffer = new byte[SignatureLength];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            head = buffer[..read];
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {exception.Message} Check the file's permissions.";
        }
    }

    /// <summary>The first bytes as hex, with their printable ASCII beside them: <c>3C 21 44 4F ("&lt;!DO")</c>.</summary>
    private static string Describe(byte[] head)
    {
        var shown = head.AsSpan(0, Math.Min(head.Length, 8));
        var hex = Convert.ToHexString(shown);
        var pairs = string.Join(' ', Enumerable.Range(0, shown.Length).Select(i => hex.Substring(i * 2, 2)));
        var text = new string(Array.ConvertAll(shown.ToArray(), static b => b is >= 0x20 and < 0x7F ? (char)b : '.'));
        return $"{pairs} (\"{text}\")";
    }
}
