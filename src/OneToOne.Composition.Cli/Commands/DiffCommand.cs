using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Cli.Input;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone diff OLD NEW --recipients FILE [--message ID] [--confine-to-catalog-folder]</c>: decides every recipient with both versions of a
/// catalog and prints, per recipient and message, what changes: the routed channel, experiment arms, modules per slot,
/// suppression, rejection, and for an unchanged decision a changed subject or rendered text. For review
/// before a release; drafts are allowed on both sides.
/// </summary>
internal sealed class DiffCommand : Command
{
    /// <summary>The channels a decision of a message without <c>channels:</c> is rendered in, as a run may use any of them.</summary>
    private static readonly Channel[] RenderedChannels = [Channel.Text, Channel.Web, Channel.Print];

    private readonly CliConsole _console;
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
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
        Options.Add(_confine);
        Options.Add(_idField);
        Options.Add(_exitCode);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var (output, error) = (_console.Out, _console.Error);
        var asOf = parseResult.GetValue(_asOf);
        // Load both, so the problems of both versions are reported at once. Frequency caps are judged against an empty
        // history, the same for both (without one, a message with caps failed to decide: an unhandled exception).
        CatalogSource.TryLoad(parseResult.GetRequiredValue(_old), error, error, out var before, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, confine: parseResult.GetValue(_confine));
        CatalogSource.TryLoad(parseResult.GetRequiredValue(_new), error, error, out var after, asOf, new Contacts.InMemoryContactHistory(), allowDrafts: true, confine: parseResult.GetValue(_confine));
        if (before is null || after is null)
        {
            return ExitCodes.Failure;
        }

