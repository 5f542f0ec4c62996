using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// The text of one catalog file, cut into lines where YAML breaks them: at CR LF, CR, LF, NEL (U+0085), and the line
/// and paragraph separators (U+2028, U+2029). The YAML reader numbers lines so, and the places we report must agree.
/// </summary>
internal sealed class SourceFile
{
    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (IsBreak(text[i]))
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        LineStarts = [.. starts];
    }

    /// <summary>Gets the path diagnostics name.</summary>
    public string Path { get; }

    /// <summary>Gets the whole text.</summary>
    public string Text { get; }

    /// <summary>Gets the index in <see cref="Text"/> where each line starts; line 1 starts at 0.</summary>
    public int[] LineStarts { get; }

    /// <summary>Gets the number of lines: one more than the number of line breaks.</summary>
    public int LineCount => LineStarts.Length;

    /// <summary>Gets where the text ends: after the last character of the last line.</summary>
    public SourceLocation End => new(Path, LineCount, LineLength(LineCount) + 1);

    /// <summary>Whether a character breaks a line in YAML.</summary>
    public static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>Returns a 1-based line's text, without its line break; empty past the last line.</summary>
    public string Line(int line) => line < 1 || line > LineCount ? string.Empty : Text.Substring(LineStarts[line - 1], LineLength(line));

    /// <summary>
    /// Returns the place at a character index, line and column as the YAML reader counted them; a place at or past the
    /// end of the text (the reader puts the end of the stream on a line after the last) is the end of the text.
    /// </summary>
    public SourceLocation At(long index, long line, long column) =>
        index >= Text.Length || line > LineCount ? End : new SourceLocation(Path, (int)line, (int)column);

    private int LineLength(int line)
    {
        var start = LineStarts[line - 1];
        var end = line < LineCount ? LineStarts[line] : Text.Length;
        while (end > start && IsBreak(Text[end - 1]))
        {
            end--;
        }

        return end - start;
    }
}
