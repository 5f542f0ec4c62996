using System.Globalization;
using System.Text;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Decisions;

/// <summary>
/// What a catalog decided for one recipient and one message: whether it is suppressed, which module(s)
/// fill each slot, and the trace that explains it. Render it with <see cref="Catalog.Render(Decision, Channel, CancellationToken)"/>.
/// </summary>
/// <remarks>A decision belongs to one recipient; render it on one thread at a time.</remarks>
public sealed partial class Decision
{
    private CultureInfo? _textCulture;

    internal Decision(DecisionState state, string catalogId, string messageId, bool isSuppressed, string? suppressionReason, IReadOnlyList<SlotDecision> slots)
    {
        state.EndDecide();

        // The instant is read now if no date rule read it yet, so that AsOf names when the decision was made, not when its trace was read.
        _ = state.Now;
        State = state;
        CatalogId = catalogId;
        MessageId = messageId;
        IsSuppressed = isSuppressed;
        SuppressionReason = suppressionReason;
        Slots = slots;
    }

    /// <summary>Gets the id of the catalog that decided.</summary>
    public string CatalogId { get; }

    /// <summary>Gets the id of the message decided.</summary>
    public string MessageId { get; }

    /// <summary>Gets the recipient's id, or null when the recipient has none.</summary>
    public string? RecipientId => State.Recipient.Id;

    /// <summary>Gets the recipient.</summary>
    public Recipient Recipient => State.Recipient;

    /// <summary>Gets the culture used for numbers and dates: the recipient's <c>locale</c>, else the catalog's.</summary>
    public CultureInfo Culture => State.Culture;

    /// <summary>
    /// Gets the culture the message's text is written in, which every rendering declares as its language: the HTML
    /// <c>lang</c> and <c>dir</c> of the email and web page, the email's Content-Language, the PDF's <c>/Lang</c> and
    /// print's paragraph direction. It is <see cref="Culture"/> when the catalog has text in the recipient's language for
    /// this message (a chosen module or the subject has a locale variant for the recipient's culture or its parent
    /// language, or the catalog's <c>locale:</c> is in that language) or names no <c>locale:</c>; else the catalog's
    /// <c>locale:</c>, the language of the text the recipient falls back to. Numbers, money and dates still format by <see cref="Culture"/>.
    /// </summary>
    public CultureInfo TextCulture => _textCulture ??= TextLanguage.Of(State, Slots);

    /// <summary>Gets whether the message must not be sent to this recipient.</summary>
    public bool IsSuppressed { get; }

    /// <summary>Gets why the message is suppressed, or null when it is not.</summary>
    public string? SuppressionReason { get; }

    /// <summary>Gets the decided slots, in the order the message places them (nested slots after their module's slot).</summary>
    public IReadOnlyList<SlotDecision> Slots { get; }

    /// <summary>Gets the segments evaluated while deciding, with their values, in catalog order.</summary>
    public IReadOnlyList<SegmentResult> Segments => State.EvaluatedSegments();

    internal DecisionState State { get; }

    /// <summary>Finds a slot's decision by slot id.</summary>
    /// <param name="slotId">The slot id.</param>
    /// <returns>The slot decision, or null when the message does not place that slot.</returns>
    public SlotDecision? GetSlot(string slotId)
    {
        foreach (var slot in Slots)
        {
            if (slot.SlotId == slotId)
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>
    /// The culture a chosen module's texts (its variant for the recipient) write numbers, amounts and dates in when it is
    /// not <see cref="Culture"/>: a module whose <c>lang:</c> is another language (<see cref="Runtime.ModuleCulture"/>); else null.
    /// </summary>
    internal CultureInfo? WrittenCulture(Compilation.CompiledModule rendered) =>
        (rendered.Content ?? rendered.Html ?? rendered.Text ?? rendered.Print)?.Language is { } language ? Runtime.ModuleCulture.For(language, Culture) : null;

    /// <summary>Writes the decision trace as readable text, one line per fact.</summary>
    /// <returns>The trace.</returns>
    public string ToTraceString()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"recipient {OneLineText.Escape(RecipientId ?? "(no id)")} · message '{MessageId}' · catalog '{CatalogId}' · culture {(Culture.Name.Length == 0 ? "invariant" : Culture.Name)}").AppendLine();
        foreach (var segment in Segments)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  segment {segment.SegmentId}: {(segment.Value ? "yes" : "no")}   ({segment.Condition})").AppendLine();
        }

        AppendDecisioning(builder);
        if (IsSuppressed)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  SUPPRESSED: {OneLineText.Escape(SuppressionReason ?? string.Empty)}").AppendLine();
            return builder.ToString();
        }

        foreach (var slot in Slots)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  slot {slot.SlotId} (pick {slot.PickName}) → {(slot.ModuleIds.Count == 0 ? "(empty)" : string.Join(", ", slot.ModuleIds))}: {OneLineText.Escape(slot.Explanation)}").AppendLine();
            foreach (var candidate in slot.Candidates)
            {
                var mark = candidate.Outcome switch
                {
                    CandidateOutcome.Chosen => "✔",
                    CandidateOutcome.ConditionFalse or CandidateOutcome.TopicOptedOut => "✘",
                    _ => "-",
                };
                builder.Append(CultureInfo.InvariantCulture, $"    {mark} {candidate.ModuleId}");
                if (candidate.Condition is not null)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"  when {candidate.Condition}");
                }

                builder.Append(CultureInfo.InvariantCulture, $"  — {OneLineText.Escape(candidate.Explanation)}");
                if (candidate.Outcome == CandidateOutcome.Chosen && slot.ChosenModules.FirstOrDefault(m => m.Id == candidate.ModuleId) is { } module
                    && WrittenCulture(module.ForCulture(Culture)) is { } written)
                {
                    builder.Append(CultureInfo.InvariantCulture, $" · written in {written.Name} (lang:)");
                }

                builder.AppendLine();
            }
        }

        return builder.ToString();
    }
}
