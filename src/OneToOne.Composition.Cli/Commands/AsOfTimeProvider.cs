namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// A clock whose "now" is the instant given by <c>--as-of</c>, or the instant a run began, so date rules are judged
/// (and emails dated) as of that instant whatever day and however long the run takes; elapsed-time measurement (the
/// template time budget) stays real.
/// </summary>
/// <param name="asOf">The instant that counts as now.</param>
internal sealed class AsOfTimeProvider(DateTimeOffset asOf) : TimeProvider
{
    /// <summary>Gets or sets the instant that counts as now. Set it only before anything reads the clock on other threads (a resumed run takes its checkpoint's start).</summary>
    public DateTimeOffset AsOf { get; set; } = asOf;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => AsOf.ToUniversalTime();
}
