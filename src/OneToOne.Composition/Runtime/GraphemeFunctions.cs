using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// <c>string.truncate</c>, <c>string.slice</c>, <c>string.slice1</c>, <c>string.size</c> (and a text's <c>.size</c>,
/// <see cref="TextAccessor"/>), <c>string.pad_left</c> and <c>string.pad_right</c> counted in user-perceived characters
/// (grapheme clusters), in place of Scriban's, which count UTF-16 code units: <c>{{ first_name | string.truncate 4 }}</c> cut
/// "😀😀😀" between the halves of a surrogate pair (the recipient was then rejected for invalid text that the template
/// made), "👩‍👩‍👧" into "👩‍" and "प्रिया" before its vowel sign; and a test such as <c>if name.size &gt; 12</c> or a
/// column padded with <c>string.pad_right</c> counted "Zoë" written with a combining diaeresis as 4 and an emoji as 2,
/// so it disagreed with where <c>string.truncate</c> cut. A cluster is never cut; on text where each character is
/// a cluster of its own (most Latin, Chinese, Japanese and Korean text) the functions give exactly what Scriban's give.
/// </summary>
internal static class GraphemeFunctions
{
    /// <summary>Replaces Scriban's functions in the builtins' <c>string</c> object.</summary>
    public static void Install(ScriptObject builtins)
    {
        if (builtins["string"] is ScriptObject text)
        {
            text.Remove("truncate");
            text.Remove("slice");
            text.Remove("slice1");
            text.Import("truncate", new Func<string?, int, string?, string>(Truncate));
            text.Import("slice", new Func<string?, int, int?, string>(Slice));
            text.Import("slice1", new Func<string?, int, int, string>(Slice1));
            text.Remove("size");
            text.Remove("pad_left");
            text.Remove("pad_right");
            text.Import("size", new Func<string?, int>(Size));
            text.Import("pad_left", new Func<TemplateContext, string?, int, string>(static (context, text, width) => PadLeft(Bounded(context, "pad_left", text, width), width)));
            text.Import("pad_right", new Func<TemplateContext, string?, int, string>(static (context, text, width) => PadRight(Bounded(context, "pad_right", text, width), width)));
        }
    }

    /// <summary>
    /// <c>{{ text | string.truncate 10 }}</c>: the text when it has at most <paramref name="length"/> clusters, else its
    /// first clusters and the ellipsis, together <paramref name="length"/> clusters (the ellipsis alone when it is longer).
    /// </summary>
    public static string Truncate(string? text, int length, string? ellipsis = null)
    {
        ellipsis ??= "...";
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // No more UTF-16 units than the length is no more clusters either: a short name (the usual case) is not segmented.
        if (text.Length <= length)
        {
            return text;
        }

        var clusters = Boundaries(text);
        if (clusters.Length - 1 <= length)
        {
            return text;
        }

        var keep = Math.Max(length - (Boundaries(ellipsis).Length - 1), 0);
        return string.Concat(text.AsSpan(0, clusters[keep]), ellipsis);
    }

    /// <summary>
    /// <c>{{ text | string.slice 1 3 }}</c>: <paramref name="length"/> clusters from cluster <paramref name="start"/>
    /// (counted from the end when negative); the rest of the text when no length is given.
    /// </summary>
    public static string Slice(string? text, int start, int? length = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clusters = Boundaries(text);
        var count = clusters.Length - 1;
        if (start >= count)
        {
            return string.Empty;
        }

        if (start < 0)
        {
            start += count;
        }

        var taken = length ?? count;
        if (start < 0)
        {
            if (start + taken <= 0)
            {
                return string.Empty;
            }

            taken += start;
            start = 0;
        }

        return Range(text, clusters, start, taken);
    }

