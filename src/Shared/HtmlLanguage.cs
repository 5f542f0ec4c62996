using System.Globalization;
using System.Net;

namespace OneToOne.Composition;

/// <summary>How an HTML document declares its language, wherever a package writes one (<c>src/Shared</c>).</summary>
internal static class HtmlLanguage
{
    /// <summary>The attributes of an <c>&lt;html&gt;</c> tag for a culture: <c> lang="…"</c>, and <c> dir="rtl"</c> when it writes right to left.</summary>
    /// <param name="culture">The culture.</param>
    /// <param name="language">The language tag to write, when not the culture's own name (the invariant culture has none).</param>
    /// <returns>The attributes, each after a space.</returns>
    public static string Attributes(CultureInfo culture, string? language = null) =>
        $" lang=\"{WebUtility.HtmlEncode(language ?? culture.Name)}\"{(culture.TextInfo.IsRightToLeft ? " dir=\"rtl\"" : string.Empty)}";
}
