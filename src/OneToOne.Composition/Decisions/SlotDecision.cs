using System.Globalization;
using OneToOne.Composition.Compilation;

namespace OneToOne.Composition.Decisions;

/// <summary>The module(s) chosen for one slot, and the trace of how.</summary>
public sealed class SlotDecision
{
    private readonly CompiledSlot _slot;
    private readonly CandidateOutcomes _outcomes;
    private readonly CompiledModule[] _chosen;
    private readonly int _count;
    private IReadOnlyList<string>? _moduleIds;
    private CandidateTrace[]? _candidates;

    /// <summary>Keeps only what deciding produced; ids and candidate lines are materialised when first read.</summary>
    internal SlotDecision(CompiledSlot slot, CandidateOutcomes outcomes, CompiledModule[] chosen, bool usedFallback)
    {
        _slot = slot;
        _outcomes = outcomes;
        _chosen = chosen;
        _count = slot.Count;
        UsedFallback = usedFallback;
    }

    /// <summary>Gets the slot's id.</summary>
    public string SlotId => _slot.Id;

    /// <summary>Gets how the slot picks: <see cref="SlotPick.First"/>, <see cref="SlotPick.Best"/> or <see cref="SlotPick.All"/>.</summary>
    public SlotPick Pick => _slot.Pick;

    /// <summary>Gets the compiled slot, for the JSON trace.</summary>
    internal CompiledSlot CompiledSlot => _slot;

    /// <summary>Gets the chosen modules (the catalog's defaults; a locale variant is picked when rendering).</summary>
    internal CompiledModule[] ChosenModules => _chosen;

    /// <summary>Gets the pick mode as the catalog writes it (<c>first</c>, <c>best</c>, <c>all</c>), for the trace.</summary>
    internal string PickName => _slot.PickName;

    /// <summary>Gets the chosen modules in the order they are placed; empty when the slot stays empty.</summary>
    public IReadOnlyList<string> ModuleIds => _moduleIds ??= _chosen.Length switch
    {
        0 => [],
        1 => _chosen[0].IdAlone,
        _ => Array.ConvertAll(_chosen, static m => m.Id),
    };

    /// <summary>Gets every candidate in the order it was considered.</summary>
    public IReadOnlyList<CandidateTrace> Candidates => _candidates ??= BuildCandidates();

    /// <summary>Gets whether no candidate was eligible and the slot's fallback was used.</summary>
    public bool UsedFallback { get; }

    /// <summary>
    /// Gets whether the message's body, the last time this decision was rendered, wrote this slot's modules into the
    /// message: false before it is rendered, and for a slot the body (or a module) places inside an <c>if</c>, a <c>case</c>,
    /// a loop or a function not taken for this recipient, whose modules the recipient therefore never saw. Count exposure
    /// by it: the modules of a slot not written were decided, not sent.
    /// </summary>
    public bool IsWritten { get; internal set; }

    private CandidateTrace[] BuildCandidates()
    {
        var candidates = new CandidateTrace[_slot.Candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var module = _slot.Candidates[i];
            candidates[i] = new CandidateTrace(module.Id, module.Condition?.Text, module.Priority, _outcomes[i], _slot.Pick, _count, _outcomes.ScoreOf(i), module.Active?.Describe(), HoldoutExperiment);
        }

        return candidates;
    }

    /// <summary>Gets the experiment whose holdout arm made the slot show its fallback, or null.</summary>
    public string? HoldoutExperiment { get; internal init; }

    /// <summary>Why an empty slot shows no fallback: it has none, or the one it has is outside its dates at the decision's instant.</summary>
    private string NoFallback => _slot.Fallback switch
    {
        { } fallback when FallbackOptedOut => $"the recipient opted out of a topic of the fallback '{fallback.Id}', so the slot stays empty",
        { Active: { } window } fallback => $"the fallback '{fallback.Id}' is {window.Describe()}, so the slot stays empty",
        _ => "the slot has no fallback, so it stays empty",
    };

    /// <summary>Gets whether the slot's fallback was not used because the recipient opted out of one of its topics.</summary>
    internal bool FallbackOptedOut { get; init; }

    /// <summary>Gets a sentence that sums up the slot's decision (built when read).</summary>
    public string Explanation
    {
        get
        {
            if (HoldoutExperiment is { } experiment)
            {
                return ModuleIds.Count == 0
                    ? $"holdout of experiment '{experiment}', and {NoFallback}"
                    : $"holdout of experiment '{experiment}', so the fallback '{ModuleIds[0]}' was used";
            }

            if (Pick == SlotPick.Best && _outcomes.HasScores && ModuleIds.Count > 0 && !UsedFallback)
            {
                return string.Create(CultureInfo.InvariantCulture, $"highest score among the eligible candidates (then priority, then order), {ModuleIds.Count} of at most {_count}");
            }

            if (UsedFallback)
            {
                return $"no candidate was eligible, so the fallback '{ModuleIds[0]}' was used";
            }

            if (ModuleIds.Count == 0)
            {
                return $"no candidate was eligible and {NoFallback}";
            }

            return Pick switch
            {
                SlotPick.First => $"'{ModuleIds[0]}' is the first eligible candidate",
                SlotPick.Best => string.Create(CultureInfo.InvariantCulture, $"highest priority among the eligible candidates, {ModuleIds.Count} of at most {_count}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"every eligible candidate in order, {ModuleIds.Count}{(_count == int.MaxValue ? string.Empty : $" of at most {_count}")}"),
            };
        }
    }
}
