namespace OneToOne.Composition.Decisions;

/// <summary>One line of a slot's trace: a candidate module, its condition and what became of it.</summary>
public sealed class CandidateTrace
{
    internal CandidateTrace(string moduleId, string? condition, int priority, CandidateOutcome outcome, string explanation)
    {
        ModuleId = moduleId;
        Condition = condition;
        Priority = priority;
        Outcome = outcome;
        Explanation = explanation;
    }

    /// <summary>Gets the candidate module's id.</summary>
    public string ModuleId { get; }

    /// <summary>Gets the module's <c>when</c> condition as written, or null when it has none.</summary>
    public string? Condition { get; }

    /// <summary>Gets the module's priority (used by <c>pick: best</c>).</summary>
    public int Priority { get; }

    /// <summary>Gets what became of the candidate.</summary>
    public CandidateOutcome Outcome { get; }

    /// <summary>Gets a short sentence that says why.</summary>
    public string Explanation { get; }
}
