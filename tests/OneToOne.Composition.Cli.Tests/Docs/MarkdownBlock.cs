namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown file: its language, its text and the line its text starts on, and the
/// <c>&lt;!-- snippet: … --&gt;</c> comment on the line before its fence, if any (how the test is to take it).
/// </summary>
internal sealed record MarkdownBlock(string File, string Language, int FirstLine, string Text, string? Marker)
{
    /// <summary>The file's path from the repository root, with forward slashes, as a diagnostic names it.</summary>
    public string RelativeFile => Path.GetRelativePath(Example.RepoRoot, File).Replace('\\', '/');

    /// <summary>Where the block starts, as <c>README.md:7</c>.</summary>
    public string Location => $"{RelativeFile}:{FirstLine}";

    /// <summary>The fenced blocks of a Markdown file, in file order (fences at the start of a line, as the READMEs write them).</summary>
    public static IReadOnlyList<MarkdownBlock> Read(string file)
    {
        var lines = System.IO.File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<MarkdownBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[i][3..].Trim();
            var end = i + 1;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new InvalidOperationException($"{file}:{i + 1}: the fence opened here is never closed.");
            }

            blocks.Add(new MarkdownBlock(file, language, i + 2, string.Join('\n', lines[(i + 1)..end]), MarkerBefore(lines, i)));
            i = end;
        }

        return blocks;
    }

    /// <summary>The inline code spans (<c>`…`</c>) of a Markdown file outside its fenced blocks, each with its line (from 1) and column (from 0).</summary>
    public static IEnumerable<(int Line, int Column, string Code)> InlineCode(string file)
    {
        var lines = System.IO.File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                foreach (System.Text.RegularExpressions.Match span in System.Text.RegularExpressions.Regex.Matches(lines[i], "`([^`]+)`"))
                {
                    yield return (i + 1, span.Groups[1].Index, span.Groups[1].Value);
                }
            }
        }
    }

    /// <summary>The repository README, every package README under <c>src/</c> and every example's under <c>examples/</c>.</summary>
    public static IEnumerable<string> ReadmeFiles() =>
        new[] { Path.Combine(Example.RepoRoot, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Example.RepoRoot, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Concat(ExampleReadmeFiles());

    /// <summary>The README of each example under <c>examples/</c> (what a newcomer runs first).</summary>
    public static IEnumerable<string> ExampleReadmeFiles() =>
        Directory.GetFiles(Path.Combine(Example.RepoRoot, "examples"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string? MarkerBefore(string[] lines, int fence)
    {
        const string Open = "<!-- snippet:";
        var before = fence - 1;
        while (before >= 0 && lines[before].Trim().Length == 0)
        {
            before--;
        }

        if (before < 0)
        {
            return null;
        }

        var line = lines[before].Trim();
        return line.StartsWith(Open, StringComparison.Ordinal) && line.EndsWith("-->", StringComparison.Ordinal)
            ? line[Open.Length..^3].Trim()
            : null;
    }
}
