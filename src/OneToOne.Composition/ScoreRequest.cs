using OneToOne.Composition.Recipients;

namespace OneToOne.Composition;

/// <summary>What an <see cref="IScoreProvider"/> is asked to score: a value, made for each eligible candidate of each recipient without allocating.</summary>
/// <param name="Recipient">The recipient.</param>
/// <param name="MessageId">The message being decided.</param>
/// <param name="SlotId">The slot being filled.</param>
/// <param name="ModuleId">The eligible candidate module.</param>
public readonly record struct ScoreRequest(Recipient Recipient, string MessageId, string SlotId, string ModuleId);
