namespace OneToOne.Composition.Tests.Governance;

/// <summary>A clock that always says the same instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static CompositionOptions At(string isoDate, bool allowDrafts = false) =>
        TestCatalogs.Untimed with { TimeProvider = new FixedClock(DateTimeOffset.Parse(isoDate, global::System.Globalization.CultureInfo.InvariantCulture)), AllowDrafts = allowDrafts };

    public override DateTimeOffset GetUtcNow() => now;
}
