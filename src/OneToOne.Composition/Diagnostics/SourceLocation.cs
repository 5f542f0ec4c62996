namespace OneToOne.Composition.Diagnostics;

/// <summary>A position in a catalog file: the file path and a 1-based line and column.</summary>
/// <param name="File">The path of the file, as it was given to the loader.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column number.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>
    /// Formats the location the way compilers do: <c>path(line,col)</c>, on one line (a control or bidirectional
    /// formatting character in the path is written as an escape, <c>\n</c> or <c>\u202E</c>).
    /// </summary>
    /// <returns>The formatted location.</returns>
    public override string ToString() => $"{OneLineText.Escape(File)}({Line},{Column})";
}
