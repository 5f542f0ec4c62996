namespace OneToOne.Composition;

/// <summary>
/// The scheme a URL starts with, read one way wherever a package tells a link or an image from a path, or finds a URL
/// in plain text (<c>src/Shared</c>).
/// </summary>
internal static class UriScheme
{
    /// <summary>
    /// Gets the length of the scheme a URL starts with (RFC 3986: a letter, then letters, digits, <c>+ - .</c>, then
    /// <c>:</c>), or 0 when it starts with none.
    /// </summary>
    /// <param name="url">The URL as written.</param>
    /// <returns>The scheme's length, without the colon.</returns>
    public static int Length(ReadOnlySpan<char> url)
    {
        var colon = url.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        foreach (var c in url[1..colon])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return 0;
            }
        }

        return colon;
    }

    /// <summary>
    /// Gets whether a URL is protocol-relative (RFC 3986's network-path reference, <c>//cdn.example.com/logo.png</c>): it
    /// names a server, as an absolute URL does, and takes only its scheme from the page. Browsers read a <c>\</c> as a
    /// <c>/</c> there (<c>\\cdn…</c>, <c>/\cdn…</c>), and skip leading spaces and control characters, so this does too.
    /// It is no path: a check that took it for one looked for a file or called it relative.
    /// </summary>
    /// <param name="url">The URL as written.</param>
    /// <returns>Whether it starts with two slashes or backslashes.</returns>
    public static bool IsProtocolRelative(ReadOnlySpan<char> url)
    {
        var start = 0;
        while (start < url.Length && url[start] <= ' ')
        {
            start++;
        }

        return url.Length - start >= 2 && (url[start] is '/' or '\\') && (url[start + 1] is '/' or '\\');
    }
}
