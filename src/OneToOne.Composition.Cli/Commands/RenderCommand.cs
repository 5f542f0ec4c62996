using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone render CATALOG --message ID --recipients FILE --channel text|web|email|print [--out DIR] [--merge FILE.pdf]
/// [--format html|json] [--page] [--id-field id]</c>: streams recipients through decide and render, writing JSON Lines to
/// stdout or files to a folder, and for print optionally one merged PDF with a manifest.
/// </summary>
internal sealed class RenderCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();
    private readonly Option<bool> _allowDrafts = CommonSymbols.AllowDrafts();

    private readonly Option<string> _recipients = new("--recipients", "-r")
    {
        Description = "The recipients: a JSON Lines file (.jsonl, .ndjson), a CSV file with a header row (.csv), or - for standard input.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _channel = new Option<string>("--channel", "-c")
    {
        Description = "The channel to render for: text, web (HTML), email (MIME .eml) or print (PDF; needs --out or --merge).",
        Required = true,
    }.AcceptOnlyFromAmong("text", "web", "email", "print");

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Write one file per rendered record (.txt, .html, .json, .eml or .pdf) and results.jsonl into this folder, instead of JSON Lines to stdout.",
        HelpName = "DIR",
    };

    private readonly Option<string> _merge = new("--merge")
    {
        Description = "With --channel print: also (or, without --out, only) write every rendered record into this one merged PDF, with FILE.manifest.json listing each recipient's pages.",
        HelpName = "FILE.pdf",
    };

    private readonly Option<string> _format = new Option<string>("--format")
    {
        Description = "With --channel web: html (the rendered HTML as body, the default) or json (per slot the chosen module ids, and the HTML as html).",
        DefaultValueFactory = static _ => "html",
    }.AcceptOnlyFromAmong("html", "json");

    private readonly Option<bool> _page = new("--page")
    {
        Description = "With --channel web: render the whole page from the message's web: layout (or a minimal document) instead of the fragment.",
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public RenderCommand(CliConsole console)
        : base("render", "Decide and render a message for every recipient of a JSON Lines or CSV file, streaming.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_message);
        Options.Add(_recipients);
        Options.Add(_channel);
        Options.Add(_out);
        Options.Add(_merge);
        Options.Add(_format);
        Options.Add(_page);
        Options.Add(_idField);
        Options.Add(_allowDrafts);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        var channel = parseResult.GetRequiredValue(_channel) switch
        {
            "web" => OutputChannel.Web,
            "email" => OutputChannel.Email,
            "print" => OutputChannel.Print,
            _ => OutputChannel.Text,
        };
        var outDirectory = parseResult.GetValue(_out);
        var mergePath = parseResult.GetValue(_merge);
        var decisionJson = parseResult.GetValue(_format) == "json";
        var page = parseResult.GetValue(_page);
        if (CheckCombination(channel, outDirectory, mergePath, parseResult.GetResult(_format) is { Implicit: false }, page) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            return ExitCodes.Failure;
        }

        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), error, error, out var catalog, parseResult.GetValue(_asOf), allowDrafts: parseResult.GetValue(_allowDrafts)))
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.CheckMessage(catalog, messageId, error) || !CatalogSource.CheckDrafts(catalog, messageId, parseResult.GetValue(_allowDrafts), error))
        {
            return ExitCodes.Failure;
        }

        var idField = parseResult.GetRequiredValue(_idField);
        var summary = new RunSummary();
        MergedPdf? merged = null;
        try
        {
            var settings = new RenderSettings(channel)
            {
                DecisionJson = decisionJson,
                Page = page,
                Email = channel == OutputChannel.Email ? new EmailComposer(parseResult.GetValue(_asOf) is { } asOf ? new EmailOptions { TimeProvider = new AsOfTimeProvider(asOf) } : null) : null,
                Pdf = channel == OutputChannel.Print && outDirectory is not null ? new PdfRenderer(PrintOptions.Default) : null,
            };

            if (mergePath is not null)
            {
                merged = new MergedPdf(mergePath, messageId, PrintOptions.Default);
            }

            using var input = RecipientInput.Open(parseResult.GetRequiredValue(_recipients), _console.In);
            using IRecordSink sink = outDirectory is null
                ? new JsonLinesSink(_console.Out, decisionJson)
                : new DirectorySink(outDirectory, settings, ReservedNames(outDirectory, merged));
            var processor = new RecordProcessor(catalog, messageId, settings);
            foreach (var record in RecipientReader.Read(input.Reader, input.Format, idField))
            {
                var result = processor.Process(record);
                if (merged is not null)
                {
                    result = merged.Add(result);
                }

                sink.Write(result);
                summary.Add(result.Status);
            }

            if (merged is not null)
            {
                var manifest = merged.Complete();
                error.WriteLine(manifest.Entries.Count > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"merged {manifest.Entries.Count} {(manifest.Entries.Count == 1 ? "recipient" : "recipients")}, {manifest.TotalPages} {(manifest.TotalPages == 1 ? "page" : "pages")} into {merged.PdfPath} (manifest {merged.ManifestPath})")
                    : $"no record was printed, so {merged.PdfPath} was not written (a PDF needs a page); the manifest {merged.ManifestPath} lists no recipient");
            }
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException or UnauthorizedAccessException or PrintException)
        {
            // PrintException here is a run-level failure (a font that cannot be loaded), raised before any record.
            _console.Out.Flush();
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine(summary.ToString());
            return ExitCodes.Failure;
        }
        finally
        {
            merged?.Dispose();
        }

        _console.Out.Flush();
        error.WriteLine(summary.ToString());
        return summary.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Success;
    }

    /// <summary>Checks that the options go together, before anything is loaded or written.</summary>
    /// <returns>The problem, or null.</returns>
    private static string? CheckCombination(OutputChannel channel, string? outDirectory, string? mergePath, bool formatGiven, bool page)
    {
        if (channel == OutputChannel.Print && outDirectory is null && mergePath is null)
        {
            return "--channel print writes PDF files, not JSON Lines: give --out DIR for one PDF per recipient (DIR/<id>.pdf), "
                + "--merge FILE.pdf for one merged PDF with a page manifest, or both.";
        }

        if (mergePath is not null && channel != OutputChannel.Print)
        {
            return "--merge FILE.pdf writes a merged PDF, so it needs --channel print.";
        }

        if (formatGiven && channel != OutputChannel.Web)
        {
            return "--format (html or json) applies only to --channel web.";
        }

        if (page && channel != OutputChannel.Web)
        {
            return "--page renders the message's web: layout, so it needs --channel web.";
        }

        return null;
    }

    /// <summary>The merged PDF's and manifest's names, when they are written into the output folder, so no record's file takes them.</summary>
    private static IEnumerable<string> ReservedNames(string outDirectory, MergedPdf? merged)
    {
        if (merged is null)
        {
            return [];
        }

        var folder = Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return [.. new[] { merged.PdfPath, merged.ManifestPath }
            .Where(p => string.Equals(Path.GetDirectoryName(p), folder, StringComparison.OrdinalIgnoreCase)) // reserving a name too many is harmless
            .Select(static p => Path.GetFileName(p))];
    }
}
