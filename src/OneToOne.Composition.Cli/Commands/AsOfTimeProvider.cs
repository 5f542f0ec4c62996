namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// A clock whose "now" is the instant given by <c>--as-of</c>, so date rules are judged as of that instant
/// whatever day the run happens; elapsed-time measurement (the template time budget) stays real.
/// </summary>
/// <param name="asOf">The instant that counts as now.</param>
internal sealed class AsOfTimeProvider(DateTimeOffset asOf) : TimeProvider
{
    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => asOf.ToUniversalTime();
}
