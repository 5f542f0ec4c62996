using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// Maps each character of a scalar's text to where it was written, for scalars whose text is not a plain copy of
/// their lines: flow scalars over several lines (folded), with escapes (<c>"\n"</c>, <c>"\u00e9"</c>) or doubled
/// quotes (<c>'it''s'</c>), and folded blocks (<c>&gt;</c>). Built on the first error that asks, then kept.
/// </summary>
/// <remarks>
/// It walks the text and the source together: a character of the text belongs to the next source character that is
/// the same character, or a line break where folding made a space or a line break of it, or an escape. Source
/// characters that made nothing (indentation, the line breaks folding removed) are skipped. Every place it gives is
/// inside the scalar, in order, so an error never points past it, let alone past the end of the file.
/// </remarks>
/// <param name="source">The file.</param>
/// <param name="start">The index in the file of the scalar's first source character (after an opening quote).</param>
/// <param name="end">The index in the file just after its last source character (before a closing quote).</param>
/// <param name="value">The scalar's text.</param>
/// <param name="escapes">Whether backslash escapes apply (double-quoted scalars).</param>
internal sealed class ScalarSourceMap(SourceFile source, int start, int end, string value, bool escapes)
{
    private readonly Lock _lock = new();
    private (int[] Lines, int[] Columns, int[] ValueLineStarts)? _table;

    /// <summary>Returns where a 0-based line and column of the scalar's text (lines broken at LF) was written.</summary>
    public SourceLocation Map(int line, int column)
    {
        var (lines, columns, valueLineStarts) = Table();
        var row = Math.Clamp(line, 0, valueLineStarts.Length - 1);
        var rowEnd = row + 1 < valueLineStarts.Length ? valueLineStarts[row + 1] - 1 : value.Length;
        var offset = Math.Clamp(valueLineStarts[row] + Math.Max(column, 0), valueLineStarts[row], rowEnd);
        return new SourceLocation(source.Path, lines[offset], columns[offset]);
    }

    private (int[] Lines, int[] Columns, int[] ValueLineStarts) Table()
    {
        lock (_lock)
        {
            return _table ??= Build();
        }
    }

    private (int[] Lines, int[] Columns, int[] ValueLineStarts) Build()
    {
        var text = source.Text;
        var lines = new int[value.Length + 1];
        var columns = new int[value.Length + 1];
        var line = Array.BinarySearch(source.LineStarts, start) is var found && found >= 0 ? found + 1 : ~found;
        var column = start - source.LineStarts[line - 1] + 1;
        var v = 0;
        var s = start;
        while (v < value.Length && s < end)
        {
            var c = text[s];
            var step = 1;
            if (escapes && c == '\\' && s + 1 < end)
            {
                var next = text[s + 1];
                if (SourceFile.IsBreak(next))
                {
                    // An escaped line break makes nothing.
                    s += next == '\r' && s + 2 < end && text[s + 2] == '\n' ? 3 : 2;
                    (line, column) = (line + 1, 1);
                    continue;
                }

                // An escape makes one character (a pair of surrogates for \U beyond the first plane).
                (lines[v], columns[v]) = (line, column);
                v++;
                if (v < value.Length && char.IsLowSurrogate(value[v]) && char.IsHighSurrogate(value[v - 1]))
                {
                    (lines[v], columns[v]) = (line, column);
                    v++;
                }

                step = Math.Min(next switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 }, end - s);
                s += step;
                column += step;
                continue;
            }

            var v0 = value[v];
            if (v0 == c || ((v0 is ' ' or '\n') && SourceFile.IsBreak(c)))
            {
                (lines[v], columns[v]) = (line, column);
                v++;
            }

            if (SourceFile.IsBreak(c))
            {
                if (c == '\r' && s + 1 < end && text[s + 1] == '\n')
                {
                    step = 2;
                }

                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            s += step;
        }

        // What the walk did not place (there should be nothing) and the end of the text are where the source ends.
        for (; v <= value.Length; v++)
        {
            (lines[v], columns[v]) = (line, column);
        }

        var valueLineStarts = new List<int> { 0 };
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\n')
            {
                valueLineStarts.Add(i + 1);
            }
        }

        return (lines, columns, [.. valueLineStarts]);
    }
}
