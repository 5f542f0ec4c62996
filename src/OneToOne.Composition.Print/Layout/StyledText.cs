using OneToOne.Composition.Print.Text;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// A paragraph's text with its runs, resolved bidirectionally and shaped once over the whole logical text: a range
/// measures as the sum of its characters' shaped advances, and a line is drawn as glyph pieces in visual order.
/// </summary>
internal sealed class StyledText
{
    private readonly BidiParagraph[] _paragraphs;
    private readonly byte[]? _levels;
    private readonly ShapedItem[] _items;
    private readonly float[] _advanceSums;

    /// <summary>Initializes a new instance of the <see cref="StyledText"/> class.</summary>
    /// <param name="text">The paragraph's text, normalised.</param>
    /// <param name="runs">Its runs, contiguous and covering the text.</param>
    /// <param name="defaultFont">The font whose metrics size an empty line.</param>
    /// <param name="shaped">The text's levels and glyphs, from <see cref="ParagraphShaper"/>.</param>
    public StyledText(string text, IReadOnlyList<TextRun> runs, SKFont defaultFont, ShapedParagraph shaped)
    {
        Text = text;
        Runs = runs;
        DefaultFont = defaultFont;
        _paragraphs = shaped.Paragraphs;
        _levels = shaped.Levels;
        _items = shaped.Items;
        Glyphs = shaped.Glyphs;
        _advanceSums = shaped.AdvanceSums;
    }

    /// <summary>Gets the paragraph's text in logical order.</summary>
    public string Text { get; }

    /// <summary>Gets the runs: contiguous, covering the whole text, in order.</summary>
    public IReadOnlyList<TextRun> Runs { get; }

    /// <summary>Gets the font whose metrics size an empty line.</summary>
    public SKFont DefaultFont { get; }

    /// <summary>
    /// Gets the bidirectional paragraph (UAX #9 P1) that holds a character: the text is split after each forced break,
    /// and each part has its own direction, from its own first strong character. A line never spans two of them, since
    /// a forced break also ends the line.
    /// </summary>
    /// <param name="index">The index of the character (the text's length for the end of the text).</param>
    /// <returns>The paragraph holding it, or the last one.</returns>
    public BidiParagraph ParagraphAt(int index) => _paragraphs[Math.Min(FirstHolding(_paragraphs, index), _paragraphs.Length - 1)];

    /// <summary>Tells whether a character is laid out right to left (at an odd bidirectional level).</summary>
    /// <param name="index">The character's index.</param>
    /// <returns>Whether it is.</returns>
    public bool IsRightToLeftAt(int index) => _levels is not null && (_levels[index] & 1) != 0;

    /// <summary>Gets the shaped glyphs of every item, item after item.</summary>
    public ShapedGlyph[] Glyphs { get; }

    /// <summary>Measures the advance width of <c>Text[start..end)</c>: the shaped advances of the glyphs of its characters.</summary>
    public float Measure(int start, int end) => _advanceSums[end] - _advanceSums[start];

    /// <summary>
    /// Tells whether a character draws nothing: a forced break, and the format characters that only steer breaking,
    /// joining or direction (soft hyphen, zero-width space, joiners, marks, word joiner, byte order mark). A line broken
    /// at a soft hyphen draws a hyphen of its own after it (<see cref="TextLine.Hyphenated"/>).
    /// </summary>
    public static bool IsInvisible(char c) => c is '\n' or LineBreaker.SoftHyphen or (>= '\u200B' and <= '\u200F') or '\u061C' or (>= '\u2060' and <= '\u2064') or '\uFEFF';

