using System.Text;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// An <c>onetoone</c> command line from a README's <c>```sh</c> blocks: as written (continuation lines joined, the
/// comment after it dropped, white space collapsed), where it starts, and its arguments as a shell would split them.
/// <c>dotnet run --project src/OneToOne.Composition.Cli -- ARGS</c> is the same tool. Arguments in <c>[…]</c> are
/// optional (<c>analyze CATALOG [--message ID] [--strict]</c>): <see cref="Optional"/> holds them; <c>&gt; FILE</c> sends
/// standard output to <see cref="StdoutFile"/>.
/// </summary>
internal sealed record ReadmeCommand(string Location, string Text, IReadOnlyList<string> Arguments, IReadOnlyList<string> Optional, string? StdoutFile)
{
    private const string DotnetRun = "dotnet run --project src/OneToOne.Composition.Cli -- ";

    public static IReadOnlyList<ReadmeCommand> In(string markdownFile)
    {
        var commands = new List<ReadmeCommand>();
        foreach (var block in MarkdownBlock.Read(markdownFile).Where(static b => b.Language is "sh" or "bash" or "shell"))
        {
            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var start = i;
                var line = lines[i];
                while (line.TrimEnd().EndsWith('\\') && i + 1 < lines.Length)
                {
                    line = line.TrimEnd()[..^1] + " " + lines[++i].Trim();
                }

                var code = WithoutComment(line).Trim();
                var at = code.IndexOf(DotnetRun, StringComparison.Ordinal);
                var text = code.StartsWith("onetoone ", StringComparison.Ordinal) ? code["onetoone ".Length..]
                    : at >= 0 ? code[(at + DotnetRun.Length)..]
                    : null;
                if (text is null)
                {
                    continue;
                }

                var words = Split(text);
                string? stdoutFile = null;
                var redirect = words.IndexOf(">");
                if (redirect >= 0 && redirect == words.Count - 2)
                {
                    stdoutFile = words[^1];
                    words.RemoveRange(redirect, 2);
                }

                var arguments = new List<string>();
                var optional = new List<string>();
                var inOptional = false;
                foreach (var word in words)
                {
                    var opens = word.StartsWith('[');
                    var closes = word.EndsWith(']');
                    var bare = word.TrimStart('[').TrimEnd(']');
                    (inOptional || opens ? optional : arguments).Add(bare);
                    inOptional = (inOptional || opens) && !closes;
                }

                commands.Add(new ReadmeCommand($"{block.RelativeFile}:{block.FirstLine + start}", "onetoone " + string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)), arguments, optional, stdoutFile));
            }
        }

        return commands;
    }

    private static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>Splits as a POSIX shell does for what the READMEs write: white space between words, '…' and "…" quoting.</summary>
    internal static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
