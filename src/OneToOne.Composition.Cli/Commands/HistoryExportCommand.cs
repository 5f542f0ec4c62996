using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone history export HISTORY --recipient ID… [--recipients-file FILE]</c>: prints every contact the history
/// holds about the recipients as JSON Lines, oldest first per recipient (right of access). Opens the file read-only.
/// </summary>
internal sealed class HistoryExportCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _history = HistoryCommand.File();
    private readonly Option<string[]> _recipient = HistoryCommand.Recipient("export");
    private readonly Option<string> _recipientsFile = HistoryCommand.RecipientsFile();

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public HistoryExportCommand(CliConsole console)
        : base("export", "Print every contact the history holds about the given recipients as JSON Lines (right of access): recipient, message, channel, topic, at, run.")
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

        using var history = HistoryCommand.Open(parseResult.GetRequiredValue(_history), readOnly: true, error);
        if (history is null)
        {
            return ExitCodes.Failure;
        }

        // Contacts reads an id in each of its Unicode forms (José with é, and with e + U+0301): an id given in both is one recipient.
        var distinct = ids.DistinctBy(static id => IdForms.Composed(id) ?? id, StringComparer.Ordinal).ToList();
        var total = 0;
        try
        {
            foreach (var id in distinct)
            {
                foreach (var contact in history.Contacts(id))
                {
                    _console.Out.WriteLine(Line(contact));
                    total++;
                }
            }
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        error.WriteLine($"Exported {total} {(total == 1 ? "contact" : "contacts")} of {distinct.Count} {(distinct.Count == 1 ? "recipient" : "recipients")} from '{history.Path}'.");
        return ExitCodes.Success;
    }

    private static string Line(ContactRecord contact) => HistoryCommand.JsonLine(writer =>
    {
        writer.WriteString("recipient", contact.RecipientId);
        writer.WriteString("message", contact.MessageId);
        writer.WriteString("channel", contact.Channel);
        if (contact.Topic is null)
        {
            writer.WriteNull("topic");
        }
        else
        {
            writer.WriteString("topic", contact.Topic);
        }

        writer.WriteString("at", contact.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("run", contact.RunId);
    });
}
