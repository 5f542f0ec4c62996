using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

public sealed class ArmHeaderTests
{
    private static readonly Catalog Tested = new CatalogLoader().Parse("""
        catalog: tested
        experiments:
          subject_test:
            salt: s1
            arms: { short: 50, long: 50 }
        messages:
          news:
            subject: "{{ if experiment.subject_test == 'short' }}Hi{{ else }}Hello and welcome back{{ end }}"
            body: "Body"
            email: { from: "Club <club@example.com>" }
        """);

    [Fact]
    public void Compose_CarriesTheArmsInAnXHeader_MatchingTheDecision()
    {
        for (var i = 0; i < 20; i++)
        {
            var decision = Tested.Decide(Person(id: $"r{i}"), "news");
            var message = Load(new EmailComposer().Compose(Tested, decision).ToBytes());
            var arm = decision.Experiments[0].Arm;
            Assert.Equal($"subject_test={arm}", message.Headers[EmailComposer.ArmsHeader]);
            Assert.Equal(arm == "short" ? "Hi" : "Hello and welcome back", message.Subject);
        }
    }

    [Fact]
    public void Compose_WithoutExperiments_AddsNoArmsHeader()
    {
        var message = Load(Compose(Person()).ToBytes());
        Assert.Null(message.Headers[EmailComposer.ArmsHeader]);
    }

    [Fact]
    public void RenderEmail_RefusesAMessageRoutedToPrint()
    {
        var routed = new CatalogLoader().Parse("""
            catalog: routed
            policy:
              consent: { email: email_opt_in }
            messages:
              news: { channels: [email, print], body: "Body", email: { from: "Club <club@example.com>" } }
            """);
        var decision = routed.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "n", ["email"] = "n@example.com", ["email_opt_in"] = false }), "news");
        Assert.Equal("print", decision.Channel);
        var ex = Assert.Throws<RecipientException>(() => new EmailComposer().Compose(routed, decision));
        Assert.Contains("routed to 'print'", ex.Message, StringComparison.Ordinal);
    }
}