    /// <summary>
    /// <c>{{ text | string.slice1 1 }}</c>: as Liquid's <c>slice</c>, <paramref name="length"/> clusters (one unless
    /// given) from cluster <paramref name="start"/> (counted from the end when negative).
    /// </summary>
    public static string Slice1(string? text, int start, int length = 1)
    {
        if (string.IsNullOrEmpty(text) || length <= 0)
        {
            return string.Empty;
        }

        var clusters = Boundaries(text);
        var count = clusters.Length - 1;
        if (start > count)
        {
            return string.Empty;
        }

        if (start < 0)
        {
            start += count;
        }

        if (start < 0)
        {
            length += start;
            start = 0;
        }

        return Range(text, clusters, start, length);
    }

    /// <summary>
    /// <c>{{ name | string.size }}</c> and <c>{{ name.size }}</c>: how many clusters the text has (0 for null), the count
    /// <c>string.truncate</c> cuts at, so <c>if name.size &gt; 12</c> and <c>string.truncate 12</c> agree.
    /// </summary>
    public static int Size(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        // Below U+0300 (the first combining mark) every character is a cluster of its own but for "\r\n", which is one.
        if (text.AsSpan().IndexOfAnyExceptInRange('\0', '\u02FF') < 0 && !text.Contains('\r', StringComparison.Ordinal))
        {
            return text.Length;
        }

        var count = 0;
        for (var i = 0; i < text.Length; count++)
        {
            i += Math.Max(StringInfo.GetNextTextElementLength(text.AsSpan(i)), 1);
        }

        return count;
    }

    /// <summary>
    /// Refuses a padding width at or over the output limit before the padding is made: the padded text is a value the
    /// template may never write (<c>{{ x | string.pad_left 1000000000 | string.size }}</c>), so only this check keeps one call
    /// from allocating 2 GB and running far past the time budget, which is checked between statements, not inside a call.
    /// The width may come from the recipient's data, as any argument may.
    /// </summary>
    /// <returns>The text, unchanged, to pass on.</returns>
    private static string? Bounded(TemplateContext context, string function, string? text, int width)
    {
        if (context.LimitToString > 0 && width >= context.LimitToString)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"'string.{function}' was asked for {width:N0} characters; a value must stay under {context.LimitToString:N0} characters (RenderLimits.MaxOutputLength). Pad to a smaller width, or raise the limit."));
        }

        return text;
    }

    /// <summary><c>{{ name | string.pad_left 12 }}</c>: the text after as many spaces as make it <paramref name="width"/> clusters (as it is when it has as many or more).</summary>
    public static string PadLeft(string? text, int width)
    {
        text ??= string.Empty;
        var spaces = width - Size(text);
        if (spaces > 0 && text.Length > 0 && text[0] >= '\u0300' && StringInfo.GetNextTextElementLength(string.Concat(" ", text)) > 1)
        {
            // The text starts with a mark that joins the last space (a stray accent): one space more keeps the width.
            spaces++;
        }

        return spaces > 0 ? string.Concat(new string(' ', spaces), text) : text;
    }

    /// <summary><c>{{ name | string.pad_right 12 }}</c>: the text before as many spaces as make it <paramref name="width"/> clusters (as it is when it has as many or more).</summary>
    public static string PadRight(string? text, int width)
    {
        text ??= string.Empty;
        var spaces = width - Size(text);
        return spaces > 0 ? string.Concat(text, new string(' ', spaces)) : text;
    }

    /// <summary>The clusters from <paramref name="start"/> on, at most <paramref name="length"/> of them (none when it is 0 or less).</summary>
    private static string Range(string text, int[] clusters, int start, int length)
    {
        if (length <= 0)
        {
            return string.Empty;
        }

        var end = Math.Min((long)start + length, clusters.Length - 1);
        return text[clusters[start]..clusters[(int)end]];
    }

    /// <summary>The indexes where the text's grapheme clusters start, and its length: one more than the clusters.</summary>
    private static int[] Boundaries(string text)
    {
        var boundaries = new List<int>(text.Length + 1) { 0 };
        for (var i = 0; i < text.Length;)
        {
            i += Math.Max(StringInfo.GetNextTextElementLength(text.AsSpan(i)), 1);
            boundaries.Add(i);
        }

        return [.. boundaries];
    }
}
