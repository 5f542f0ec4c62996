using System.Globalization;
using Markdig;
using Markdig.Syntax;
using System.Text;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Images;
using OneToOne.Composition.Print.Text;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Lays out one message's print Markdown into pages: a walk over the Markdig syntax tree that places lines top to
/// bottom, breaking pages when a line or a table row does not fit. One instance per message (per-call state);
/// nothing is written until the whole message has been laid out, so a failure leaves no partial output.
/// </summary>
/// <remarks>Partial files: blocks, inlines, tables, images, address.</remarks>
internal sealed partial class MessageLayout
{
    /// <summary>The Markdown dialect of the core's print channel: CommonMark with pipe tables.</summary>
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private const float LineSpacing = 1.2f;

    private static readonly SKColor TextColor = new(0x1A, 0x1A, 0x1A);
    private static readonly SKColor LinkColor = new(0x1A, 0x4F, 0xB5);
    private static readonly SKColor MutedColor = new(0x66, 0x66, 0x66);
    private static readonly SKColor RuleColor = new(0xB0, 0xB0, 0xB0);
    private static readonly SKColor ShadeColor = new(0xF0, 0xF0, 0xF0);

    private readonly PrintOptions _options;
    private readonly FontCache _fonts;
    private readonly ImageCache _images;
    private readonly string? _baseDirectory;
    private readonly PageGeometry _page;
    private readonly List<PageContent> _pages = [];
    private readonly List<float> _quoteBars = [];
    private PageContent _current = null!;
    private float _y;
    private float _pageTop;
    private readonly List<PendingMarker> _markers = [];
    private int _listDepth;

    /// <summary>Where the last heading ended (page count, cursor): a paragraph that starts there is kept with it.</summary>
    private (int Page, float Y) _headingEnd = (-1, 0f);

    /// <summary>The direction of the body's paragraphs (<see cref="PrintPiece.ParagraphLevel"/>), or null for each one's own.</summary>
    private readonly byte? _bodyLevel;

    private MessageLayout(PrintOptions options, FontCache fonts, ImageCache images, string? baseDirectory, byte? bodyLevel)
    {
        _options = options;
        _fonts = fonts;
        _images = images;
        _baseDirectory = baseDirectory;
        _bodyLevel = bodyLevel;
        _page = PageGeometry.From(options);
    }

    private float BaseSize => _options.BaseFontSize;

    private TextStyle BodyStyle => new(FontFace.Regular, BaseSize, TextColor, null);

    /// <summary>Gets whether the cursor is where the current page's body starts (below the address block on a first page with a window).</summary>
    private bool AtPageTop => _y <= _pageTop + 0.01f;

    /// <summary>Lays out a message.</summary>
    /// <exception cref="PrintException">
    /// A character no configured font has, an address that does not fit its window, an image that is missing or does
    /// not decode, content that cannot fit a page, or Markdown nested deeper than Markdig reads.
    /// </exception>
    public static LaidOutMessage Layout(PrintPiece piece, PrintOptions options, FontCache fonts, ImageCache images)
    {
        var layout = new MessageLayout(options, fonts, images, piece.BaseDirectory, piece.ParagraphLevel);
        layout.NewPage();
        try
        {
            layout.LayoutAddress(piece);
        }
        catch (PrintException failure) when (failure.CodePoint is { } codePoint)
        {
            throw failure.WithSource(AddressSource(piece, codePoint));
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(piece.Markdown, Pipeline);
        }
        catch (ArgumentException exception)
        {
            // Markdig's refusal of Markdown nested deeper than it reads. The catalog's own text was checked when it
            // loaded, so a template wrote these levels for this recipient: the record fails, as any other print error.
            throw TooDeep(exception);
        }

        try
        {
            layout.LayoutBlocks(document, layout._page.Left, layout._page.ContentWidth, tight: false);
        }
        catch (PrintException failure) when (failure.CodePoint is { } codePoint && layout.BodySource(piece, codePoint) is { } source)
        {
            throw failure.WithSource(source);
        }

        layout.AddHeadersAndFooters();
        return new LaidOutMessage(piece.Title, layout._pages, layout._page.Width, layout._page.Height);
    }

