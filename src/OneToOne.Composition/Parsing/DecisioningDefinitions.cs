using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>An experiment as written under <c>experiments:</c>.</summary>
internal sealed record ExperimentDefinition(
    string Id,
    SourceLocation Location,
    string Salt,
    IReadOnlyList<ArmDefinition> Arms,
    SourceLocation ArmsLocation,
    int CoverageBasisPoints,
    IdReference? Holdout,
    bool HoldoutSuppresses,
    IReadOnlyList<IdReference> Slots,
    IReadOnlyList<IdReference> Messages);

/// <summary>One arm of an experiment with its relative weight.</summary>
internal sealed record ArmDefinition(string Id, SourceLocation Location, decimal Weight);

/// <summary>A <c>suppress:</c> rule of a message; <see cref="Number"/> is its place in the list, from 1, which names a rule without a name.</summary>
internal sealed record SuppressRuleDefinition(string? Name, int Number, SourceLocation Location, SourceText When, string? Reason);

/// <summary>A frequency cap: at most <see cref="Max"/> contacts per <see cref="Window"/>, counted per channel, message or topic.</summary>
internal sealed record CapDefinition(SourceLocation Location, int Max, TimeSpan Window, string WindowText, string Per);

/// <summary>The root <c>policy:</c> mapping: consent per channel, preference fields and caps for every message.</summary>
internal sealed record PolicyDefinition(
    SourceLocation Location,
    IReadOnlyList<(string Channel, SourceText Condition)> Consent,
    string? PreferredChannelField,
    string? OptedOutTopicsField,
    IReadOnlyList<CapDefinition> Caps);

/// <summary>The decisioning keys of one module: <c>score</c> and <c>topics</c>.</summary>
internal sealed record ModuleDecisioning(SourceText? Score, IReadOnlyList<IdReference> Topics);

/// <summary>The decisioning keys of one message: several suppress rules, channels, topic and caps.</summary>
internal sealed record MessageDecisioning(
    IReadOnlyList<SuppressRuleDefinition> SuppressRules,
    IReadOnlyList<IdReference> Channels,
    IdReference? Topic,
    IReadOnlyList<CapDefinition> Caps);

/// <summary>Everything the decisioning keys add to a catalog document, kept apart so the core records stay unchanged.</summary>
internal sealed class DecisioningDocument
{
    public List<ExperimentDefinition> Experiments { get; } = [];

    public PolicyDefinition? Policy { get; set; }

    public Dictionary<string, ModuleDecisioning> Modules { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MessageDecisioning> Messages { get; } = new(StringComparer.Ordinal);
}
