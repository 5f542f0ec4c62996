using System.Buffers;
using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace OneToOne.Composition.Rendering;

/// <summary>
/// Turns Markdown into readable plain text: paragraphs and line breaks kept, list structure kept,
/// link URLs kept beside their text, emphasis dropped. Not an HTML-stripped soup.
/// </summary>
internal static class PlainTextRenderer
{
    public static string Render(string markdown, MarkdownPipeline pipeline)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var builder = new StringBuilder(markdown.Length);
        WriteBlocks(builder, document, string.Empty);
        return Normalize(builder);
    }

    private static void WriteBlocks(StringBuilder builder, ContainerBlock container, string indent)
    {
        foreach (var block in container)
        {
            WriteBlock(builder, block, indent);
        }
    }

    private static void WriteBlock(StringBuilder builder, Block block, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                builder.Append(indent);
                WriteInlines(builder, heading.Inline, indent);
                builder.Append("\n\n");
                break;
            case ParagraphBlock paragraph:
                builder.Append(indent);
                WriteInlines(builder, paragraph.Inline, indent);
                builder.Append("\n\n");
                break;
            case ListBlock list:
                WriteList(builder, list, indent);
                builder.Append('\n');
                break;
            case QuoteBlock quote:
                var inner = new StringBuilder();
                WriteBlocks(inner, quote, string.Empty);
                foreach (var line in Normalize(inner).TrimEnd('\n').Split('\n'))
                {
                    builder.Append(indent).Append("> ").Append(line).Append('\n');
                }

                builder.Append('\n');
                break;
            case ThematicBreakBlock:
                builder.Append(indent).Append("----------\n\n");
                break;
            case Table table:
                WriteTable(builder, table, indent);
                break;
            case HtmlBlock:
                // Raw HTML has no faithful plain-text form; authors give a 'text:' override when it matters.
                break;
            case LeafBlock { Lines.Count: > 0 } leaf:
                foreach (var line in leaf.Lines.Lines.Take(leaf.Lines.Count))
                {
                    builder.Append(indent).Append(line.ToString()).Append('\n');
                }

                builder.Append('\n');
                break;
            case ContainerBlock nested:
                WriteBlocks(builder, nested, indent);
                break;
        }
    }

    private static void WriteList(StringBuilder builder, ListBlock list, string indent)
    {
        var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? string.Create(CultureInfo.InvariantCulture, $"{number++}. ") : "- ";
            var inner = new StringBuilder();
            WriteBlocks(inner, item, string.Empty);
            var lines = Normalize(inner).TrimEnd('\n').Split('\n');
            var continuation = indent + new string(' ', bullet.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                if (i == 0)
                {
                    builder.Append(indent).Append(bullet).Append(lines[i]).Append('\n');
                }
                else if (lines[i].Length > 0)
                {
                    builder.Append(continuation).Append(lines[i]).Append('\n');
                }
            }
        }
    }

    private static void WriteTable(StringBuilder builder, Table table, string indent)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            builder.Append(indent);
            var first = true;
            foreach (var cell in row.OfType<TableCell>())
            {
                if (!first)
                {
                    builder.Append(" | ");
                }

                first = false;

                // A cell's text as Markdown gives it (already without the cell padding), on one line.
                var inner = new StringBuilder();
                foreach (var paragraph in cell.OfType<ParagraphBlock>())
                {
                    WriteInlines(inner, paragraph.Inline, string.Empty);
                }

                builder.Append(inner.Replace('\n', ' '));
            }

            builder.Append('\n');
        }

        builder.Append('\n');
    }

    /// <summary>Gets the plain text of an inline container (a link's text) as this renderer writes it.</summary>
    internal static string InlineText(ContainerInline container)
    {
        var builder = new StringBuilder();
        WriteInlines(builder, container, string.Empty);
        return builder.ToString();
    }

    private static void WriteInlines(StringBuilder builder, ContainerInline? container, string indent)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    builder.Append('\n').Append(indent);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
                case LinkInline { IsImage: true } image:
                    var alt = new StringBuilder();
                    WriteInlines(alt, image, indent);
                    builder.Append(alt.Length > 0 ? alt.ToString() : image.Url);
                    break;
                case LinkInline link:
                    var text = new StringBuilder();
                    WriteInlines(text, link, indent);
                    builder.Append(text);
                    if (!string.IsNullOrEmpty(link.Url) && text.ToString() != link.Url)
                    {
                        builder.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case HtmlInline:
                    break;
                case DelimiterInline delimiter:
                    // A bracket or emphasis mark that matched nothing (an unresolved [x][y]): its text, then what follows it.
                    builder.Append(delimiter.ToLiteral());
                    WriteInlines(builder, delimiter, indent);
                    break;
                case ContainerInline nested:
                    WriteInlines(builder, nested, indent);
                    break;
            }
        }
    }

    /// <summary>
    /// Trims trailing white space on each line (a line ends at <c>\n</c>; the <c>\r</c> of a <c>\r\n</c> is trailing
    /// white space too), drops blank lines at the start and end, keeps at most one blank line between blocks, and
    /// ends the text with one line break (empty text stays empty). Works in one pass over a pooled copy, compacting it
    /// in place (what is written never overtakes what is read: each line break written stands for one read); the only
    /// allocation is the result.
    /// </summary>
    internal static string Normalize(StringBuilder builder)
    {
        var text = Compact(builder, out var written);
        try
        {
            return written == 0 ? string.Empty : new string(text, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>Normalizes as <see cref="Normalize(StringBuilder)"/> does, into a writer instead of a new string.</summary>
    internal static void Normalize(StringBuilder builder, TextWriter output)
    {
        var text = Compact(builder, out var written);
        try
        {
            output.Write(text, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>The normalized text in the first <paramref name="written"/> characters of an array rented from the shared pool.</summary>
    private static char[] Compact(StringBuilder builder, out int written)
    {
        var length = builder.Length;
        var text = ArrayPool<char>.Shared.Rent(length + 1);
        builder.CopyTo(0, text, length);
        written = 0;
        var blank = false;
        var lineStart = 0;
        while (lineStart <= length)
        {
            var lineEnd = Array.IndexOf(text, '\n', lineStart, length - lineStart);
            if (lineEnd < 0)
            {
                lineEnd = length;
            }

            var end = lineEnd;
            while (end > lineStart && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (end == lineStart)
            {
                blank = true;
            }
            else
            {
                if (written > 0)
                {
                    text[written++] = '\n';
                    if (blank)
                    {
                        text[written++] = '\n';
                    }
                }

                blank = false;
                text.AsSpan(lineStart, end - lineStart).CopyTo(text.AsSpan(written));
                written += end - lineStart;
            }

            lineStart = lineEnd + 1;
        }

        if (written > 0)
        {
            text[written++] = '\n';
        }

        return text;
    }
}
