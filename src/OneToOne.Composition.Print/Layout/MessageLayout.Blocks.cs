using System.Globalization;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Layout;

/// <content>Block layout: headings, paragraphs, lists, quotes, code, rules, page breaks.</content>
internal sealed partial class MessageLayout
{
    /// <summary>
    /// The word of an HTML comment that forces a page break in print when it is a block of its own (<c>&lt;!-- pagebreak --&gt;</c>
    /// on a line of its own, with or without spaces inside, in any case); inside a paragraph's line it is an ordinary
    /// comment, which prints nothing.
    /// </summary>
    private const string PageBreakWord = "pagebreak";

    private static readonly string[] Bullets = ["\u2022", "\u25E6", "\u25AA"];

    private void LayoutBlocks(ContainerBlock container, float left, float width, bool tight)
    {
        foreach (var block in container)
        {
            LayoutBlock(block, left, width, tight);
        }
    }

    private void LayoutBlock(Block block, float left, float width, bool tight)
    {
        // An error's source is looked for in the innermost block being laid out: left as it is when one is thrown.
        var outer = _block;
        _block = block;
        switch (block)
        {
            case HeadingBlock heading:
                LayoutHeading(heading, left, width);
                break;
            case ParagraphBlock paragraph:
                LayoutParagraph(paragraph, left, width, tight);
                break;
            case ListBlock list:
                LayoutList(list, left, width);
                break;
            case QuoteBlock quote:
                LayoutQuote(quote, left, width, tight);
                break;
            case ThematicBreakBlock:
                AddSpace(BaseSize * 0.4f);
                EnsureSpace(BaseSize);
                _current.Commands.Add(DrawCommand.DrawLine(left, _y + (BaseSize / 2f), left + width, _y + (BaseSize / 2f), 0.75f, RuleColor));
                DrawMarkerBeside(_y, BaseSize);
                _y += BaseSize;
                AddSpace(BaseSize * 0.6f);
                break;
            case Table table:
                LayoutTable(table, left, width);
                break;
            case CodeBlock code:
                LayoutCode(code, left, width);
                break;
            case HtmlBlock html:
                LayoutHtml(html, left, width);
                break;
            case LinkReferenceDefinitionGroup:
            case BlankLineBlock:
                break;
            case ContainerBlock container:
                LayoutBlocks(container, left, width, tight);
                break;
            case LeafBlock { Inline: { } inline }:
                PlaceText(BuildInline(inline, BodyStyle), left, width);
                AddSpace(BaseSize * 0.75f);
                break;
            case LeafBlock leaf:
                PlaceText(Styled(leaf.Lines.ToString(), BodyStyle), left, width);
                AddSpace(BaseSize * 0.75f);
                break;
        }

        _block = outer;
    }

    private void LayoutHeading(HeadingBlock heading, float left, float width)
    {
        var scale = heading.Level switch
        {
            1 => 2f,
            2 => 1.55f,
            3 => 1.25f,
            _ => 1.1f,
        };
        var size = BaseSize * scale;
        var text = BuildInline(heading.Inline, new TextStyle(FontFace.Bold, size, TextColor, null));
        var lines = LineBreaker.Break(text.Text, width, text.Measure, index => HyphenWidth(text, index));

        AddSpace(size * 0.6f);

        // Keep the heading with the first two lines of what follows it, or with the image that follows it.
        var height = 0f;
        foreach (var line in lines)
        {
            var (ascent, descent) = text.Metrics(line.Start, line.End);
            height += LineHeight(ascent, descent);
        }

        var body = _fonts.Get(_fonts.FontSet.Resolve(FontFace.Regular, ' '), BaseSize).Metrics;
        var next = NextSibling(heading);
        var following = Math.Max(2 * LineHeight(-body.Ascent, body.Descent), LeadingImageHeight(next, width));
        EnsureSpace(height + (size * 0.3f) + following);

        foreach (var line in lines)
        {
            PlaceLine(text, line, left, width);
        }

        AddSpace(size * 0.3f);
        _headingEnd = (_pages.Count, _y);
    }

