using System.CommandLine;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// Every command's <c>--help</c> ends with examples (a newcomer reads the help before the README), and each example is
/// a command line the tool parses as written, as the command whose help shows it.
/// </summary>
public sealed class HelpExamplesTests
{
    private static readonly string[] Paths =
        ["", "validate", "render", "explain", "analyze", "proof", "diff", "watch", "history", "history check", "history export", "history forget", "history prune"];

    public static TheoryData<string> Commands() => [.. Paths];

    [Fact]
    public void EveryCommandOfTheTool_IsCheckedHere()
    {
        var paths = new List<string>();
        Walk(Cli.Build(Console()), string.Empty, paths);

        Assert.Equal(Paths.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EndsWithExamples_EachParsedAsThatCommand(string command)
    {
        var help = CliRun.Of([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, help.ExitCode);
        var text = help.Stdout.ReplaceLineEndings("\n");
        var at = text.IndexOf("\nExamples:\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"`onetoone {command} --help` has no Examples: section:\n{text}");
        var examples = text[(at + "\nExamples:\n".Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            Assert.StartsWith("  onetoone ", example, StringComparison.Ordinal);
            var words = ReadmeCommand.Split(example.Trim()["onetoone ".Length..]);
            if (words.Count >= 2 && words[^2] == ">")
            {
                words.RemoveRange(words.Count - 2, 2);
            }

            var parsed = Cli.Build(Console()).Parse(words);
            Assert.True(parsed.Errors.Count == 0, $"{example}: {string.Join("; ", parsed.Errors.Select(static e => e.Message))}");
            var parsedPath = PathOf(parsed.CommandResult.Command);
            Assert.True(
                command.Length == 0 || parsedPath == command || parsedPath.StartsWith(command + " ", StringComparison.Ordinal),
                $"{example} is shown in `onetoone {command} --help` but runs `onetoone {parsedPath}`");
        }
    }

    private static CliConsole Console() => new(TextWriter.Null, TextWriter.Null, TextReader.Null);

    private static void Walk(Command command, string path, List<string> paths)
    {
        paths.Add(path);
        foreach (var sub in command.Subcommands)
        {
            Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", paths);
        }
    }

    private static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
