using System.Globalization;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Layout;

/// <content>Inline content: emphasis, code spans, links, line breaks, into a <see cref="StyledText"/>.</content>
internal sealed partial class MessageLayout
{
    /// <summary>The longest URL a printed link may have: 8,192 characters, what web servers commonly accept in a request line.</summary>
    private const int MaxLinkUrlLength = 8_192;

    /// <summary>A literal after a link whose first characters the link took (the rest of its last character), and how many.</summary>
    private (LiteralInline? Literal, int Taken) _continued;

    private StyledText BuildInline(ContainerInline? inline, TextStyle style)
    {
        var builder = new StyledTextBuilder(_fonts, style, _bodyLevel);
        if (inline is not null)
        {
            AppendInlines(builder, inline.FirstChild, null, style);
        }

        return builder.Build();
    }

    /// <summary>
    /// Appends inlines, with all they contain, from <paramref name="first"/> to <paramref name="last"/> (or to the end of
    /// their container when null). Markdig nests inlines thousands of levels deep (emphasis in emphasis, an image in an
    /// image's alt text), more than a thread's stack holds a call per level: the walk keeps its levels on a stack of its
    /// own, so no depth Markdig reads can overflow it.
    /// </summary>
    private void AppendInlines(StyledTextBuilder builder, Inline? first, Inline? last, TextStyle style)
    {
        var levels = new Stack<InlineLevel>();
        levels.Push(new InlineLevel(first, last, style, null));
        while (levels.TryPop(out var level))
        {
            if (level.Next is not { } inline)
            {
                Close(builder, level);
                continue;
            }

            levels.Push(level with { Next = inline == level.Last ? null : inline.NextSibling });
            if (Open(builder, inline, level.Style) is { } inner)
            {
                levels.Push(inner);
            }
        }
    }

    /// <summary>Appends an inline's own text, and gets the level of what it holds when that is to be appended too.</summary>
    private InlineLevel? Open(StyledTextBuilder builder, Inline inline, TextStyle style)
    {
        switch (inline)
        {
            case LiteralInline literal:
                var content = literal.Content.ToString();
                if (_continued.Literal == literal)
                {
                    // Its first characters ended the link before it (the rest of a character the link's text began).
                    content = content[_continued.Taken..];
                    _continued = default;
                }

                builder.Append(content, style);
                return null;
            case CodeInline code:
                builder.Append(code.Content, style with { Face = style.Face.WithMonospace() });
                return null;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? "\n" : " ", style);
                return null;
            case EmphasisInline emphasis:
                var face = emphasis.DelimiterCount >= 2 ? style.Face.WithBold() : style.Face.WithItalic();
                return new InlineLevel(emphasis.FirstChild, null, style with { Face = face }, null);
            case LinkInline { IsImage: true } image:
                // Not placed here (remote, or inside a link, emphasis, heading or cell): the alt text keeps the content
                // readable, and a local file is still checked so that a missing or corrupt image is an error.
                CheckImage(image);
                var muted = style with { Face = style.Face.WithItalic(), Color = MutedColor };
                builder.Append(image.FirstChild is null ? "[image" : "[image: ", muted);
                return new InlineLevel(image.FirstChild, null, muted, image);
            case LinkInline link:
                var url = LinkTarget(link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty);
                return new InlineLevel(link.FirstChild, null, style with { Color = LinkColor, Link = url.Length > 0 ? url : null }, link, builder.Length);
            case AutolinkInline autolink:
                var target = LinkTarget(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url);
                builder.Append(autolink.Url, style with { Color = LinkColor, Link = target });
                return null;
            case HtmlInline html when html.Tag.StartsWith("<!--", StringComparison.Ordinal):
                // A comment shows nothing, as in a browser; an inline <!-- pagebreak --> is no page break (the web shows
                // one paragraph): only one that is a block of its own breaks the page.
                return null;
            case HtmlInline html:
                builder.Append(html.Tag, style);
                return null;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString(), style);
                return null;
            case DelimiterInline delimiter:
                builder.Append(delimiter.ToLiteral(), style);
                return new InlineLevel(delimiter.FirstChild, null, style, null);
            case ContainerInline container:
                return new InlineLevel(container.FirstChild, null, style, null);
            default:
                builder.Append(inline.ToString() ?? string.Empty, style);
                return null;
        }
    }

    /// <summary>
    /// Ends a level whose inlines are all appended: an image's alt text with its closing bracket, a link's text with its
    /// URL in small text when <see cref="PrintOptions.ShowLinkUrls"/> asks for it and the text is not the URL itself.
    /// </summary>
    private void Close(StyledTextBuilder builder, InlineLevel level)
    {
        switch (level.Owner)
        {
            case { IsImage: true }:
                builder.Append("]", level.Style);
                break;
            case not null when level.Style.Link is { } url:
                var text = builder.TextFrom(level.Start);
                if (level.Owner.NextSibling is LiteralInline next && Continuation(text, next.Content.ToString()) is var taken and > 0)
                {
                    // The link's text ends inside a character: [👍](u)🏽, [e](u) and a combining accent. A browser shapes
                    // the text across the link's end (one font), drawing one thumb with the skin tone that the link's
                    // box covers; the URL printed after the link must not stand inside it. The link takes the rest.
                    builder.Append(next.Content.ToString()[..taken], level.Style);
                    _continued = (next, taken);
                    text = builder.TextFrom(level.Start);
                }

                if (_options.ShowLinkUrls && text != url && "mailto:" + text != url)
                {
                    builder.Append(" (" + url + ")", level.Style with { Face = FontFace.Regular, Size = level.Style.Size * 0.85f, Color = MutedColor });
                }

                break;
        }
    }

    /// <summary>
    /// How many characters at the start of <paramref name="after"/> belong to the user-perceived character (grapheme
    /// cluster) that ends <paramref name="linkText"/>: a skin tone, a joiner and what it joins, a combining mark.
    /// </summary>
    private static int Continuation(string linkText, string after)
    {
        if (linkText.Length == 0 || after.Length == 0)
        {
            return 0;
        }

        var joined = string.Concat(linkText, after.AsSpan(0, Math.Min(after.Length, 64)));
        var index = 0;
        while (true)
        {
            var length = StringInfo.GetNextTextElementLength(joined, index);
            if (index + length >= linkText.Length)
            {
                return index + length - linkText.Length;
            }

            index += length;
        }
    }

    /// <summary>One level of the inline walk: the inlines of one container still to append, and how.</summary>
    /// <param name="Next">The next inline to append, or null when the level is done.</param>
    /// <param name="Last">The last inline to append at this level, or null to go on to the end of the container.</param>
    /// <param name="Style">The style of the level's text.</param>
    /// <param name="Owner">The link or image whose text the level is, ended by <see cref="Close"/>; null for another container.</param>
    /// <param name="Start">For a link, the builder's length where its text starts.</param>
    private readonly record struct InlineLevel(Inline? Next, Inline? Last, TextStyle Style, LinkInline? Owner, int Start = 0);

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
