using System.Globalization;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The language a rendered message declares (HTML <c>lang</c> and <c>dir</c>, Content-Language, a PDF's <c>/Lang</c>,
/// print's paragraph direction): the language its text is written in. The recipient's culture only when the catalog has
/// text in the recipient's language for this message; else the catalog's <c>locale:</c>, the language of the fallback
/// text. A Hebrew recipient of an English catalog with no Hebrew variants reads English: declared Hebrew and right to
/// left, it was laid out backwards (the final period at the left) and read aloud with a Hebrew voice.
/// </summary>
internal static class TextLanguage
{
    /// <summary>Returns the culture the decided message's text is written in.</summary>
    /// <param name="state">The decision's state (recipient culture, chosen modules, already swapped for their locale variants).</param>
    /// <param name="slots">The decided slots.</param>
    /// <returns>The recipient's culture, or the catalog's <c>locale:</c>.</returns>
    public static CultureInfo Of(DecisionState state, IReadOnlyList<SlotDecision> slots)
    {
        var recipient = state.Culture;
        var fallback = state.Runtime.DefaultCulture;

        // No locale: the catalog says nothing of its text's language, so the recipient's stands, as before.
        if (fallback.Name.Length == 0 || SameLanguage(recipient, fallback))
        {
            return recipient;
        }

        if (recipient.Name.Length > 0)
        {
            // Chosen modules were swapped for the variant of the recipient's culture or a parent (GovernanceRules.Admit).
            for (var s = 0; s < slots.Count; s++)
            {
                var slotId = slots[s].SlotId;
                if (!state.Chosen.Contains(slotId))
                {
                    continue;
                }

                foreach (var module in state.Chosen[slotId])
                {
                    if (module.Culture is not null)
                    {
                        return recipient;
                    }
                }
            }

            if (state.Runtime.Messages.TryGetValue(state.MessageId, out var message)
                && message.SubjectFor(recipient) is { } subject && !ReferenceEquals(subject, message.Subject))
            {
                return recipient;
            }
        }

        return fallback;
    }

    private static bool SameLanguage(CultureInfo a, CultureInfo b) =>
        a.Name.Length > 0 && string.Equals(a.TwoLetterISOLanguageName, b.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase);
}
