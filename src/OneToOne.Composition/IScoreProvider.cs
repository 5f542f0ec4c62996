namespace OneToOne.Composition;

/// <summary>
/// Supplies scores (propensity, uplift, expected value) from a pipeline's own model at decide time, for slots with
/// <c>pick: best</c>. Register one in <see cref="CompositionOptions.ScoreProvider"/> or with
/// <c>AddOneToOneComposition().AddScoreProvider&lt;T&gt;()</c>. Called concurrently: implementations must be thread-safe.
/// </summary>
public interface IScoreProvider
{
    /// <summary>Scores a candidate module for a recipient.</summary>
    /// <param name="request">The recipient, message, slot and module.</param>
    /// <returns>The score (higher ranks first), or null to use the module's own <c>score:</c> expression.</returns>
    double? GetScore(ScoreRequest request);
}
