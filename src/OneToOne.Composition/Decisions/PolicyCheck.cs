namespace OneToOne.Composition.Decisions;

/// <summary>What a <see cref="PolicyCheck"/> checked.</summary>
public enum PolicyCheckKind
{
    /// <summary>An experiment's holdout arm (suppressed, or slots given their fallback).</summary>
    Holdout,

    /// <summary>A named <c>suppress:</c> rule of the message.</summary>
    SuppressRule,

    /// <summary>The recipient's topic opt-outs against the message's topic.</summary>
    Topic,

    /// <summary>The recipient's consent for a channel.</summary>
    Consent,

    /// <summary>A frequency cap against the contact history.</summary>
    Cap,

    /// <summary>The recipient's preferred channel: tried first, or ignored (and why).</summary>
    Preference,
}

/// <summary>One check of the contact policy for a decision, in the order it was made.</summary>
/// <param name="Kind">What was checked.</param>
/// <param name="Subject">The rule name, experiment, topic or channel checked.</param>
/// <param name="Passed">Whether the message may go on (for a suppress rule: its condition was false; for a preference: whether it was used).</param>
/// <param name="Detail">What was found, in words.</param>
public sealed record PolicyCheck(PolicyCheckKind Kind, string Subject, bool Passed, string Detail)
{
    /// <summary>
    /// Gets, for a <see cref="PolicyCheckKind.Cap"/> check, how many contacts the contact history held in the cap's window
    /// to <see cref="Decision.AsOf"/> when the decision consulted it; null for other checks. A replay against a history
    /// pruned or forgotten since counts fewer.
    /// </summary>
    public int? Count { get; internal init; }

    /// <summary>Gets, for a <see cref="PolicyCheckKind.Cap"/> check, the cap's maximum (it passed while <see cref="Count"/> was below it); null for other checks.</summary>
    public int? Max { get; internal init; }
}
