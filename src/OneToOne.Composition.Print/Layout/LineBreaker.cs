using System.Globalization;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Greedy line breaking by measured widths: breaks at spaces and zero-width spaces (U+200B), forces a break at
/// <c>'\n'</c>, and hard-breaks a word longer than the line between grapheme clusters. Given the width of a hyphen, it
/// also breaks inside a word at a soft hyphen (U+00AD), as a browser does: the line ends with the soft hyphen, after
/// which a hyphen is drawn. A no-break space (U+00A0) and a word joiner (U+2060) are not break opportunities. A pure
/// function of the text, the width and the measures.
/// </summary>
/// <remarks>
/// Invariants (property-tested): every line fits <c>maxWidth</c> (with its hyphen) unless it is a single grapheme
/// cluster; the lines hold every non-space character of the text, in order; no line starts or ends with a space.
/// </remarks>
internal static class LineBreaker
{
    /// <summary>
    /// U+200B, a break opportunity that draws nothing (as in a browser): an author's hint inside a long word. Like a
    /// space it never starts or ends a line; inside a line, <see cref="StyledText"/> measures and draws it as nothing.
    /// </summary>
    public const char ZeroWidthSpace = '\u200B';

    /// <summary>Measures the width of <c>text[start..end)</c>.</summary>
    /// <param name="start">The first index.</param>
    /// <param name="end">The index past the last character.</param>
    /// <returns>The width, in the same unit as the maximum width.</returns>
    public delegate float Measure(int start, int end);

    /// <summary>Gets the width of the hyphen a line broken at a soft hyphen draws after it.</summary>
    /// <param name="index">The index of the soft hyphen.</param>
    /// <returns>The width, or NaN when the line must not break there (such as in right-to-left text).</returns>
    public delegate float HyphenWidth(int index);

    /// <summary>U+00AD, invisible unless a line breaks at it; <see cref="StyledText"/> measures and draws it as nothing.</summary>
    public const char SoftHyphen = '\u00AD';

    /// <summary>Breaks a text into lines.</summary>
    /// <param name="text">The text; <c>' '</c>, <c>'\t'</c> and U+200B are break opportunities, <c>'\n'</c> a forced break.</param>
    /// <param name="maxWidth">The line width.</param>
    /// <param name="measure">Measures a range of the text.</param>
    /// <param name="hyphen">The width of the hyphen drawn after a line broken at a soft hyphen; null to break at none.</param>
    /// <returns>The lines, in order. An empty or all-space text gives none; a forced break gives a line even if empty.</returns>
    public static List<TextLine> Break(string text, float maxWidth, Measure measure, HyphenWidth? hyphen = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);

        var lines = new List<TextLine>();
        var lineStart = 0;
        var lineEnd = 0;
        var hasContent = false;
        var position = 0;
        var length = text.Length;

        while (true)
        {
            var wordStart = position;
            while (wordStart < length && IsSpace(text[wordStart]))
            {
                wordStart++;
            }

            if (wordStart >= length)
            {
                break;
            }

            if (text[wordStart] == '\n')
            {
                lines.Add(hasContent ? new TextLine(lineStart, lineEnd - lineStart) : new TextLine(wordStart, 0));
                hasContent = false;
                position = wordStart + 1;
                continue;
            }

            var wordEnd = wordStart;
            while (wordEnd < length && !IsSpace(text[wordEnd]) && text[wordEnd] != '\n')
            {
                wordEnd++;
            }

            if (hasContent)
            {
                if (measure(lineStart, wordEnd) <= maxWidth)
                {
                    lineEnd = wordEnd;
                    position = wordEnd;
                    continue;
                }

                // The word does not fit after the line's text: its part up to a soft hyphen may.
                var cut = hyphen is null ? -1 : LastFittingSoftHyphen(text, lineStart, wordStart, wordEnd, maxWidth, measure, hyphen);
                lines.Add(cut < 0 ? new TextLine(lineStart, lineEnd - lineStart) : new TextLine(lineStart, cut + 1 - lineStart, Hyphenated: true));
                wordStart = cut < 0 ? wordStart : cut + 1;
                hasContent = false;
            }

            // The word, or what is left of it, starts a line: a part too wide for it is broken at its soft hyphens, else
            // between grapheme clusters.
            lineStart = wordStart;
            while (hyphen is not null && measure(lineStart, wordEnd) > maxWidth
                && LastFittingSoftHyphen(text, lineStart, lineStart, wordEnd, maxWidth, measure, hyphen) is var part and >= 0)
            {
                lines.Add(new TextLine(lineStart, part + 1 - lineStart, Hyphenated: true));
                lineStart = part + 1;
            }

            if (measure(lineStart, wordEnd) > maxWidth)
            {
                lineStart = HardBreak(text, lineStart, wordEnd, maxWidth, measure, lines);
            }

            lineEnd = wordEnd;
            hasContent = true;
            position = wordEnd;
        }

