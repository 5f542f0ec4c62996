using System.Numerics;

namespace OneToOne.Composition.Analysis;

/// <summary>What the analysis found for one message.</summary>
public sealed class MessageAnalysis
{
    internal MessageAnalysis(string messageId, BigInteger combinations, bool isExact, IReadOnlyList<string> reachableModules, IReadOnlyList<string> undecidable, string? inactiveReason)
    {
        MessageId = messageId;
        ReachableCombinations = combinations;
        IsExact = isExact;
        ReachableModules = reachableModules;
        UndecidableConditions = undecidable;
        InactiveReason = inactiveReason;
    }

    /// <summary>Gets the message id.</summary>
    public string MessageId { get; }

    /// <summary>
    /// Gets the number of distinct reachable messages: distinct assignments of modules to the slots the message places
    /// (nested slots included), over every recipient the message is not suppressed for, at the analysis instant.
    /// Parts of conditions the analysis cannot decide count as free true/false values, so this is exact for conditions
    /// built from comparisons of fields with constants (and <c>experiment.NAME</c> arms) and an upper bound otherwise.
    /// Decisioning the analysis cannot see is free too, making it an upper bound: a scored <c>pick: best</c> slot may rank
    /// its eligible scored candidates in any order, topic opt-outs may rule tagged modules out, caps may suppress anyone
    /// (each listed in <see cref="UndecidableConditions"/>). Zero when the message is suppressed
    /// for everyone or inactive.
    /// </summary>
    public BigInteger ReachableCombinations { get; }

    /// <summary>
    /// Gets whether <see cref="ReachableCombinations"/> is complete: false when the search of a group of slots that share
    /// fields stopped at one of its limits (200,000 outcomes, or a fixed amount of work), and then it is a lower bound.
    /// </summary>
    public bool IsExact { get; }

    /// <summary>
    /// Gets the modules some reachable recipient gets, in catalog order. When <see cref="IsExact"/> is false, some may be
    /// missing: modules of slots nested in other modules' content, and modules that only recipients a condition of the
    /// message's slots could reject might get (the slots the body places are each decided on their own).
    /// </summary>
    public IReadOnlyList<string> ReachableModules { get; }

    /// <summary>Gets the parts of this message's conditions the analysis could not decide (treated as free), as written, then the decisioning it leaves free (scores, topic opt-outs, caps).</summary>
    public IReadOnlyList<string> UndecidableConditions { get; }

    /// <summary>Gets why the message is inactive at the analysis instant, or null when it is active.</summary>
    public string? InactiveReason { get; }
}