    /// <summary>
    /// Draws the pending list marker, if any, in body type beside something that is not a line of text (a rule, an
    /// image), its first line box starting at <paramref name="top"/>: centred on a box <paramref name="height"/> tall, or
    /// at the top of it when 0.
    /// </summary>
    private void DrawMarkerBeside(float top, float height)
    {
        var body = _fonts.Get(_fonts.FontSet.Resolve(FontFace.Regular, ' '), BaseSize).Metrics;
        var (ascent, descent) = (-body.Ascent, body.Descent);
        var baseline = height > 0f ? top + ((height + ascent - descent) / 2f) : top + ascent;
        DrawPendingMarker(baseline, ascent, descent);
    }

    private static Block? NextSibling(Block block)
    {
        if (block.Parent is not { } parent)
        {
            return null;
        }

        var index = parent.IndexOf(block);
        return index >= 0 && index + 1 < parent.Count ? parent[index + 1] : null;
    }

    /// <summary>
    /// Gets the indent of a nested list or block quote in a box of a width: the indent asked for, or none where it would
    /// leave the text narrower than a third of the page's text width. Markdig reads 127 levels, about four times what a
    /// page has room to indent: the levels past that are set at the width of the one above, so their text stays on the
    /// page (and is never broken into lines narrower than a letter).
    /// </summary>
    private float NestedIndent(float indent, float width) => width - indent >= _page.ContentWidth / 3f ? indent : 0f;

    private void LayoutList(ListBlock list, float left, float width)
    {
        var gap = BaseSize * 0.5f;
        var number = 1;
        if (list.IsOrdered && !int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            number = 1;
        }

        // The indent holds the widest number and its gap: a list that starts at a year ("2024. was our best year") had
        // its numbers in the page's margin, and a nine-digit one at the paper's edge. Digits are all as wide, so the
        // last number (the one with the most digits) is the widest.
        var indent = BaseSize * 1.8f;
        if (list.IsOrdered)
        {
            var last = Styled((number + Math.Max(0, list.Count - 1)).ToString(CultureInfo.InvariantCulture) + list.OrderedDelimiter, BodyStyle);
            indent = Math.Max(indent, last.Measure(0, last.Text.Length) + gap);
        }

        indent = NestedIndent(indent, width);

        var bullet = Bullets[_listDepth % Bullets.Length];
        _listDepth++;
        foreach (var block in list)
        {
            var marker = list.IsOrdered
                ? number.ToString(CultureInfo.InvariantCulture) + list.OrderedDelimiter
                : bullet;

            // A right-to-left item (its first text starts with a right-to-left letter) is indented from the right and
            // has its marker there; a right-to-left mark before a number sets it as such a paragraph does ("1." reads
            // ".1" from the left, as in a browser).
            var rightToLeft = block is ContainerBlock container && StartsRightToLeft(container);
            var contentLeft = rightToLeft ? left : left + indent;
            _markers.Add(rightToLeft
                ? new PendingMarker(Styled("\u200F" + marker, BodyStyle), left + width - indent + gap, RightToLeft: true)
                : new PendingMarker(Styled(marker, BodyStyle), left + indent - gap, RightToLeft: false));
            if (block is ContainerBlock item)
            {
                LayoutBlocks(item, contentLeft, width - indent, tight: !list.IsLoose);
            }

            if (_markers.Count > 0)
            {
                // An empty item: its marker still gets a line.
                PlaceLine(Styled(string.Empty, BodyStyle), new TextLine(0, 0), contentLeft, width - indent);
            }

            number++;
        }

        _listDepth--;
        if (!list.IsLoose && _listDepth == 0)
        {
            AddSpace(BaseSize * 0.45f);
        }
    }

