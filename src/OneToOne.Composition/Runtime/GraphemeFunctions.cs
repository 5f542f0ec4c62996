using System.Globalization;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// <c>string.truncate</c>, <c>string.slice</c> and <c>string.slice1</c> counted in user-perceived characters (grapheme
/// clusters), in place of Scriban's, which count UTF-16 code units: <c>{{ first_name | string.truncate 4 }}</c> cut
/// "😀😀😀" between the halves of a surrogate pair (the recipient was then rejected for invalid text that the template
/// made), "👩‍👩‍👧" into "👩‍" and "प्रिया" before its vowel sign. A cluster is never cut; on text where each character is
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
