using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// The tool's own README (the package's page, what <c>dotnet tool install</c> users read) names every option each command
/// has, in that command's entry: an option added to the tool without a word there is found here, from the tool's
/// <c>--help</c>.
/// </summary>
public sealed class CliReadmeOptionTests
{
    public static TheoryData<string> Commands() =>
        ["validate", "render", "explain", "analyze", "proof", "diff", "watch", "history export", "history forget", "history prune"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOptionOfTheCommand_IsInItsEntryOfTheToolReadme(string command)
    {
        var help = CliRun.Of([.. command.Split(' '), "--help"]);
        Assert.Equal(0, help.ExitCode);
        var options = Regex.Matches(help.Stdout, @"(?m)^\s+(?:-\S+, )?(--[a-z][a-z-]*)")
            .Select(static m => m.Groups[1].Value)
            .Where(static o => o != "--help")
            .ToList();
        Assert.NotEmpty(options);

        var entry = EntryOf(command);

        var missing = options.Where(o => !Regex.IsMatch(entry, Regex.Escape(o) + @"(?![a-z-])")).ToList();
        Assert.True(missing.Count == 0, $"src/OneToOne.Composition.Cli/README.md: the entry of `{command}` does not name {string.Join(", ", missing)}, which `onetoone {command} --help` lists:\n{entry}");
    }

    /// <summary>The README's bullets for the command (<c>- `render CATALOG …</c>, <c>- `render … --allow-drafts`</c>), with their sub-bullets.</summary>
    private static string EntryOf(string command)
    {
        var lines = File.ReadAllLines(Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition.Cli", "README.md"));
        var entry = new List<string>();
        var inEntry = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith('#') || line.Trim().Length == 0)
            {
                inEntry = line.StartsWith($"- `{command} ", StringComparison.Ordinal) || line.StartsWith($"- `{command}`", StringComparison.Ordinal);
            }

            if (inEntry)
            {
                entry.Add(line);
            }
        }

        Assert.True(entry.Count > 0, $"src/OneToOne.Composition.Cli/README.md has no entry (- `{command} …`) for `{command}`.");
        return string.Join('\n', entry);
    }
}
