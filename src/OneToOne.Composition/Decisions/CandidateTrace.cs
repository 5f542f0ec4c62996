using System.Globalization;

namespace OneToOne.Composition.Decisions;

/// <summary>One line of a slot's trace: a candidate module, its condition and what became of it.</summary>
public sealed class CandidateTrace
{
    private readonly SlotPick _pick;
    private readonly int _slotCount;
    private readonly bool _unconditional;
    private readonly string? _inactiveReason;
    private readonly string? _holdoutExperiment;

    internal CandidateTrace(string moduleId, string? condition, int priority, CandidateOutcome outcome, SlotPick pick, int slotCount, double? score = null, string? inactiveReason = null, string? holdoutExperiment = null)
    {
        Score = score;
        _inactiveReason = inactiveReason;
        _holdoutExperiment = holdoutExperiment;
        ModuleId = moduleId;
        Condition = condition;
        Priority = priority;
        Outcome = outcome;
        _pick = pick;
        _slotCount = slotCount;
        _unconditional = condition is null;
    }

    /// <summary>Gets the candidate module's id.</summary>
    public string ModuleId { get; }

    /// <summary>Gets the module's <c>when</c> condition as written, or null when it has none.</summary>
    public string? Condition { get; }

    /// <summary>Gets the module's priority (used by <c>pick: best</c>).</summary>
    public int Priority { get; }

    /// <summary>Gets the candidate's score when <c>pick: best</c> ranked by score (its <c>score:</c> or an <see cref="IScoreProvider"/>), else null.</summary>
    public double? Score { get; }

    /// <summary>Gets what became of the candidate.</summary>
    public CandidateOutcome Outcome { get; }

    /// <summary>Gets a short sentence that says why (built when read, so deciding stays cheap).</summary>
    public string Explanation => (Outcome, _pick) switch
    {
        (CandidateOutcome.Chosen, SlotPick.Best) when Score is { } score => string.Create(CultureInfo.InvariantCulture, $"chosen: eligible, score {Shown(score)}, priority {Priority}"),
        (CandidateOutcome.Outranked, _) => Score is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"eligible, score {Shown(s)}, priority {Priority}, but outranked ({_slotCount} chosen)")
            : string.Create(CultureInfo.InvariantCulture, $"eligible, no score, priority {Priority}, but outranked ({_slotCount} chosen)"),
        (CandidateOutcome.TopicOptedOut, _) => "not chosen: the recipient opted out of its topic",
        (CandidateOutcome.Chosen, SlotPick.Best) => string.Create(CultureInfo.InvariantCulture, $"chosen: eligible, priority {Priority}"),
        (CandidateOutcome.Chosen, _) => _unconditional ? "chosen: unconditional" : "chosen: condition is true",
        (CandidateOutcome.ConditionFalse, _) => "condition is false",
        (CandidateOutcome.Inactive, _) => $"not a candidate: {_inactiveReason}",
        (CandidateOutcome.NotEvaluated, _) when _holdoutExperiment is { } experiment => $"not evaluated: the recipient is in the holdout of experiment '{experiment}'",
        (_, SlotPick.First) => "not evaluated: an earlier candidate was chosen",
        (_, SlotPick.Best) => string.Create(CultureInfo.InvariantCulture, $"not evaluated: priority {Priority}, and higher-priority candidates filled the slot ({_slotCount})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"not evaluated: the slot already has {_slotCount}"),
    };

    /// <summary>
    /// A score as the trace shows it: to six decimals, so that scores that differ (small uplifts, 0.00004 against
    /// 0.00003) do not look tied, and without the float noise of arithmetic (0.30000000000000004 is 0.3); a score
    /// nearer zero than that in three significant digits (4E-08).
    /// </summary>
    private static string Shown(double score) =>
        score != 0 && Math.Abs(score) < 0.0000005 ? score.ToString("G3", CultureInfo.InvariantCulture) : score.ToString("0.######", CultureInfo.InvariantCulture);
}
