using System.Globalization;
using System.Net;
using AngleSharp;
using AngleSharp.Css;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Turns the rendered HTML into the email's HTML part: a whole document in the recipient's language, the preheader first in
/// its body, styles inlined, the body's language, direction and colours repeated on a wrapper for Gmail (<see cref="BodyWrapper"/>), and
/// Outlook's tables for the widths it cannot read (<see cref="OutlookWidths"/>).
/// </summary>
internal static class HtmlPreparer
{
    /// <summary>The style of the hidden preview element: hidden everywhere, including Outlook (<c>mso-hide</c>).</summary>
    public const string PreheaderStyle = "display:none;max-height:0;overflow:hidden;mso-hide:all";

    /// <summary>Gets the configuration every document and style sheet is parsed in: values are kept as written (<see cref="RawDeclarationFactory"/>).</summary>
    internal static IConfiguration Configuration { get; } = AngleSharp.Configuration.Default.WithOnly<IDeclarationFactory>(RawDeclarationFactory.Instance);

    /// <summary>Prepares the HTML part.</summary>
    /// <param name="html">The rendered HTML.</param>
    /// <param name="isDocument">Whether <paramref name="html"/> is a whole document (from a layout) rather than a fragment.</param>
    /// <param name="subject">The subject, the title of a wrapped fragment.</param>
    /// <param name="preheader">The preheader, or null.</param>
    /// <param name="inlineCss">Whether to inline the styles.</param>
    /// <param name="warnings">Receives a warning for each relative image or link URL, or null.</param>
    /// <param name="culture">
    /// The culture the text is written in (<c>Decision.TextCulture</c>), or null: its name becomes the document's <c>lang</c> (and a right-to-left one's direction its
    /// <c>dir</c>), so a screen reader reads the message in its language, unless a layout's <c>&lt;html&gt;</c> says otherwise.
    /// </param>
    /// <returns>The HTML document.</returns>
    public static string Prepare(string html, bool isDocument, string subject, string? preheader, bool inlineCss, List<string>? warnings = null, CultureInfo? culture = null)
    {
        var language = culture is { Name.Length: > 0 } ? culture : null;
        if (!isDocument)
        {
            html = Wrap(html, subject, language);
            language = null;
        }

        if (string.IsNullOrWhiteSpace(preheader))
        {
            preheader = null;
        }

        if (!inlineCss && preheader is null && warnings is null && language is null)
        {
            return html;
        }

        using var context = BrowsingContext.New(Configuration);
        var document = new HtmlParser(new HtmlParserOptions(), context).ParseDocument(ParserInput(html));
        if (warnings is not null)
        {
            WarnRelativeUrls(document, warnings);
        }

        var labelled = language is not null && Label(document, language);
        var schemed = DeclareColorScheme(document);
        if (inlineCss)
        {
            CssInliner.Inline(document);
            SizeImages(document);
        }

        // After inlining, which gives the body its style from the layout's rules; the preheader stays the body's first element.
        var wrapped = BodyWrapper.Wrap(document);
        var ghosted = OutlookWidths.AddGhostTables(document);
        if (!inlineCss && preheader is null && !labelled && !schemed && !wrapped && !ghosted)
        {
            return html;
        }

        if (preheader is not null && document.Body is { } body)
        {
            var hidden = document.CreateElement("div");
            hidden.SetAttribute("style", PreheaderStyle);
            hidden.TextContent = preheader;
            body.Prepend(hidden);
        }

        return document.ToHtml();
    }

    /// <summary>
    /// Warns once per relative <c>img src</c> or <c>a href</c> (no scheme, such as <c>images/logo.png</c> or
    /// <c>/account</c>): a web page resolves it against its own address, but an email has none, so the image is
    /// broken and the link goes nowhere. A fragment link (<c>#top</c>) is fine. A protocol-relative URL
    /// (<c>//cdn.example.com/logo.png</c>) is no relative one, as it names its server, but it still lacks the scheme a
    /// mail client would need, and is warned about as such.
    /// </summary>
    private static void WarnRelativeUrls(IDocument document, List<string> warnings)
    {
        HashSet<string>? seen = null;
        foreach (var element in document.QuerySelectorAll("img[src], a[href]"))
        {
            var attribute = element.LocalName == "img" ? "src" : "href";
            var url = element.GetAttribute(attribute)!.Trim();
            if (url.StartsWith('#') || UriScheme.Length(url) > 0 || !(seen ??= new(StringComparer.Ordinal)).Add(url))
            {
                continue;
            }

            warnings.Add(UriScheme.IsProtocolRelative(url)
                ? $"The HTML part has a protocol-relative URL '{url}' (<{element.LocalName} {attribute}>): it names its server but takes its scheme from the page, and a mail client has no page (some read it as a file path), so it shows or goes nowhere: write it with https: in front."
                : $"The HTML part has a relative URL '{url}' (<{element.LocalName} {attribute}>), which a mail client has nothing to resolve against, so it shows or goes nowhere: write an absolute https URL.");
        }
    }

