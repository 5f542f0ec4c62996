using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>A module's <c>score:</c> expression, parsed once.</summary>
internal sealed record CompiledScore(ScriptExpression Expression, string Text, TextOrigin Origin, SourceLocation Location)
{
    /// <summary>Gets the recipient fields (top-level names) the score reads, for the JSON trace.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}

/// <summary>An experiment with its bucket ranges computed once.</summary>
internal sealed class CompiledExperiment
{
    public required string Id { get; init; }

    public required string Salt { get; init; }

    public required string[] Arms { get; init; }

    public required IReadOnlyList<(int Start, int End)> Ranges { get; init; }

    /// <summary>Gets the holdout arm's index, or -1.</summary>
    public required int Holdout { get; init; }

    public required bool HoldoutSuppresses { get; init; }

    /// <summary>Gets the slots a holdout sees the fallback of, or null for every slot.</summary>
    public required HashSet<string>? Slots { get; init; }

    /// <summary>Gets the messages the experiment applies to, or null for every message.</summary>
    public required HashSet<string>? Messages { get; init; }
}

/// <summary>A named suppress rule, compiled, with the fields and members of recipient data it tests as true/false (which must be true, false or null).</summary>
internal sealed record CompiledSuppressRule(string Name, CompiledCondition Condition, string Reason, string[] TestedFields, Scriban.Syntax.ScriptExpression[] TestedMembers);

/// <summary>A frequency cap, compiled.</summary>
internal sealed record CompiledCap(int Max, TimeSpan Window, string WindowText, string Per, SourceLocation Location)
{
    public string Describe(string subject) => $"max {Max} per {WindowText} per {Per} ({subject})";
}

/// <summary>
/// A channel's consent: a condition, the fields it reads (each must be present: consent is never assumed), and those it
/// tests as true/false itself (alone, under <c>!</c>, <c>&amp;&amp;</c> or <c>||</c>, or compared with <c>true</c> or <c>false</c>), which must hold true or false: a text
/// such as "no" or a null would otherwise count as consent, or its absence, by Scriban's truthiness; so must the members of
/// recipient data it tests so (<c>prefs.email_ok</c>, <c>recipient.mail_ok</c>). The segments it reads count as part of it: their fields are among the fields, and what they test so, when the consent tests them so, among the tested.
/// </summary>
internal sealed record CompiledConsent(string Channel, CompiledCondition Condition, string[] Fields, string[] TestedFields, Scriban.Syntax.ScriptExpression[] TestedMembers);

/// <summary>The decisioning keys of a module, compiled.</summary>
internal sealed record ModuleDecisioningModel(CompiledScore? Score, string[] Topics);

/// <summary>Everything that decides whether and where a message goes: experiments, suppress rules, topic, routing, consent and caps.</summary>
internal sealed class MessagePolicy
{
    public required CompiledExperiment[] Experiments { get; init; }

    public required CompiledSuppressRule[] SuppressRules { get; init; }

    public required string? Topic { get; init; }

    /// <summary>Gets the channels in the sender's order; empty when the message is not routed.</summary>
    public required string[] Channels { get; init; }

    public required IReadOnlyDictionary<string, CompiledConsent> Consent { get; init; }

    public required CompiledCap[] Caps { get; init; }

    public required string? PreferredChannelField { get; init; }

    public required string? OptedOutTopicsField { get; init; }
}
