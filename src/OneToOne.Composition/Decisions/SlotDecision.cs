namespace OneToOne.Composition.Decisions;

/// <summary>The module(s) chosen for one slot, and the trace of how.</summary>
public sealed class SlotDecision
{
    internal SlotDecision(string slotId, string pick, IReadOnlyList<string> moduleIds, IReadOnlyList<CandidateTrace> candidates, bool usedFallback, string explanation)
    {
        SlotId = slotId;
        Pick = pick;
        ModuleIds = moduleIds;
        Candidates = candidates;
        UsedFallback = usedFallback;
        Explanation = explanation;
    }

    /// <summary>Gets the slot's id.</summary>
    public string SlotId { get; }

    /// <summary>Gets the slot's pick mode: <c>first</c>, <c>best</c> or <c>all</c>.</summary>
    public string Pick { get; }

    /// <summary>Gets the chosen modules in the order they are placed; empty when the slot stays empty.</summary>
    public IReadOnlyList<string> ModuleIds { get; }

    /// <summary>Gets every candidate in the order it was considered.</summary>
    public IReadOnlyList<CandidateTrace> Candidates { get; }

    /// <summary>Gets whether no candidate was eligible and the slot's fallback was used.</summary>
    public bool UsedFallback { get; }

    /// <summary>Gets a sentence that sums up the slot's decision.</summary>
    public string Explanation { get; }
}
