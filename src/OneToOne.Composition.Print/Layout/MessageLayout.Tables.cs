using Markdig.Extensions.Tables;
using Markdig.Syntax;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <content>
/// Pipe tables: column widths from content, wrapped cells, header rows repeated after a page break. A table reads in its
/// piece's direction, as the email's and web page's HTML does inside <c>dir="rtl"</c>: right to left, its first column
/// is at the right and the table, as wide as its content, stands at the right margin; a column's alignment keeps its
/// side (<c>:---</c> is <c>text-align: left</c> there), and a cell without one is flush with its text's start.
/// </content>
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
                TableColumnAlign.Left => TextAlignment.Left,
                TableColumnAlign.Right => TextAlignment.Right,
                TableColumnAlign.Center => TextAlignment.Center,
                _ => TextAlignment.Start,
            };
        }

        var tableWidth = widths.Sum();
        var rightToLeft = IsRightToLeft(table);
        var tableLeft = rightToLeft ? left + width - tableWidth : left;
        var headerRows = new List<TableCellLayout[]>();
        var headerHeight = 0f;
        AddSpace(BaseSize * 0.3f);
        var firstOnPage = true;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = BreakRow(texts[r], widths, padding);
            var height = RowHeight(cells, padding);
            var header = rows[r].IsHeader;
            if (height + headerHeight > _page.ContentHeight && (header || !CanSplit(cells, padding, _page.ContentHeight - headerHeight)))
            {
                throw new PrintException(header
                    ? "A table's header rows are taller than a page, so they cannot be repeated on every page the table covers; shorten the header text."
                    : "A table row cannot be split across pages: the table's header rows leave no room for one line of it; shorten the header text.");
            }

            // A row that fits on a page starts on the next one when it does not fit here; a taller row starts here if a line of each of its cells fits.
            if (_y + height > _page.Bottom + 0.01f && !AtPageTop
                && (height + headerHeight <= _page.ContentHeight || !CanSplit(cells, padding, _page.Bottom - _y)))
            {
                NextTablePage(headerRows, header, widths, alignments, padding, tableLeft, tableWidth, rightToLeft);
                firstOnPage = headerRows.Count == 0 || header;
            }

            // A row taller than the rest of the page is split between its lines: each cell's lines that fit, then the rest on the next page, under the header again.
            while (_y + RowHeight(cells, padding) > _page.Bottom + 0.01f)
            {
                var (fitting, rest) = SplitRow(cells, padding, _page.Bottom - _y);
                if (fitting.All(cell => cell.Lines.Count == 0))
                {
                    // Only a cell's later line can be taller than its first (another font size in it); under the header of a fresh page there is no more room.
                    throw new PrintException("A table row cannot be split across pages: a line of one of its cells is taller than a page leaves under the table's header rows; shorten the header text or the cell's large text.");
                }

                PlaceRow(fitting, widths, alignments, padding, tableLeft, tableWidth, header, firstOnPage, rightToLeft);
                NextTablePage(headerRows, header, widths, alignments, padding, tableLeft, tableWidth, rightToLeft);
                firstOnPage = headerRows.Count == 0;
                cells = rest;
            }

            PlaceRow(cells, widths, alignments, padding, tableLeft, tableWidth, header, firstOnPage, rightToLeft);
            firstOnPage = false;
            if (header)
            {
                headerRows.Add(cells);
                headerHeight += RowHeight(cells, padding);
            }
        }

        AddSpace(BaseSize * 0.75f);
    }

    private StyledText CellText(TableCell cell, TextStyle style)
    {
        var builder = new StyledTextBuilder(_fonts, style, _bodyLevel);
        foreach (var block in cell)
        {
            if (block is LeafBlock { Inline: { } inline })
            {
                if (!builder.EndsWithSpace)
                {
                    builder.Append(" ", style);
                }

                AppendInlines(builder, inline.FirstChild, null, style);
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
        var narrow = sumMaximum <= available || sumMinimum <= available ? null : Unbroken(minimum, available);
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
                content = narrow![c];
            }

            widths[c] = content + chrome;
        }

        return widths;
    }

    /// <summary>
    /// Content widths when the longest words do not fit together: a column whose longest word fits in an even share of
    /// the width left gets that word's width, so its words stay whole; the columns left, whose words are broken anyway,
    /// share the rest in proportion to their longest words. (Shared in proportion to the longest words alone, one long
    /// URL left a column of short words narrower than a letter.)
    /// </summary>
    private static float[] Unbroken(float[] minimum, float available)
    {
        var content = new float[minimum.Length];
        var kept = new bool[minimum.Length];
        var left = available;
        var open = minimum.Length;
        for (var changed = true; changed && open > 0;)
        {
            changed = false;
            var share = left / open;
            for (var c = 0; c < minimum.Length; c++)
            {
                if (!kept[c] && minimum[c] <= share)
                {
                    kept[c] = true;
                    content[c] = minimum[c];
                    left -= minimum[c];
                    open--;
                    changed = true;
                }
            }
        }

        var sumOpen = 0f;
        for (var c = 0; c < minimum.Length; c++)
        {
            sumOpen += kept[c] ? 0f : minimum[c];
        }

        for (var c = 0; c < minimum.Length; c++)
        {
            if (!kept[c])
            {
                content[c] = sumOpen > 0 ? left * minimum[c] / sumOpen : left / open;
            }
        }

        return content;
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
                height += LineHeight(text, line);
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

    /// <summary>Starts a new page inside a table, and repeats the table's header rows on it unless a header row is next.</summary>
    private void NextTablePage(List<TableCellLayout[]> headerRows, bool header, float[] widths, TextAlignment[] alignments, float padding, float left, float tableWidth, bool rightToLeft)
    {
        NewPage();
        if (header)
        {
            return;
        }

        var first = true;
        foreach (var headerRow in headerRows)
        {
            PlaceRow(headerRow, widths, alignments, padding, left, tableWidth, header: true, first, rightToLeft);
            first = false;
        }
    }

    /// <summary>Tells whether a row can be split within a height: the first line of each of its cells fits in it.</summary>
    private static bool CanSplit(TableCellLayout[] cells, float padding, float height)
    {
        foreach (var cell in cells)
        {
            if (cell.Lines.Count > 0 && LineHeight(cell.Text, cell.Lines[0]) + (2 * padding) > height + 0.01f)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a row between its lines: of each cell, the lines that fit in a height, and the lines left over.</summary>
    private static (TableCellLayout[] Fitting, TableCellLayout[] Later) SplitRow(TableCellLayout[] cells, float padding, float height)
    {
        var fitting = new TableCellLayout[cells.Length];
        var rest = new TableCellLayout[cells.Length];
        var room = height - (2 * padding) + 0.01f;
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            var used = 0f;
            var count = 0;
            while (count < cell.Lines.Count && used + LineHeight(cell.Text, cell.Lines[count]) <= room)
            {
                used += LineHeight(cell.Text, cell.Lines[count]);
                count++;
            }

            fitting[c] = new TableCellLayout(cell.Text, cell.Lines.Take(count).ToArray(), used);
            rest[c] = new TableCellLayout(cell.Text, cell.Lines.Skip(count).ToArray(), cell.Height - used);
        }

        return (fitting, rest);
    }

    /// <summary>Gets the height of one line of a cell's text.</summary>
    private static float LineHeight(StyledText text, TextLine line)
    {
        var (ascent, descent) = text.Metrics(line.Start, line.End);
        return LineHeight(ascent, descent);
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

    /// <summary>
    /// Places a row of cells at the cursor, the first cell at the table's left, or at its right when the table is right
    /// to left; cells are drawn in their order either way, so the PDF's text reads the first column first.
    /// </summary>
    private void PlaceRow(TableCellLayout[] cells, float[] widths, TextAlignment[] alignments, float padding, float left, float tableWidth, bool header, bool firstOnPage, bool rightToLeft)
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

        var x = rightToLeft ? left + tableWidth : left;
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            var cellLeft = rightToLeft ? x - widths[c] : x;
            var y = top + padding;
            foreach (var line in cell.Lines)
            {
                var (ascent, descent) = cell.Text.Metrics(line.Start, line.End);
                var lineHeight = LineHeight(ascent, descent);
                var baseline = y + ((lineHeight - ascent - descent) / 2f) + ascent;

                // A list item that opens with a table has its marker on the table's first line.
                DrawPendingMarker(baseline, ascent, descent);
                DrawLineRuns(cell.Text, line, cellLeft + padding, widths[c] - (2 * padding), baseline, ascent, descent, alignments[c]);
                y += lineHeight;
            }

            x = rightToLeft ? cellLeft : x + widths[c];
        }

        _current.Commands.Add(DrawCommand.DrawLine(left, top + height, left + tableWidth, top + height, header ? 1f : 0.5f, RuleColor));
        DrawQuoteBars(top, top + height);
        _y = top + height;
    }
}
