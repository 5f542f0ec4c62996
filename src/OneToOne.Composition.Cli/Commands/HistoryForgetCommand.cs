using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone history forget HISTORY --recipient ID… [--recipients-file FILE]</c>: erases every contact of the
/// recipients in one transaction and wipes them from the file and its write-ahead log (right to erasure); prints one
/// JSON line per id with how many contacts were erased.
/// </summary>
internal sealed class HistoryForgetCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _history = HistoryCommand.File();
    private readonly Option<string[]> _recipient = HistoryCommand.Recipient("forget");
    private readonly Option<string> _recipientsFile = HistoryCommand.RecipientsFile();

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public HistoryForgetCommand(CliConsole console)
        : base("forget", "Erase every contact of the given recipients and wipe them from the file (right to erasure); prints {\"recipient\",\"erased\"} per id.")
    {
        _console = console;
        Arguments.Add(_history);
        Options.Add(_recipient);
        Options.Add(_recipientsFile);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        if (HistoryCommand.RecipientIds(parseResult, _recipient, _recipientsFile, _console) is not { } ids)
        {
            return ExitCodes.Failure;
        }

        using var history = HistoryCommand.Open(parseResult.GetRequiredValue(_history), readOnly: false, error);
        if (history is null)
        {
            return ExitCodes.Failure;
        }

        IReadOnlyDictionary<string, int> erased;
        try
        {
            erased = history.ForgetMany(ids);
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        foreach (var (id, count) in erased)
        {
            _console.Out.WriteLine(HistoryCommand.JsonLine(writer =>
            {
                writer.WriteString("recipient", id);
                writer.WriteNumber("erased", count);
            }));
        }

        var total = erased.Values.Sum();
        var none = erased.Values.Count(static c => c == 0);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Erased {total} {(total == 1 ? "contact" : "contacts")} of {erased.Count} {(erased.Count == 1 ? "recipient" : "recipients")} ({none} had none) from '{history.Path}', and wiped them from the file and its log."));
        return ExitCodes.Success;
    }
}
