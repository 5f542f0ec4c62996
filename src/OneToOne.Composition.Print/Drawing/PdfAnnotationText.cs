using System.Globalization;
using System.Text;
using SkiaSharp;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>
/// The bytes of the strings an annotation writes into the PDF. SkiaSharp's <c>string</c> overloads encode them as
/// ASCII, turning every other character into <c>?</c>: a link to <c>…/münchen</c> pointed at <c>…/m?nchen</c>, and
/// recipients <c>Jürgen</c> and <c>Jörgen</c> both got the named destination <c>J?rgen</c>.
/// </summary>
internal static class PdfAnnotationText
{
    /// <summary>
    /// Gets a link's URI as the NUL-terminated ASCII Skia expects: a non-ASCII host in punycode (as browsers send it),
    /// and every other character outside printable ASCII percent-encoded as UTF-8 (as Markdig writes an HTML link).
    /// </summary>
    /// <param name="url">The link's URL as written.</param>
    /// <returns>The bytes; the caller disposes them after drawing.</returns>
    public static SKData Uri(string url) => Terminated(Encoding.ASCII.GetBytes(ToAscii(url)));

    /// <summary>Gets a named destination as its NUL-terminated UTF-8 bytes (PDF names are bytes, read as UTF-8).</summary>
    /// <param name="name">The name, from <see cref="DestinationName"/>.</param>
    /// <returns>The bytes; the caller disposes them after drawing.</returns>
    public static SKData Name(string name) => Terminated(Encoding.UTF8.GetBytes(name));

    /// <summary>
    /// Gets the name a recipient id has as a named destination, as a PDF reader reads it back: a NUL (which no PDF name
    /// can hold, and which ended the name Skia was given, so <c>a␀b</c> and <c>a␀c</c> both became <c>/a</c>) as its
    /// control picture U+2400, and a lone surrogate as U+FFFD, as UTF-8 writes it. Every other character is kept (Skia
    /// writes a byte outside printable ASCII as <c>#XX</c>).
    /// </summary>
    /// <param name="recipientId">The recipient id.</param>
    /// <returns>The name.</returns>
    public static string DestinationName(string recipientId)
    {
        var name = recipientId.Replace('\0', '\u2400');
        return name.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)) : name;
    }

    /// <summary>Writes a URL in printable ASCII (see <see cref="Uri"/>); a URL that already is comes back as it is.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The ASCII URL.</returns>
    public static string ToAscii(string url)
    {
        if (!url.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return url;
        }

        var (hostStart, hostLength, asciiHost) = NonAsciiHost(url);
        var result = new StringBuilder(url.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length;)
        {
            if (i == hostStart)
            {
                result.Append(asciiHost);
                i += hostLength;
                continue;
            }

            if (url[i] is >= '!' and <= '~')
            {
                result.Append(url[i++]);
                continue;
            }

            // An unpaired surrogate decodes as U+FFFD, one char long.
            Rune.DecodeFromUtf16(url.AsSpan(i), out var rune, out var consumed);
            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                result.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }

            i += consumed;
        }

        return result.ToString();
    }

    /// <summary>Finds an internationalised host in the URL: where it is, and its punycode form; (-1, 0, "") when there is none.</summary>
    private static (int Start, int Length, string Ascii) NonAsciiHost(string url)
    {
        if (System.Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.HostNameType == UriHostNameType.Dns
            && !string.Equals(uri.Host, uri.IdnHost, StringComparison.Ordinal))
        {
            // The host follows the scheme's "//" and any user information ("user:password@"), and comes before the
            // path: the same name may recur in the path or query, and stays as it is there.
            var authority = url.IndexOf("//", StringComparison.Ordinal);
            var from = authority < 0 ? 0 : authority + 2;
            if (uri.UserInfo.Length > 0)
            {
                from = url.IndexOf('@', from) + 1;
            }

            var start = url.IndexOf(uri.Host, from, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                return (start, uri.Host.Length, uri.IdnHost);
            }
        }

        return (-1, 0, string.Empty);
    }

    private static SKData Terminated(byte[] bytes)
    {
        var terminated = new byte[bytes.Length + 1];
        bytes.CopyTo(terminated, 0);
        return SKData.CreateCopy(terminated);
    }
}
