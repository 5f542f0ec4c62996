using System.Globalization;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Layout;

/// <content>Inline content: emphasis, code spans, links, line breaks, into a <see cref="StyledText"/>.</content>
internal sealed partial class MessageLayout
{
    /// <summary>The longest URL a printed link may have: 8,192 characters, what web servers commonly accept in a request line.</summary>
    private const int MaxLinkUrlLength = 8_192;

    private StyledText BuildInline(ContainerInline? inline, TextStyle style)
    {
        var builder = new StyledTextBuilder(_fonts, style);
        if (inline is not null)
        {
            AppendInlines(builder, inline, style);
        }

        return builder.Build();
    }

    private void AppendInlines(StyledTextBuilder builder, ContainerInline container, TextStyle style)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            AppendInline(builder, child, style);
        }
    }

    private void AppendInline(StyledTextBuilder builder, Inline inline, TextStyle style)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.ToString(), style);
                break;
            case CodeInline code:
                builder.Append(code.Content, style with { Face = style.Face.WithMonospace() });
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? "\n" : " ", style);
                break;
            case EmphasisInline emphasis:
                var face = emphasis.DelimiterCount >= 2 ? style.Face.WithBold() : style.Face.WithItalic();
                AppendInlines(builder, emphasis, style with { Face = face });
                break;
            case LinkInline { IsImage: true } image:
                // Not placed here (remote, or inside a link, emphasis, heading or cell): the alt text keeps the content
                // readable, and a local file is still checked so that a missing or corrupt image is an error.
                CheckImage(image);
                builder.Append("[image", style with { Face = style.Face.WithItalic(), Color = MutedColor });
                if (image.FirstChild is not null)
                {
                    builder.Append(": ", style with { Face = style.Face.WithItalic(), Color = MutedColor });
                    AppendInlines(builder, image, style with { Face = style.Face.WithItalic(), Color = MutedColor });
                }

                builder.Append("]", style with { Face = style.Face.WithItalic(), Color = MutedColor });
                break;
            case LinkInline link:
                AppendLink(builder, link, style);
                break;
            case AutolinkInline autolink:
                var target = LinkTarget(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url);
                builder.Append(autolink.Url, style with { Color = LinkColor, Link = target });
                break;
            case HtmlInline html when html.Tag.StartsWith("<!--", StringComparison.Ordinal):
                // A comment shows nothing, as in a browser; an inline <!-- pagebreak --> is no page break (the web shows
                // one paragraph): only one that is a block of its own breaks the page.
                break;
            case HtmlInline html:
                builder.Append(html.Tag, style);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString(), style);
                break;
            case DelimiterInline delimiter:
                builder.Append(delimiter.ToLiteral(), style);
                AppendInlines(builder, delimiter, style);
                break;
            case ContainerInline container:
                AppendInlines(builder, container, style);
                break;
            default:
                builder.Append(inline.ToString() ?? string.Empty, style);
                break;
        }
    }

    private void AppendLink(StyledTextBuilder builder, LinkInline link, TextStyle style)
    {
        var url = LinkTarget(link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty);
        var start = builder.Length;
        AppendInlines(builder, link, style with { Color = LinkColor, Link = url.Length > 0 ? url : null });
        var text = builder.TextFrom(start);
        if (_options.ShowLinkUrls && url.Length > 0 && text != url && "mailto:" + text != url)
        {
            builder.Append(" (" + url + ")", style with { Face = FontFace.Regular, Size = style.Size * 0.85f, Color = MutedColor, Link = url });
        }
    }

    /// <summary>
    /// Checks a link's URL for print. The PDF holds a link once for every line it spans (an annotation gives one
    /// rectangle), and the URL is printed after the link text too: a URL as long as a value may be (a recipient field
    /// near the output limit) made a PDF of gigabytes, written for minutes. No browser or server takes a URL that long.
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="PrintException">The URL is longer than <see cref="MaxLinkUrlLength"/>.</exception>
    private static string LinkTarget(string url) => url.Length <= MaxLinkUrlLength
        ? url
        : throw new PrintException(string.Create(
            CultureInfo.InvariantCulture,
            $"A link's URL is {url.Length:N0} characters long (it starts '{url[..60]}'); a printed link may be at most {MaxLinkUrlLength:N0}. Shorten the value that makes the URL (the recipient data in it), or leave the link out of the print text (a module's print: override)."));
}
