using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Governance;

/// <summary>
/// <c>active:</c> dates are instants, the same for every recipient (the README says so where a catalog author looks):
/// a date alone and a date-time without an offset are UTC; a Berlin midnight needs the offset Berlin has then.
/// </summary>
public sealed class ActiveDateZoneTests
{
    [Theory]
    // A date alone ends at midnight UTC: 01:00 in Berlin, 19:00 the evening before in New York, for every recipient.
    [InlineData("2026-12-27", "2026-12-26T23:59:59Z", true)]
    [InlineData("2026-12-27", "2026-12-27T00:00:00Z", false)]
    // A date-time without an offset is UTC too, not the author's clock.
    [InlineData("2026-12-27T00:00", "2026-12-26T23:30:00Z", true)]
    // Berlin's midnight in winter: +01:00.
    [InlineData("2026-12-27T00:00:00+01:00", "2026-12-26T22:59:59Z", true)]
    [InlineData("2026-12-27T00:00:00+01:00", "2026-12-26T23:00:00Z", false)]
    // Berlin's midnight at the end of the spring-forward day is already summer time: +02:00.
    [InlineData("2026-03-30T00:00:00+02:00", "2026-03-29T22:00:00Z", false)]
    public void Until_IsOneInstantForEveryRecipient_WhateverTheirTimeZone(string until, string now, bool active)
    {
        var catalog = new CatalogLoader(FixedClock.At(now)).Parse($$$"""
            catalog: t
            modules:
              xmas:
                active: { until: "{{{until}}}" }
                content: Xmas
              plain: Hello
            slots:
              s: { from: [xmas, plain] }
            messages:
              m:
                body: '{{ slot "s" }}'
            """);

        foreach (var zone in new[] { "Europe/Berlin", "America/New_York", "Pacific/Kiritimati" })
        {
            var decision = catalog.Decide(Person(("id", "r1"), ("time_zone", zone)), "m");
            Assert.Equal([active ? "xmas" : "plain"], decision.GetSlot("s")!.ModuleIds);
        }
    }
}
