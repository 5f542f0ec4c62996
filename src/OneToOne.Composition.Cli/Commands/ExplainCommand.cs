using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Processing;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone explain CATALOG --message ID --recipient JSON_OR_FILE [--id ID | --record N] [--id-field id] [--schema SPEC] [--history FILE [--except-run RUN]] [--run-trace FILE] [--confine-to-catalog-folder]</c>:
/// prints the decision trace for one recipient, then the rendered subject and plain-text body.
/// </summary>
internal sealed class ExplainCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<TimeSpan?> _timeBudget = CommonSymbols.TimeBudget();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();
    private readonly Option<string> _schema = CommonSymbols.Schema();

    private readonly Option<string> _recipient = new("--recipient", "-r")
    {
        Description = "The recipient: an inline JSON object, a .json file, or a recipients file (.jsonl or .csv, - for standard input) read as render reads it: the record with --id, else the first.",
        HelpName = "JSON_OR_FILE",
        Required = true,
    };

    private readonly Option<string> _id = new("--id")
    {
        Description = "The id of the record to explain from the --recipient file, as the file writes it: the first record with that id, the one a render decides (one that cannot be read does not take its id in a run: a later record with the id is taken).",
        HelpName = "ID",
    };

    private readonly Option<long?> _record = new("--record")
    {
        Description = "The record to explain from the --recipient file by its 1-based number, as render numbers records (a rejects file's \"number\", a trace's \"record\"; blank lines and the CSV header are not records), whatever its id: with --run-trace, the run's trace of that record is the one compared.",
        HelpName = "N",
    };

    private readonly Option<FileInfo?> _history = new("--history")
    {
        Description = "A SQLite contact history to judge frequency caps against (read, never written by explain). Without it, caps are checked against an empty history.",
        HelpName = "FILE",
    };

    private readonly Option<string> _exceptRun = new("--except-run")
    {
        Description = "With --history: leave out the contacts the run RUN recorded (its id as 'history export' writes it), so the caps count what that run counted when it decided. With the run's instant as --as-of, explain then replays a past run's decision, caps included: the run's own contact no longer reaches the cap it was judged under.",
        HelpName = "RUN",
    };

    private readonly Option<FileInfo?> _runTrace = new("--run-trace")
    {
        Description = "The trace the run kept for this recipient (explain --format json's line, or the run's results.jsonl from render --trace): the replay is compared with it, and where a cap's count differs (contacts pruned or forgotten since the run, or the run's own contact counted) explain says so, with both counts. Caps are paired by window, per and channel, not by place; a changed max, or a cap added or removed since the run, is named. Also names a different catalog sha256 or asOf. The run's trace of the record read is found by its number (with --id, its number and id; else by id, saying which record it was); of a record that cannot be read, the run's trace of it is shown after the error.",
        HelpName = "FILE",
    };

    private readonly Option<string> _format = new Option<string>("--format")
    {
        Description = "text (the trace, then the subject and text body, the default) or json (only the decision's JSON trace, one line, as Decision.ToTraceJson writes it: catalog sha256, asOf, arms, checks, candidates, the field values the rules read).",
        HelpName = "FORMAT",
        DefaultValueFactory = static _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public ExplainCommand(CliConsole console)
        : base("explain", "Show why one recipient gets what: the decision trace, the subject and the text body.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_timeBudget);
        Options.Add(_confine);
        Options.Add(_message);
        Options.Add(_recipient);
        Options.Add(_id);
        Options.Add(_record);
        Options.Add(_idField);
        Options.Add(_schema);
        Options.Add(_history);
        Options.Add(_exceptRun);
        Options.Add(_runTrace);
        Options.Add(_format);
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

        var exceptRun = parseResult.GetValue(_exceptRun);
        if (exceptRun is not null && historyFile is null)
        {
            error.WriteLine("error: --except-run leaves a run's contacts out of a contact history: give the history with --history FILE.");
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
            return LoadAndExplain(parseResult, exceptRun is null ? history : new RunContactHistory(history) { RunId = exceptRun }, historyFile is null);
        }
        finally
        {
            (history as IDisposable)?.Dispose();
        }
    }

    private int LoadAndExplain(ParseResult parseResult, Contacts.IContactHistory history, bool emptyHistory)
    {
        var error = _console.Error;
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), error, error, out var catalog, parseResult.GetValue(_asOf), history, confine: parseResult.GetValue(_confine), timeBudget: parseResult.GetValue(_timeBudget)))
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.CheckMessage(catalog, messageId, error))
        {
            return ExitCodes.Failure;
        }

        RecipientSchema? schema = null;
        if (parseResult.GetValue(_schema) is { } schemaText && !RecipientSchema.TryParse(schemaText, out schema, out var schemaError))
        {
            error.WriteLine($"error: --schema: {schemaError}");
            return ExitCodes.Failure;
        }

        var source = parseResult.GetRequiredValue(_recipient);
        var id = parseResult.GetValue(_id);
        var number = parseResult.GetValue(_record);
        if (number is not null && (id is not null || number < 1 || source.TrimStart().StartsWith('{')))
        {
            error.WriteLine(id is not null
                ? "error: --id and --record both pick the record to explain: give one of them (--record N for the record's number in the file, as a run's trace and rejects file name it)."
                : number < 1
                    ? string.Create(CultureInfo.InvariantCulture, $"error: --record {number}: records are numbered from 1, as a run's trace and rejects file number them.")
                    : "error: --record picks a record of a recipients file by its number: give the file (.jsonl or .csv, - for standard input) as --recipient, not inline JSON.");
            return ExitCodes.Failure;
        }

        // Checked before the recipient is read: a record that cannot be read is shown with the run's trace of it too.
        var runTraceFile = parseResult.GetValue(_runTrace);
        if (runTraceFile is { Exists: false })
        {
            error.WriteLine($"error: the run's trace '{runTraceFile.FullName}' does not exist. Give explain --format json's output or the run's results.jsonl (render --trace).");
            return ExitCodes.Failure;
        }

        var json = parseResult.GetValue(_format) == "json";
        Recipient recipient;
        RecipientRecord? record = null;

        // A recipients file (.csv, or a .jsonl one that exists) is read by the render's reader, also for its first record without
        // --id or --record: a record the run cannot read (not UTF-8, too long) is refused as the run refused it, not read
        // with replacement characters and called record 1, and standard input and the file give the same answer.
        try
        {
            if (id is not null || number is not null || source == "-"
                || (!source.TrimStart().StartsWith('{') && RecipientReader.FormatFromExtension(source) is { } format && (format == RecipientFormat.Csv || File.Exists(source))))
            {
                record = RecipientLookup.Find(source, parseResult.GetRequiredValue(_idField), id, schema, _console.In, number);
                if (record.Recipient is null)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejected: record {record.Number} (line {record.Line}) cannot be read, as a render rejects it: {record.Error}"));
                    if (runTraceFile is not null)
                    {
                        // The run's trace of that record (an undecided one, with the run's reason) is what there is to compare.
                        ShowRunTraceOfUnread(runTraceFile.FullName, record, messageId, json);
                    }

                    return ExitCodes.Rejected;
                }

                recipient = record.Recipient;
            }
            else
            {
                recipient = InlineRecipient.Parse(source, parseResult.GetRequiredValue(_idField));
            }
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException or UnauthorizedAccessException)
        {
            record?.Dispose();
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        using (record)
        {
            if (schema?.Check(recipient) is { } unfit)
            {
                error.WriteLine($"rejected: recipient '{recipient.Id}' does not fit --schema, as a render rejects it: {unfit}.");
                return ExitCodes.Rejected;
            }

            JsonDocument? runTrace = null;
            string? otherRecord = null;
            var recordNumber = record?.Number;
            if (runTraceFile is not null)
            {
                // Picked by its number, the record is found in the run's trace by its number too: the id may repeat or be
                // missing. Read by id (or as the file's first), it is found by its number too where the run's trace of that
                // number is of the same id, as the first trace with the id may be another record's; else by id, said so.
                string? problem;
                runTrace = number is { } n
                    ? RunTraceComparison.FindRecord(runTraceFile.FullName, n, recipient.Id, messageId, out problem)
                    : recordNumber is { } read
                        ? RunTraceComparison.FindRead(runTraceFile.FullName, read, recipient.Id, messageId, out problem, out otherRecord)
                        : RunTraceComparison.Find(runTraceFile.FullName, recipient.Id, messageId, out problem);
                if (runTrace is null)
                {
                    error.WriteLine($"error: {problem}.");
                    return ExitCodes.Failure;
                }
            }

            using (runTrace)
            {
                try
                {
                    _console.FaultProbe?.Invoke("decide", recordNumber ?? 0);
                    return Explain(catalog, messageId, recipient, recordNumber, emptyHistory, json, runTrace?.RootElement, parseResult.GetValue(_exceptRun) is not null, otherRecord);
                }
                catch (Exception ex) when (RecordFaultException.Wrap(ex, recordNumber, recipient.Id, "decide") is { } fault)
                {
                    // A fault of the tool (a recipient's own error is 'rejected:'): said with the record and its id.
                    throw fault;
                }
            }
        }
    }

    /// <summary>
    /// <c>explain --run-trace</c> of a record that cannot be read: the run's trace of the same record (found by its number),
    /// which says whether the run could not read it either and why; after the read error, or on standard error with --format json.
    /// </summary>
    private void ShowRunTraceOfUnread(string path, RecipientRecord record, string messageId, bool json)
    {
        using var run = RunTraceComparison.FindNumber(path, record.Number, messageId, out var problem);
        var note = run is null ? $"{problem}." : $"{RunTraceComparison.Unread(run.RootElement, record.Number, record.Id)}.";
        if (json)
        {
            _console.Error.WriteLine($"note: {note}");
            return;
        }

        _console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  against the run's trace of record {record.Number}:"));
        _console.Out.WriteLine($"  - {note}");
    }

    private int Explain(Catalog catalog, string messageId, Recipient recipient, long? recordNumber, bool emptyHistory, bool json, JsonElement? runTrace, bool exceptRun, string? otherRecord)
    {
        var output = _console.Out;
        var error = _console.Error;
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

            // The replay against the run's own trace: where the history changed since, said in words (on standard error
            // with --format json, whose output stays the trace line alone).
            var notes = runTrace is { } run ? RunTraceComparison.Compare(run, decision, catalog.SourceHash, exceptRun) : [];
            if (otherRecord is not null)
            {
                // The run's trace compared is another record's than the one read: said first.
                notes.Insert(0, otherRecord);
            }

            if (json)
            {
                // A recipient read from a recipients file is a record of it: its trace carries the record's number, as the
                // run's trace of that record does (render --trace), so the two lines are the same bytes.
                output.WriteLine(recordNumber is { } number ? decision.ToTraceJson(number) : decision.ToTraceJson());
                foreach (var note in notes)
                {
                    error.WriteLine($"note: {note}");
                }

                if (failure is not null)
                {
                    output.Flush();
                    error.WriteLine($"rejected: {failure.Message}");
                    return ExitCodes.Rejected;
                }

                return ExitCodes.Success;
            }

            output.WriteLine("== Decision ==");
            output.Write(decision.ToTraceString());

            // What an audit record needs to decide it again: the catalog's version and the instant its date rules and caps were judged at,
            // and, for a record of a recipients file, its number there (as the run's trace and rejects file number it).
            var ofRecord = recordNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $" · record {n}") : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  as of {decision.AsOf.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'} · catalog sha256 {catalog.SourceHash}{ofRecord}"));
            if (emptyHistory && decision.PolicyChecks.Any(static c => c.Kind == Decisions.PolicyCheckKind.Cap))
            {
                output.WriteLine("  (no --history: caps were checked against an empty contact history)");
            }

            if (runTrace is not null)
            {
                // Which of the run's records was compared: the run's trace names its number (one written before traces carried it does not).
                var ofRun = RunTraceComparison.RecordOf(runTrace.Value) is { } compared ? string.Create(CultureInfo.InvariantCulture, $" of record {compared}") : string.Empty;
                output.WriteLine(notes.Count == 0 ? $"  against the run's trace{ofRun}: the same catalog, instant and cap counts" : $"  against the run's trace{ofRun}:");
                foreach (var note in notes)
                {
                    output.WriteLine($"  - {note}");
                }
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
