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

    /// <summary>Gets or sets the slots that show their fallback because the recipient is in a holdout (null: none; empty set with <see cref="HoldoutAllSlots"/>: every slot).</summary>
    public HashSet<string>? HoldoutSlots { get; set; }

    public bool HoldoutAllSlots { get; set; }

    public string? HoldoutExperiment { get; set; }

    /// <summary>Gets or sets the topics the recipient opted out of, or null.</summary>
    public string[]? OptedOutTopics { get; set; }

    public bool IsHoldoutSlot(string slotId) => HoldoutAllSlots || (HoldoutSlots?.Contains(slotId) ?? false);
}
