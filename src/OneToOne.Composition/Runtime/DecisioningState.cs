using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Runtime;

/// <summary>Per-decision decisioning state: arms assigned, policy checks made, the routed channel and the recipient's opt-outs.</summary>
internal sealed class DecisioningState
{
    public List<(CompiledExperiment Experiment, ExperimentAssignment Assignment)> Assignments { get; } = [];

    public List<PolicyCheck> Checks { get; } = [];

    public string? Channel { get; set; }

    public string? Topic { get; set; }

    public string? SuppressedBy { get; set; }

    /// <summary>Gets the slots that show their fallback because the recipient is in a holdout, each with the experiment that held it out first (null: none).</summary>
    public Dictionary<string, string>? HoldoutSlots { get; private set; }

    /// <summary>Gets the experiment whose holdout shows every slot's fallback, or null.</summary>
    public string? HoldoutAllSlots { get; private set; }

    /// <summary>Gets or sets the topics the recipient opted out of, or null.</summary>
    public string[]? OptedOutTopics { get; set; }

    /// <summary>Records that the recipient is in an experiment's holdout, for the slots it names (null: every slot); a slot keeps the first experiment that held it out.</summary>
    public void HoldOut(string experimentId, IEnumerable<string>? slots)
    {
        if (HoldoutAllSlots is not null)
        {
            return;
        }

        if (slots is null)
        {
            HoldoutAllSlots = experimentId;
            return;
        }

        HoldoutSlots ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            HoldoutSlots.TryAdd(slot, experimentId);
        }
    }

    /// <summary>Gets the experiment whose holdout shows the slot's fallback, or null when the slot is decided as usual.</summary>
    public string? HoldoutExperimentOf(string slotId) => HoldoutSlots?.GetValueOrDefault(slotId) ?? HoldoutAllSlots;

    public bool IsHoldoutSlot(string slotId) => HoldoutExperimentOf(slotId) is not null;
}
