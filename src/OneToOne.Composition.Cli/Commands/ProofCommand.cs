using System.CommandLine;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone proof CATALOG --message ID [--sample FILE] --out DIR</c>: finds a minimal set of personas that together
/// get every reachable module (synthetic, from the conditions, or chosen from a sample) and writes DIR/proof.html:
/// each persona's message per channel with its trace, drafts marked.
/// </summary>
internal sealed class ProofCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Option<string?> _sample = new("--sample")
    {
        Description = "Choose the personas from these recipients (JSON Lines or CSV) instead of making them up from the conditions.",
        HelpName = "FILE",
    };

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "The folder to write proof.html into (created when missing).",
        HelpName = "DIR",
        Required = true,
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public ProofCommand(CliConsole console)
        : base("proof", "Write a proof sheet: the fewest personas that together show every reachable module, each rendered per channel with its trace.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_message);
        Options.Add(_sample);
        Options.Add(_out);
        Options.Add(_asOf);
        Options.Add(_idField);
        SetAction(Execute);
    }

    /// <summary>Loads, finds personas and writes the sheet; shared with <c>watch</c>.</summary>
    /// <returns>The path written and the summary, or null when the catalog does not load (its diagnostics are written).</returns>
    internal static (string Path, string Summary)? Write(string catalogPath, string messageId, string? samplePath, string outDirectory, DateTimeOffset? asOf, string idField, CliConsole console)
    {
        // Proofs show drafts (marked): that is what they are for.
        if (!CatalogSource.TryLoad(catalogPath, console.Out, console.Error, out var catalog, asOf, allowDrafts: true)
            || !CatalogSource.CheckMessage(catalog, messageId, console.Error))
        {
            return null;
        }

        var personas = samplePath is null
            ? catalog.FindPersonas(messageId)
            : catalog.FindPersonas(messageId, RecipientFile.ReadAll(samplePath, idField, console.In, console.Error));
        var analysis = catalog.Analyze(messageId).Messages[0];
        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, "proof.html");
        AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(ProofSheet.Build(catalog, personas, analysis)));
        return (path, ProofSheet.Summary(personas, analysis));
    }

    private int Execute(ParseResult parseResult)
    {
        try
        {
            if (Write(parseResult.GetRequiredValue(_catalog), parseResult.GetRequiredValue(_message), parseResult.GetValue(_sample),
                    parseResult.GetRequiredValue(_out), parseResult.GetValue(_asOf), parseResult.GetRequiredValue(_idField), _console) is not { } written)
            {
                return ExitCodes.Failure;
            }

            _console.Out.WriteLine($"Wrote {written.Path}: {written.Summary}");
            return ExitCodes.Success;
        }
        catch (RecipientInputException ex)
        {
            _console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
