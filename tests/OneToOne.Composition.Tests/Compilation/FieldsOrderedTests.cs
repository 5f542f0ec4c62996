using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// OTO1209: a condition ordering one field against another compares two texts letter by letter ("1000,00" before
/// "900,00"), so it is warned of at load; a field ordered against a number fails a recipient holding text instead.
/// </summary>
public sealed class FieldsOrderedTests
{
    private static Catalog Load(string when) => new CatalogLoader(TestCatalogs.Untimed).Parse($"""
        catalog: bank
        segments:
          over: "{when}"
        """ + """

        modules:
          alert: { when: segment.over, content: "Over" }
          plain: { content: "Plain" }
        slots:
          hero: { pick: first, from: [alert, plain] }
        messages:
          m:
            body: '{{ slot "hero" }}'
        """);

    [Theory]
    [InlineData("balance > limit", "'balance > limit'")]
    [InlineData("vip && account.balance <= recipient.limit", "'account.balance <= recipient.limit'")]
    public void OrderingOneFieldAgainstAnother_IsWarnedOf_WhereItIsWritten(string when, string shown)
    {
        var catalog = Load(when);

        var warning = Assert.Single(catalog.Warnings, static w => w.Code == DiagnosticCodes.FieldsOrdered);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(3, warning.Location.Line);
        Assert.Contains($"The segment 'over' orders one recipient field against another ({shown}): two numbers are compared as numbers, but two texts letter by letter", warning.Message, StringComparison.Ordinal);
        Assert.Contains("\"1000,00\" comes before \"900,00\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFieldsOrdered_AreComparedAsTheWarningSays_TextsByTheirSpelling_NumbersAsNumbers()
    {
        var catalog = Load("balance > limit");

        Assert.Equal("plain", Hero(catalog, ("balance", "1000,00"), ("limit", "900,00")));
        Assert.Equal("alert", Hero(catalog, ("balance", 1000.0), ("limit", 900.0)));
    }

    [Theory]
    [InlineData("balance > 900")]
    [InlineData("balance > limit * 2")]
    [InlineData("name == other_name || balance >= 0")]
    public void OrderingAgainstANumberOrAComputedValue_OrComparingForEquality_IsNotWarnedOf(string when)
    {
        var catalog = Load(when);

        Assert.DoesNotContain(catalog.Warnings, static d => d.Code == DiagnosticCodes.FieldsOrdered);
    }

    [Fact]
    public void DatesOrderedAsTheWarningSays_AreNotWarnedOf_AndAreOrderedAsDates()
    {
        // Two date fields ordered (last_order > last_mail) were told to be given as numbers, which dates cannot be.
        Assert.Contains("For dates, order them as dates: (a | date.parse) > (b | date.parse).", Assert.Single(Load("last_order > last_mail").Warnings, static w => w.Code == DiagnosticCodes.FieldsOrdered).Message, StringComparison.Ordinal);

        var catalog = Load("(last_order | date.parse) > (last_mail | date.parse)");

        Assert.DoesNotContain(catalog.Warnings, static d => d.Code == DiagnosticCodes.FieldsOrdered);
        Assert.Equal("alert", Hero(catalog, ("last_order", "2026-11-23"), ("last_mail", "2026-02-01")));
        Assert.Equal("plain", Hero(catalog, ("last_order", "2026-01-05"), ("last_mail", "2026-02-01")));
    }

    private static string Hero(Catalog catalog, params (string Name, object? Value)[] fields)
    {
        var values = fields.ToDictionary(static f => f.Name, static f => f.Value);
        values["id"] = "r1";
        var recipient = OneToOne.Composition.Recipients.Recipient.FromDictionary(values);
        return catalog.Decide(recipient, "m").Slots.Single().ModuleIds.Single();
    }
}