    /// <summary>The error for Markdown nested deeper than Markdig reads: what nests, the limit, and how to write less.</summary>
    private static PrintException TooDeep(ArgumentException exception) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The message's Markdown nests block quotes, lists or emphasis deeper than the Markdown reader follows, so it cannot be printed: the reader follows at most {Pipeline.MaximumNestingDepth} nested blocks (a block quote is one level, a list item two) and some thousands of nested emphasis. A template that writes '> ' or '- ' at the start of a line in a loop adds a level each time round: write fewer levels, or a '\\' before a mark that is meant as text ('\\>')."),
        exception);

    /// <exception cref="PrintException">The message would run to more than <see cref="PrintOptions.MaxPages"/> pages.</exception>
    private void NewPage()
    {
        if (_pages.Count == _options.MaxPages)
        {
            throw new PrintException(string.Create(CultureInfo.InvariantCulture,
                $"The message runs to more than {_options.MaxPages:N0} pages (PrintOptions.MaxPages), far more than a letter has: a field or a loop writes more text than the letter can hold. Shorten it in the template ('| string.truncate 200'), or raise the limit (the onetoone tool's --max-pages N)."));
        }

        _current = new PageContent();
        _pages.Add(_current);
        _y = _page.Top;
        _pageTop = _page.Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or the cursor is at the top already).</summary>
    private void EnsureSpace(float height)
    {
        if (_y + height > _page.Bottom + 0.01f && !AtPageTop)
        {
            NewPage();
        }
    }

    /// <summary>Adds vertical space, except at the top of a page; block quote bars run through it.</summary>
    private void AddSpace(float height)
    {
        if (AtPageTop)
        {
            return;
        }

        var end = Math.Min(_y + height, _page.Bottom);
        if (end > _y)
        {
            DrawQuoteBars(_y, end);
        }

        _y += height;
    }

    private void DrawQuoteBars(float top, float bottom)
    {
        foreach (var x in _quoteBars)
        {
            _current.Commands.Add(DrawCommand.DrawLine(x, top, x, bottom, 2f, RuleColor));
        }
    }

    private static float LineHeight(float ascent, float descent) => (ascent + descent) * LineSpacing;

    /// <summary>
    /// Breaks a text into lines of a width and places them, flush with the paragraph's start, with page breaks between
    /// lines. Text on no background breaks at its soft hyphens too; code (shaded) breaks only at spaces, as written.
    /// </summary>
    private void PlaceText(StyledText text, float left, float width, SKColor? background = null)
    {
        var lines = LineBreaker.Break(text.Text, width, text.Measure, background is null ? index => HyphenWidth(text, index) : null);
        if (lines.Count == 0 && background is not null)
        {
            lines.Add(new TextLine(0, 0));
        }

        var breaks = background is null ? PageBreaks(text, lines) : null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (breaks?.Contains(i) == true && !AtPageTop)
            {
                NewPage();
            }

            PlaceLine(text, lines[i], left, width, background);
        }
    }

    /// <summary>
    /// Finds the lines of a paragraph that must begin a page so that each page it spans holds at least two of its
    /// lines, as a browser prints (CSS <c>widows</c> and <c>orphans</c>, 2 by default): a page that would end with its
    /// first line alone takes none of it, and one that would leave its last line alone for the next page gives that page
    /// one line more. Where a page holds too few lines to do so, the lines break where they fall.
    /// </summary>
    /// <returns>The indices of the lines that start a page early, or null when none does.</returns>
    private HashSet<int>? PageBreaks(StyledText text, List<TextLine> lines)
    {
        if (lines.Count < 2)
        {
            return null;
        }

        HashSet<int>? breaks = null;
        var y = _y;
        var atTop = AtPageTop;
        var followsHeading = _headingEnd.Page == _pages.Count && Math.Abs(_headingEnd.Y - _y) < 0.01f;
        var index = 0;
        while (index < lines.Count)
        {
            // The lines that fit from here: at least one at the top of a page, where it goes whatever its height.
            var fit = 0;
            var bottom = y;
            while (index + fit < lines.Count)
            {
                var (ascent, descent) = text.Metrics(lines[index + fit].Start, lines[index + fit].End);
                var height = LineHeight(ascent, descent);
                if (bottom + height > _page.Bottom + 0.01f && !(fit == 0 && atTop))
                {
                    break;
                }

                bottom += height;
                fit++;
            }

            if (index + fit >= lines.Count)
            {
                break;
            }

            var take = fit;
            var rest = lines.Count - index - fit;
            if (rest < 2 && take - (2 - rest) >= 2)
            {
                take -= 2 - rest;
            }
            else if (rest < 2 && index == 0 && !atTop && !followsHeading)
            {
                // Three lines with room for two: two and one would leave a widow, one and two an orphan, so the
                // paragraph moves whole (unless a heading stands just above it, which must not be left alone).
                take = 0;
            }

            if (index == 0 && take < 2 && !atTop)
            {
                take = 0;
            }

            if (take != fit)
            {
                (breaks ??= []).Add(index + take);
            }

            index += take;
            y = _page.Top;
            atTop = true;
        }

        return breaks;
    }

    /// <summary>Places one line at the cursor, with the pending list marker if any.</summary>
    private void PlaceLine(StyledText text, TextLine line, float left, float width, SKColor? background = null)
    {
        var (ascent, descent) = text.Metrics(line.Start, line.End);
        var height = LineHeight(ascent, descent);
        EnsureSpace(height);
        if (background is { } shade)
        {
            _current.Commands.Add(DrawCommand.FillRectangle(new SKRect(left - 3f, _y, left + width + 3f, _y + height), shade));
        }

        var baseline = _y + ((height - ascent - descent) / 2f) + ascent;
        DrawPendingMarker(baseline, ascent, descent);
        DrawLineRuns(text, line, left, width, baseline, ascent, descent, TextAlignment.Start);
        DrawQuoteBars(_y, _y + height);
        _y += height;
    }

    /// <summary>
    /// Draws the pending list markers, if any, on a baseline: more than one when an item opens with a nested list
    /// (<c>1. - a</c> shows both the number and the bullet on the first line, as in a browser). Called before the line's
    /// text is drawn, so that the content stream, which copying and text extraction follow, reads "1. First", not "First1.".
    /// </summary>
    private void DrawPendingMarker(float baseline, float ascent, float descent)
    {
        foreach (var marker in _markers)
        {
            var markerText = marker.Text;
            var markerWidth = markerText.Measure(0, markerText.Text.Length);
            var x = marker.RightToLeft ? marker.Edge : marker.Edge - markerWidth;
            DrawLineRuns(markerText, new TextLine(0, markerText.Text.Length), x, markerWidth, baseline, ascent, descent, TextAlignment.Left);
        }

        _markers.Clear();
    }

    /// <summary>
    /// Adds the draw commands of one line: its glyph pieces in visual order, left to right, each at its shaped
    /// positions, and link areas over linked pieces.
    /// </summary>
    private void DrawLineRuns(StyledText text, TextLine line, float left, float width, float baseline, float ascent, float descent, TextAlignment alignment)
    {
        if (alignment == TextAlignment.Start)
        {
            alignment = text.ParagraphAt(line.Start).IsRightToLeft ? TextAlignment.Right : TextAlignment.Left;
        }

        var hyphen = line.Hyphenated ? Hyphen(text, line.End - 1) : null;
        var x = left;
        if (alignment != TextAlignment.Left)
        {
            var free = Math.Max(0f, width - text.Measure(line.Start, line.End) - (hyphen?.Measure(0, 1) ?? 0f));
            x += alignment == TextAlignment.Right ? free : free / 2f;
        }

        SKRect linkArea = default;
        string? linkUrl = null;
        var pieces = text.LinePieces(line);

        // Placed left to right, but written in the order they are read (a right-to-left line's first word first): a
        // preflight, an address reader or a copy that takes the text in the order it is written got an RTL line's
        // words back to front ("12 רחוב הרצל" for "רחוב הרצל 12"). Each run is placed where it stands, so the page is the same.
        List<(int From, DrawCommand Command)>? inReadingOrder = InLogicalOrder(pieces) ? null : [];
        var (firstShown, lastShown) = ShownBounds(text, pieces);
        for (var i = 0; i < pieces.Count; i++)
        {
            DrawPiece(text, pieces[i], betweenWords: i > firstShown && i < lastShown);
        }

        if (inReadingOrder is not null)
        {
            inReadingOrder.Sort(static (a, b) => a.From.CompareTo(b.From));
            foreach (var (_, command) in inReadingOrder)
            {
                _current.Commands.Add(command);
            }
        }

        if (hyphen is not null)
        {
            // A line broken at a soft hyphen shows a hyphen after its last letter, in that letter's style: inside the link
            // area of a linked letter (one area a line, as the URL is written once for each).
            foreach (var piece in hyphen.LinePieces(new TextLine(0, 1)))
            {
                DrawPiece(hyphen, piece, betweenWords: false);
            }
        }

        if (linkUrl is not null)
        {
            _current.Commands.Add(DrawCommand.LinkArea(linkArea, linkUrl));
        }

        void DrawPiece(StyledText owner, GlyphPiece piece, bool betweenWords)
        {
            var run = owner.Runs[piece.Run];
            var (glyphRun, advance) = GlyphRunOf(owner, piece, betweenWords);
            if (glyphRun is not null)
            {
                var command = DrawCommand.DrawGlyphs(x, baseline, glyphRun, run.Font, run.Style.Color);
                if (inReadingOrder is not null && ReferenceEquals(owner, text))
                {
                    inReadingOrder.Add((piece.From, command));
                }
                else
                {
                    _current.Commands.Add(command);
                }
            }

            var url = run.Style.Link;
            if (url != linkUrl && linkUrl is not null)
            {
                _current.Commands.Add(DrawCommand.LinkArea(linkArea, linkUrl));
                linkUrl = null;
            }

            if (url is not null)
            {
                linkArea = linkUrl is null
                    ? new SKRect(x, baseline - ascent, x + advance, baseline + descent)
                    : new SKRect(linkArea.Left, linkArea.Top, x + advance, linkArea.Bottom);
                linkUrl = url;
            }

            x += advance;
        }
    }

    /// <summary>
    /// The indexes of a line's first and last pieces, left to right, that show more than white space (-1 and -1 for none).
    /// A piece of white space only between them, a space that stands alone between two runs (<c>**Prost** *Hallo*</c>,
    /// <c>🍺 🍻</c>, two ideographs of a fallback font with the space in DejaVu Sans), is drawn, so that copying and text
    /// extraction give it, as a browser's PDF export does; one before the first or after the last (the space a line breaks
    /// at, which may stand past the margin) is left as a gap.
    /// </summary>
    private static (int First, int Last) ShownBounds(StyledText text, List<GlyphPiece> pieces)
    {
        var first = -1;
        var last = -1;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (ShowsText(text, pieces[i]))
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }

        return (first, last);
    }

    /// <summary>Whether a piece holds a character that is neither white space nor invisible.</summary>
    private static bool ShowsText(StyledText text, GlyphPiece piece)
    {
        foreach (var character in text.Text.AsSpan(piece.From, piece.To - piece.From))
        {
            if (!char.IsWhiteSpace(character) && !StyledText.IsInvisible(character))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a line's pieces, left to right, are also in the order of their text (a line without right-to-left text).</summary>
    private static bool InLogicalOrder(List<GlyphPiece> pieces)
    {
        for (var i = 1; i < pieces.Count; i++)
        {
            if (pieces[i].From < pieces[i - 1].From)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hyphen a line broken at the soft hyphen at <paramref name="index"/> ends with, in the style of the text there.</summary>
    private StyledText Hyphen(StyledText text, int index) => Styled("-", text.Runs[text.FirstRun(index)].Style);

    /// <summary>
    /// The width of that hyphen, or NaN in right-to-left text, which is not broken at soft hyphens here: a right-to-left
    /// paragraph, or a right-to-left word in a left-to-right one (the hyphen, drawn after the line, would stand beside the
    /// word's first letter).
    /// </summary>
    private float HyphenWidth(StyledText text, int index) =>
        text.ParagraphAt(index).IsRightToLeft || text.IsRightToLeftAt(index - 1) ? float.NaN : Hyphen(text, index).Measure(0, 1);

    /// <summary>
    /// Gets the glyphs of a piece to draw, without those of invisible characters, and the piece's advance; no run when
    /// the piece shows nothing but white space, unless it stands between two words of its line (<see cref="ShownBounds"/>)
    /// and its font has a glyph for it.
    /// </summary>
    private static (GlyphRun? Run, float Advance) GlyphRunOf(StyledText text, GlyphPiece piece, bool betweenWords)
    {
        var glyphs = text.Glyphs;
        var count = piece.GlyphEnd - piece.GlyphStart;
        var ids = new ushort[count];
        var positions = new SKPoint[count];
        var clusters = new uint[count];
        var characters = text.Text.AsSpan(piece.From, piece.To - piece.From);

        // The UTF-8 offset of each character in the piece's visible text; ASCII (most text, and never invisible: the
        // invisible characters a line can hold are all beyond it) maps one to one and needs no table.
        uint[]? offsets = null;
        var visibleText = text.Text.Substring(piece.From, characters.Length);
        if (!System.Text.Ascii.IsValid(characters))
        {
            (visibleText, offsets) = VisibleUtf8(characters);
        }

        var pen = 0f;
        var drawn = 0;
        var visible = false;
        var missing = false;
        for (var g = piece.GlyphStart; g < piece.GlyphEnd; g++)
        {
            var glyph = glyphs[g];
            var character = text.Text[glyph.Cluster];
            if (!StyledText.IsInvisible(character))
            {
                ids[drawn] = glyph.Id;
                positions[drawn] = new SKPoint(pen + glyph.OffsetX, glyph.OffsetY);
                clusters[drawn] = offsets?[glyph.Cluster - piece.From] ?? (uint)(glyph.Cluster - piece.From);
                drawn++;
                visible |= !char.IsWhiteSpace(character);
                missing |= glyph.Id == 0;
            }

            pen += glyph.Advance;
        }

        if (!visible && (!betweenWords || drawn == 0 || missing))
        {
            return (null, pen);
        }

        if (drawn < count)
        {
            Array.Resize(ref ids, drawn);
            Array.Resize(ref positions, drawn);
            Array.Resize(ref clusters, drawn);
        }

        return (new GlyphRun(ids, positions, visibleText, clusters), pen);
    }

    /// <summary>
    /// Gets characters without the invisible ones (but an emoji's joiner), and the UTF-8 offset of each character in that
    /// text.
    /// </summary>
    private static (string Text, uint[] Offsets) VisibleUtf8(ReadOnlySpan<char> characters)
    {
        var visible = new StringBuilder(characters.Length);
        var offsets = new uint[characters.Length];
        var bytes = 0u;
        for (var i = 0; i < characters.Length; i++)
        {
            offsets[i] = bytes;
            var c = characters[i];

            // The joiner of an emoji ZWJ sequence (after a pictograph's low surrogate, or its U+FE0F) is part of the
            // emoji: without it, the family 👩‍👩‍👧 would copy as three people.
            if (!StyledText.IsInvisible(c) || (c == '\u200D' && i > 0 && (char.IsLowSurrogate(characters[i - 1]) || characters[i - 1] == '\uFE0F')))
            {
                visible.Append(c);
                bytes += char.IsSurrogate(c) ? 2u : c < 0x80 ? 1u : c < 0x800 ? 2u : 3u;
            }
        }

        return (visible.ToString(), offsets);
    }

    /// <summary>Adds the header line and the "Page n of m" footer to every page, now that the page count is known.</summary>
    private void AddHeadersAndFooters()
    {
        var style = new TextStyle(FontFace.Regular, BaseSize * 0.8f, MutedColor, null);
        var margins = _options.Margins;
        for (var i = 0; i < _pages.Count; i++)
        {
            _current = _pages[i];
            if (_options.HeaderText is { Length: > 0 } header)
            {
                try
                {
                    PlaceFixedLine(Styled(header, style), margins.Top / 2f, TextAlignment.Start, _page.Top, "header text (PrintOptions.HeaderText)", "top");
                }
                catch (PrintException failure) when (failure.CodePoint is not null)
                {
                    throw failure.WithSource("It is in the page header (PrintOptions.HeaderText): change the header, or add a font.");
                }
            }

            if (_options.PageNumberFormat is { Length: > 0 } format)
            {
                var footer = string.Format(CultureInfo.InvariantCulture, format, i + 1, _pages.Count);
                try
                {
                    PlaceFixedLine(Styled(footer, style), _page.Height - (margins.Bottom / 2f), TextAlignment.Center, _page.Height, "page footer (PrintOptions.PageNumberFormat)", "bottom");
                }
                catch (PrintException failure) when (failure.CodePoint is not null)
                {
                    throw failure.WithSource("It is in the page footer (PrintOptions.PageNumberFormat): change the footer, or add a font.");
                }
            }
        }
    }

    /// <summary>
    /// Places a one-line text vertically centred on <paramref name="middle"/> (the middle of its margin), broken if it
    /// is wider than the content box; lines that would reach below <paramref name="bottom"/> (into the body, or off the
    /// page) are an error. One line that does is taller than its margin: centred, it also reaches past the paper's edge.
    /// </summary>
    /// <exception cref="PrintException">The text needs more room than its margin holds.</exception>
    private void PlaceFixedLine(StyledText text, float middle, TextAlignment alignment, float bottom, string what, string margin)
    {
        var (ascent, descent) = text.Metrics(0, text.Text.Length);
        var baseline = middle + ((ascent - descent) / 2f);
        var lines = LineBreaker.Break(text.Text, _page.ContentWidth, text.Measure);
        if (baseline + ((lines.Count - 1) * LineHeight(ascent, descent)) + descent > bottom + 0.01f)
        {
            throw new PrintException(lines.Count > 1
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"The {what} '{text.Text}' is {lines.Count} lines long at the page's width, more than the {margin} margin holds (it would be printed over the message's text or off the page). Shorten it, or make the {margin} margin larger.")
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"The {what} '{text.Text}' is {Millimetres(ascent + descent):0.0} mm tall, more than the {margin} margin ({Millimetres(2 * (bottom - middle)):0.0} mm) holds (centred in it, it would be printed partly off the page and over the message's text). Make the {margin} margin at least {MathF.Ceiling(Millimetres(ascent + descent) * 10f) / 10f:0.0} mm, or leave the text out."));
        }

        foreach (var line in lines)
        {
            DrawLineRuns(text, line, _page.Left, _page.ContentWidth, baseline, ascent, descent, alignment);
            baseline += LineHeight(ascent, descent);
        }
    }

    private StyledText Styled(string text, TextStyle style)
    {
        var builder = new StyledTextBuilder(_fonts, style);
        builder.Append(text, style);
        return builder.Build();
    }
}
