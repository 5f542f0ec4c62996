using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <summary>A paragraph's text with its runs; measures any range as the sum of its runs' widths.</summary>
internal sealed class StyledText
{
    public StyledText(string text, IReadOnlyList<TextRun> runs, SKFont defaultFont)
    {
        Text = text;
        Runs = runs;
        DefaultFont = defaultFont;
    }

    public string Text { get; }

    /// <summary>Gets the runs: contiguous, covering the whole text, in order.</summary>
    public IReadOnlyList<TextRun> Runs { get; }

    /// <summary>Gets the font whose metrics size an empty line.</summary>
    public SKFont DefaultFont { get; }

    /// <summary>Measures the advance width of <c>Text[start..end)</c>.</summary>
    public float Measure(int start, int end)
    {
        var width = 0f;
        for (var i = FirstRun(start); i < Runs.Count && Runs[i].Start < end; i++)
        {
            var run = Runs[i];
            var from = Math.Max(start, run.Start);
            var to = Math.Min(end, run.End);
            if (to > from)
            {
                var span = Text.AsSpan(from, to - from);
                width += span.Contains(LineBreaker.ZeroWidthSpace)
                    ? run.Font.MeasureText(Visible(span.ToString()))
                    : run.Font.MeasureText(span);
            }
        }

        return width;
    }

    /// <summary>
    /// Gets a piece of text as it is drawn: without zero-width spaces, which are break opportunities only. A font that
    /// lacks their glyph would otherwise draw and measure a missing-glyph box.
    /// </summary>
    public static string Visible(string text) =>
        text.Contains(LineBreaker.ZeroWidthSpace, StringComparison.Ordinal)
            ? text.Replace(LineBreaker.ZeroWidthSpace.ToString(), null, StringComparison.Ordinal)
            : text;

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
    public int FirstRun(int index)
    {
        var low = 0;
        var high = Runs.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var run = Runs[middle];
            if (index < run.Start)
            {
                high = middle - 1;
            }
            else if (index >= run.End)
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
