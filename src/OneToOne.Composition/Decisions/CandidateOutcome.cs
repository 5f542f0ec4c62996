namespace OneToOne.Composition.Decisions;

/// <summary>What happened to one candidate module when its slot was decided.</summary>
public enum CandidateOutcome
{
    /// <summary>The module was chosen.</summary>
    Chosen,

    /// <summary>The module's <c>when</c> condition was false.</summary>
    ConditionFalse,

    /// <summary>The module was eligible but others ranked higher or came first and the slot was full.</summary>
    NotChosen,

    /// <summary>The module was never evaluated: the slot was already full.</summary>
    NotEvaluated,
}