    /// <summary>
    /// Gives each image whose <c>style</c> sets a width or height in pixels (its own, or the layout's inlined) that size as
    /// its <c>width</c> or <c>height</c> attribute, where it has none: Outlook on Windows lays out by Word, which ignores a
    /// CSS size on an image and draws it at the size of its file, so a 1200-pixel-wide image made for high-density screens
    /// and styled <c>width: 600px</c> came out twice the width of the message. A percentage width gets the pixels
    /// <see cref="FluidImages"/> can tell it has (a fluid <c>width: 100%; max-width: 600px</c> image 600); <c>auto</c> is
    /// left to CSS.
    /// </summary>
    private static void SizeImages(IDocument document)
    {
        foreach (var image in document.Images)
        {
            if (image.GetAttribute("style") is not { } style)
            {
                continue;
            }

            string? width = null, maxWidth = null;
            foreach (var (name, value, _) in StyleSheetCache.Current.Declaration(style))
            {
                if (name is "width" or "height" && !image.HasAttribute(name) && ImagePixels(image, value) is { } pixels)
                {
                    image.SetAttribute(name, pixels);
                }

                (width, maxWidth) = name switch
                {
                    "width" => (value, maxWidth),
                    "max-width" => (width, value),
                    _ => (width, maxWidth),
                };
            }

            if (width is not null && !image.HasAttribute("width") && FluidImages.Width(image, width, maxWidth) is { } fluid)
            {
                image.SetAttribute("width", fluid);
            }
        }
    }

