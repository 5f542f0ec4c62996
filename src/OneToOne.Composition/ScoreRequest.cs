using OneToOne.Composition.Recipients;

namespace OneToOne.Composition;

/// <summary>What an <see cref="IScoreProvider"/> is asked to score: a value, made for each eligible candidate of each recipient without allocating.</summary>
/// <param name="Recipient">The recipient.</param>
/// <param name="MessageId">The message being decided.</param>
/// <param name="SlotId">The slot being filled.</param>
/// <param name="ModuleId">The eligible candidate module.</param>
public readonly record struct ScoreRequest(Recipient Recipient, string MessageId, string SlotId, string ModuleId)
{
    /// <summary>
    /// Gets the cancellation token of the <c>Decide</c> call that asks: pass it on to what the provider waits for (a
    /// model service, a database), so a web request whose client went away stops waiting too.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }
}