    /// <summary>
    /// Tells whether a block's first text is right to left: its first paragraph or heading, built as it is then laid
    /// out, starts with a right-to-left letter (UAX #9 P2) before any forced break.
    /// </summary>
    private bool StartsRightToLeft(ContainerBlock container)
    {
        foreach (var leaf in container.Descendants<LeafBlock>())
        {
            if (leaf.Inline is { } inline)
            {
                return BuildInline(inline, BodyStyle).ParagraphAt(0).IsRightToLeft;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells whether a table or block quote reads right to left: the piece's direction, as the email's and web page's
    /// <c>dir</c> sets it for every block; without one (a <see cref="RenderedMessage"/>), its first text's, as a list item's.
    /// </summary>
    private bool IsRightToLeft(ContainerBlock block) => _bodyLevel is { } level ? level == 1 : StartsRightToLeft(block);

    /// <summary>
    /// Lays out a block quote indented from its start side, with its bar in the indent: at the left, or at the right
    /// when the quote reads right to left, where the email's and web page's HTML indent a blockquote in <c>dir="rtl"</c>
    /// (a browser's <c>margin-inline-start</c>; they draw no bar, so the bar marks the side the quote is indented from).
    /// </summary>
    private void LayoutQuote(QuoteBlock quote, float left, float width, bool tight)
    {
        var indent = NestedIndent(BaseSize * 1.4f, width);
        if (indent == 0f)
        {
            // No room for another bar: the quote is set as the level above it.
            LayoutBlocks(quote, left, width, tight);
            return;
        }

        var rightToLeft = IsRightToLeft(quote);
        _quoteBars.Add(rightToLeft ? left + width - (BaseSize * 0.35f) : left + (BaseSize * 0.35f));
        LayoutBlocks(quote, rightToLeft ? left : left + indent, width - indent, tight);
        _quoteBars.RemoveAt(_quoteBars.Count - 1);
    }

    private void LayoutCode(CodeBlock code, float left, float width)
    {
        var style = new TextStyle(FontFace.Monospace, BaseSize * 0.9f, TextColor, null);
        var inset = BaseSize * 0.4f;
        AddSpace(BaseSize * 0.2f);
        var lines = code.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            // Code keeps its spaces: no-break spaces, so only over-long lines break (between characters); a tab is
            // the no-break spaces up to the next stop of four columns.
            var source = ExpandTabs(lines.Lines[i].Slice.ToString()).Replace(' ', '\u00A0');
            PlaceText(Styled(source, style), left + inset, width - (2 * inset), ShadeColor);
        }

        AddSpace(BaseSize * 0.75f);
    }

    /// <summary>Replaces each tab of a code line with spaces to the next tab stop (every four columns, as CommonMark counts).</summary>
    private static string ExpandTabs(string line)
    {
        if (!line.Contains('\t', StringComparison.Ordinal))
        {
            return line;
        }

        var expanded = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c == '\t')
            {
                expanded.Append(' ', 4 - (expanded.Length % 4));
            }
            else
            {
                expanded.Append(c);
            }
        }

        return expanded.ToString();
    }

    /// <summary>Whether a block's source is one page-break comment: <c>&lt;!--pagebreak--&gt;</c> as well as <c>&lt;!-- PageBreak --&gt;</c>.</summary>
    private static bool IsPageBreak(string source) =>
        source.StartsWith("<!--", StringComparison.Ordinal) && source.EndsWith("-->", StringComparison.Ordinal) && source.Length >= 7 &&
        source.AsSpan(4, source.Length - 7).Trim().Equals(PageBreakWord, StringComparison.OrdinalIgnoreCase);

    private void LayoutHtml(HtmlBlock html, float left, float width)
    {
        var source = html.Lines.ToString().Trim();
        if (IsPageBreak(source))
        {
            if (!AtPageTop)
            {
                NewPage();
            }

            return;
        }

        // Raw HTML has no meaning on paper: print it as text rather than drop it, but without its comments, which a
        // browser does not show either (so a comment-only block prints nothing).
        var text = WithoutComments(source).Trim();
        if (text.Length > 0)
        {
            PlaceText(Styled(text, BodyStyle), left, width);
            AddSpace(BaseSize * 0.75f);
        }
    }

    /// <summary>Removes HTML comments (<c>&lt;!-- … --&gt;</c>; an unclosed one runs to the end, as in a browser).</summary>
    private static string WithoutComments(string html)
    {
        var open = html.IndexOf("<!--", StringComparison.Ordinal);
        if (open < 0)
        {
            return html;
        }

        var kept = new StringBuilder(html.Length);
        var position = 0;
        while (open >= 0)
        {
            kept.Append(html, position, open - position);
            var close = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
            position = close < 0 ? html.Length : close + 3;
            open = position < html.Length ? html.IndexOf("<!--", position, StringComparison.Ordinal) : -1;
        }

        return kept.Append(html, position, html.Length - position).ToString();
    }
}
