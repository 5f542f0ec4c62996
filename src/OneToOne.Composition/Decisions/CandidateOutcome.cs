namespace OneToOne.Composition.Decisions;

/// <summary>What happened to one candidate module when its slot was decided.</summary>
public enum CandidateOutcome
{
    /// <summary>The module was chosen.</summary>
    Chosen,

    /// <summary>The module's <c>when</c> condition was false.</summary>
    ConditionFalse,

    /// <summary>The module was never evaluated: earlier (or, for <c>pick: best</c>, higher-priority) candidates filled the slot, or the recipient is in an experiment's holdout.</summary>
    NotEvaluated,

    /// <summary>The module is about a topic the recipient opted out of, so it is never chosen.</summary>
    TopicOptedOut,

    /// <summary>The module was eligible, but <c>pick: best</c> ranked others above it (by score, then priority, then order).</summary>
    Outranked,

    /// <summary>The module was not a candidate: it is outside its <c>active:</c> dates at the decision's instant.</summary>
    Inactive,
}
