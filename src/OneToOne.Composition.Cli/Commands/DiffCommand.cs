using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone diff OLD NEW --recipients FILE [--message ID] [--format text|json] [--parallel N] [--confine-to-catalog-folder]</c>:
/// decides every recipient with both versions of a catalog and prints, per recipient and message, what changes: the
/// routed channel, experiment arms, modules per slot, suppression, rejection, the text of a module kept through a
/// changed decision, and for an unchanged decision a changed subject or rendered text; then, per module, how many
/// recipients gain it, lose it or get it with other text. For review before a release; drafts are allowed on both sides.
/// Recipients are compared on several threads and written in input order: the output is the same for any
/// <c>--parallel</c>.
/// </summary>
internal sealed class DiffCommand : Command
{
    private readonly CliConsole _console;
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<TimeSpan?> _timeBudget = CommonSymbols.TimeBudget();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();
    private readonly Option<string> _idField = CommonSymbols.IdField();

    private readonly Argument<string> _old = new("OLD") { Description = "The released catalog: a .yaml file or a folder." };

    private readonly Argument<string> _new = new("NEW") { Description = "The changed catalog: a .yaml file or a folder." };

    private readonly Option<string> _recipients = new("--recipients", "-r")
    {
        Description = "The recipients to compare: a JSON Lines or CSV file, or - for standard input.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string?> _message = new("--message", "-m")
    {
        Description = "Compare only this message (default: every message both versions have).",
        HelpName = "ID",
    };

    private readonly Option<bool> _exitCode = new("--exit-code")
    {
        Description = "Exit 3 when anything changes (a recipient, a message, a draft), 0 when nothing does: a gate for CI. 1 still means a version could not be compared.",
    };

    private readonly Option<string> _format = new Option<string>("--format")
    {
        Description = "text (a line per recipient that changes, then a line per module: recipients who gain it, lose it, get other text; the default) or json (one document, versioned by its first member \"diffVersion\": the recipients' changes, before and after, and the per-module counts).",
        HelpName = "FORMAT",
        DefaultValueFactory = static _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    private readonly Option<int> _parallel = new("--parallel", "-p")
    {
        Description = "How many recipients to compare at once (default: the number of cores; at most 4096). The output is the same for any value.",
        HelpName = "N",
        DefaultValueFactory = static _ => Environment.ProcessorCount,
        CustomParser = CommonSymbols.WholeNumber,
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public DiffCommand(CliConsole console)
        : base("diff", "Show which recipients' decisions change between two versions of a catalog, and how.")
    {
        _console = console;
        Arguments.Add(_old);
        Arguments.Add(_new);
        Options.Add(_recipients);
        Options.Add(_message);
        Options.Add(_asOf);
        Options.Add(_timeBudget);
        Options.Add(_confine);
        Options.Add(_idField);
        Options.Add(_exitCode);
        Options.Add(_format);
        Options.Add(_parallel);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var (output, error) = (_console.Out, _console.Error);
        // Before loading two catalogs (seconds each for a large one), so a mistyped value is told at once.
        var parallel = parseResult.GetValue(_parallel);
        if (parallel is < 1 or > 4096)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --parallel {parallel}: give from 1 to 4096 recipients to compare at once (default: the {Environment.ProcessorCount} cores)."));
            return ExitCodes.Failure;
        }

        var asOf = parseResult.GetValue(_asOf);
        // Load both, so the problems of both versions are reported at once. Frequency caps are judged against an empty
        // history, the same for both (without one, a message with caps failed to decide: an unhandled exception).
        CatalogSource.TryLoad(parseResult.GetRequiredValue(_old), error, error, out var before, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, confine: parseResult.GetValue(_confine), timeBudget: parseResult.GetValue(_timeBudget));
        CatalogSource.TryLoad(parseResult.GetRequiredValue(_new), error, error, out var after, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, confine: parseResult.GetValue(_confine), timeBudget: parseResult.GetValue(_timeBudget));
        if (before is null || after is null)
        {
            return ExitCodes.Failure;
        }

        var json = parseResult.GetValue(_format) == "json";
        var messageId = parseResult.GetValue(_message);
        var notices = new List<DiffNotice>();
        List<string> messages;
        if (messageId is not null)
        {
            if (!CatalogSource.CheckMessage(before, messageId, error) || !CatalogSource.CheckMessage(after, messageId, error))
            {
                return ExitCodes.Failure;
            }

            messages = [messageId];
        }
        else
        {
            messages = [.. before.MessageIds.Intersect(after.MessageIds, StringComparer.Ordinal)];
            foreach (var removed in before.MessageIds.Except(after.MessageIds, StringComparer.Ordinal))
            {
                notices.Add(new DiffNotice(removed, "messageRemoved", null, $"message '{removed}' is removed"));
            }

            foreach (var added in after.MessageIds.Except(before.MessageIds, StringComparer.Ordinal))
            {
                notices.Add(new DiffNotice(added, "messageNew", null, $"message '{added}' is new"));
            }
        }

        AddDrafts(before, after, messages, notices);
        if (!json)
        {
            foreach (var notice in notices)
            {
                output.WriteLine(notice.Text);
            }
        }

        // The recipients are read, compared and written a chunk at a time: a diff of the whole customer file holds a
        // chunk of them, not the file (read whole first, 200,000 generated recipients peaked at 513 MB, growing with the
        // file). Of what it has written, it keeps only the per-module counts and two numbers.
        using var records = RecipientFile.ReadNumbered(parseResult.GetRequiredValue(_recipients), parseResult.GetRequiredValue(_idField), _console.In, error).GetEnumerator();
        var chunk = new List<(long Number, Recipient Recipient)>(Math.Max(256, parallel * 64));
        // The first chunk before the JSON head, so a file that cannot be read (missing, a catalog, a bad CSV header)
        // writes no half document, as when the file was read whole first.
        if (!TryFill(records, chunk, error))
        {
            return ExitCodes.Failure;
        }

        var summary = new DiffModuleSummary(messages);
        using var document = json ? new DiffJsonWriter(output) : null;
        document?.Start(before, after, messages, notices);
        var (read, changed) = (0, 0);
        var results = new List<MessageChange>[chunk.Capacity];
        while (chunk.Count > 0)
        {
            // Compared on up to --parallel threads, each recipient's result in its place, then written in input order by
            // this thread: the output, the counts and the summary do not depend on how many threads ran. A fault of the
            // tool (a recipient's data rejects it within CompareRecipient) is the first failing recipient's, as serially.
            // A fault of the tool is reported with the record's number, its id and the stage, and exits InternalError.
            var probe = _console.FaultProbe;
            InputOrderParallel.For(chunk.Count, parallel, i =>
            {
                var (number, recipient) = chunk[i];
                try
                {
                    probe?.Invoke("decide", number);
                    results[i] = CompareRecipient(before, after, recipient, messages);
                }
                catch (Exception ex) when (RecordFaultException.Wrap(ex, number, recipient.Id, "decide") is { } fault)
                {
                    throw fault;
                }
            });
            for (var j = 0; j < chunk.Count; j++)
            {
                var changes = results[j];
                results[j] = null!;
                if (changes.Count == 0)
                {
                    continue;
                }

                changed++;
                var (number, recipient) = chunk[j];
                var id = recipient.Id;
                foreach (var change in changes)
                {
                    summary.Add(change);
                    document?.Recipient(number, id, change);
                }

                if (document is null)
                {
                    // One line per recipient, whatever the id, values or reasons quote: control characters as escapes.
                    var name = id ?? string.Create(CultureInfo.InvariantCulture, $"record {number}");
                    var described = changes.Select(c => messages.Count == 1 ? c.Description : $"{c.Message}: {c.Description}");
                    output.WriteLine(OneLineText.Escape($"{name}: {string.Join(" | ", described)}"));
                }
            }

            read += chunk.Count;
            chunk.Clear();
            if (!TryFill(records, chunk, error))
            {
                // Not past a record (a CSV record over 64 MiB): what was compared before it is written; the exit says it is not all.
                return ExitCodes.Failure;
            }
        }

        if (document is not null)
        {
            document.End(summary, read, changed);
        }
        else
        {
            foreach (var line in summary.Lines())
            {
                output.WriteLine(line);
            }

            var compared = messages.Count == 0 ? "no message is in both versions" : string.Join(", ", messages.Select(static m => $"'{m}'"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{changed} of {read} {(read == 1 ? "recipient changes" : "recipients change")} ({compared})."));
        }

        return parseResult.GetValue(_exitCode) && changed + notices.Count > 0 ? ExitCodes.Changed : ExitCodes.Success;
    }

    /// <summary>Reads recipients into <paramref name="chunk"/> up to its capacity, or to the end of the file.</summary>
    /// <returns>False when the file cannot be read (at all, or past a record), said on <paramref name="error"/>.</returns>
    private static bool TryFill(IEnumerator<(long Number, Recipient Recipient)> records, List<(long Number, Recipient Recipient)> chunk, TextWriter error)
    {
        try
        {
            while (chunk.Count < chunk.Capacity && records.MoveNext())
            {
                chunk.Add(records.Current);
            }

            return true;
        }
        catch (RecipientInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return false;
        }
    }

    /// <summary>Compares one recipient's outcome of each message in both versions: the messages that change, in order.</summary>
    private static List<MessageChange> CompareRecipient(Catalog before, Catalog after, Recipient recipient, List<string> messages)
    {
        var changes = new List<MessageChange>();
        foreach (var message in messages)
        {
            if (DiffComparison.Compare(message, DiffComparison.Decide(before, recipient, message), DiffComparison.Decide(after, recipient, message)) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>
    /// Adds each draft a message of the new version can use that the old one could not, and each the new version
    /// approved. The diff decides both versions with drafts allowed, so a module set to <c>status: draft</c> changed no
    /// decision and the diff said "0 recipients change", though a production run of the new version refuses to start.
    /// </summary>
    private static void AddDrafts(Catalog before, Catalog after, List<string> messages, List<DiffNotice> notices)
    {
        foreach (var message in messages)
        {
            var was = before.Drafts(message).Select(static d => (d.Kind, d.Id)).ToHashSet();
            var now = after.Drafts(message);
            foreach (var draft in now)
            {
                if (!was.Remove((draft.Kind, draft.Id)))
                {
                    var kind = draft.Kind.ToString().ToLowerInvariant();
                    notices.Add(new DiffNotice(message, "nowDraft", (kind, draft.Id),
                        $"message '{message}': {kind} '{draft.Id}' is now a draft ({draft.Location}): a production run refuses it until it has 'status: approved'"));
                }
            }

            foreach (var (kind, id) in was.OrderBy(static d => d.Id, StringComparer.Ordinal))
            {
                var name = kind.ToString().ToLowerInvariant();
                notices.Add(new DiffNotice(message, "noLongerDraft", (name, id), $"message '{message}': {name} '{id}' is no longer a draft"));
            }
        }
    }
}
