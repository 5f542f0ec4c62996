namespace OneToOne.Composition.Decisions;

/// <summary>
/// What each of a slot's candidates came to, by its position in <c>from</c>: one byte per candidate (not evaluated
/// unless set), and each score when the slot ranked by score. Compact, because every decision keeps one per slot for
/// its trace. The default value (a holdout slot) has every candidate not evaluated.
/// </summary>
internal readonly struct CandidateOutcomes
{
    /// <summary>Each candidate's outcome plus one: 0 is <see cref="CandidateOutcome.NotEvaluated"/>, so a new array needs no filling.</summary>
    private readonly byte[]? _outcomes;

    /// <summary>Each candidate's score, NaN where it has none; null when the slot does not rank by score.</summary>
    private readonly double[]? _scores;

    /// <summary>Initializes the outcomes of a slot's candidates, none evaluated yet.</summary>
    /// <param name="count">How many candidates the slot has.</param>
    /// <param name="scored">Whether candidates may have scores.</param>
    public CandidateOutcomes(int count, bool scored)
    {
        _outcomes = new byte[count];
        if (scored)
        {
            _scores = new double[count];
            Array.Fill(_scores, double.NaN);
        }
    }

    /// <summary>Gets whether any candidate has a score.</summary>
    public bool HasScores => _scores is not null && Array.Exists(_scores, static s => !double.IsNaN(s));

    /// <summary>Gets a candidate's outcome.</summary>
    public CandidateOutcome this[int index] => _outcomes is null || _outcomes[index] == 0 ? CandidateOutcome.NotEvaluated : (CandidateOutcome)(_outcomes[index] - 1);

    /// <summary>Records a candidate's outcome, and its score if it has one.</summary>
    public void Set(int index, CandidateOutcome outcome, double? score = null)
    {
        _outcomes![index] = (byte)(outcome + 1);
        if (score is { } value)
        {
            _scores![index] = value;
        }
    }

    /// <summary>Records the same outcome for <paramref name="length"/> candidates from <paramref name="start"/>.</summary>
    public void Set(int start, int length, CandidateOutcome outcome) => _outcomes.AsSpan(start, length).Fill((byte)(outcome + 1));

    /// <summary>Gets a candidate's score, or null.</summary>
    public double? ScoreOf(int index) => _scores is { } scores && !double.IsNaN(scores[index]) ? scores[index] : null;
}
