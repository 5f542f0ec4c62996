using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Compilation;

/// <summary>A segment compiled once; <see cref="Index"/> addresses its per-recipient cache entry.</summary>
internal sealed record CompiledSegment(string Id, int Index, CompiledCondition Condition);

/// <summary>A module compiled once.</summary>
internal sealed partial class CompiledModule
{
    public required string Id { get; init; }

    /// <summary>Gets <see cref="Id"/> as a one-element read-only list, shared by every decision that chose this module alone.</summary>
    public IReadOnlyList<string> IdAlone => field ??= Array.AsReadOnly([Id]);

    public required int Index { get; init; }

    public required SourceLocation Location { get; init; }

    public CompiledCondition? Condition { get; init; }

    public CompiledTemplate? Content { get; init; }

    public CompiledTemplate? Html { get; init; }

    public CompiledTemplate? Text { get; init; }

    public CompiledTemplate? Print { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required int Priority { get; init; }

    /// <summary>Gets or sets the module's <c>score</c> and <c>topics</c>, or null when it has neither.</summary>
    public ModuleDecisioningModel? Decisioning { get; set; }

    /// <summary>The module's web HTML when it reads no recipient data, rendered once at compile time.</summary>
    public string? StaticHtml { get; set; }

    /// <summary>The module's plain text when it reads no recipient data, rendered once at compile time.</summary>
    public string? StaticText { get; set; }

    private SlotUse[]? _slotUses;

    /// <summary>Every slot any of the module's templates places (computed once; the templates never change).</summary>
    public SlotUse[] SlotUses => _slotUses ??= [.. new[] { Content, Html, Text, Print }.Where(static t => t is not null).SelectMany(static t => t!.Slots)];
}

/// <summary>A slot with its candidates resolved to modules.</summary>
internal sealed class CompiledSlot
{
    public required string Id { get; init; }

    public required SlotPick Pick { get; init; }

    /// <summary>Gets the pick mode as written (<c>first</c>, <c>best</c>, <c>all</c>), for traces.</summary>
    public string PickName => Pick switch
    {
        SlotPick.Best => "best",
        SlotPick.All => "all",
        _ => "first",
    };

    public required int Count { get; init; }

    public required CompiledModule[] Candidates { get; init; }

    /// <summary>Gets the candidates' indexes by rank for <c>pick: best</c>: priority high to low, ties in <c>from</c> order.</summary>
    public int[] Ranked => _ranked ??= [.. Enumerable.Range(0, Candidates.Length).OrderByDescending(i => Candidates[i].Priority).ThenBy(static i => i)];

    private int[]? _ranked;

    // Worked out on each call, not kept: the slot is shared by every thread deciding, and a bool? kept on first use is a
    // struct of two fields (known, value) that .NET does not promise to write or read whole, so a thread beside the first
    // could read "known, false" for a slot with scores. A look over a slot's few candidates costs next to nothing.

    /// <summary>Gets whether any candidate has a <c>score:</c> (then <c>pick: best</c> ranks by score first).</summary>
    public bool HasScores => Array.Exists(Candidates, static c => c.Decisioning?.Score is not null);

    /// <summary>Gets whether any candidate, or the fallback, has <c>topics:</c> (a recipient's opt-outs can then rule it out).</summary>
    public bool HasTopics => Array.Exists(Candidates, static c => c.Decisioning?.Topics.Length > 0) || Fallback?.Decisioning?.Topics.Length > 0;

    public CompiledModule? Fallback { get; init; }

    /// <summary>
    /// Gets or sets the runs of candidates that test one field for equality with a constant, in the order deciding
    /// considers the candidates (<see cref="Ranked"/> for <c>pick: best</c>); null when there are none or conditions are
    /// not compiled. Set once, when the conditions are.
    /// </summary>
    public EqualityRun[]? EqualityRuns { get; set; }
}

/// <summary>A message compiled once.</summary>
internal sealed partial class CompiledMessage
{
    public required string Id { get; init; }

    public CompiledTemplate? Subject { get; init; }

    public required CompiledTemplate Body { get; init; }

    public CompiledCondition? Suppress { get; init; }

    public string? SuppressReason { get; init; }

    public CompiledEmail? Email { get; init; }

    /// <summary>The <c>web: layout:</c> page template, with <c>{{ content }}</c> for the message.</summary>
    public CompiledTemplate? WebLayout { get; init; }

    /// <summary>The <c>print:</c> settings, or null for the defaults.</summary>
    public CompiledPrint? Print { get; init; }

    /// <summary>The folder of the file that defines the message: relative image paths start there.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Gets or sets the experiments, suppress rules, routing, consent and caps, or null when none apply.</summary>
    public MessagePolicy? Policy { get; set; }
}

/// <summary>A message's compiled <c>print:</c> settings.</summary>
internal sealed class CompiledPrint
{
    public required PrintDefinition Definition { get; init; }

    public CompiledTemplate? Address { get; init; }
}

/// <summary>A message's compiled <c>email:</c> settings.</summary>
internal sealed class CompiledEmail
{
    public string? From { get; init; }

    public string? ReplyTo { get; init; }

    public required string ToField { get; init; }

    public CompiledTemplate? ToName { get; init; }

    public CompiledTemplate? Preheader { get; init; }

    public CompiledTemplate? Layout { get; init; }

    public CompiledTemplate? Unsubscribe { get; init; }
}