        var messageId = parseResult.GetValue(_message);
        var notices = 0;
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
                output.WriteLine($"message '{removed}' is removed");
                notices++;
            }

            foreach (var added in after.MessageIds.Except(before.MessageIds, StringComparer.Ordinal))
            {
                output.WriteLine($"message '{added}' is new");
                notices++;
            }
        }

        notices += WriteDrafts(before, after, messages, output);

        List<Recipient> recipients;
        try
        {
            recipients = RecipientFile.ReadAll(parseResult.GetRequiredValue(_recipients), parseResult.GetRequiredValue(_idField), _console.In, error);
        }
        catch (RecipientInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        var changed = 0;
        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            var name = recipient.Id ?? string.Create(CultureInfo.InvariantCulture, $"record {i + 1}");
            var changes = new List<string>();
            foreach (var message in messages)
            {
                if (Compare(Decide(before, recipient, message), Decide(after, recipient, message)) is { } change)
                {
                    changes.Add(messages.Count == 1 ? change : $"{message}: {change}");
                }
            }

            if (changes.Count > 0)
            {
                changed++;
                // One line per recipient, whatever the id, values or reasons quote: control characters as escapes.
                output.WriteLine(OneLineText.Escape($"{name}: {string.Join(" | ", changes)}"));
            }
        }

        var compared = messages.Count == 0 ? "no message is in both versions" : string.Join(", ", messages.Select(static m => $"'{m}'"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{changed} of {recipients.Count} {(recipients.Count == 1 ? "recipient changes" : "recipients change")} ({compared})."));
        return parseResult.GetValue(_exitCode) && changed + notices > 0 ? ExitCodes.Changed : ExitCodes.Success;
    }

    /// <summary>
    /// Writes each draft a message of the new version can use that the old one could not, and each the new version
    /// approved. The diff decides both versions with drafts allowed, so a module set to <c>status: draft</c> changed no
    /// decision and the diff said "0 recipients change", though a production run of the new version refuses to start.
    /// </summary>
    /// <returns>How many lines were written.</returns>
    private static int WriteDrafts(Catalog before, Catalog after, List<string> messages, TextWriter output)
    {
        var written = 0;
        foreach (var message in messages)
        {
            var was = before.Drafts(message).Select(static d => (d.Kind, d.Id)).ToHashSet();
            var now = after.Drafts(message);
            foreach (var draft in now)
            {
                if (!was.Remove((draft.Kind, draft.Id)))
                {
                    output.WriteLine($"message '{message}': {draft.Kind.ToString().ToLowerInvariant()} '{draft.Id}' is now a draft ({draft.Location}): a production run refuses it until it has 'status: approved'");
                    written++;
                }
            }

            foreach (var (kind, id) in was.OrderBy(static d => d.Id, StringComparer.Ordinal))
            {
                output.WriteLine($"message '{message}': {kind.ToString().ToLowerInvariant()} '{id}' is no longer a draft");
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// Decides a recipient, and renders the decision as a run would: a version whose chosen module reads a field the
    /// recipient lacks (or fails it otherwise) rejects that recipient in a run as surely as one whose condition does.
    /// A decision routed to a channel is rendered as that channel's run renders it (an email with its subject, layout,
    /// addresses and preheader; a print piece with its address block; a web message as fragment and page), so a failure
    /// in another channel's form is no change; a message without <c>channels:</c> is rendered in every form, as a run
    /// may ask for any.
    /// </summary>
    private static Outcome Decide(Catalog catalog, Recipient recipient, string messageId)
    {
        try
        {
            var decision = catalog.Decide(recipient, messageId);
            var forms = new List<(string Form, string Text)>();
            string? subject = null;
            if (!decision.IsSuppressed)
            {
                switch (decision.Channel)
                {
                    case "email":
                        var email = catalog.RenderEmail(decision);
                        subject = email.Subject;
                        forms.Add(("email text", email.Text));
                        forms.Add(("email HTML", email.Html));
                        forms.Add(("email preheader", email.Preheader ?? string.Empty));
                        break;
                    case "print":
                        var print = catalog.RenderPrint(decision);
                        subject = print.Subject;
                        forms.Add(("print", print.Markdown));
                        forms.Add(("print address", string.Join('\n', print.AddressLines)));
                        break;
                    case "web":
                        var web = catalog.Render(decision, Channel.Web);
                        subject = web.Subject;
                        forms.Add(("web", web.Body));
                        forms.Add(("web page", catalog.RenderPage(decision)));
                        break;
                    default:
                        foreach (var channel in RenderedChannels)
                        {
                            var rendered = catalog.Render(decision, channel);
                            subject ??= rendered.Subject;
                            forms.Add((channel.ToString().ToLowerInvariant(), rendered.Body));
                        }

                        break;
                }
            }

            return new Outcome(decision, null, subject, forms);
        }
        catch (RecipientException ex)
        {
            // The module, not its line: the same failure in both versions is no change, though the lines moved.
            return new Outcome(null, ex.ModuleId is null ? ex.Problem : $"module '{ex.ModuleId}': {ex.Problem}", null, []);
        }
    }

    /// <summary>
    /// One version's outcome for a recipient: the decision, or why a run would reject the recipient; and what a run
    /// would send — the subject and each rendered form (text, HTML, print Markdown, …), labelled.
    /// </summary>
    internal sealed record Outcome(Decision? Decision, string? Error, string? Subject, IReadOnlyList<(string Form, string Text)> Forms);

    /// <summary>Describes what changed between two outcomes of one recipient, or null when nothing did.</summary>
    internal static string? Compare(Outcome before, Outcome after)
    {
        return (before.Decision, after.Decision) switch
        {
            (null, null) => before.Error == after.Error ? null : $"still rejected, now: {after.Error}",
            (null, _) => $"was rejected ({before.Error}), now {Describe(after.Decision!)}",
            (_, null) => $"now rejected: {after.Error}",
            _ => Changes(before.Decision!, after.Decision!) ?? TextChanges(before, after),
        };
    }

    /// <summary>
    /// For a recipient whose decision is the same in both versions, what a run would send differently: a changed subject
    /// (before and after), and the first line that differs in the first rendered form that differs, with the forms that
    /// differ. A reworded module, a changed subject or layout changed what every recipient of it gets, though no decision
    /// moved (the diff said "0 of 50 recipients change").
    /// </summary>
    private static string? TextChanges(Outcome before, Outcome after)
    {
        var changes = new List<string>();
        if (before.Subject != after.Subject)
        {
            changes.Add($"subject \"{Clip(before.Subject ?? string.Empty)}\" → \"{Clip(after.Subject ?? string.Empty)}\"");
        }

        var differing = new List<string>();
        string? firstLine = null;
        for (var i = 0; i < before.Forms.Count && i < after.Forms.Count; i++)
        {
            var (form, was) = before.Forms[i];
            var now = after.Forms[i].Text;
            if (was == now)
            {
                continue;
            }

            // What a reader sees: lines, trimmed, blank ones left out. A slot placed on a line of its own and left empty
            // adds a blank line to the HTML and print forms, which showed as "text changed (web, print): "" → """.
            var (a, b) = (Lines(was), Lines(now));
            if (a.SequenceEqual(b, StringComparer.Ordinal))
            {
                continue;
            }

            differing.Add(form);
            firstLine ??= FirstDifferingLine(a, b);
        }

        if (differing.Count > 0)
        {
            changes.Add($"text changed ({string.Join(", ", differing)}): {firstLine}");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first line that differs between two texts' lines, before and after, each shortened to a readable length.</summary>
    private static string FirstDifferingLine(string[] a, string[] b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"\"{Clip(i < a.Length ? a[i] : string.Empty)}\" → \"{Clip(i < b.Length ? b[i] : string.Empty)}\"";
    }

    /// <summary>A line shortened to 120 characters at most, '…' included, cut between grapheme clusters (never within an emoji).</summary>
    private static string Clip(string text) => text.Length <= 120 ? text : OneLineText.Shorten(text, 119);

    private static string? Changes(Decision before, Decision after)
    {
        if (before.IsSuppressed || after.IsSuppressed)
        {
            return (before.IsSuppressed, after.IsSuppressed) switch
            {
                (true, true) => before.SuppressionReason == after.SuppressionReason ? null : $"still suppressed, now because {after.SuppressionReason}",
                (true, false) => $"no longer suppressed ({before.SuppressionReason}), now {Describe(after)}",
                _ => $"now suppressed: {after.SuppressionReason}",
            };
        }

        var changes = new List<string>();
        if (before.Channel != after.Channel)
        {
            changes.Add($"channel {before.Channel ?? "(not routed)"} → {after.Channel ?? "(not routed)"}");
        }

        if (before.ArmsText != after.ArmsText)
        {
            changes.Add($"arms {before.ArmsText ?? "(none)"} → {after.ArmsText ?? "(none)"}");
        }

        var slots = before.Slots.Select(static s => s.SlotId).Union(after.Slots.Select(static s => s.SlotId), StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            var was = Modules(before.GetSlot(slot));
            var now = Modules(after.GetSlot(slot));
            // A slot one version does not place and the other leaves empty sends the same: no change (a new slot listed
            // every recipient who gets nothing from it, "promo (not placed) → (empty)").
            if (was != now && !(IsNothing(was) && IsNothing(now)))
            {
                changes.Add($"{slot} {was} → {now}");
            }
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    private static bool IsNothing(string modules) => modules is "(not placed)" or "(empty)";

    private static string Modules(SlotDecision? slot) => slot is null ? "(not placed)" : slot.ModuleIds.Count == 0 ? "(empty)" : string.Join(" + ", slot.ModuleIds);

    private static string Describe(Decision decision) => decision.IsSuppressed
        ? $"suppressed ({decision.SuppressionReason})"
        : string.Join("; ", decision.Slots.Select(static s => $"{s.SlotId} {Modules(s)}"));
}
