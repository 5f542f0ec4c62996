using System.CommandLine;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone history check HISTORY</c>: SQLite's full integrity check of a <c>--history</c> file (every page, and the
/// index caps count from against the contacts), on demand: opening a history for a run checks its pages only
/// (<c>PRAGMA quick_check</c>), and <c>explain</c> and <c>history export</c> check none. Opens the file read-only, so it
/// neither waits for nor blocks a run that is recording.
/// </summary>
internal sealed class HistoryCheckCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _history = HistoryCommand.File();

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public HistoryCheckCommand(CliConsole console)
        : base("check", "Check the whole file (PRAGMA integrity_check: every page, and the index caps count from against the contacts); exits 1 listing what is wrong.")
    {
        _console = console;
        Arguments.Add(_history);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        using var history = HistoryCommand.Open(parseResult.GetRequiredValue(_history), readOnly: true, error);
        if (history is null)
        {
            return ExitCodes.Failure;
        }

        IReadOnlyList<string> problems;
        try
        {
            problems = history.Check();
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (problems.Count == 0)
        {
            error.WriteLine($"The contact history '{history.Path}' is sound: every page and every index entry checked.");
            return ExitCodes.Success;
        }

        error.WriteLine($"error: the contact history '{history.Path}' is corrupt ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")} found; SQLite lists at most 100). Restore it from a backup, or move it away to start an empty history (caps then start from zero):");
        foreach (var problem in problems)
        {
            error.WriteLine($"  {problem}");
        }

        return ExitCodes.Failure;
    }
}
