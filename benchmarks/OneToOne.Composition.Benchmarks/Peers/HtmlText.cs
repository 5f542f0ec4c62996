using System.Text;

namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>
/// Escapes text the way Markdig writes it into HTML: <c>&lt; &gt; &amp; "</c> become entities, and nothing else
/// does (not <c>'</c>, not non-ASCII). <c>WebUtility.HtmlEncode</c> (Scriban's <c>html.escape</c>) and Handlebars.Net's
/// default encoder also encode <c>'</c> and non-ASCII letters, so the peers use this instead to write the same bytes.
/// </summary>
internal static class HtmlText
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("<>&\"");

    /// <summary>Appends <paramref name="value"/>, escaped.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string value)
    {
        var span = value.AsSpan();
        while (true)
        {
            var next = span.IndexOfAny(Special);
            if (next < 0)
            {
                return builder.Append(span);
            }

            builder.Append(span[..next]);
            builder.Append(span[next] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => "&quot;",
            });
            span = span[(next + 1)..];
        }
    }

    /// <summary>Writes <paramref name="value"/>, escaped.</summary>
    public static void WriteEscaped(TextWriter writer, string value)
    {
        var span = value.AsSpan();
        while (true)
        {
            var next = span.IndexOfAny(Special);
            if (next < 0)
            {
                writer.Write(span);
                return;
            }

            writer.Write(span[..next]);
            writer.Write(span[next] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => "&quot;",
            });
            span = span[(next + 1)..];
        }
    }

    /// <summary>Returns <paramref name="value"/>, escaped (a new string only when something needs escaping).</summary>
    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(Special) < 0 ? value : new StringBuilder(value.Length + 16).AppendEscaped(value).ToString();
}
