using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>Wraps a rendered web fragment in a minimal HTML5 document.</summary>
internal static class HtmlDocument
{
    /// <summary>Builds the document.</summary>
    /// <param name="subject">The subject, plain text; it becomes the HTML-encoded <c>&lt;title&gt;</c>, without the invisible characters an email's Subject drops (<see cref="InvisibleText"/>).</param>
    /// <param name="fragment">The rendered body, an HTML fragment already escaped by the renderer.</param>
    /// <param name="culture">The culture rendered in, for <c>lang</c> (and <c>dir="rtl"</c> when it writes right to left); the invariant culture leaves it out.</param>
    /// <returns>The document.</returns>
    public static string Wrap(string subject, string fragment, CultureInfo? culture)
    {
        var builder = new StringBuilder(fragment.Length + 256);
        builder.Append("<!DOCTYPE html>\n");
        builder.Append("<html").Append(culture is { Name.Length: > 0 } ? HtmlLanguage.Attributes(culture) : string.Empty).Append(">\n");
        builder.Append("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        builder.Append("<title>").Append(Encode(InvisibleText.Strip(subject))).Append("</title>\n</head>\n<body>\n");
        builder.Append(fragment);
        if (!fragment.EndsWith('\n'))
        {
            builder.Append('\n');
        }

        builder.Append("</body>\n</html>\n");
        return builder.ToString();
    }

    /// <summary>HTML-encodes text for an element or a quoted attribute; other characters stay as they are (the document is UTF-8).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
