using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

/// <summary>
/// A decision holds every slot the message places; <see cref="Decisions.SlotDecision.IsWritten"/> says which the rendered
/// message holds, so exposure is counted from what was sent, not from what was decided.
/// </summary>
public sealed class SlotWrittenTests
{
    private static readonly Catalog Nested = Parse("""
        catalog: nested
        modules:
          card: |
            Card
            {{ if gold }}
            {{ slot "perk" }}
            {{ end }}
          perk: "Lounge access"
          promo: "Promo"
        slots:
          hero: { from: [card] }
          perk: { from: [perk] }
          promo: { from: [promo] }
        messages:
          m:
            body: |
              {{ for i in 1..1 }}{{ if show }}
              {{ slot "hero" }}
              {{ end }}{{ end }}

              {{ slot "promo" }}
        """);

    public static TheoryData<string> Forms => ["text", "web", "html-writer", "email", "print", "page"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void ASlotInABranchNotTaken_IsNotWritten_InEveryForm_AndOneTakenIs(string form)
    {
        foreach (var (show, gold, expected) in new[]
        {
            (false, true, "promo"),
            (true, false, "hero,promo"),
            (true, true, "hero,perk,promo"),
        })
        {
            var decision = Nested.Decide(Person(("id", "c1"), ("show", show), ("gold", gold)), "m");
            Assert.All(decision.Slots, static s => Assert.False(s.IsWritten));
            var output = form switch
            {
                "text" => Nested.Render(decision, Channel.Text).Body,
                "web" => Nested.Render(decision, Channel.Web).Body,
                "html-writer" => Write(decision),
                "email" => Nested.RenderEmail(decision).Text,
                "print" => Nested.RenderPrint(decision).Markdown,
                _ => Nested.RenderPage(decision),
            };

            // Every slot was decided; only those the message holds are written.
            Assert.Equal(["hero", "perk", "promo"], decision.Slots.Select(static s => s.SlotId).Order(StringComparer.Ordinal));
            Assert.Equal(expected, string.Join(",", decision.Slots.Where(static s => s.IsWritten).Select(static s => s.SlotId).Order(StringComparer.Ordinal)));
            Assert.Equal(gold && show, output.Contains("Lounge access", StringComparison.Ordinal));
            Assert.Equal(show, output.Contains("Card", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnEmailsSlotThatOnlyItsHtmlPartHolds_IsWritten_AndOneNeitherHolds_IsNot()
    {
        // The text part was judged alone: a slot only the card's html override places (the HTML part the recipient
        // reads shows it) was not counted as sent.
        var catalog = Parse("""
            catalog: t
            modules:
              card:
                content: "Card"
                html: '<p>Card</p>{{ if gold }}{{ slot "perk" }}{{ end }}'
                text: "Card"
              perk: "Lounge access"
            slots:
              hero: { from: [card] }
              perk: { from: [perk] }
            messages:
              m: { body: '{{ slot "hero" }}' }
            """);
        foreach (var gold in new[] { true, false })
        {
            var decision = catalog.Decide(Person(("id", "c1"), ("gold", gold)), "m");
            var email = catalog.RenderEmail(decision);

            Assert.Equal(gold, email.Html.Contains("Lounge access", StringComparison.Ordinal));
            Assert.DoesNotContain("Lounge access", email.Text, StringComparison.Ordinal);
            Assert.Equal(gold ? "hero,perk" : "hero", string.Join(",", decision.Slots.Where(static s => s.IsWritten).Select(static s => s.SlotId).Order(StringComparer.Ordinal)));
        }
    }

    private static string Write(Decisions.Decision decision)
    {
        var writer = new StringWriter();
        Nested.Render(decision, Channel.Web, writer);
        return writer.ToString();
    }
}