        if (hasContent)
        {
            lines.Add(new TextLine(lineStart, lineEnd - lineStart));
        }

        return lines;
    }

    /// <summary>Splits a text into its words (the ranges between spaces and forced breaks).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The words, in order.</returns>
    public static List<TextLine> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextLine>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || IsSpace(text[i]) || text[i] == '\n';
            if (boundary && start >= 0)
            {
                words.Add(new TextLine(start, i - start));
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or ZeroWidthSpace;

    /// <summary>
    /// Finds the last soft hyphen of <c>text[from..to)</c>, with characters of the word on both sides, at which the line
    /// from <paramref name="lineStart"/> fits with its hyphen; -1 when there is none. Reads no further than a line's width.
    /// </summary>
    private static int LastFittingSoftHyphen(string text, int lineStart, int from, int to, float maxWidth, Measure measure, HyphenWidth hyphen)
    {
        var found = -1;
        for (var i = from + 1; i < to - 1 && measure(lineStart, i) <= maxWidth; i++)
        {
            if (text[i] == SoftHyphen && text[i - 1] != SoftHyphen && hyphen(i) is var width && measure(lineStart, i + 1) + width <= maxWidth)
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>
    /// Emits full lines of a word too wide for a line, each the longest run of whole grapheme clusters that fits
    /// (at least one), and returns where the remainder, which fits, starts.
    /// </summary>
    private static int HardBreak(string text, int start, int end, float maxWidth, Measure measure, List<TextLine> lines)
    {
        var boundaries = new List<int>();
        for (var i = start; i < end;)
        {
            var step = StringInfo.GetNextTextElementLength(text.AsSpan(i, end - i));
            i += Math.Max(step, 1);
            boundaries.Add(i);
        }

        var chunkStart = start;
        var first = 0;
        var count = boundaries.Count;
        while (true)
        {
            // The largest boundary index b >= first with measure(chunkStart, boundaries[b]) <= maxWidth; at least the
            // first grapheme, so a glyph wider than the line still makes progress. Galloping out from the line's start
            // then halving measures about a line's worth of text a few times per line, not the rest of the word: a
            // word of a hundred thousand characters breaks in linear time, not quadratic.
            var fit = first;
            var step = 1;
            var probe = first + 1;
            while (probe < count && measure(chunkStart, boundaries[probe]) <= maxWidth)
            {
                fit = probe;
                step *= 2;
                probe = first + step;
            }

            var low = fit + 1;
            var high = Math.Min(probe, count) - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                if (measure(chunkStart, boundaries[middle]) <= maxWidth)
                {
                    fit = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            if (boundaries[fit] == end)
            {
                // What is left fits, or is one grapheme wider than the line: it becomes the current line as it is.
                break;
            }

            lines.Add(new TextLine(chunkStart, boundaries[fit] - chunkStart));
            chunkStart = boundaries[fit];
            first = fit + 1;
        }

        return chunkStart;
    }
}
