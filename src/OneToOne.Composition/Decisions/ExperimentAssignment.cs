namespace OneToOne.Composition.Decisions;

/// <summary>The arm of one experiment a recipient is assigned to, for attribution of responses.</summary>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="Arm">The arm, or null when the recipient's bucket lies outside the experiment's coverage.</param>
/// <param name="Bucket">The recipient's bucket, 0 to 9,999 (see <see cref="ExperimentBuckets"/>).</param>
/// <param name="IsHoldout">Whether the arm is the experiment's holdout.</param>
public sealed record ExperimentAssignment(string ExperimentId, string? Arm, int Bucket, bool IsHoldout);
