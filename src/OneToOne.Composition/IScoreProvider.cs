namespace OneToOne.Composition;

/// <summary>
/// Supplies scores (propensity, uplift, expected value) from a pipeline's own model at decide time, for slots with
/// <c>pick: best</c>. Register one in <see cref="CompositionOptions.ScoreProvider"/> or with
/// <c>AddOneToOneComposition().AddScoreProvider&lt;T&gt;()</c>. Called concurrently: implementations must be thread-safe.
/// </summary>
/// <remarks>
/// Called synchronously, once per eligible candidate of each recipient, on the deciding thread. For a model behind a
/// network service, score ahead instead: fetch a recipient's scores asynchronously (one call for all offers, or a
/// nightly batch scoring job for a run) and put them in the recipient's fields, for the modules' <c>score:</c>
/// expressions and the suppress rules to read; the scores used are then in the recipient's data, for analysis too. A
/// provider that must wait should pass <see cref="ScoreRequest.CancellationToken"/> on to what it waits for.
/// </remarks>
public interface IScoreProvider
{
    /// <summary>Scores a candidate module for a recipient.</summary>
    /// <param name="request">The recipient, message, slot and module.</param>
    /// <returns>The score (higher ranks first), or null to use the module's own <c>score:</c> expression.</returns>
    double? GetScore(ScoreRequest request);
}
