using Markdig.Extensions.Tables;
using Markdig.Syntax;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <content>Pipe tables: column widths from content, wrapped cells, header rows repeated after a page break.</content>
internal sealed partial class MessageLayout
{
    private void LayoutTable(Table table, float left, float width)
    {
        var rows = new List<TableRow>();
        var columnCount = 0;
        foreach (var block in table)
        {
            if (block is TableRow row)
            {
                rows.Add(row);
                columnCount = Math.Max(columnCount, row.Count);
            }
        }

        if (rows.Count == 0 || columnCount == 0)
        {
            return;
        }

        var padding = BaseSize * 0.4f;
        if (columnCount * ((2 * padding) + BaseSize) > width)
        {
            throw new PrintException($"A table has {columnCount} columns, too many to fit the page width; use fewer columns or a smaller font size.");
        }

        // The text of every cell; a missing cell is empty.
        var texts = new StyledText[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var style = rows[r].IsHeader ? BodyStyle with { Face = FontFace.Bold } : BodyStyle;
            texts[r] = new StyledText[columnCount];
            for (var c = 0; c < columnCount; c++)
            {
                texts[r][c] = c < rows[r].Count && rows[r][c] is TableCell cell ? CellText(cell, style) : Styled(string.Empty, style);
            }
        }

        var widths = ColumnWidths(texts, columnCount, width, 2 * padding);
        var alignments = new TextAlignment[columnCount];
        for (var c = 0; c < columnCount && c < table.ColumnDefinitions.Count; c++)
        {
            alignments[c] = table.ColumnDefinitions[c].Alignment switch
            {
                TableColumnAlign.Right => TextAlignment.Right,
                TableColumnAlign.Center => TextAlignment.Center,
                _ => TextAlignment.Start,
            };
        }

        var tableWidth = widths.Sum();
        var headerRows = new List<int>();
        AddSpace(BaseSize * 0.3f);
        var firstOnPage = true;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = BreakRow(texts[r], widths, padding);
            var height = RowHeight(cells, padding);
            var headerHeight = 0f;
            foreach (var h in headerRows)
            {
                headerHeight += RowHeight(BreakRow(texts[h], widths, padding), padding);
            }

            if (height + headerHeight > _page.ContentHeight)
            {
                throw new PrintException("A table row is taller than a page; shorten the cell text.");
            }

            if (_y + height > _page.Bottom + 0.01f && !AtPageTop)
            {
                NewPage();
                firstOnPage = true;
                if (!rows[r].IsHeader)
                {
                    foreach (var h in headerRows)
                    {
                        PlaceRow(BreakRow(texts[h], widths, padding), widths, alignments, padding, left, tableWidth, header: true, firstOnPage);
                        firstOnPage = false;
                    }
                }
            }

            PlaceRow(cells, widths, alignments, padding, left, tableWidth, rows[r].IsHeader, firstOnPage);
            firstOnPage = false;
            if (rows[r].IsHeader)
            {
                headerRows.Add(r);
            }
        }

        AddSpace(BaseSize * 0.75f);
    }

    private StyledText CellText(TableCell cell, TextStyle style)
    {
        var builder = new StyledTextBuilder(_fonts, style);
        foreach (var block in cell)
        {
            if (block is LeafBlock { Inline: { } inline })
            {
                if (!builder.EndsWithSpace)
                {
                    builder.Append(" ", style);
                }

                AppendInlines(builder, inline, style);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Column widths from content: every column gets its widest line unbroken if the table fits; otherwise each gets
    /// its longest word and the rest of the width is shared in proportion to how much more each would like; if even
    /// the longest words do not fit, widths are proportional to them and long words are broken.
    /// </summary>
    internal static float[] ColumnWidths(StyledText[][] texts, int columnCount, float width, float chrome)
    {
        var minimum = new float[columnCount];
        var maximum = new float[columnCount];
        foreach (var row in texts)
        {
            for (var c = 0; c < columnCount; c++)
            {
                var text = row[c];
                var lines = LineBreaker.Break(text.Text, float.PositiveInfinity, text.Measure);
                foreach (var line in lines)
                {
                    maximum[c] = Math.Max(maximum[c], text.Measure(line.Start, line.End));
                }

                foreach (var word in LineBreaker.Words(text.Text))
                {
                    minimum[c] = Math.Max(minimum[c], text.Measure(word.Start, word.End));
                }
            }
        }

        var widths = new float[columnCount];
        var available = width - (columnCount * chrome);
        float sumMinimum = minimum.Sum(), sumMaximum = maximum.Sum();
        for (var c = 0; c < columnCount; c++)
        {
            float content;
            if (sumMaximum <= available)
            {
                content = maximum[c];
            }
            else if (sumMinimum <= available)
            {
                var wanted = sumMaximum - sumMinimum;
                content = minimum[c] + (wanted > 0 ? (available - sumMinimum) * (maximum[c] - minimum[c]) / wanted : 0f);
            }
            else
            {
                content = sumMinimum > 0 ? available * minimum[c] / sumMinimum : available / columnCount;
            }

            widths[c] = content + chrome;
        }

        return widths;
    }

    private static TableCellLayout[] BreakRow(StyledText[] texts, float[] widths, float padding)
    {
        var cells = new TableCellLayout[texts.Length];
        for (var c = 0; c < texts.Length; c++)
        {
            var text = texts[c];

            // Allow for rounding: a column sized to its widest line must not break that line.
            var lines = LineBreaker.Break(text.Text, widths[c] - (2 * padding) + 0.01f, text.Measure);
            var height = 0f;
            foreach (var line in lines)
            {
                var (ascent, descent) = text.Metrics(line.Start, line.End);
                height += LineHeight(ascent, descent);
            }

            if (lines.Count == 0)
            {
                var (ascent, descent) = text.Metrics(0, 0);
                height = LineHeight(ascent, descent);
            }

            cells[c] = new TableCellLayout(text, lines, height);
        }

        return cells;
    }

    private static float RowHeight(TableCellLayout[] cells, float padding)
    {
        var height = 0f;
        foreach (var cell in cells)
        {
            height = Math.Max(height, cell.Height);
        }

        return height + (2 * padding);
    }

    private void PlaceRow(TableCellLayout[] cells, float[] widths, TextAlignment[] alignments, float padding, float left, float tableWidth, bool header, bool firstOnPage)
    {
        var height = RowHeight(cells, padding);
        var top = _y;
        if (header)
        {
            _current.Commands.Add(DrawCommand.FillRectangle(new SKRect(left, top, left + tableWidth, top + height), ShadeColor));
        }

        if (firstOnPage)
        {
            _current.Commands.Add(DrawCommand.DrawLine(left, top, left + tableWidth, top, 0.75f, RuleColor));
        }

        var x = left;
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            var y = top + padding;
            foreach (var line in cell.Lines)
            {
                var (ascent, descent) = cell.Text.Metrics(line.Start, line.End);
                var lineHeight = LineHeight(ascent, descent);
                var baseline = y + ((lineHeight - ascent - descent) / 2f) + ascent;
                DrawLineRuns(cell.Text, line, x + padding, widths[c] - (2 * padding), baseline, ascent, descent, alignments[c]);
                y += lineHeight;
            }

            x += widths[c];
        }

        _current.Commands.Add(DrawCommand.DrawLine(left, top + height, left + tableWidth, top + height, header ? 1f : 0.5f, RuleColor));
        DrawQuoteBars(top, top + height);
        _y = top + height;
    }
}
