namespace OneToOne.Composition.Decisions;

/// <summary>A candidate a slot actually evaluated: its index in <c>from</c> and its outcome. Others were not evaluated.</summary>
/// <param name="Index">The candidate's position in the slot's <c>from</c>.</param>
/// <param name="Outcome">Chosen, or condition false.</param>
/// <param name="Score">The candidate's score, when <c>pick: best</c> ranked by score.</param>
internal readonly record struct EvaluatedCandidate(int Index, CandidateOutcome Outcome, double? Score = null);
