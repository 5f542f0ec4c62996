using System.Globalization;

namespace OneToOne.Composition.Decisions;

/// <summary>The module(s) chosen for one slot, and the trace of how.</summary>
public sealed class SlotDecision
{
    private readonly int _count;

    internal SlotDecision(string slotId, string pick, int count, IReadOnlyList<string> moduleIds, IReadOnlyList<CandidateTrace> candidates, bool usedFallback)
    {
        SlotId = slotId;
        Pick = pick;
        _count = count;
        ModuleIds = moduleIds;
        Candidates = candidates;
        UsedFallback = usedFallback;
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

    /// <summary>Gets a sentence that sums up the slot's decision (built when read).</summary>
    public string Explanation
    {
        get
        {
            if (UsedFallback)
            {
                return $"no candidate was eligible, so the fallback '{ModuleIds[0]}' was used";
            }

            if (ModuleIds.Count == 0)
            {
                return "no candidate was eligible and the slot has no fallback, so it stays empty";
            }

            return Pick switch
            {
                "first" => $"'{ModuleIds[0]}' is the first eligible candidate",
                "best" => string.Create(CultureInfo.InvariantCulture, $"highest priority among the eligible candidates, {ModuleIds.Count} of at most {_count}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"every eligible candidate in order, {ModuleIds.Count}{(_count == int.MaxValue ? string.Empty : $" of at most {_count}")}"),
            };
        }
    }
}
