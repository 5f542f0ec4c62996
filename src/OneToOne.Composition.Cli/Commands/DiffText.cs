namespace OneToOne.Composition.Cli.Commands;

/// <summary>How the diff compares and quotes rendered text: by lines a reader sees, the first differing one shortened.</summary>
internal static class DiffText
{
    /// <summary>
    /// What a reader sees: lines, trimmed, blank ones left out. A slot placed on a line of its own and left empty adds a
    /// blank line to the HTML and print forms, which showed as "text changed (web, print): "" → """.
    /// </summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first line that differs between two texts' lines, before and after, each shortened to a readable length.</summary>
    public static (string Before, string After) FirstDifferingLine(string[] a, string[] b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return (Clip(i < a.Length ? a[i] : string.Empty), Clip(i < b.Length ? b[i] : string.Empty));
    }

    /// <summary>A line shortened to 120 characters at most, '…' included, cut between grapheme clusters (never within an emoji).</summary>
    public static string Clip(string text) => text.Length <= 120 ? text : OneLineText.Shorten(text, 119);
}
