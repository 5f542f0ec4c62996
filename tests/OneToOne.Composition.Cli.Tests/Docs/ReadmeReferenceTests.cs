using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// What the READMEs point a reader at is there: a relative link's file (and its <c>#heading</c>), and in an example's
/// README each <c>dotnet run --project</c> folder and each file it names in its prose (a file of the example or of the
/// repository, or one the example's code writes). A renamed file, a heading reworded or a note naming a document that
/// is not in the repository fails here with the README's line.
/// </summary>
public sealed partial class ReadmeReferenceTests
{
    public static TheoryData<string> Readmes()
    {
        var data = new TheoryData<string>();
        foreach (var file in MarkdownBlock.ReadmeFiles())
        {
            data.Add(Path.GetRelativePath(Example.RepoRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    public static TheoryData<string> ExampleReadmes()
    {
        var data = new TheoryData<string>();
        foreach (var file in MarkdownBlock.ExampleReadmeFiles())
        {
            data.Add(Path.GetRelativePath(Example.RepoRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void EveryRelativeLink_NamesAFileOrHeadingThatExists(string readme)
    {
        var file = Path.Combine(Example.RepoRoot, readme);
        var broken = new List<string>();
        foreach (var (line, target) in Prose(file).SelectMany(static l => LinkTarget().Matches(InlineCode().Replace(l.Text, string.Empty)).Select(m => (l.Line, m.Groups["target"].Value))))
        {
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? target : target[..hash];
            var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{readme}:{line}: `{target}`: no {Path.GetRelativePath(Example.RepoRoot, resolved)}");
            }
            else if (hash >= 0 && File.Exists(resolved) && !Headings(resolved).Contains(target[(hash + 1)..]))
            {
                broken.Add($"{readme}:{line}: `{target}`: {Path.GetRelativePath(Example.RepoRoot, resolved)} has no heading '#{target[(hash + 1)..]}'");
            }
        }

        Assert.True(broken.Count == 0, "Links that lead nowhere (fix the link, or the heading it names):\n" + string.Join('\n', broken));
    }

    [Theory]
    [MemberData(nameof(ExampleReadmes))]
    public void EveryProjectAnExampleRuns_AndEveryFileItNames_IsThere(string readme)
    {
        var file = Path.Combine(Example.RepoRoot, readme);
        var folder = Path.GetDirectoryName(file)!;
        var written = Directory.GetFiles(folder, "*.cs", SearchOption.TopDirectoryOnly).Select(File.ReadAllText).ToList();
        var missing = new List<string>();

        // "Run from the repository root": `dotnet run --project examples/NAME` is a folder with a project in it.
        foreach (var block in MarkdownBlock.Read(file).Where(static b => b.Language is "sh" or "bash" or "shell"))
        {
            foreach (Match run in DotnetRunProject().Matches(block.Text))
            {
                var project = Path.Combine(Example.RepoRoot, run.Groups["project"].Value);
                if (!(Directory.Exists(project) && Directory.GetFiles(project, "*.csproj").Length == 1) && !File.Exists(project))
                {
                    missing.Add($"{readme}:{block.FirstLine}: `dotnet run --project {run.Groups["project"].Value}`: no project there");
                }
            }
        }

        // A file the prose names: the example's own, the repository's, or one the example's code writes (its name a string there).
        foreach (var (line, text) in Prose(file))
        {
            foreach (Match name in FileName().Matches(text))
            {
                var value = name.Value;
                var found = File.Exists(Path.Combine(folder, value)) || File.Exists(Path.Combine(Example.RepoRoot, value))
                    || written.Any(code => code.Contains('"' + value + '"', StringComparison.Ordinal));
                if (!found)
                {
                    missing.Add($"{readme}:{line}: {value}: not in {Path.GetRelativePath(Example.RepoRoot, folder)}, nor in the repository's root, nor written by the example");
                }
            }
        }

        Assert.True(missing.Count == 0, "An example's README names what a reader cannot find (name what is there, or link to it):\n" + string.Join('\n', missing));
    }

    /// <summary>The lines of a Markdown file outside its fenced blocks, each with its number (from 1).</summary>
    private static IEnumerable<(int Line, string Text)> Prose(string file)
    {
        var lines = File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced)
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    /// <summary>The anchors GitHub makes of a Markdown file's headings: lower case, punctuation but '-' and '_' dropped, spaces as '-'.</summary>
    private static HashSet<string> Headings(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in Prose(file))
        {
            var heading = Heading().Match(text);
            if (heading.Success)
            {
                var slug = string.Concat(heading.Groups["title"].Value.Trim().ToLowerInvariant()
                    .Where(static c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
                for (var n = 0; !anchors.Add(n == 0 ? slug : $"{slug}-{n}"); n++)
                {
                }
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex("`[^`]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"dotnet run --project (?<project>\S+)")]
    private static partial Regex DotnetRunProject();

    [GeneratedRegex(@"(?<![\w./-])[A-Za-z][\w-]*\.(?:cs|csproj|yaml|csv|jsonl|json|db|md)(?![\w.])")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
