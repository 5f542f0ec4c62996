using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

/// <summary>
/// On the general path an email's text part finds where each slot stands in the HTML of the body's Markdown, the HTML its
/// HTML part converted from the same Markdown in the same call (converted once, not once per part). Each slot is placed as
/// the plans place it: within a heading's line, alone in a paragraph, within a list item.
/// </summary>
public sealed class EmailGeneralPathTests
{
    private const string Yaml = """
        catalog: t
        modules:
          a: "Alpha for {{ name }}"
          b: "Beta.\n\nMore beta."
          c: "Gamma"
        slots:
          s: { from: [a] }
          own: { from: [b] }
          item: { from: [c] }
        messages:
          m:
            subject: "Hi {{ name }}"
            body: "## {{ slot 's' }}, {{ name }}\n\n{{ slot 'own' }}\n\n- {{ slot 'item' }}\n- two\n\n### {{ slot 's' }} again"
            email: { from: club@example.com }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EachSlotOfTheBody_IsPlacedInBothParts_AsWhereItStands(bool compiled)
    {
        var catalog = Load(compiled, Yaml);

        var email = catalog.RenderEmail(catalog.Decide(Person(("id", "r1"), ("name", "Ann <&> Bo")), "m"));

        Assert.Equal(
            "Alpha for Ann <&> Bo, Ann <&> Bo\n\nBeta.\n\nMore beta.\n\n- Gamma\n- two\n\nAlpha for Ann <&> Bo again\n",
            email.Text);
        Assert.Equal(
            "<h2>Alpha for Ann &lt;&amp;&gt; Bo, Ann &lt;&amp;&gt; Bo</h2>\n<p>Beta.</p>\n<p>More beta.</p>\n<ul>\n<li>Gamma</li>\n<li>two</li>\n</ul>\n<h3>Alpha for Ann &lt;&amp;&gt; Bo again</h3>\n",
            email.Html);
    }
}
