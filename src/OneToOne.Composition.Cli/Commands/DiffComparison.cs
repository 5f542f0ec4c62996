using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// Decides and renders one recipient with a version of a catalog, and compares two versions' outcomes: what the diff
/// lists for the recipient, and which modules it gains, loses or gets with other text. Safe to call from several
/// threads at once (catalogs are shared; each call has its own state).
/// </summary>
internal static class DiffComparison
{
    /// <summary>The channels a decision of a message without <c>channels:</c> is rendered in, as a run may use any of them.</summary>
    private static readonly Channel[] RenderedChannels = [Channel.Text, Channel.Web, Channel.Print];

    /// <summary>
    /// Decides a recipient, and renders the decision as a run would: a version whose chosen module reads a field the
    /// recipient lacks (or fails it otherwise) rejects that recipient in a run as surely as one whose condition does.
    /// A decision routed to a channel is rendered as that channel's run renders it (an email with its subject, layout,
    /// addresses and preheader; a print piece with its address block; a web message as fragment and page), so a failure
    /// in another channel's form is no change; a message without <c>channels:</c> is rendered in every form, as a run
    /// may ask for any.
    /// </summary>
    public static DiffOutcome Decide(Catalog catalog, Recipient recipient, string messageId)
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

            return new DiffOutcome(catalog, decision, null, subject, forms);
        }
        catch (RecipientException ex)
        {
            // The module, not its line: the same failure in both versions is no change, though the lines moved.
            return new DiffOutcome(null, null, ex.ModuleId is null ? ex.Problem : $"module '{ex.ModuleId}': {ex.Problem}", null, []);
        }
    }

    /// <summary>What changed for a recipient between two outcomes of one message, or null when nothing did.</summary>
    public static MessageChange? Compare(string message, DiffOutcome before, DiffOutcome after)
    {
        IReadOnlyList<string> forms = [];
        (string Before, string After)? firstLine = null;
        var decisionChanged = true;
        var description = (before.Decision, after.Decision) switch
        {
            (null, null) => before.Error == after.Error ? null : $"still rejected, now: {after.Error}",
            (null, _) => $"was rejected ({before.Error}), now {Describe(after.Decision!)}",
            (_, null) => $"now rejected: {after.Error}",
            _ => Changes(before.Decision!, after.Decision!),
        };
        if (description is null && before.Decision is not null && after.Decision is not null)
        {
            decisionChanged = false;
            description = TextChanges(before, after, out forms, out firstLine);
        }

        if (description is null)
        {
            return null;
        }

        var gained = after.Modules.Except(before.Modules, StringComparer.Ordinal).ToList();
        var lost = before.Modules.Except(after.Modules, StringComparer.Ordinal).ToList();
        var textChanged = new List<string>();
        foreach (var module in before.Modules.Intersect(after.Modules, StringComparer.Ordinal))
        {
            if (ModuleTextChange(before.ModuleText(module), after.ModuleText(module)) is { } text)
            {
                textChanged.Add(module);
                // A decision that changes hid the text of the modules it kept: "s std + promo → std + gold" said nothing of
                // std's reworded offer, which every one of these recipients still gets. (For an unchanged decision the
                // message's own first changed line says it.)
                if (decisionChanged)
                {
                    description += $"; module '{module}' text changed ({string.Join(", ", text.Forms)}): \"{text.FirstLine.Before}\" → \"{text.FirstLine.After}\"";
                }
            }
        }

        return new MessageChange(message, description, before.WithoutTexts(), after.WithoutTexts(), gained, lost, textChanged, forms, firstLine);
    }

    /// <summary>The forms in which a module's own text differs and the first differing line, or null when it is the same.</summary>
    private static (List<string> Forms, (string Before, string After) FirstLine)? ModuleTextChange(
        IReadOnlyList<(string Form, string[] Lines)> before, IReadOnlyList<(string Form, string[] Lines)> after)
    {
        List<string>? forms = null;
        (string Before, string After) firstLine = default;
        foreach (var (form, was) in before)
        {
            // Form by form: a decision moved from email to print has no form in common, so no text of its own to compare.
            var now = after.FirstOrDefault(a => a.Form == form).Lines;
            if (now is null || was.SequenceEqual(now, StringComparer.Ordinal))
            {
                continue;
            }

            if (forms is null)
            {
                forms = [];
                firstLine = DiffText.FirstDifferingLine(was, now);
            }

            forms.Add(form);
        }

        return forms is null ? null : (forms, firstLine);
    }

    /// <summary>
    /// For a recipient whose decision is the same in both versions, what a run would send differently: a changed subject
    /// (before and after), and the first line that differs in the first rendered form that differs, with the forms that
    /// differ. A reworded module, a changed subject or layout changed what every recipient of it gets, though no decision
    /// moved (the diff said "0 of 50 recipients change").
    /// </summary>
    private static string? TextChanges(DiffOutcome before, DiffOutcome after, out IReadOnlyList<string> forms, out (string Before, string After)? firstLine)
    {
        var changes = new List<string>();
        if (before.Subject != after.Subject)
        {
            changes.Add($"subject \"{DiffText.Clip(before.Subject ?? string.Empty)}\" → \"{DiffText.Clip(after.Subject ?? string.Empty)}\"");
        }

        var differing = new List<string>();
        firstLine = null;
        for (var i = 0; i < before.Forms.Count && i < after.Forms.Count; i++)
        {
            var (form, was) = before.Forms[i];
            var now = after.Forms[i].Text;
            if (was == now)
            {
                continue;
            }

            var (a, b) = (DiffText.Lines(was), DiffText.Lines(now));
            if (a.SequenceEqual(b, StringComparer.Ordinal))
            {
                continue;
            }

            differing.Add(form);
            firstLine ??= DiffText.FirstDifferingLine(a, b);
        }

        forms = differing;
        if (differing.Count > 0)
        {
            changes.Add($"text changed ({string.Join(", ", differing)}): \"{firstLine!.Value.Before}\" → \"{firstLine.Value.After}\"");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

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
