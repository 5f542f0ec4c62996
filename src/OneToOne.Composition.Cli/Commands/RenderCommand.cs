using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;
using OneToOne.Composition.Cli.Progress;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone render CATALOG --message ID --recipients FILE --channel text|web|email|print [--out DIR [--file-names id|number]] [--merge FILE.pdf]
/// [--format html|json] [--page] [--id-field id] [--parallel N] [--checkpoint FILE [--durable] [--replace-finished]] [--shard K/N] [--summary FILE]
/// [--rejects FILE] [--max-rejects N|P%] [--schema SPEC] [--progress auto|live|plain|none] [--as-of DATE] [--allow-drafts]
/// [--history FILE] [--confine-to-catalog-folder]</c>: streams recipients through
/// the batch runner (parallel, in input order), writing JSON Lines to stdout or files to a folder, and for print
/// optionally one merged PDF with a manifest; accounts for every record.
/// </summary>
internal sealed class RenderCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<TimeSpan?> _timeBudget = CommonSymbols.TimeBudget();
    private readonly Option<string> _message = CommonSymbols.Message();
    private readonly Option<string> _idField = CommonSymbols.IdField();
    private readonly Option<bool> _allowDrafts = CommonSymbols.AllowDrafts();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();

    private readonly Option<string> _history = new Option<string>("--history")
    {
        Description = "A SQLite contact history (created when missing): frequency caps are judged against it, and every rendered record is recorded in it. Needed when the message has caps.",
        HelpName = "FILE",
    }.AcceptFileOnly("history.db");

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

    private readonly Option<string> _out = new Option<string>("--out", "-o")
    {
        Description = "Write one file per rendered record (.txt, .html, .json, .eml or .pdf) and results.jsonl into this folder, instead of JSON Lines to stdout.",
        HelpName = "DIR",
    }.AcceptFolderOnly();

    private readonly Option<string> _fileNames = new Option<string>("--file-names")
    {
        Description = "With --out: name each record's file by its recipient id (id, the default) or by its number in the input (number: record-17.eml), so no recipient data, such as an email address used as the id, lands in file names; results.jsonl pairs each file with its id.",
        DefaultValueFactory = static _ => "id",
    }.AcceptOnlyFromAmong("id", "number");

    private readonly Option<string> _merge = new Option<string>("--merge")
    {
        Description = "With --channel print: also (or, without --out, only) write every rendered record into this one merged PDF, with FILE.manifest.json listing each recipient's pages.",
        HelpName = "FILE.pdf",
    }.AcceptFileOnly("run.pdf");

    private readonly Option<string> _format = new Option<string>("--format")
    {
        Description = "With --channel web: html (the rendered HTML as body, the default) or json (per slot the chosen module ids, and the HTML as html).",
        DefaultValueFactory = static _ => "html",
    }.AcceptOnlyFromAmong("html", "json");

    private readonly Option<bool> _trace = new("--trace")
    {
        Description = "End each record's line (results.jsonl with --out, standard output without) with \"trace\": the decision's JSON trace, as explain --format json writes it (catalog sha256, asOf, arms, checks, candidates, the field values the rules read), for an audit that has only the record. A record never decided (unreadable, refused for its id or --schema, a duplicate id, rejected while deciding) gets a trace that says so: its record number, id and \"undecided\": status, stage and error or reason.",
    };

    private readonly Option<bool> _page = new("--page")
    {
        Description = "With --channel web: render the whole page from the message's web: layout (or a minimal document) instead of the fragment.",
    };

    private readonly Option<int> _parallel = new("--parallel", "-p")
    {
        Description = "How many records to decide and render at once (default: the number of cores; at most 4096). The output is the same for any value.",
        HelpName = "N",
        DefaultValueFactory = static _ => Environment.ProcessorCount,
        CustomParser = CommonSymbols.WholeNumber,
    };

    private readonly Option<string> _checkpoint = new Option<string>("--checkpoint")
    {
        Description = "Record each record's outcome in this SQLite file; after a crash, kill or Ctrl-C, run the same command again to carry on where it stopped, with no record missing or written twice. Needs --out.",
        HelpName = "FILE",
    }.AcceptFileOnly("run.checkpoint");

    private readonly Option<bool> _replaceFinished = new("--replace-finished")
    {
        Description = "With --checkpoint: when the checkpoint holds a run that finished under another command or input (last night's, its paths reused), start this run in it instead of refusing. A checkpoint whose run did not finish is still refused, to be resumed.",
    };

    private readonly Option<bool> _durable = new("--durable")
    {
        Description = "With --checkpoint: have each checkpoint commit wait until the output it records is on the disk (one file-system sync per commit, Linux), so the checkpoint survives a power loss or machine crash too, not only a killed process.",
    };

    private readonly Option<string> _shard = new("--shard")
    {
        Description = "Process only shard K of N: the records whose id hashes there (SHA-256 of the id, see the README), so N machines together produce the single-machine output.",
        HelpName = "K/N",
    };

    private readonly Option<string> _summary = new Option<string>("--summary")
    {
        Description = "Also write the run summary (counts, per reason, per stage, per module, duration, records/s) as JSON to this file.",
        HelpName = "FILE",
    }.AcceptFileOnly("summary.json");

    private readonly Option<string> _rejects = new Option<string>("--rejects")
    {
        Description = "List every rejected record (number, id, stage, error) as JSON Lines in this file.",
        HelpName = "FILE",
    }.AcceptFileOnly("rejects.jsonl");

    private readonly Option<string> _maxRejects = new("--max-rejects")
    {
        Description = "Stop the run as clearly broken after more than N rejected records, or when more than P% of the records done are rejected (judged from 100 records on).",
        HelpName = "N|P%",
    };

    private readonly Option<int?> _maxPages = new("--max-pages")
    {
        Description = "Print: the most pages one recipient's letter may run to (100 unless given); a longer one is rejected, as a field or a loop gone wrong. Raise it for long statements.",
        HelpName = "N",
    };

    private readonly Option<string> _schema = CommonSymbols.Schema();

    private readonly Option<string> _progress = new Option<string>("--progress")
    {
        Description = "Progress on standard error: live (a bar on a terminal), plain (a line every 5 s), none, or auto (live on a terminal, plain when redirected).",
        DefaultValueFactory = static _ => "auto",
    }.AcceptOnlyFromAmong("auto", "live", "plain", "none");

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public RenderCommand(CliConsole console)
        : base("render", "Decide and render a message for every recipient of a JSON Lines or CSV file: streaming, parallel, in input order, resumable, shardable.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_timeBudget);
        Options.Add(_message);
        Options.Add(_recipients);
        Options.Add(_channel);
        Options.Add(_out);
        Options.Add(_fileNames);
        Options.Add(_merge);
        Options.Add(_format);
        Options.Add(_page);
        Options.Add(_trace);
        Options.Add(_idField);
        Options.Add(_allowDrafts);
        Options.Add(_confine);
        Options.Add(_history);
        Options.Add(_parallel);
        Options.Add(_checkpoint);
        Options.Add(_replaceFinished);
        Options.Add(_durable);
        Options.Add(_shard);
        Options.Add(_summary);
        Options.Add(_rejects);
        Options.Add(_maxRejects);
        Options.Add(_maxPages);
        Options.Add(_schema);
        Options.Add(_progress);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        var channel = parseResult.GetRequiredValue(_channel) switch
        {
            "web" => BatchChannel.Web,
            "email" => BatchChannel.Email,
            "print" => BatchChannel.Print,
            _ => BatchChannel.Text,
        };
        var outDirectory = parseResult.GetValue(_out);
        var mergePath = parseResult.GetValue(_merge);
        var checkpointPath = parseResult.GetValue(_checkpoint);
        var decisionJson = parseResult.GetValue(_format) == "json";
        var page = parseResult.GetValue(_page);
        var problem = CheckCombination(channel, outDirectory, mergePath, parseResult.GetResult(_format) is { Implicit: false }, page)
            ?? CheckMaxPages(channel, parseResult.GetValue(_maxPages));
        var options = BatchOptions.Default;
        if ((problem ??= CheckBatch(parseResult, outDirectory, mergePath, checkpointPath, out options)) is not null)
        {
            error.WriteLine($"error: {problem}");
            return ExitCodes.Failure;
        }

        // The command line holds together (no two options name one file), so an earlier run's summary goes now, before the
        // catalog, the history or the drafts can stop the run: one that stops leaves no summary, not another run's counts.
        if (parseResult.GetValue(_summary) is { } earlierSummary)
        {
            RemoveEarlierSummary(earlierSummary);
        }

        // A history that cannot be used (locked, read-only, corrupt) stops the run before anything is rendered: caps are never bypassed.
        SqliteContactHistory? history = null;
        try
        {
            history = parseResult.GetValue(_history) is { } historyPath ? new SqliteContactHistory(historyPath) : null;
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        using (history)
        {
            return Render(parseResult, channel, outDirectory, mergePath, checkpointPath, decisionJson, page, options, history);
        }
    }

    private int Render(ParseResult parseResult, BatchChannel channel, string? outDirectory, string? mergePath, string? checkpointPath, bool decisionJson, bool page, BatchOptions options, SqliteContactHistory? history)
    {
        var error = _console.Error;
        var print = parseResult.GetValue(_maxPages) is { } maxPages ? PrintOptions.Default with { MaxPages = maxPages } : PrintOptions.Default;
        // One instant for the whole run: --as-of, or when the run began (a resumed run's first attempt, from its checkpoint).
        // Every record is decided, and every email dated, at it: the output does not depend on --parallel, on how long the
        // run takes, or on when it resumes.
        var asOf = parseResult.GetValue(_asOf);
        var clock = new AsOfTimeProvider(asOf ?? _console.Time.GetUtcNow());
        var runHistory = history is null ? null : new RunContactHistory(history);
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), error, error, out var catalog, clock, runHistory, parseResult.GetValue(_allowDrafts), parseResult.GetValue(_confine), timeBudget: parseResult.GetValue(_timeBudget)))
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetRequiredValue(_message);
        if (!CatalogSource.CheckMessage(catalog, messageId, error) || !CatalogSource.CheckDrafts(catalog, messageId, parseResult.GetValue(_allowDrafts), error))
        {
            return ExitCodes.Failure;
        }

        if (history is null && catalog.HasFrequencyCaps(messageId))
        {
            // Refused before the input is opened: without a history every record that reaches the caps would be rejected at decide, one by one.
            var caps = catalog.FrequencyCaps(messageId);
            error.WriteLine($"error: message '{messageId}' has frequency caps ({string.Join("; ", caps)}), which are judged against a contact history, and this run has none, so every record that reaches them (one not suppressed before caps are checked) would be rejected: add --history FILE (a SQLite file, created when missing; keep the same file from run to run). No record was read.");
            return ExitCodes.Failure;
        }

        if (OffMessageChannels(catalog, messageId, channel) is { } offChannels)
        {
            error.WriteLine($"error: {offChannels}");
            return ExitCodes.Failure;
        }

        var recipients = parseResult.GetRequiredValue(_recipients);
        var idField = parseResult.GetRequiredValue(_idField);
        var settings = new ChannelSettings(channel)
        {
            DecisionJson = decisionJson,
            Page = page,
            Documents = channel switch
            {
                BatchChannel.Email => new EmailBatchRenderer(new EmailComposer(new EmailOptions { TimeProvider = clock })),
                BatchChannel.Print when outDirectory is not null => new PdfBatchRenderer(new PdfRenderer(print)),
                _ => null,
            },
        };

        // A file where an output's folder would be is named with its option before anything is read or written (the
        // system's own error named neither: "Could not find a part of the path", "The file … already exists").
        (string Option, string? Path, bool Folder)[] outputs =
        [
            ("--out", outDirectory, true),
            ("--merge", mergePath, false),
            ("--checkpoint", checkpointPath, false),
            ("--rejects", parseResult.GetValue(_rejects), false),
            ("--summary", parseResult.GetValue(_summary), false),
        ];
        foreach (var (option, path, folder) in outputs)
        {
            if (path is not null && FileInTheWay(option, path, folder) is { } blocked)
            {
                error.WriteLine($"error: {blocked}");
                return ExitCodes.Failure;
            }
        }

        if (parseResult.GetValue(_summary) is { } summaryFile && PrepareSummary(summaryFile) is { } summaryProblem)
        {
            error.WriteLine($"error: {summaryProblem}");
            return ExitCodes.Failure;
        }

        BatchSummary? summary = null;
        BatchCheckpoint? checkpoint = null;

        // Listening from the run's start until the exit code is decided: a signal that comes after the last record (while
        // the summary is written) is handled, not left to end the process with 143 over a run that finished or hit its limit.
        using var stop = new StopSignal();
        MergedPdfSink? merged = null;
        EmailWarningTally? emailWarnings = null;
        try
        {
            // The input is opened first: a recipients file that is missing or a folder is named as such, with or without a checkpoint.
            using var input = RecipientInput.Open(recipients, _console.In);
            if (checkpointPath is not null)
            {
                checkpoint = BatchCheckpoint.Open(checkpointPath, RunKey(parseResult, catalog, outDirectory!, recipients), clock, parseResult.GetValue(_replaceFinished) ? CheckpointReuse.ReplaceFinished : CheckpointReuse.ResumeOnly);
                if (checkpoint.ReplacedRun is { } replaced)
                {
                    error.WriteLine($"starting a new run in {checkpoint.Path}: the run it held had finished ({replaced}) with another command or input (--replace-finished)");
                }

                options = options with { Checkpoint = checkpoint };
                clock.AsOf = checkpoint.StartedAt;
                if (checkpoint.LastNumber > 0)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resuming from {checkpoint.Path}: {checkpoint.RecordsDone} records done, carrying on after record {checkpoint.LastNumber} (as of {checkpoint.StartedAt:O}, {(asOf is null ? "when the run began" : "as --as-of gives it")})"));
                }
            }

            if (history is not null)
            {
                // A resumed run records under its checkpoint's run id, so records observed again are not counted twice, and
                // its caps leave its own contacts out, so records decided again are decided as the first time.
                var runId = checkpoint is { RunId.Length: > 0 } ? checkpoint.RunId : Guid.NewGuid().ToString("N");
                runHistory!.RunId = runId;
                options = options with { Observer = new ContactHistoryObserver(history, clock.AsOf, runId, channel) };
            }

            var sinks = new List<IMessageSink>();
            if (_console.FaultProbe is { } probe)
            {
                sinks.Add(new FaultProbeSink(probe));
            }

            try
            {
                if (mergePath is not null)
                {
                    sinks.Add(merged = new MergedPdfSink(mergePath, print));
                }

                var trace = parseResult.GetValue(_trace) ? new RecordTrace(catalog, messageId) : null;
                sinks.Add(outDirectory is null
                    ? StandardOutputSink(decisionJson, trace)
                    : new DirectorySink(outDirectory, settings, ReservedNames(outDirectory, recipients, merged, checkpointPath, parseResult.GetValue(_rejects), parseResult.GetValue(_summary)))
                    {
                        FileNaming = parseResult.GetValue(_fileNames) == "number" ? FileNaming.RecordNumber : FileNaming.RecipientId,
                        Trace = trace,
                    });
                if (parseResult.GetValue(_rejects) is { } rejectsPath)
                {
                    sinks.Add(new RejectsSink(rejectsPath));
                }

                if (channel == BatchChannel.Email)
                {
                    sinks.Add(emailWarnings = new EmailWarningTally());
                }
            }
            catch
            {
                // A sink that cannot be opened (its folder or file in use by another run, say) stops the run before it
                // starts: those already opened give back their locks and delete their temporary files.
                DisposeAfterFailure(new CompositeMessageSink([.. sinks]));
                throw;
            }

            if (outDirectory is not null && checkpoint is not { LastNumber: > 0 } && File.Exists(Path.Combine(outDirectory, DirectorySink.ResultsFileName)))
            {
                // Said once the folder's lock is taken (a run still writing it is refused instead): a run from the start into a
                // folder an earlier run filled replaces the files of the records it writes and keeps the rest.
                error.WriteLine($"warning: '{outDirectory}' holds an earlier run's output ({DirectorySink.ResultsFileName}): this run replaces {DirectorySink.ResultsFileName} and the files of the records it writes, and keeps the other files, so a step that takes every file in the folder (sending every .eml, printing every .pdf) would take the earlier run's too. Write each run to a new folder, or clear this one first; {DirectorySink.ResultsFileName} lists this run's files.");
            }

            var sink = new CompositeMessageSink([.. sinks]);
            try
            {
                var read = input.Read(idField, options.Schema);
                var records = IdFieldCheck.Watch(read, idField, error);
                summary = Run(parseResult, recipients, options, stop, (runOptions, token) =>
                    new BatchRunner(catalog, messageId, settings, runOptions).RunAsync(records, sink, token).GetAwaiter().GetResult());

                // The id check passes the records through a filter of its own, so the reader's warnings are taken from it here.
                if (read is CsvRecords { Warnings.Count: > 0 } csv)
                {
                    summary.InputWarnings = [.. csv.Warnings, .. summary.InputWarnings];
                }
            }
            catch
            {
                // Disposing the merged PDF's sink before it completed deletes the half-written file.
                DisposeAfterFailure(sink);
                throw;
            }

            // Disposing the merged PDF's sink after it completed leaves it in place.
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();

            if (merged?.Manifest is { } manifest)
            {
                error.WriteLine(manifest.Entries.Count > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"merged {manifest.Entries.Count} {(manifest.Entries.Count == 1 ? "recipient" : "recipients")}, {manifest.TotalPages} {(manifest.TotalPages == 1 ? "page" : "pages")} into {merged.PdfPath} (manifest {merged.ManifestPath})")
                    : $"no record was printed, so {merged.PdfPath} was not written (a PDF needs a page) and an earlier run's is removed; the manifest {merged.ManifestPath} lists no recipient");
            }

            if (parseResult.GetValue(_summary) is { } summaryPath)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(summaryPath))!);
                AtomicFile.WriteThrough(summaryPath, System.Text.Encoding.UTF8.GetBytes(summary.ToJson(clock.AsOf) + "\n"));
            }
        }
        catch (Exception ex) when (ex is RecipientInputException or IOException or UnauthorizedAccessException or PrintException or BatchCheckpointException or ContactHistoryException || RecordFaultException.IsFileTooLarge(ex))
        {
            // PrintException here is a run-level failure (a font that cannot be loaded), raised before any record; a
            // ContactHistoryException is the --history file failing to count a recipient's contacts for a cap or to record a
            // rendered record (locked, disk error).
            if (StandardOutput.IsClosedPipe(ex) && outDirectory is null)
            {
                error.WriteLine("error: standard output was closed before the run ended (the program reading it stopped, as `| head` does), so the run stopped there: the records after the last line it read were not written. Write to a file, or use --out DIR.");
            }
            else
            {
                _console.Out.Flush();

                // A sink that failed to finish its output after the last record (a merged PDF moved into place) is named with it.
                var where = BatchFault.Of(ex) is { Sink: { } failedSink } ? RecordFaultException.Completing(failedSink) + ": " : string.Empty;
                // The file-size limit's failure comes with .NET's words for a bad argument ("… (Parameter 'value')"): said plainly.
                var message = RecordFaultException.IsFileTooLarge(ex) ? "File too large: a write went past the process's file-size limit" : ex.Message;
                error.WriteLine(WhatToDo(ex, checkpointPath is not null) is { Length: > 0 } whatToDo
                    ? $"error: {where}{message.TrimEnd('.')}.{whatToDo}"
                    : $"error: {where}{message}");
            }

            var completing = BatchFault.Of(ex) is { Sink: not null };
            if (((completing ? BatchFault.SummaryOf(ex) : null) ?? summary ?? SummarySoFar(checkpoint)) is { } sofar)
            {
                // The run's counts (it finished before the failure: writing the summary file, say, or every record written
                // before a sink failed to complete), else those its checkpoint recorded. Without either there are none, and
                // "0 records" would only mislead.
                error.WriteLine(sofar.ToString());
            }

            if (checkpoint is not null && BatchFault.Of(ex) is { Sink: not null } completingFault)
            {
                error.WriteLine(CompletingAdvice(checkpoint, completingFault));
            }

            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !StandardOutput.IsClosedPipe(ex))
        {
            // A fault of the tool (a bug): a record's own error rejects it, so this is none. Said with the record the run
            // was working on, then what was done, which the checkpoint holds too (the records written before it).
            _console.Out.Flush();
            var fault = BatchFault.Of(ex);
            RecordFaultException.Report(error, fault?.Record, fault?.RecipientId, fault?.Stage, ex, fault?.Sink);
            if ((BatchFault.SummaryOf(ex) ?? summary ?? SummarySoFar(checkpoint)) is { } sofar)
            {
                error.WriteLine(sofar.ToString());
            }

            if (checkpoint is not null)
            {
                error.WriteLine(fault is { Sink: not null }
                    ? CompletingAdvice(checkpoint, fault)
                    : fault is { Record: { } record }
                    ? string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Path} holds every record done before record {record}: once the fault is fixed, run the same command again to carry on from there.")
                    : $"{checkpoint.Path} holds every record done: once the fault is fixed, run the same command again to carry on from there.");
            }

            return ExitCodes.InternalError;
        }
        finally
        {
            checkpoint?.Dispose();
        }

        _console.Out.Flush();
        if (EmptyInputWarning(summary, recipients, options.Shard) is { } empty)
        {
            error.WriteLine(empty);
        }

        error.Write(summary.ToReport());
        error.Write(emailWarnings?.Report(outDirectory is null ? "standard output" : Path.Combine(outDirectory, DirectorySink.ResultsFileName)) ?? string.Empty);
        var (exitCode, stopLine) = Outcome(summary, options.RejectLimit, stop.Signal);
        if (stopLine is not null)
        {
            error.WriteLine(stopLine);
        }

        return exitCode;
    }

    /// <summary>
    /// What a checkpointed run whose sink failed to complete holds: every record, done and written, when its last commit
    /// recorded them (the same command reads past every record, then completes the sinks); else only the records up to its
    /// last commit before (a full disk failed that commit's flush as it failed the completion), after which the same
    /// command renders the rest. Said from what the checkpoint holds, not from what the run wrote.
    /// </summary>
    private static string CompletingAdvice(BatchCheckpoint checkpoint, BatchFault fault) => fault.Committed
        ? string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Path} holds every record as done (up to record {checkpoint.LastNumber}), but the run's output was not completed: once the fault is fixed, run the same command again: it renders no record again and completes the output.")
        : checkpoint.LastNumber == 0
            ? $"{checkpoint.Path} holds no record as done (its last commit failed too), and the run's output was not completed: once the fault is fixed, run the same command again: it renders every record and completes the output."
            : string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Path} holds the records up to record {checkpoint.LastNumber} as done (its last commit failed too), and the run's output was not completed: once the fault is fixed, run the same command again: it renders the records after record {checkpoint.LastNumber} and completes the output.");

    /// <summary>
    /// The exit code of a run that ended, and the line that says why it stopped (null when it read its whole input). When
    /// a signal and <c>--max-rejects</c> stop a run at about the same time, the records written decide, not which of the
    /// two was handled first: a run whose counts went past the limit exits 1 (something to fix: a resumed run would stop
    /// at the same record, so a scheduler must not retry it), whatever signal came; a run stopped by a signal before its
    /// counts reached the limit exits 128 + the signal's number (to be resumed); a run that read its whole input exits 0
    /// or 2 even when a signal came after its last record.
    /// </summary>
    /// <param name="summary">The run's account.</param>
    /// <param name="limit">The run's <c>--max-rejects</c>, or null.</param>
    /// <param name="signal">The first SIGINT or SIGTERM handled while the run went on, or null.</param>
    /// <returns>The exit code, and the line for standard error or null.</returns>
    internal static (int ExitCode, string? Line) Outcome(BatchSummary summary, RejectLimit? limit, PosixSignal? signal)
    {
        if (summary.StoppedReason is not { } stopped)
        {
            return (summary.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Success, null);
        }

        if (limit?.Exceeded(summary.Rejected, summary.Input) is not null)
        {
            return (ExitCodes.Failure, signal is { } came
                ? $"error: the run stopped: {stopped}. ({came} came as it stopped: a run past --max-rejects exits 1 all the same, as running it again would stop at the same record.)"
                : $"error: the run stopped: {stopped}.");
        }

        // The signal named, for the log a scheduler keeps (kubectl logs): SIGTERM is an eviction or a deadline, not a fault.
        // Stopped by Ctrl-C or SIGTERM (a pod evicted), it is to be resumed, not fixed: a code of its own (143), as the
        // process has when the signal comes before the run begins, so a scheduler can retry it and not a failure.
        return signal is { } by
            ? (ExitCodes.Stopped(by), $"error: the run stopped by {by}: {stopped}.")
            : (ExitCodes.Failure, $"error: the run stopped: {stopped}.");
    }

    /// <summary>
    /// What to do about a failure that stops every record after it — a full disk or quota, a read-only file system, an
    /// output folder moved away — which the operating system's message names but does not say how to get past; empty for
    /// any other failure.
    /// </summary>
    /// <param name="failure">What stopped the run.</param>
    /// <param name="checkpointed">Whether the run has a checkpoint to carry on from.</param>
    /// <returns>Sentences to follow the message, each with a leading space, or an empty string.</returns>
    internal static string WhatToDo(Exception failure, bool checkpointed)
    {
        var cause = failure switch
        {
            // ENOSPC and EDQUOT (Linux 122, macOS 69); ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
            IOException { HResult: 28 or 122 or 69 or unchecked((int)0x80070070) or unchecked((int)0x80070027) } => " The disk (or the quota) is full: free space on it",
            IOException { HResult: 30 } => " The file system is read-only: mount it writable, or write to another one",
            ArgumentOutOfRangeException when RecordFaultException.IsFileTooLarge(failure) => " Raise the limit (ulimit -f; LimitFSIZE in a systemd unit), or write to files that stay under it",

            // Every output folder exists before the first record (each sink makes its own), so one missing went away during the run.
            DirectoryNotFoundException => " A folder the run writes to was moved or deleted while the run wrote to it: put it back where it was",
            _ => null,
        };

        return cause is null
            ? string.Empty
            : checkpointed
                ? $"{cause}, then run the same command again: it carries on from the checkpoint."
                : $"{cause}, then run the command again (from the start: give --checkpoint FILE with --out DIR, and a run that stops carries on where it stopped).";
    }

    /// <summary>
    /// The warning for a run that read no record, or null. An empty export is a failed export more often than an empty
    /// list: said, though the run did all it was asked. Not for a shard (it may own none of the ids), nor for a run stopped
    /// (Ctrl-C, SIGTERM) before its first record, whose input was never read to the end: it is not known to be empty.
    /// </summary>
    internal static string? EmptyInputWarning(BatchSummary summary, string recipients, Shard? shard) =>
        summary.Input == 0 && shard is null && summary.Completed
            ? $"warning: no record was read from {(recipients == "-" ? "standard input" : $"'{recipients}'")}: it is empty, or a CSV file with only its header row. Check that the recipients were exported."
            : null;

    /// <summary>Removes the summary an earlier run wrote at <paramref name="summaryPath"/>, if there is one and it can go; <see cref="PrepareSummary"/> names what stands in the way.</summary>
    private static void RemoveEarlierSummary(string summaryPath)
    {
        try
        {
            DeleteSummary(summaryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file where the summary's folder would be, say: told with its option before the run reads a record.
        }
    }

    /// <summary>
    /// Makes the folder of the summary, which is written after the last record, so that one it cannot have (a file in
    /// the way, say) is told before the run, not after every record was rendered; removes the summary an earlier run
    /// wrote there, so that a run that fails leaves none rather than another run's counts, "completed" and all; and
    /// creates and deletes a file where the summary's is written first, so that a folder that takes no file (a read-only
    /// file system, another user's folder) is told before the run too.
    /// </summary>
    /// <returns>The problem, or null.</returns>
    private static string? PrepareSummary(string summaryPath)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(summaryPath))!);
            DeleteSummary(summaryPath);
            if (AtomicFile.ReplaceableTarget(summaryPath) is { } file)
            {
                using var probe = new FileStream(AtomicFile.TempPathFor(file), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--summary '{summaryPath}' cannot be written: {ex.Message}";
        }
    }

    /// <summary>
    /// Deletes an earlier summary: the file a symbolic link leads to, not the link (<c>latest.json</c> stays a link), and
    /// nothing when the path is no regular file: <c>--summary /dev/stderr</c> deleted the link to the process's error
    /// output, and as root <c>/dev/null</c> itself.
    /// </summary>
    private static void DeleteSummary(string summaryPath)
    {
        if (AtomicFile.ReplaceableTarget(summaryPath) is { } file)
        {
            File.Delete(file);
        }
    }

    /// <summary>Says which file stands where an output's folder (or one above it) would be, or returns null; creates nothing.</summary>
    /// <param name="option">The option, for the message.</param>
    /// <param name="path">The option's path as given.</param>
    /// <param name="folder">Whether the path is itself a folder (--out), not a file in one.</param>
    /// <returns>The problem, or null.</returns>
    private static string? FileInTheWay(string option, string path, bool folder)
    {
        var full = Path.GetFullPath(path);
        for (var at = folder ? full : Path.GetDirectoryName(full); at is not null; at = Path.GetDirectoryName(at))
        {
            if (Directory.Exists(at))
            {
                return null;
            }

            if (File.Exists(at))
            {
                return $"{option} '{path}' cannot be written: '{at}' is a file, not a folder. Give a path in a folder, or move the file.";
            }
        }

        return null;
    }

    /// <summary>
    /// Runs the batch with Ctrl-C and SIGTERM stopping it cleanly, and with the progress display the console calls for;
    /// <paramref name="stop"/> listens for the signals from now until it is disposed, and tells the one that came.
    /// </summary>
    private BatchSummary Run(ParseResult parseResult, string recipients, BatchOptions options, StopSignal stop, Func<BatchOptions, CancellationToken, BatchSummary> run)
    {
        if (_console.IsProcessConsole)
        {
            stop.Listen();
        }

        var mode = parseResult.GetValue(_progress) ?? "auto";
        if (mode == "auto")
        {
            mode = !_console.IsProcessConsole ? "none" : Console.IsErrorRedirected ? "plain" : "live";
        }

        var total = mode == "none" || recipients == "-" ? null : RecipientInput.CountRecords(recipients);
        var summary = mode switch
        {
            "live" => LiveProgress.Run(total, progress => run(options with { TotalRecords = total, Progress = progress, ProgressInterval = TimeSpan.FromMilliseconds(250) }, stop.Token)),
            "plain" => run(options with { TotalRecords = total, Progress = new PlainProgress(_console.Error), ProgressInterval = TimeSpan.FromSeconds(5) }, stop.Token),
            _ => run(options, stop.Token),
        };
        return summary;
    }

    /// <summary>
    /// Disposes the sinks of a run that failed, keeping the run's own failure the one told: on a full disk, disposing
    /// fails too (a file's last bytes cannot be written), and its error would replace the first, with whatever that one
    /// said. The sinks release their locks and delete their temporary files either way.
    /// </summary>
    private static void DisposeAfterFailure(CompositeMessageSink sinks)
    {
        try
        {
            sinks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The run's failure, which the caller throws on, is the one to tell.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// The counts of a run that failed: those its checkpoint recorded (the records written before the failure, earlier
    /// runs' included), or null without a checkpoint or before it recorded any.
    /// </summary>
    private static BatchSummary? SummarySoFar(BatchCheckpoint? checkpoint)
    {
        if (checkpoint?.Counts is not { } counts)
        {
            return null;
        }

        var summary = new BatchSummary();
        summary.RestoreCounts(counts);
        return summary;
    }

    /// <summary>
    /// JSON Lines on standard output: a UTF-8 stream writer without a byte-order mark (the tool's stdout) has the lines'
    /// bytes go straight onto its stream, after what the writer holds; any other writer (tests capture one) takes them as text.
    /// </summary>
    private JsonLinesSink StandardOutputSink(bool decisionJson, RecordTrace? trace)
    {
        if (_console.Out is StreamWriter { Encoding: UTF8Encoding { Preamble.Length: 0 } } writer)
        {
            writer.Flush();
            return new JsonLinesSink(writer.BaseStream, decisionJson) { Trace = trace };
        }

        return new JsonLinesSink(_console.Out, decisionJson) { Trace = trace };
    }

    /// <summary>Reads the batch options (parallelism, shard, reject limit, schema) and checks that they go together.</summary>
    /// <returns>The problem, or null.</returns>
    private string? CheckBatch(ParseResult parseResult, string? outDirectory, string? mergePath, string? checkpointPath, out BatchOptions options)
    {
        options = BatchOptions.Default;
        var parallel = parseResult.GetValue(_parallel);
        if (parallel < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--parallel {parallel}: give 1 or more records to work on at once (default: the {Environment.ProcessorCount} cores).");
        }

        if (parallel > BatchRunner.MaxWorkers)
        {
            // Each worker holds up to 64 records in flight: far more workers than cores only fill memory (and past 2^25 the count overflowed).
            return string.Create(CultureInfo.InvariantCulture, $"--parallel {parallel}: give at most {BatchRunner.MaxWorkers} records to work on at once; each worker holds up to 64 records in memory, and more workers than the {Environment.ProcessorCount} cores render no faster.");
        }

        options = options with { MaxDegreeOfParallelism = parallel };
        if (parseResult.GetValue(_shard) is { } shardText)
        {
            if (!Shard.TryParse(shardText, out var shard, out var shardError))
            {
                return $"--shard: {shardError}";
            }

            options = options with { Shard = shard };
        }

        if (parseResult.GetValue(_maxRejects) is { } limitText)
        {
            if (!RejectLimit.TryParse(limitText, out var limit, out var limitError))
            {
                return $"--max-rejects: {limitError}";
            }

            options = options with { RejectLimit = limit };
        }

        if (parseResult.GetValue(_schema) is { } schemaText)
        {
            if (!RecipientSchema.TryParse(schemaText, out var schema, out var schemaError))
            {
                return $"--schema: {schemaError}";
            }

            options = options with { Schema = schema };
        }

        if (parseResult.GetValue(_replaceFinished) && checkpointPath is null)
        {
            return "--replace-finished starts a new run in a checkpoint whose run had finished: give --checkpoint FILE too, or leave --replace-finished out.";
        }

        if (parseResult.GetValue(_durable))
        {
            if (checkpointPath is null)
            {
                return "--durable makes each checkpoint commit wait for the disk: give --checkpoint FILE too, or leave --durable out.";
            }

            if (!DiskSync.IsSupported)
            {
                return "--durable syncs the output's file system with each checkpoint commit (Linux's syncfs), which this operating system does not have. Leave --durable out: the checkpoint still survives the process being killed.";
            }

            options = options with { Durable = true };
        }

        if (parseResult.GetValue(_fileNames) == "number" && outDirectory is null)
        {
            return "--file-names names the files written to a folder: give --out DIR too, or leave --file-names out (standard output has no file names).";
        }

        if (checkpointPath is not null && outDirectory is null)
        {
            return "--checkpoint needs --out DIR: standard output cannot be taken back, so a resumed run could repeat records. "
                + "Write to a folder (its results.jsonl is cut back to the checkpoint on resume) and read results.jsonl from there.";
        }

        if (checkpointPath is not null && parseResult.GetRequiredValue(_recipients) == "-")
        {
            return "--checkpoint cannot resume standard input: a resumed run skips the records done, and cannot tell whether "
                + "what it reads the next time is the same input. Write the recipients to a file and give its path (-r FILE).";
        }

        if (checkpointPath is not null && mergePath is not null)
        {
            return "--checkpoint cannot resume a merged PDF, which is written in one pass. Resume the per-recipient PDFs with --out DIR "
                + "--checkpoint FILE, then run once more with --merge (and no --checkpoint) to merge.";
        }

        return CheckDistinctFiles(parseResult, outDirectory, mergePath, checkpointPath);
    }

    /// <summary>
    /// Checks that no two of the files the run reads and writes are one: rejects listed into the recipients being read
    /// cut the input short (the run ended as if it had read it all), a summary or checkpoint over results.jsonl mixes the two.
    /// </summary>
    /// <returns>The problem, or null.</returns>
    private string? CheckDistinctFiles(ParseResult parseResult, string? outDirectory, string? mergePath, string? checkpointPath)
    {
        var recipients = parseResult.GetRequiredValue(_recipients);
        // The catalog and the recipients are only read: one file read as both is told when it is read ("a YAML file (a
        // catalog?)"), and only a file written as well as another is refused here.
        (string Option, string? Path, bool ReadOnly)[] files =
        [
            .. CatalogFiles(parseResult.GetRequiredValue(_catalog)).Select(static f => ("CATALOG", (string?)f, true)),
            ("--recipients", recipients == "-" ? null : recipients, true),
            ("--out", outDirectory is null ? null : Path.Combine(outDirectory, DirectorySink.ResultsFileName), false),
            ("--merge", mergePath, false),
            ("--checkpoint", checkpointPath, false),
            ("--history", parseResult.GetValue(_history), false),
            ("--rejects", parseResult.GetValue(_rejects), false),
            ("--summary", parseResult.GetValue(_summary), false),
        ];
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (var later = 1; later < files.Length; later++)
        {
            for (var earlier = 0; earlier < later && files[later].Path is { } path; earlier++)
            {
                if (files[earlier].Path is { } other && !(files[earlier].ReadOnly && files[later].ReadOnly)
                    && string.Equals(Path.GetFullPath(path), Path.GetFullPath(other), comparison))
                {
                    return $"{files[later].Option} and {files[earlier].Option} name the same file '{Path.GetFullPath(path)}': the run would overwrite what it reads or writes there. Give each its own file.";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The files a catalog is read from: the file, or the <c>*.yaml</c> and <c>*.yml</c> files of the folder (an output
    /// named as one of them would delete or overwrite part of the catalog); none when there is neither, which loading tells.
    /// </summary>
    private static IEnumerable<string> CatalogFiles(string catalog)
    {
        if (File.Exists(catalog))
        {
            return [catalog];
        }

        try
        {
            return Directory.Exists(catalog)
                ? [.. OneToOne.Composition.CatalogFiles.In(catalog)]
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// What identifies a run for its checkpoint: the same command over the same catalog text and the same recipients file
    /// must resume it; another command, a catalog edited since, or a recipients file changed since must not (its output
    /// would differ from the records already written, or the records skipped would not be the ones done).
    /// </summary>
    /// <exception cref="BatchCheckpointException">The recipients are not a regular file (a pipe), so a resume could not be checked.</exception>
    private string RunKey(ParseResult parseResult, Catalog catalog, string outDirectory, string recipients)
    {
        var fingerprint = RecipientFingerprint.Of(recipients)
            ?? throw new BatchCheckpointException($"--checkpoint cannot resume '{recipients}': it is not a regular file (a pipe or a device), so a resumed run could not tell whether it reads the same records. Write the recipients to a file and give its path.");
        var key = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["recipients-size"] = fingerprint.Size.ToString(CultureInfo.InvariantCulture),
            ["recipients-modified"] = fingerprint.Modified.ToString("O", CultureInfo.InvariantCulture),
            ["recipients-head-sha256"] = fingerprint.HeadSha256,
            ["catalog"] = Path.GetFullPath(parseResult.GetRequiredValue(_catalog)),
            ["catalog-sha256"] = catalog.SourceHash,
            ["message"] = parseResult.GetRequiredValue(_message),
            ["recipients"] = Path.GetFullPath(recipients),
            ["channel"] = parseResult.GetRequiredValue(_channel),
            ["format"] = parseResult.GetValue(_format),
            ["page"] = parseResult.GetValue(_page) ? "true" : "false",
            ["id-field"] = parseResult.GetRequiredValue(_idField),
            ["as-of"] = parseResult.GetValue(_asOf)?.ToString("O", CultureInfo.InvariantCulture),
            ["shard"] = parseResult.GetValue(_shard),
            ["schema"] = parseResult.GetValue(_schema),
            ["out"] = Path.GetFullPath(outDirectory),
            ["rejects"] = parseResult.GetValue(_rejects) is { } rejects ? Path.GetFullPath(rejects) : null,
        };

        // Only when not the default: a key with an entry the earlier versions did not write would refuse their checkpoints,
        // so a run stopped before an upgrade could not be resumed after it (nor a finished one be run again for nothing).
        if (parseResult.GetValue(_fileNames) is "number")
        {
            key["file-names"] = "number";
        }

        // A run started with --trace and resumed without it (or the other way) would leave results.jsonl with the trace on
        // some lines only, an audit file that looks whole and is not. Only when given, for the reason above.
        if (parseResult.GetValue(_trace))
        {
            key["trace"] = "true";
        }

        return JsonSerializer.Serialize(key);
    }

    /// <summary>
    /// Refuses a contact channel the message is never routed to (<c>channels: [email, print]</c> and <c>--channel web</c>):
    /// every record would be suppressed as routed elsewhere and nothing written, which a run that exits 0 hides. A text run
    /// renders whatever the routing, and a message without <c>channels:</c> goes out on any.
    /// </summary>
    /// <returns>The problem, or null.</returns>
    private static string? OffMessageChannels(Catalog catalog, string messageId, BatchChannel channel)
    {
        var channels = catalog.Channels(messageId);
        var contact = ChannelSettings.ContactChannel(channel);
        if (channel == BatchChannel.Text || channels.Count == 0 || channels.Contains(contact))
        {
            return null;
        }

        return $"message '{messageId}' goes out only on its channels ({string.Join(", ", channels)}), so a {contact} run would suppress every recipient as routed to one of those. "
            + $"Give --channel {string.Join(" or --channel ", channels)} (one run each), --channel text to see every recipient's message whatever its channel, or add {contact} to the message's channels.";
    }

    /// <summary>Checks <c>--max-pages</c>: a number of pages, for a print run.</summary>
    /// <returns>The problem, or null.</returns>
    private static string? CheckMaxPages(BatchChannel channel, int? maxPages) => maxPages switch
    {
        null => null,
        < 1 => $"--max-pages {maxPages} allows no page: give the most pages one letter may run to, 1 or more.",
        _ when channel != BatchChannel.Print => "--max-pages limits a printed letter's pages, so it needs --channel print.",
        _ => null,
    };

    /// <summary>Checks that the options go together, before anything is loaded or written.</summary>
    /// <returns>The problem, or null.</returns>
    private static string? CheckCombination(BatchChannel channel, string? outDirectory, string? mergePath, bool formatGiven, bool page)
    {
        if (channel == BatchChannel.Print && outDirectory is null && mergePath is null)
        {
            return "--channel print writes PDF files, not JSON Lines: give --out DIR for one PDF per recipient (DIR/<id>.pdf), "
                + "--merge FILE.pdf for one merged PDF with a page manifest, or both.";
        }

        if (mergePath is not null && channel != BatchChannel.Print)
        {
            return "--merge FILE.pdf writes a merged PDF, so it needs --channel print.";
        }

        if (formatGiven && channel != BatchChannel.Web)
        {
            return "--format (html or json) applies only to --channel web.";
        }

        if (page && channel != BatchChannel.Web)
        {
            return "--page renders the message's web: layout, so it needs --channel web.";
        }

        return null;
    }

    /// <summary>
    /// The names of the run's other files in the output folder (the recipients being read, the merged PDF and its
    /// manifest, the checkpoint and its SQLite companions, the rejects list, the summary), so no record's file takes them:
    /// a record 'summary' of <c>--format json</c> was overwritten by <c>--summary DIR/summary.json</c>, and a record
    /// 'customers' replaced the recipients file <c>DIR/customers.txt</c> it was read from.
    /// </summary>
    private static IEnumerable<string> ReservedNames(string outDirectory, string recipients, MergedPdfSink? merged, string? checkpoint, string? rejects, string? summary)
    {
        var folder = Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar);
        string?[] files = [recipients == "-" ? null : recipients, merged?.PdfPath, merged?.ManifestPath, rejects, summary, .. checkpoint is null ? [] : new[] { checkpoint, checkpoint + "-wal", checkpoint + "-shm", checkpoint + ".lock" }];
        return [.. files.OfType<string>()
            .Select(static p => Path.GetFullPath(p))
            .Where(p => string.Equals(Path.GetDirectoryName(p), folder, StringComparison.OrdinalIgnoreCase)) // reserving a name too many is harmless
            .Select(static p => Path.GetFileName(p))];
    }
}
