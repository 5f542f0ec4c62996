using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// Maps a 0-based line and column inside a scalar's text back to the catalog file, so that template
/// errors point at the YAML the marketer edits rather than at an extracted string.
/// </summary>
/// <param name="File">The catalog file.</param>
/// <param name="FirstLine">The 1-based file line of the scalar's first text line.</param>
/// <param name="FirstColumn">The 1-based file column of the scalar's first character.</param>
/// <param name="Indent">For literal blocks, the 1-based column at which every later line starts; otherwise 1.</param>
/// <param name="IsBlock">Whether the scalar is a literal block (<c>|</c>), whose lines are the text's lines.</param>
/// <param name="LastLine">The last file line the scalar reaches: a block's text ends with a line break, whose empty line after it may be past the end of the file.</param>
/// <param name="Exact">
/// For a scalar whose text is not a copy of its lines (folded, escaped, or quotes doubled), the map of each character
/// to where it was written; null when the arithmetic above is exact.
/// </param>
internal readonly record struct TextOrigin(string File, int FirstLine, int FirstColumn, int Indent, bool IsBlock, int LastLine, ScalarSourceMap? Exact = null)
{
    public SourceLocation Map(int line, int column)
    {
        if (Exact is not null)
        {
            return Exact.Map(line, column);
        }

        if (IsBlock)
        {
            return new SourceLocation(File, Math.Min(FirstLine + line, LastLine), Indent + column);
        }

        // A flow scalar on one line, without escapes: its text is its line from the first character on.
        return new SourceLocation(File, FirstLine, FirstColumn + column);
    }
}
