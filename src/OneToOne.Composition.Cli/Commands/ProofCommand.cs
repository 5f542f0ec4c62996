using System.CommandLine;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone proof CATALOG --message ID [--sample FILE] --out DIR [--confine-to-catalog-folder]</c>: finds a minimal set of personas that together
/// get every reachable module (synthetic, from the conditions, or chosen from a sample) and writes DIR/proof.html:
/// each persona's message per channel with its trace, drafts marked.
/// </summary>
internal sealed class ProofCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<TimeSpan?> _timeBudget = CommonSymbols.TimeBudget();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Option<string?> _sample = new("--sample")
    {
        Description = "Choose the personas from these recipients (JSON Lines or CSV) instead of making them up from the conditions.",
        HelpName = "FILE",
    };

    private readonly Option<string> _out = new Option<string>("--out", "-o")
    {
        Description = "The folder to write proof.html into (created when missing).",
        HelpName = "DIR",
        Required = true,
    }.AcceptFolderOnly();

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
        Options.Add(_timeBudget);
        Options.Add(_confine);
        Options.Add(_idField);
        SetAction(Execute);
    }

    /// <summary>Finds personas (from the sample when there is one) and writes DIR/proof.html; shared with <c>watch</c>.</summary>
    /// <param name="catalog">A catalog loaded with drafts allowed.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="sample">Recipients to choose personas from (enumerated once, as they are read), or null to make them up from the conditions.</param>
    /// <param name="outDirectory">The folder to write into.</param>
    /// <returns>The path written, the summary line, and the errors some personas' messages showed instead of their text.</returns>
    internal static (string Path, string Summary, List<string> Problems) WriteSheet(Catalog catalog, string messageId, IEnumerable<Recipients.Recipient>? sample, string outDirectory)
    {
        var personas = sample is null ? catalog.FindPersonas(messageId) : catalog.FindPersonas(messageId, sample);
        var analysis = catalog.Analyze(messageId).Messages[0];
        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, "proof.html");
        var problems = new List<string>();
        AtomicFile.WriteThrough(path, System.Text.Encoding.UTF8.GetBytes(ProofSheet.Build(catalog, personas, analysis, problems, sampled: sample is not null)));
        return (path, ProofSheet.Summary(personas, analysis), problems);
    }

    /// <summary>
    /// <see cref="WriteSheet"/> with the sample read through a tracker, so a fault of the tool while the personas are
    /// chosen names the record it came at (a <see cref="RecordFaultException"/>); shared with <c>watch</c>.
    /// </summary>
    /// <inheritdoc cref="WriteSheet"/>
    internal static (string Path, string Summary, List<string> Problems) WriteSheetOf(Catalog catalog, string messageId, RecordTracker? sample, string outDirectory)
    {
        try
        {
            return WriteSheet(catalog, messageId, sample?.Recipients, outDirectory);
        }
        catch (Exception ex) when (sample?.Wrap(ex) is { } fault)
        {
            throw fault;
        }
    }

    /// <summary>Warns of each persona whose message the sheet shows as an error instead of its text; shared with <c>watch</c>.</summary>
    /// <param name="problems">The errors, as <see cref="WriteSheet"/> returned them.</param>
    /// <param name="madeUp">Whether the personas were made up from the conditions (rather than chosen from real recipients).</param>
    /// <param name="writer">Where to write.</param>
    internal static void WriteProblems(List<string> problems, bool madeUp, TextWriter writer)
    {
        foreach (var problem in problems)
        {
            writer.WriteLine($"warning: {problem}");
        }

        if (problems.Count > 0 && madeUp)
        {
            writer.WriteLine("Made-up personas hold the values the conditions name, and for other fields a made-up number, date, true, list, object or 'Sample …' text, as the field's use tells: pass --sample FILE with real recipients to show these messages.");
        }
    }

    private int Execute(ParseResult parseResult)
    {
        // Proofs show drafts (marked): that is what they are for. Frequency caps are judged against an empty history, as
        // explain's are without --history: a proof shows what a recipient not yet contacted gets.
        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), _console.Out, _console.Error, out var catalog, parseResult.GetValue(_asOf), new Contacts.InMemoryContactHistory(), allowDrafts: true, confine: parseResult.GetValue(_confine), timeBudget: parseResult.GetValue(_timeBudget))
            || !CatalogSource.CheckMessage(catalog, messageId, _console.Error))
        {
            return ExitCodes.Failure;
        }

        // Read as the personas are chosen, a record at a time: the sample may be the whole customer file.
        var sample = parseResult.GetValue(_sample) is { } samplePath
            ? new RecordTracker(RecipientFile.ReadNumbered(samplePath, parseResult.GetRequiredValue(_idField), _console.In, _console.Error), "decide", _console.FaultProbe)
            : null;
        try
        {
            var (path, summary, problems) = WriteSheetOf(catalog, messageId, sample, parseResult.GetRequiredValue(_out));
            _console.Out.WriteLine($"Wrote {path}: {summary}");
            WriteProblems(problems, sample is null, _console.Error);
            return ExitCodes.Success;
        }
        catch (RecipientInputException ex)
        {
            _console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
