using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Greedy line breaking by measured widths: breaks at spaces and zero-width spaces (U+200B), beside a Chinese or
/// Japanese character (text without spaces; see <see cref="IsBreakBetween"/>), forces a break at <c>'\n'</c>, and
/// hard-breaks a word longer than the line between grapheme clusters. Given the width of a hyphen, it
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

            var wordEnd = wordStart + 1;
            while (wordEnd < length && !IsSpace(text[wordEnd]) && text[wordEnd] != '\n' && !IsBreakBetween(text, wordEnd))
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

    /// <summary>Splits a text into its words (the ranges between spaces, forced breaks and the breaks of <see cref="IsBreakBetween"/>).</summary>
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
            if (start >= 0 && (boundary || IsBreakBetween(text, i)))
            {
                words.Add(new TextLine(start, i - start));
                start = -1;
            }

            if (!boundary && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or ZeroWidthSpace;

    /// <summary>
    /// Tells whether a line may break between <c>text[index - 1]</c> and <c>text[index]</c>, neither a space: Chinese and
    /// Japanese are written without spaces, so a line breaks beside an ideograph, kana or other CJK character (Hangul
    /// too, as browsers do), as in UAX #14, except inside a grapheme cluster and where the Japanese rules of line
    /// breaking (kinsoku) forbid it: never before closing brackets and quotes, the ideographic comma and full stop,
    /// other punctuation, the prolonged sound mark, small kana, iteration marks or a postfix such as '%' (none starts a
    /// line), nor after opening brackets and quotes or a currency sign that prefixes an amount ('￥' stays with '12,345').
    /// Thai, also written without spaces, needs a dictionary to find its words and is not broken here: a Thai run wider
    /// than the line is broken between grapheme clusters, as any word too long for its line.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="index">The index of the character after the break, greater than 0 and less than the text's length.</param>
    /// <returns>True when a line may break there.</returns>
    internal static bool IsBreakBetween(string text, int index)
    {
        // After a hyphen between two letters ("Müller-|Lüdenscheidt"), as browsers break (UAX #14 HY): not before a
        // number ("-12"), nor after a second hyphen, nor at U+2011, the hyphen that does not break.
        if (text[index - 1] == '-' && index >= 2 && char.IsLetter(text[index - 2]) && char.IsLetter(text[index]))
        {
            return true;
        }

        // Every CJK character is at or above U+2E80 (a surrogate too): other text costs a comparison or two.
        if (text[index] < 0x2E80 && text[index - 1] < 0x2E80)
        {
            return false;
        }

        var beforeStart = char.IsLowSurrogate(text[index - 1]) && index >= 2 && char.IsHighSurrogate(text[index - 2]) ? index - 2 : index - 1;
        Rune.DecodeFromUtf16(text.AsSpan(beforeStart), out var before, out _);
        Rune.DecodeFromUtf16(text.AsSpan(index), out var after, out _);
        if ((!IsCjk(before.Value) && !IsCjk(after.Value)) || NoBreakAfter(before.Value) || NoBreakBefore(after.Value))
        {
            return false;
        }

        // Inside a grapheme cluster (a mark or variation selector after an ideograph, a low surrogate, a Hangul jamo) is no break.
        return StringInfo.GetNextTextElementLength(text.AsSpan(beforeStart)) <= index - beforeStart;
    }

    /// <summary>Ideographs, kana, Hangul, Bopomofo, Yi, CJK symbols and punctuation, and fullwidth forms: the characters of UAX #14 that break on either side (class ID and its punctuation).</summary>
    private static bool IsCjk(int c) =>
        c is (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFFEF) or (>= 0x1B000 and <= 0x1B16F) or (>= 0x20000 and <= 0x3FFFF);

    /// <summary>Characters no line starts with: closing punctuation (UAX #14 CL, CP, EX, IS), the non-starters (NS, CJ: small kana, 'ー', '々'), postfixes (PO) and the ellipsis (IN), in CJK and Latin forms; also the no-break characters (GL, WJ) and the soft hyphen, whose rules apply as they are.</summary>
    private static bool NoBreakBefore(int c) =>
        c is ')' or ']' or '}' or ',' or '.' or ':' or ';' or '!' or '?' or '%' or '\u00BB' or '\u00A2' or '\u00B0' or '\u00A0' or '\u00AD'
            or '\u2019' or '\u201D' or '\u203A' or '\u2026' or '\u2025' or '\u2030' or '\u2031' or '\u2032' or '\u2033' or '\u2103' or '\u2109'
            or '\u203C' or '\u2047' or '\u2048' or '\u2049' or '\u2010' or '\u2013' or '\u2060' or '\u202F' or '\u2007' or '\uFEFF'
            or '\u3001' or '\u3002' or '\u3005' or '\u3009' or '\u300B' or '\u300D' or '\u300F' or '\u3011' or '\u3015' or '\u3017' or '\u3019'
            or '\u301B' or '\u301C' or '\u301E' or '\u301F' or '\u303B' or '\u30A0' or '\u30FB' or '\u30FC' or '\u30FD' or '\u30FE' or '\u309D' or '\u309E'
            or '\u309B' or '\u309C' or '\uFF01' or '\uFF05' or '\uFF09' or '\uFF0C' or '\uFF0E' or '\uFF1A' or '\uFF1B' or '\uFF1F' or '\uFF3D' or '\uFF5D'
            or '\uFF60' or '\uFF61' or '\uFF63' or '\uFF64' or '\uFF65' or '\uFF70' or '\uFF9E' or '\uFF9F' or '\uFFE0'
            or '\u3041' or '\u3043' or '\u3045' or '\u3047' or '\u3049' or '\u3063' or '\u3083' or '\u3085' or '\u3087' or '\u308E' or '\u3095' or '\u3096'
            or '\u30A1' or '\u30A3' or '\u30A5' or '\u30A7' or '\u30A9' or '\u30C3' or '\u30E3' or '\u30E5' or '\u30E7' or '\u30EE' or '\u30F5' or '\u30F6'
            or (>= 0x31F0 and <= 0x31FF) or (>= 0xFF67 and <= 0xFF6F) or (>= 0xFE10 and <= 0xFE19) or (>= 0xFE50 and <= 0xFE57);

    /// <summary>Characters no line ends with: opening punctuation (UAX #14 OP, and opening quotes), prefixes of an amount (PR) and the no-break characters (GL, WJ).</summary>
    private static bool NoBreakAfter(int c) =>
        c is '(' or '[' or '{' or '$' or '#' or '+' or '\\' or '\u00AB' or '\u00A3' or '\u00A5' or '\u00A0' or '\u00AD' or '\u2018' or '\u201C' or '\u2039'
            or '\u20AC' or '\u20A9' or '\u20B9' or '\u2116' or '\u2060' or '\u202F' or '\u2007' or '\uFEFF'
            or '\u3008' or '\u300A' or '\u300C' or '\u300E' or '\u3010' or '\u3014' or '\u3016' or '\u3018' or '\u301A' or '\u301D'
            or '\uFF03' or '\uFF04' or '\uFF08' or '\uFF3B' or '\uFF5B' or '\uFF5F' or '\uFF62' or '\uFFE1' or '\uFFE5' or '\uFFE6';

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
