using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The governance rules of deciding: effective dates are judged at the decision's time (<see cref="CompositionOptions.TimeProvider"/>'s
/// now, read once per decision), drafts are refused unless <see cref="CompositionOptions.AllowDrafts"/>, and chosen modules take the texts
/// of the recipient's locale.
/// </summary>
internal static class GovernanceRules
{
    /// <summary>Gets whether a module is within its <c>active:</c> dates at the decision's time (always, when it has none).</summary>
    public static bool IsActive(DecisionState state, CompiledModule module) =>
        module.Active is not { } active || active.IsActiveAt(state.Now);

    /// <summary>Returns why the message is not sent to anyone now (outside its dates), or null; refuses a draft message.</summary>
    /// <exception cref="RecipientException">The message is a draft and drafts are not allowed.</exception>
    public static string? Suppression(CatalogRuntime runtime, DecisionState state, CompiledMessage message)
    {
        if (message.IsDraft && !runtime.Options.AllowDrafts)
        {
            throw new RecipientException(state.Recipient.Id, message.Id, null, message.Location,
                "the message is a draft (status: draft) and this run does not allow drafts. Approve it ('status: approved') before a production run, or allow drafts for a proof (CompositionOptions.AllowDrafts, or --allow-drafts).");
        }

        return message.Active is { } active && !active.IsActiveAt(state.Now)
            ? $"message '{message.Id}' is {active.Describe()}"
            : null;
    }

    /// <summary>
    /// Refuses a decision that lacks one of its message's <c>required:</c> modules. Loading proves that none can at the
    /// loader's instant (OTO1402); this holds the rule when it could not prove it (too many combinations) and when time
    /// has moved on since (a long-lived catalog whose required module's <c>until</c> has passed).
    /// </summary>
    /// <exception cref="RecipientException">A requirement is not met.</exception>
    public static void CheckRequired(DecisionState state, CompiledMessage message, List<SlotDecision> slots)
    {
        foreach (var requirement in message.Required)
        {
            if (!slots.Exists(s => s.ModuleIds.Any(requirement.ModuleIds.Contains)))
            {
                var placed = slots.Count == 0 ? "no slots" : string.Join(", ", slots.Select(static s => $"{s.SlotId}: {(s.ModuleIds.Count == 0 ? "(empty)" : string.Join(" + ", s.ModuleIds))}"));
                throw new RecipientException(state.Recipient.Id, message.Id, null, requirement.Location,
                    $"the message requires {requirement.Describe()}, but this recipient's decision (at {state.Now:u}) has none: {placed}. Make it a candidate every recipient reaches (an unconditional last candidate or a slot fallback) and active for the whole campaign, or suppress the message for such recipients; 'onetoone validate' checks this at a given date (--as-of).");
            }
        }
    }

    /// <summary>
    /// Refuses a rendered body that did not write a required module its decision holds: the body (or a module it places)
    /// stands the module's slot inside an <c>if</c>, a loop or a function that did not write it for this recipient, so the
    /// message would go out without it although the decision, the trace and the summary's counts list it; or whose required
    /// module wrote nothing but white space.
    /// </summary>
    /// <param name="context">The render, which noted the slots written (<see cref="RenderContext.NoteWrittenSlots"/>).</param>
    /// <param name="decision">The decision rendered.</param>
    /// <param name="message">The message rendered.</param>
    /// <param name="channel">The channel whose body was rendered, for the error.</param>
    /// <exception cref="RecipientException">A required module was decided but not written, or wrote no text.</exception>
    public static void CheckWritten(RenderContext context, Decision decision, CompiledMessage message, Channel channel)
    {
        foreach (var requirement in message.Required)
        {
            var holding = decision.Slots.Where(s => s.ModuleIds.Any(requirement.ModuleIds.Contains)).Select(static s => s.SlotId).ToList();
            if (!holding.Exists(context.WroteSlot))
            {
                var slots = string.Join(", ", holding.Select(static s => $"'{s}'"));
                throw new RecipientException(decision.RecipientId, message.Id, null, requirement.Location,
                    $"the message requires {requirement.Describe()}, and this recipient's decision has it (slot {slots}), but the {channel.ToString().ToLowerInvariant()} body did not write that slot: it stands inside an 'if', a 'case', a loop or a function that did not write it for this recipient. Write {{{{ slot \"{holding[0]}\" }}}} where the body always goes (and put the condition in the modules' 'when:'), or take the module out of 'required:'.");
            }

            // Its slot written is not enough: the module itself may write nothing for this recipient (a condition within
            // it, an empty field), and the message would go out without the text 'required:' guarantees.
            if (!WroteTextOfAny(context, decision, requirement))
            {
                var held = decision.Slots.SelectMany(static s => s.ModuleIds).Where(requirement.ModuleIds.Contains).Distinct(StringComparer.Ordinal).ToList();
                var modules = string.Join(" and ", held.Select(static m => $"'{m}'"));
                throw new RecipientException(decision.RecipientId, message.Id, held[0], requirement.Location,
                    $"the message requires {requirement.Describe()}, and the {channel.ToString().ToLowerInvariant()} body wrote {modules}, but {(held.Count == 1 ? "it" : "each")} wrote nothing but white space for this recipient: a condition inside the module, or an empty field it writes. Put the condition in the module's 'when:' (with a module for the others in an 'any:' group of 'required:'), or make the module write its text for everyone who gets it.");
            }
        }
    }

    /// <summary>Whether a module of the requirement that the decision holds showed something (looked up without allocating: once per requirement and record).</summary>
    private static bool WroteTextOfAny(RenderContext context, Decision decision, CompiledRequirement requirement)
    {
        var slots = decision.Slots;
        for (var s = 0; s < slots.Count; s++)
        {
            var moduleIds = slots[s].ModuleIds;
            for (var m = 0; m < moduleIds.Count; m++)
            {
                if (context.WroteTextOf(moduleIds[m]) && requirement.ModuleIds.Contains(moduleIds[m]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Refuses draft modules (unless allowed) and swaps each chosen module for its variant in the recipient's culture.</summary>
    /// <exception cref="RecipientException">A chosen module is a draft and drafts are not allowed.</exception>
    public static void Admit(CatalogRuntime runtime, DecisionState state, CompiledModule[] modules)
    {
        for (var i = 0; i < modules.Length; i++)
        {
            var module = modules[i];
            if (module.IsDraft && !runtime.Options.AllowDrafts)
            {
                throw new RecipientException(state.Recipient.Id, state.MessageId, module.Id, module.Location,
                    "the chosen module is a draft (status: draft) and this run does not allow drafts. Approve it ('status: approved') before a production run, or allow drafts for a proof (CompositionOptions.AllowDrafts, or --allow-drafts).");
            }

            modules[i] = module.ForCulture(state.Culture);
        }
    }
}
