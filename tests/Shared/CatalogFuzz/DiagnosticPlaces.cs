using System.Text.RegularExpressions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Testing;

/// <summary>Checks that diagnostics point into the files of the catalog they are about.</summary>
internal static partial class DiagnosticPlaces
{
    /// <summary>
    /// Lists what is wrong with each diagnostic's place and text: its file must be one of the catalog's, its line at
    /// least 1 and at most the file's line count, its column at least 1 and at most one past the end of its line;
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

        var lines = Lines(File.ReadAllText(location.File));
        if (location.Line < 1 || location.Line > lines.Count)
        {
            return $"line {location.Line} is outside the file's {lines.Count} lines";
        }

        var length = lines[location.Line - 1];
        return location.Column < 1 || location.Column > length + 1
            ? $"column {location.Column} is outside line {location.Line}, which has {length} characters"
            : null;
    }

    /// <summary>The length of each line of a text, broken where YAML breaks lines: at CR LF, CR, LF, NEL, U+2028 and U+2029.</summary>
    private static List<int> Lines(string text)
    {
        var lengths = new List<int>();
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                lengths.Add(length);
                length = 0;
                continue;
            }

            length++;
        }

        lengths.Add(length);
        return lengths;
    }

    [GeneratedRegex("^OTO[0-9]{4}$")]
    private static partial Regex CodePattern();
}
