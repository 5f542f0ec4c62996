using System.Buffers;
using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Rendering;

/// <summary>Escapes recipient values for their target so that data can never become markup, headers or code.</summary>
internal static class TextEscaper
{
    /// <summary>Marks the start of a slot placeholder; never allowed through from data.</summary>
    public const char PlaceholderStart = '\uE000';

    /// <summary>Marks the end of a slot placeholder; never allowed through from data.</summary>
    public const char PlaceholderEnd = '\uE001';

    /// <summary>
    /// The elements that show something without any text in them (<see cref="ShowsNothing"/>): an image, a picture, a
    /// video or another embedded object, a form control, a rule. Any other tag, with or without attributes, shows nothing
    /// on its own: <c>&lt;p class="legal"&gt;&lt;/p&gt;</c> is as empty as no paragraph.
    /// </summary>
    private static readonly string[] ShownAlone = ["img", "picture", "svg", "video", "audio", "iframe", "object", "embed", "canvas", "input", "select", "textarea", "button", "meter", "progress", "math", "hr"];

    /// <summary>
    /// The characters one-line escaping changes: control characters and the line and paragraph separators (spaces then),
    /// the bidirectional embeddings, overrides and isolates, and the placeholder marks (dropped).
    /// </summary>
    private static readonly SearchValues<char> LineChanges = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x10000).Select(static c => (char)c).Where(static c => FoldsInLine(c) || DroppedInLine(c))) + PlaceholderStart + PlaceholderEnd);

    /// <summary>Whether one-line escaping turns <paramref name="c"/> into a space: control characters and the Unicode line and paragraph separators.</summary>
    private static bool FoldsInLine(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>
    /// Whether one-line escaping drops <paramref name="c"/>: the bidirectional embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069), with which a value could reverse how the rest of a subject or a header reads
    /// ("Invoice ‮fdp.exe"). The marks U+200E and U+200F, which reorder nothing beyond themselves, stay.
    /// </summary>
    private static bool DroppedInLine(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Appends a value escaped for its position in the template's output as well as for <paramref name="mode"/>; returns
    /// false, writing nothing, when the value starts a URL with a scheme data may not supply (see <see cref="UnsafeScheme"/>).
    /// </summary>
    public static bool Append(StringBuilder builder, string value, EscapeMode mode, ValuePosition position)
    {
        switch (position)
        {
            case ValuePosition.Text:
                Append(builder, value, mode);
                return true;
            case ValuePosition.UrlStart:
                if (UnsafeScheme(value) is not null)
                {
                    return false;
                }

                // Browsers drop line breaks inside a URL, so they fold as in any one-line value (Markdown escaping folds them already).
                Append(builder, mode == EscapeMode.Markdown ? value : Escape(value, EscapeMode.Line), mode);
                return true;
            case ValuePosition.UrlPart:
                builder.Append(Escape(value, EscapeMode.Url));
                return true;
            default:
                AppendCode(builder, value, position);
                return true;
        }
    }

    /// <summary>
    /// Gets the scheme a value would start a URL with, lower-cased, when it is one data may not supply; null for
    /// http, https, mailto and tel URLs and for relative URLs. The value is read as a browser reads a URL: leading
    /// spaces and control characters dropped, tabs and line breaks ignored wherever they are.
    /// </summary>
    public static string? UnsafeScheme(string value)
    {
        // Without allocating: no safe scheme is longer than 16 characters, and an unsafe one's name is only for a message
        // (a longer one is named by its first 16).
        Span<char> scheme = stackalloc char[16];
        var length = 0;
        foreach (var c in value)
        {
            if ((length == 0 && c <= ' ') || c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c == ':')
            {
                var name = scheme[..Math.Min(length, scheme.Length)];
                return length == 0 || (length <= scheme.Length && name is "http" or "https" or "mailto" or "tel") ? null
                    : length <= scheme.Length ? new string(name) : new string(name) + "…";
            }

            if (!char.IsAsciiLetter(c) && (length == 0 || !(char.IsAsciiDigit(c) || c is '+' or '-' or '.')))
            {
                // Not a scheme: a relative URL (a path, a query or a fragment).
                return null;
            }

            if (length < scheme.Length)
            {
                scheme[length] = char.ToLowerInvariant(c);
            }

            length++;
        }

        return null;
    }

    /// <summary>Writes a value into Markdown code as it is (Markdig encodes code itself): line breaks fold, and characters that could end the code are replaced by look-alikes.</summary>
    private static void AppendCode(StringBuilder builder, string value, ValuePosition position)
    {
        foreach (var c in value)
        {
            if (c is PlaceholderStart or PlaceholderEnd)
            {
                continue;
            }

            builder.Append(c switch
            {
                '`' when position is ValuePosition.CodeSpan or ValuePosition.FenceLine => '\u02CB',
                '~' when position is ValuePosition.FenceLine => '\u02DC',
                _ when FoldsInLine(c) => ' ',
                _ => c,
            });
        }
    }

    public static void Append(StringBuilder builder, string value, EscapeMode mode)
    {
        if (mode == EscapeMode.Markdown)
        {
            AppendMarkdown(builder, value);
            return;
        }

        foreach (var c in value)
        {
            if (c is PlaceholderStart or PlaceholderEnd)
            {
                continue;
            }

            switch (mode)
            {
                case EscapeMode.Html:
                    switch (c)
                    {
                        case '<': builder.Append("&lt;"); break;
                        case '>': builder.Append("&gt;"); break;
                        case '&': builder.Append("&amp;"); break;
                        case '"': builder.Append("&quot;"); break;
                        case '\'': builder.Append("&#39;"); break;
                        default: builder.Append(c); break;
                    }

                    break;
                case EscapeMode.Line:
                    // A one-line value stays one line, and reads in the order it is written.
                    if (!DroppedInLine(c))
                    {
                        builder.Append(FoldsInLine(c) ? ' ' : c);
                    }

                    break;
                case EscapeMode.HtmlText:
                    switch (c)
                    {
                        case '<': builder.Append("&lt;"); break;
                        case '>': builder.Append("&gt;"); break;
                        case '&': builder.Append("&amp;"); break;
                        case '"': builder.Append("&quot;"); break;
                        default: builder.Append(char.IsControl(c) ? ' ' : c); break;
                    }

                    break;
                case EscapeMode.Text:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    /// <summary>
    /// Makes a value literal text in Markdown, whatever its position: every ASCII punctuation mark becomes a
    /// numeric entity (inert as Markdown syntax, and still inert inside a raw HTML block, where a backslash
    /// escape would not be), control characters become spaces, and leading or trailing white space becomes
    /// numeric entities so that Markdown neither trims it nor reads it as indentation or a line break.
    /// </summary>
    private static void AppendMarkdown(StringBuilder builder, string value)
    {
        value = WithoutPlaceholders(value);
        var first = 0;
        var last = value.Length - 1;
        while (first <= last && IsEdgeSpace(value[first]))
        {
            first++;
        }

        while (last >= first && IsEdgeSpace(value[last]))
        {
            last--;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is PlaceholderStart or PlaceholderEnd)
            {
                continue;
            }

            if (char.IsControl(c))
            {
                c = ' ';
            }

            if (i < first || i > last || (c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c))))
            {
                builder.Append("&#").Append((int)c).Append(';');
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    /// <summary>
    /// Removes the characters reserved for slot placeholders, as <see cref="WithoutPlaceholders"/>, from a value that is
    /// valid UTF-16; one with an unpaired surrogate gives null. Most values have neither, and cost one vectorised scan:
    /// the surrogates and the two placeholder characters are neighbours (U+D800–U+E001).
    /// </summary>
    public static string? WithoutPlaceholdersIfWhole(string value)
    {
        if (value.AsSpan().IndexOfAnyInRange('\uD800', PlaceholderEnd) < 0)
        {
            return value;
        }

        var kept = WithoutPlaceholders(value);
        return Utf16Text.UnpairedSurrogate(kept) < 0 ? kept : null;
    }

    /// <summary>Removes the characters reserved for slot placeholders, which data may never carry.</summary>
    public static string WithoutPlaceholders(string value) =>
        value.AsSpan().IndexOfAny(PlaceholderStart, PlaceholderEnd) < 0
            ? value
            : value.Replace(PlaceholderStart.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(PlaceholderEnd.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Gets the most characters <see cref="Append(StringBuilder, string, EscapeMode)"/> writes for one character of a value in <paramref name="mode"/>:
    /// a numeric entity of up to five digits in Markdown, <c>&amp;quot;</c> in HTML, three UTF-8 bytes percent-encoded
    /// in a URL, the character itself otherwise.
    /// </summary>
    public static int MaxExpansion(EscapeMode mode) => mode switch
    {
        EscapeMode.Markdown => 8,
        EscapeMode.Url => 9,
        EscapeMode.Html or EscapeMode.HtmlText => 6,
        _ => 1,
    };

    /// <summary>Gets the most characters <see cref="Append(StringBuilder, string, EscapeMode, ValuePosition)"/> writes for one character of a value at <paramref name="position"/>.</summary>
    public static int MaxExpansion(EscapeMode mode, ValuePosition position) =>
        position == ValuePosition.UrlPart ? Math.Max(MaxExpansion(EscapeMode.Url), MaxExpansion(mode)) : MaxExpansion(mode);

    /// <summary>Whether a character counts as space at a value's edge: white space, or a control character (written as a space).</summary>
    internal static bool IsEdgeSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    /// <summary>
    /// Gets whether a module's output (text, HTML or Markdown) shows nothing: it holds only white space and invisible format
    /// characters (a zero-width space, a byte order mark), as they are or as a numeric entity (<see cref="AppendMarkdown"/>)
    /// or <c>&amp;nbsp;</c>, and, in markup, tags and comments around them, such as an empty paragraph, a line break or a
    /// <c>&lt;div class="legal"&gt;&lt;/div&gt;</c> whose text was left out; an element that shows something without text
    /// (an image, a rule) is something.
    /// </summary>
    /// <param name="output">The module's output.</param>
    /// <param name="markup">Whether the output is HTML or Markdown, whose tags are markup; in plain text a tag is text the reader sees.</param>
    internal static bool ShowsNothing(ReadOnlySpan<char> output, bool markup)
    {
        while (!output.IsEmpty)
        {
            if (IsBlank(output[0]))
            {
                output = output[1..];
                continue;
            }

            var skip = 0;
            if (output.StartsWith("&nbsp;", StringComparison.OrdinalIgnoreCase))
            {
                skip = "&nbsp;".Length;
            }
            else if (output.StartsWith("&#") && output.IndexOf(';') is > 2 and var end
                && int.TryParse(output[2..end], NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= char.MaxValue && IsBlank((char)code))
            {
                skip = end + 1;
            }
            else if (markup && output[0] == '<')
            {
                skip = BlankTagLength(output);
            }

            if (skip == 0)
            {
                return false;
            }

            output = output[skip..];
        }

        return true;
    }

    /// <summary>
    /// The length of the tag or comment <paramref name="output"/> starts with when it shows nothing on its own; 0 when it
    /// is an element in <see cref="ShownAlone"/>, or no tag (<c>&lt;https://example.com&gt;</c>, a Markdown autolink, or a
    /// <c>&lt;</c> that ends nothing).
    /// </summary>
    private static int BlankTagLength(ReadOnlySpan<char> output)
    {
        if (output.StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = output[4..].IndexOf("-->", StringComparison.Ordinal);
            return close < 0 ? 0 : 4 + close + 3;
        }

        var at = output.Length > 1 && output[1] == '/' ? 2 : 1;
        var nameStart = at;
        while (at < output.Length && char.IsAsciiLetterOrDigit(output[at]))
        {
            at++;
        }

        if (at == nameStart || !char.IsAsciiLetter(output[nameStart]) || at == output.Length || !(output[at] is '>' or '/' || char.IsWhiteSpace(output[at])))
        {
            return 0;
        }

        foreach (var shown in ShownAlone)
        {
            if (output[nameStart..at].Equals(shown, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }
        }

        // To the tag's end, past any '>' in a quoted attribute value.
        var quote = '\0';
        for (; at < output.Length; at++)
        {
            var c = output[at];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return at + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Whether a character shows nothing on its own: white space, a control character, or an invisible format character
    /// (U+200B, U+2060, U+FEFF, a direction mark …), but not the format characters drawn as signs (U+0600–U+0605, U+06DD,
    /// U+070F, U+0890–U+0891, U+08E2, U+110BD, U+110CD; the last two are surrogate pairs, whose halves are not format).
    /// </summary>
    private static bool IsBlank(char c) =>
        IsEdgeSpace(c)
        || (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is not (>= '\u0600' and <= '\u0605' or '\u06DD' or '\u070F' or '\u0890' or '\u0891' or '\u08E2'));

    public static string Escape(string value, EscapeMode mode)
    {
        if (mode == EscapeMode.Url)
        {
            return Uri.EscapeDataString(Escape(value, EscapeMode.Plain));
        }

        if (mode == EscapeMode.Line && value.AsSpan().IndexOfAny(LineChanges) < 0)
        {
            // Most one-line text (every planned subject, whose values are escaped already) has nothing to change.
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        Append(builder, value, mode);
        return builder.ToString();
    }
}