    /// <summary>
    /// An image's CSS size as the whole number of an HTML size attribute, or null: in any unit CSS fixes in pixels
    /// (<c>150pt</c> is 200, <c>10rem</c> 160 where the layout sets no root font size: <see cref="CssLength"/>), not
    /// negative (CSS drops that).
    /// </summary>
    private static string? ImagePixels(IElement image, string value)
    {
        double? em = null, rem = null;
        if (CssLength.IsFontRelative(value))
        {
            rem = CssLength.RootFontSize(image.Owner!);
            em = CssLength.FontSize(image, rem);
        }

        return CssLength.Pixels(value, em, rem) is { } pixels and >= 0
            ? Math.Round(pixels, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// Says which colour schemes the message was written for, where its author did not (no <c>color-scheme</c> or
    /// <c>supported-color-schemes</c> meta, no <c>color-scheme</c> property): <c>light dark</c> when its CSS has
    /// <c>prefers-color-scheme</c> rules, <c>light only</c> when it sets colours (a <c>color</c>, a <c>background</c>, a
    /// <c>bgcolor</c>) without them, nothing for a message that sets none. Clients that read it (Apple Mail, Thunderbird)
    /// otherwise take an email for <c>light dark</c> and, in dark mode, give what it left uncoloured a dark background and
    /// light text: brown headings written for a white page on black, light text on a white box the layout did colour. As
    /// <c>light only</c> the message is shown as designed; as <c>light dark</c> Apple Mail applies the author's dark rules.
    /// Gmail and Outlook ignore it and darken by their own rules. Written as both meta tags (macOS Mail reads the meta
    /// tags) and the <c>&lt;html&gt;</c> element's <c>color-scheme</c> (iOS Mail reads the property).
    /// </summary>
    /// <returns>Whether the document changed.</returns>
    private static bool DeclareColorScheme(IDocument document)
    {
        if (document.Head is not { } head || document.DocumentElement is not { } root)
        {
            return false;
        }

        string? scheme = null;
        foreach (var element in document.All)
        {
            if (element.LocalName == "meta"
                && element.GetAttribute("name")?.Trim() is { } name
                && (name.Equals("color-scheme", StringComparison.OrdinalIgnoreCase) || name.Equals("supported-color-schemes", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            // Read without comments: a "/* brand color */" or "/* no prefers-color-scheme rules yet */" declares nothing.
            var css = element.LocalName == "style" ? element.TextContent : element.GetAttribute("style");
            css = css is null ? null : CssComments.Remove(css);
            if (css is not null && DeclaresColorScheme(css))
            {
                return false;
            }

            if (css is not null && css.Contains("prefers-color-scheme", StringComparison.OrdinalIgnoreCase))
            {
                scheme = "light dark";
            }
            else if (scheme is null
                && ((css is not null && (css.Contains("color", StringComparison.OrdinalIgnoreCase) || css.Contains("background", StringComparison.OrdinalIgnoreCase)))
                    || element.HasAttribute("bgcolor")
                    || (element.LocalName == "font" && element.HasAttribute("color"))))
            {
                scheme = "light only";
            }
        }

        if (scheme is null)
        {
            return false;
        }

        var supported = document.CreateElement("meta");
        supported.SetAttribute("name", "supported-color-schemes");
        supported.SetAttribute("content", scheme);
        var colorScheme = document.CreateElement("meta");
        colorScheme.SetAttribute("name", "color-scheme");
        colorScheme.SetAttribute("content", scheme);
        if (head.QuerySelector("meta[charset]") is { } charset)
        {
            charset.After(colorScheme, supported);
        }
        else
        {
            head.Prepend(colorScheme, supported);
        }

        var style = root.GetAttribute("style")?.Trim().TrimEnd(';');
        root.SetAttribute("style", (string.IsNullOrEmpty(style) ? string.Empty : style + "; ") + "color-scheme: " + scheme);
        return true;
    }

    /// <summary>Whether CSS sets the <c>color-scheme</c> (or <c>supported-color-schemes</c>) property, not only a <c>prefers-color-scheme</c> query.</summary>
    private static bool DeclaresColorScheme(string css)
    {
        for (var at = css.IndexOf("color-scheme", StringComparison.OrdinalIgnoreCase); at >= 0; at = css.IndexOf("color-scheme", at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (!css.AsSpan(0, at).EndsWith("prefers-", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives a layout's document the recipient's language and direction where its <c>&lt;html&gt;</c> gives none (a layout
    /// that writes <c>lang</c> or <c>dir</c> itself keeps them).
    /// </summary>
    /// <returns>Whether the document changed.</returns>
    private static bool Label(IDocument document, CultureInfo culture)
    {
        if (document.DocumentElement is not { } root)
        {
            return false;
        }

        var changed = false;
        if (!root.HasAttribute("lang"))
        {
            root.SetAttribute("lang", culture.Name);
            changed = true;
        }

        if (culture.TextInfo.IsRightToLeft && !root.HasAttribute("dir"))
        {
            root.SetAttribute("dir", "rtl");
            changed = true;
        }

        return changed;
    }

    /// <summary>A minimal HTML5 document around a fragment, in the recipient's language and direction when known.</summary>
    private static string Wrap(string fragment, string subject, CultureInfo? culture) =>
        "<!DOCTYPE html>\n<html" + (culture is null ? string.Empty : HtmlLanguage.Attributes(culture))
        + "><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(subject) + "</title></head>\n<body>\n" + fragment + "</body></html>\n";

    /// <summary>
    /// The HTML as AngleSharp must be given it. AngleSharp's tokenizer takes the noncharacter U+FFFF for the end of its
    /// input in many places (first in an element's text or an attribute value, after a character reference), so a
    /// recipient value holding one cut the HTML part off there, the rest of the message (its legal text, its unsubscribe
    /// link) with it. Written as the character reference that means it, U+FFFF reads as itself, as browsers read it,
    /// and is written back as the character. (Markup that does not decode references — a comment, a script, a style —
    /// keeps the reference as text; no recipient value can land in a script or a style.)
    /// </summary>
    private static string ParserInput(string html) =>
        html.Contains('\uFFFF', StringComparison.Ordinal) ? html.Replace("\uFFFF", "&#xFFFF;", StringComparison.Ordinal) : html;
}
