using System.CommandLine;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone watch CATALOG --message ID --recipients FILE [--out DIR] [--debounce MS]</c>: re-validates, re-analyses
/// and re-renders the proof sheet on every save, printing diagnostics, until interrupted (Ctrl+C).
/// </summary>
internal sealed class WatchCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<TimeSpan?> _timeBudget = CommonSymbols.TimeBudget();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Option<string> _recipients = new("--recipients", "-r")
    {
        Description = "The recipients the proof sheet chooses its personas from (JSON Lines or CSV); watched too.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _out = new Option<string>("--out", "-o")
    {
        Description = "The folder for proof.html.",
        HelpName = "DIR",
        DefaultValueFactory = static _ => "proof",
    }.AcceptFolderOnly();

    private readonly Option<int> _debounce = new("--debounce")
    {
        Description = "Milliseconds the files must be quiet before a cycle runs.",
        HelpName = "MS",
        DefaultValueFactory = static _ => 300,
        CustomParser = CommonSymbols.WholeNumber,
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public WatchCommand(CliConsole console)
        : base("watch", "Re-validate, re-analyse and re-render the proof sheet on every save of the catalog, a file it names (a font, an image) or the recipients.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_message);
        Options.Add(_recipients);
        Options.Add(_out);
        Options.Add(_debounce);
        Options.Add(_asOf);
        Options.Add(_timeBudget);
        Options.Add(_idField);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var (catalog, recipients) = (parseResult.GetRequiredValue(_catalog), parseResult.GetRequiredValue(_recipients));

        // A file may appear later (the loop waits for it), but a folder that is not there cannot be watched.
        foreach (var (path, what) in new[] { (catalog, "catalog"), (recipients, "recipients file") })
        {
            var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder))
            {
                _console.Error.WriteLine($"error: the folder '{folder}' of the {what} '{path}' does not exist, so it cannot be watched. Check the path.");
                return ExitCodes.Failure;
            }
        }

        using var watcher = new CatalogWatcher(
            catalog,
            parseResult.GetRequiredValue(_message),
            recipients,
            parseResult.GetRequiredValue(_out),
            parseResult.GetRequiredValue(_idField),
            parseResult.GetValue(_asOf),
            parseResult.GetValue(_timeBudget),
            TimeSpan.FromMilliseconds(Math.Max(0, parseResult.GetValue(_debounce))),
            _console);
        await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
