using OneToOne.Composition.Contacts;
using OneToOne.Composition.Tests.Governance;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

/// <summary>
/// A cap's window is a rolling span of hours ending at the decision's now, its start exclusive (the README's advice for
/// scheduled runs rests on both): a nightly run at the same UTC instant each night is never capped by the night before,
/// while one scheduled by a local clock is, on the night that clock goes forward.
/// </summary>
public sealed class ScheduledRunCapTests
{
    private const string Yaml = """
        catalog: nightly
        policy:
          consent: { email: email_opt_in }
        modules:
          m: Hello
        slots:
          s: { from: [m] }
        messages:
          digest:
            channels: [email]
            caps: [{ max: 1 per day, per: message }]
            body: '{{ slot "s" }}'
        """;

    [Theory]
    // Europe/Berlin goes forward on 2026-03-29: 06:00 local is 05:00Z the day before and 04:00Z that day, 23 hours on.
    [InlineData("2026-03-28T05:00:00Z", "2026-03-29T04:00:00Z", true)]
    // America/New_York goes forward on 2026-03-08: 06:00 local is 11:00Z, then 10:00Z.
    [InlineData("2026-03-07T11:00:00Z", "2026-03-08T10:00:00Z", true)]
    // A run started a second earlier than the night before's.
    [InlineData("2026-12-06T02:00:05Z", "2026-12-07T02:00:04Z", true)]
    // The same UTC instant a night later (the slot's --as-of): the contact stands at the window's start, which is excluded.
    [InlineData("2026-03-28T05:00:00Z", "2026-03-29T05:00:00Z", false)]
    [InlineData("2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z", false)]
    // Fall-back nights are 25 hours apart on a local clock, and no leap day shortens a span of hours.
    [InlineData("2026-10-24T04:00:00Z", "2026-10-25T05:00:00Z", false)]
    [InlineData("2028-02-28T02:00:00Z", "2028-02-29T02:00:00Z", false)]
    public void ANightlyRun_IsCappedByTheNightBefore_OnlyWhenLessThanADayLater(string before, string now, bool capped)
    {
        var history = new InMemoryContactHistory();
        history.Record(new ContactRecord("r1", "digest", "email", null, DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture), "night-1"));
        var catalog = new CatalogLoader(FixedClock.At(now) with { ContactHistory = history }).Parse(Yaml);

        var decision = catalog.Decide(Person(("id", "r1"), ("email_opt_in", true)), "digest");

        Assert.Equal(capped ? "no allowed channel: email: cap reached: max 1 per 1d per message (digest)" : null, decision.SuppressionReason);
    }
}
