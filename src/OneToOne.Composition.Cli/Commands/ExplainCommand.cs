using System.CommandLine;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone explain CATALOG --message ID --recipient JSON_OR_FILE [--id-field id] [--history FILE]</c>: prints the
/// decision trace for one recipient, then the rendered subject and plain-text body.
/// </summary>
internal sealed class ExplainCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Option<string> _recipient = new("--recipient", "-r")
    {
        Description = "The recipient: an inline JSON object, a .json file, or a .jsonl file (its first record).",
        HelpName = "JSON_OR_FILE",
        Required = true,
    };

    private readonly Option<FileInfo?> _history = new("--history")
    {
        Description = "A SQLite contact history to judge frequency caps against (read, never written by explain). Without it, caps are checked against an empty history.",
        HelpName = "FILE",
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public ExplainCommand(CliConsole console)
        : base("explain", "Show why one recipient gets what: the decision trace, the subject and the text body.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_message);
        Options.Add(_recipient);
        Options.Add(_idField);
        Options.Add(_history);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        var historyFile = parseResult.GetValue(_history);
        if (historyFile is { Exists: false })
        {
            error.WriteLine($"error: the contact history '{historyFile.FullName}' does not exist. explain only reads a history; 'render --history' creates one.");
            return ExitCodes.Failure;
        }

        Contacts.IContactHistory history;
        try
        {
            history = historyFile is null ? new Contacts.InMemoryContactHistory() : Sqlite.SqliteContactHistory.OpenReadOnly(historyFile.FullName);
        }
        catch (Contacts.ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        try
        {
            return Explain(parseResult, history, historyFile is null);
        }
        finally
        {
            (history as IDisposable)?.Dispose();
        }
    }

    private int Explain(ParseResult parseResult, Contacts.IContactHistory history, bool emptyHistory)
    {
        var output = _console.Out;
        var error = _console.Error;
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), error, error, out var catalog, parseResult.GetValue(_asOf), history))
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.CheckMessage(catalog, messageId, error))
        {
            return ExitCodes.Failure;
        }

        Recipient recipient;
        try
        {
            recipient = InlineRecipient.Parse(parseResult.GetRequiredValue(_recipient), parseResult.GetRequiredValue(_idField));
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        try
        {
            var decision = catalog.Decide(recipient, messageId);

            // Rendered before the trace is written, as the proof sheet does: a segment or an experiment arm that only
            // a template reads is evaluated while it renders, and the trace shows it only then.
            RenderedMessage? message = null;
            RecipientException? failure = null;
            if (!decision.IsSuppressed)
            {
                try
                {
                    message = catalog.Render(decision, Channel.Text);
                }
                catch (RecipientException ex)
                {
                    failure = ex;
                }
            }

            output.WriteLine("== Decision ==");
            output.Write(decision.ToTraceString());
            if (emptyHistory && decision.PolicyChecks.Any(static c => c.Kind == Decisions.PolicyCheckKind.Cap))
            {
                output.WriteLine("  (no --history: caps were checked against an empty contact history)");
            }

            if (failure is not null)
            {
                output.Flush();
                error.WriteLine($"rejected: {failure.Message}");
                return ExitCodes.Rejected;
            }

            if (message is null)
            {
                return ExitCodes.Success;
            }

            output.WriteLine();
            output.WriteLine("== Subject ==");
            output.WriteLine(message.Subject);
            output.WriteLine();
            output.WriteLine("== Body (text) ==");
            output.Write(TerminalText(message.Body));
            if (!message.Body.EndsWith('\n'))
            {
                output.WriteLine();
            }

            return ExitCodes.Success;
        }
        catch (Contacts.ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (RecipientException ex)
        {
            output.Flush();
            error.WriteLine($"rejected: {ex.Message}");
            return ExitCodes.Rejected;
        }
    }

    /// <summary>
    /// The text body as it is safe to show on a terminal: its lines and tabs as they are, any other control character and
    /// the bidirectional formatting characters written as escapes (<c>\u001B</c>), as errors write them. A <c>text:</c>
    /// override writes recipient values as they are, so a value's escape sequence would otherwise drive the terminal
    /// (clear it, set its title or clipboard, forge output) and an override character reverse the rest of a line.
    /// </summary>
    private static string TerminalText(string body) =>
        string.Join('\n', body.Split('\n').Select(static line => string.Join('\t', line.Split('\t').Select(OneLineText.Escape))));
}
