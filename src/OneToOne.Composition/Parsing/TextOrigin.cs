using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// Maps a 0-based line and column inside a scalar's text back to the catalog file, so that template
/// errors point at the YAML the marketer edits rather than at an extracted string.
/// </summary>
/// <param name="File">The catalog file.</param>
/// <param name="FirstLine">The 1-based file line of the scalar's first text line.</param>
/// <param name="FirstColumn">The 1-based file column of the scalar's first character.</param>
/// <param name="Indent">For block scalars, the 1-based column at which every later line starts; otherwise 1.</param>
/// <param name="IsBlock">Whether the scalar is a literal or folded block (<c>|</c> or <c>&gt;</c>).</param>
internal readonly record struct TextOrigin(string File, int FirstLine, int FirstColumn, int Indent, bool IsBlock)
{
    public SourceLocation Map(int line, int column)
    {
        if (IsBlock)
        {
            return new SourceLocation(File, FirstLine + line, Indent + column);
        }

        // Flow scalars: the first line starts where the value starts; continuation lines are
        // indented in the file, and the indentation was folded away, so the column is approximate.
        return line == 0
            ? new SourceLocation(File, FirstLine, FirstColumn + column)
            : new SourceLocation(File, FirstLine + line, column + 1);
    }
}
