using System.Net;
using AngleSharp;
using AngleSharp.Css;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OneToOne.Composition.Email.Html;

/// <summary>Turns the rendered HTML into the email's HTML part: a whole document, the preheader first in its body, styles inlined.</summary>
internal static class HtmlPreparer
{
    /// <summary>The style of the hidden preview element: hidden everywhere, including Outlook (<c>mso-hide</c>).</summary>
    public const string PreheaderStyle = "display:none;max-height:0;overflow:hidden;mso-hide:all";

    private static readonly IConfiguration Configuration = AngleSharp.Configuration.Default.WithOnly<IDeclarationFactory>(RawDeclarationFactory.Instance);

    /// <summary>Prepares the HTML part.</summary>
    /// <param name="html">The rendered HTML.</param>
    /// <param name="isDocument">Whether <paramref name="html"/> is a whole document (from a layout) rather than a fragment.</param>
    /// <param name="subject">The subject, the title of a wrapped fragment.</param>
    /// <param name="preheader">The preheader, or null.</param>
    /// <param name="inlineCss">Whether to inline the styles.</param>
    /// <returns>The HTML document.</returns>
    public static string Prepare(string html, bool isDocument, string subject, string? preheader, bool inlineCss)
    {
        if (!isDocument)
        {
            html = Wrap(html, subject);
        }

        if (string.IsNullOrWhiteSpace(preheader))
        {
            preheader = null;
        }

        if (!inlineCss && preheader is null)
        {
            return html;
        }

        using var context = BrowsingContext.New(Configuration);
        var document = new HtmlParser(new HtmlParserOptions(), context).ParseDocument(html);
        if (inlineCss)
        {
            CssInliner.Inline(document, new CssParser(CssInliner.ParserOptions, context));
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

    /// <summary>A minimal HTML5 document around a fragment.</summary>
    private static string Wrap(string fragment, string subject) =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(subject) + "</title></head>\n<body>\n" + fragment + "</body></html>\n";
}
