using System.Text.RegularExpressions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Testing;

/// <summary>Checks that diagnostics point into the files of the catalog they are about.</summary>
internal static partial class DiagnosticPlaces
{
    /// <summary>
    /// Lists what is wrong with each diagnostic's place and text: its file must be one of the catalog's, its line at
    /// least 1 and at most the file's line count, its column at least 1 and at most one past the file's longest line;
    /// its code must be an OTO code and its message must say something, on one line without control characters.
    /// </summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="folder">The catalog's folder; its files are read as the loader reads them.</param>
    /// <returns>One line per problem; empty when every diagnostic is well placed.</returns>
    public static List<string> Problems(IEnumerable<Diagnostic> diagnostics, string folder)
    {
        var problems = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            if (!CodePattern().IsMatch(diagnostic.Code) || string.IsNullOrWhiteSpace(diagnostic.Message) || diagnostic.Message.Any(static c => char.IsControl(c) || c is '\u2028' or '\u2029'))
            {
                problems.Add($"no OTO code, or no message on one line: {diagnostic}");
            }

            if (Problem(diagnostic.Location, folder) is { } problem)
            {
                problems.Add($"{problem}: {diagnostic}");
            }
        }

        return problems;
    }

    /// <summary>Says what is wrong with a place in a catalog folder, or null when it is inside one of its files.</summary>
    /// <param name="location">The place.</param>
    /// <param name="folder">The catalog's folder.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(SourceLocation location, string folder)
    {
        if (Path.GetDirectoryName(location.File) != folder || !File.Exists(location.File))
        {
            return $"the file '{location.File}' is not one of the catalog's files";
        }

        var (lines, longest) = Measure(File.ReadAllText(location.File));
        if (location.Line < 1 || location.Line > lines)
        {
            return $"line {location.Line} is outside the file's {lines} lines";
        }

        return location.Column < 1 || location.Column > longest + 1
            ? $"column {location.Column} is outside the file's lines (the longest has {longest} characters)"
            : null;
    }

    /// <summary>
    /// Counts a text's lines and measures its longest. YAML breaks lines at CR LF, CR, LF, NEL, U+2028 and U+2029, an
    /// editor at some of them: the count takes every break and the length only LF, the most either could number.
    /// </summary>
    private static (int Lines, int Longest) Measure(string text)
    {
        var lines = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' && !(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                lines++;
            }
        }

        return (lines, text.Split('\n').Max(static line => line.Length));
    }

    [GeneratedRegex("^OTO[0-9]{4}$")]
    private static partial Regex CodePattern();
}
