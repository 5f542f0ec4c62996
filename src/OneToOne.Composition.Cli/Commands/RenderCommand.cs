using System.CommandLine;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone render CATALOG --message ID --recipients FILE --channel text|web [--out DIR] [--id-field id]</c>:
/// streams recipients through decide and render, writing JSON Lines to stdout or files to a folder.
/// </summary>
internal sealed class RenderCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Option<string> _recipients = new("--recipients", "-r")
    {
        Description = "The recipients: a JSON Lines file (.jsonl, .ndjson), a CSV file with a header row (.csv), or - for standard input.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _channel = new Option<string>("--channel", "-c")
    {
        Description = "The channel to render for.",
        Required = true,
    }.AcceptOnlyFromAmong("text", "web");

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Write one file per rendered record and results.jsonl into this folder, instead of JSON Lines to stdout.",
        HelpName = "DIR",
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public RenderCommand(CliConsole console)
        : base("render", "Decide and render a message for every recipient of a JSON Lines or CSV file, streaming.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_message);
        Options.Add(_recipients);
        Options.Add(_channel);
        Options.Add(_out);
        Options.Add(_idField);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), error, error, out var catalog))
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.CheckMessage(catalog, messageId, error))
        {
            return ExitCodes.Failure;
        }

        var channel = parseResult.GetRequiredValue(_channel) == "web" ? Channel.Web : Channel.Text;
        var idField = parseResult.GetRequiredValue(_idField);
        var outDirectory = parseResult.GetValue(_out);
        var summary = new RunSummary();
        try
        {
            using var input = RecipientInput.Open(parseResult.GetRequiredValue(_recipients), _console.In);
            using IRecordSink sink = outDirectory is null ? new JsonLinesSink(_console.Out) : new DirectorySink(outDirectory, channel);
            var processor = new RecordProcessor(catalog, messageId, channel);
            foreach (var record in RecipientReader.Read(input.Reader, input.Format, idField))
            {
                var result = processor.Process(record);
                sink.Write(result);
                summary.Add(result.Status);
            }
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException or UnauthorizedAccessException)
        {
            _console.Out.Flush();
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine(summary.ToString());
            return ExitCodes.Failure;
        }

        _console.Out.Flush();
        error.WriteLine(summary.ToString());
        return summary.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Success;
    }
}