    /// <summary>
    /// Gets the glyph pieces of a line from left to right: the line's levels with trailing white space reset to the level
    /// of its bidirectional paragraph (UAX #9 L1), reordered (L2), cut where the item or the level changes.
    /// </summary>
    /// <param name="line">The line, a range of the text.</param>
    /// <returns>The pieces, in drawing order.</returns>
    public List<GlyphPiece> LinePieces(TextLine line)
    {
        var pieces = new List<GlyphPiece>();
        if (_levels is null)
        {
            // All left to right: the items' parts in logical order.
            for (var i = FirstItem(line.Start); i < _items.Length && _items[i].Start < line.End; i++)
            {
                AddPiece(pieces, i, Math.Max(line.Start, _items[i].Start), Math.Min(line.End, _items[i].End));
            }

            return pieces;
        }

        var levels = _levels.AsSpan(line.Start, line.Length).ToArray();
        var classes = new BidiClass[line.Length];
        UnicodeBidi.Classify(Text.AsSpan(line.Start, line.Length), classes);
        UnicodeBidi.ResetWhitespaceLevels(classes, ParagraphAt(line.Start).Level, levels);
        var order = UnicodeBidi.VisualOrder(levels);

        // Consecutive visual positions of one item and one level are one logical range, drawn in the item's order.
        var position = 0;
        while (position < order.Length)
        {
            var first = order[position];
            var item = FirstItem(line.Start + first);
            var level = levels[first];
            var low = first;
            var high = first;
            var next = position + 1;
            while (next < order.Length && levels[order[next]] == level
                   && Math.Abs(order[next] - order[next - 1]) == 1 && FirstItem(line.Start + order[next]) == item)
            {
                low = Math.Min(low, order[next]);
                high = Math.Max(high, order[next]);
                next++;
            }

            AddPiece(pieces, item, line.Start + low, line.Start + high + 1);
            position = next;
        }

        return pieces;
    }

    /// <summary>Gets the ascent (positive, above the baseline) and descent of the fonts used in a range.</summary>
    public (float Ascent, float Descent) Metrics(int start, int end)
    {
        var ascent = 0f;
        var descent = 0f;
        var any = false;
        for (var i = FirstRun(start); i < Runs.Count && Runs[i].Start < end; i++)
        {
            var run = Runs[i];
            if (Math.Min(end, run.End) > Math.Max(start, run.Start))
            {
                var metrics = run.Font.Metrics;
                ascent = Math.Max(ascent, -metrics.Ascent);
                descent = Math.Max(descent, metrics.Descent);
                any = true;
            }
        }

        if (!any)
        {
            var metrics = DefaultFont.Metrics;
            return (-metrics.Ascent, metrics.Descent);
        }

        return (ascent, descent);
    }

    /// <summary>Gets the index of the run that holds <paramref name="index"/> (or the first run after it).</summary>
    public int FirstRun(int index) => FirstHolding(Runs, index);

    /// <summary>Adds the glyphs of an item whose characters lie in <c>[from, to)</c>; in an item they are one contiguous range.</summary>
    private void AddPiece(List<GlyphPiece> pieces, int itemIndex, int from, int to)
    {
        if (itemIndex >= _items.Length)
        {
            return;
        }

        var item = _items[itemIndex];
        if (item.GlyphStart >= item.GlyphEnd)
        {
            return;
        }

        // An item's clusters rise from glyph to glyph, or fall for an odd level (HarfBuzz's default cluster level keeps
        // them monotonic), so its glyphs for the range are found by halving: looking through every glyph of the item for
        // each line took time in the square of a paragraph's length (a recipient value of a million letters printed for
        // three minutes).
        int start;
        int end;
        if (Glyphs[item.GlyphStart].Cluster <= Glyphs[item.GlyphEnd - 1].Cluster)
        {
            start = FirstGlyph(item, static (cluster, bound) => cluster >= bound, from);
            end = FirstGlyph(item, static (cluster, bound) => cluster >= bound, to);
        }
        else
        {
            start = FirstGlyph(item, static (cluster, bound) => cluster < bound, to);
            end = FirstGlyph(item, static (cluster, bound) => cluster < bound, from);
        }

        if (start < end)
        {
            pieces.Add(new GlyphPiece(item.Run, start, end, from, to));
        }
    }

    /// <summary>The first glyph of an item whose cluster passes <paramref name="test"/> (false for the glyphs before it, true from it on), or the item's end.</summary>
    private int FirstGlyph(ShapedItem item, Func<int, int, bool> test, int bound)
    {
        var low = item.GlyphStart;
        var high = item.GlyphEnd;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (test(Glyphs[middle].Cluster, bound))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>Gets the index of the item that holds <paramref name="index"/> (or the first item after it).</summary>
    private int FirstItem(int index) => FirstHolding(_items, index);

    /// <summary>Finds, by halving, the range that holds <paramref name="index"/> among contiguous ranges in text order (or the first range after it).</summary>
    private static int FirstHolding<T>(IReadOnlyList<T> ranges, int index)
        where T : struct, ITextRange
    {
        var low = 0;
        var high = ranges.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var range = ranges[middle];
            if (index < range.Start)
            {
                high = middle - 1;
            }
            else if (index >= range.End)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return low;
    }
}
