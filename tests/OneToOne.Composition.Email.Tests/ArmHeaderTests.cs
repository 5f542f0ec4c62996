using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

public sealed class ArmHeaderTests
{
    private static readonly Catalog Tested = new CatalogLoader(TestOptions.Untimed).Parse("""
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

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    public void ManyArms_AreWrittenAsTheTokenList_NeverAsEncodedWords(int experiments)
    {
        // Before, MimeKit wrote a value with no white space to fold at, once past 78 characters, as RFC 2047 encoded-words
        // ("=?utf-8?q?subject=5Fline=5Ftest…"): a reader of the raw header had no arms to attribute a response to.
        var yaml = new System.Text.StringBuilder("catalog: many\nexperiments:\n");
        for (var i = 0; i < experiments; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  subject_line_test_2026_number_{i:00}:\n    salt: s{i}\n    arms: {{ short_variant: 50, long_variant: 50 }}\n");
        }

        yaml.Append("messages:\n  news:\n    subject: Hi\n    body: Body\n    email: { from: club@example.com }\n");
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse(yaml.ToString());
        var decision = catalog.Decide(Person(), "news");

        var bytes = new EmailComposer(Options).Compose(catalog, decision).ToBytes();

        var headers = HeaderBlock(bytes);
        Assert.DoesNotContain("=?", headers, StringComparison.Ordinal);
        Assert.All(headers.Split("\r\n"), static line => Assert.True(line.Length <= 998, $"A line of {line.Length} octets."));
        var value = Load(bytes).Headers[EmailComposer.ArmsHeader]!;
        Assert.Equal(decision.ArmsText, value.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (experiments == 3)
        {
            Assert.Contains($"\r\n{EmailComposer.ArmsHeader}: {decision.ArmsText}\r\n", headers, StringComparison.Ordinal);
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
        var routed = new CatalogLoader(TestOptions.Untimed).Parse("""
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
