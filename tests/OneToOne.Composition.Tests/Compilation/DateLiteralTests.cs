using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// A text the template itself gives <c>date.parse</c> is known at load: one that is not ISO 8601 (Scriban's own example,
/// <c>'2016/01/05' | date.parse</c>) is refused there, at the text, with its ISO form, where the catalog loaded and then
/// rejected every recipient at render.
/// </summary>
public sealed class DateLiteralTests
{
    private static string At(Diagnostic d) => $"{d.Location.File}({d.Location.Line},{d.Location.Column}) {d.Code}";

    [Fact]
    public void Load_NonIsoTextGivenToDateParse_IsOTO1212AtTheText_WithItsIsoForm()
    {
        var ex = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            messages:
              m:
                subject: "Since {{ date.parse '2016.1.5' | date.to_string '%Y' }}"
                body: |
                  Hello,
                  since {{ '2016/01/05' | date.parse | date.to_string '%F' }} and {{ date.parse("03/04/2025") }}.
            """));

        Assert.Equal(["catalog.yaml(4,35) OTO1212", "catalog.yaml(7,16) OTO1212", "catalog.yaml(7,85) OTO1212"], ex.Diagnostics.Select(At));
        Assert.Equal(
            "In 'body' of message 'm': 'date.parse' is given the text \"2016/01/05\", which is not an ISO 8601 date, so it would reject every recipient who gets here. Write it as ISO 8601, year-month-day with '-': \"2016-01-05\"; a time on the recipient's clock as \"2026-11-23T18:30:00\", an instant as \"2026-11-23T18:30:00Z\".",
            ex.Diagnostics[1].Message);
        Assert.Contains("\"2016-01-05\"", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"03/04/2025\" is 3 April to some readers and 4 March to others", ex.Diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonIsoTextGivenToDateParseInAConditionOrScore_IsOTO1212AtTheText()
    {
        var ex = Assert.Throws<CatalogException>(() => Parse("""
            catalog: t
            segments:
              recent: (last_order | date.parse) > ('6.12.2026' | date.parse)
            modules:
              a: { when: "(last_order | date.parse) < (('Dec 6 2026') | date.parse)", content: a }
              b: { score: "((last_order | date.parse) - (date.parse '2026/12/06')).days", content: b }
            slots:
              s: { pick: best, from: [a, b] }
            messages:
              m: { body: "{{ slot 's' }}" }
            """));

        Assert.Equal(["catalog.yaml(3,40) OTO1212", "catalog.yaml(5,45) OTO1212", "catalog.yaml(6,57) OTO1212"], ex.Diagnostics.Select(At).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_IsoTextGivenToDateParse_LoadsAndRenders(bool compiled)
    {
        var catalog = LoadBody(compiled, "{{ '2016-01-05' | date.parse | date.to_string '%F' }}|{{ (date.parse '2026-11-23T18:30:00').hour }}|{{ (date.parse('2026-12-31T23:30:00Z')).year }}|{{ ('' | date.parse) ?? 'none' }}");
        var text = catalog.Render(catalog.Decide(Json("""{"id":"r1","time_zone":"Europe/Berlin"}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("2016-01-05|18|2027|none", text);
    }
}
