using System.Net;
using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>The bundled example: every recipient is decided by the DESIGN.md hero rules and renders on every channel.</summary>
public sealed class ExampleCatalogTests
{
    private static readonly string ExampleDirectory = Path.Combine(RepoRoot(), "examples", "beer-of-the-month");

    [Fact]
    public void Example_GermanGreeting_IsMarkedGerman_WithinTheEnglishPage_AndAnEnglishOneIsNot()
    {
        // The catalog is en-US with no German variants, so the page is English; greeting-de says lang: de (WCAG 3.1.2).
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(ExampleDirectory, "catalog.yaml"));
        var recipients = File.ReadLines(Path.Combine(ExampleDirectory, "recipients.jsonl")).Select(static l => Recipient.FromJson(JsonDocument.Parse(l).RootElement.Clone())).ToList();
        var soren = catalog.Decide(recipients.Single(static r => r.Id == "c003"), "monthly");
        var zoe = catalog.Decide(recipients.Single(static r => r.Id == "c001"), "monthly");

        var page = catalog.RenderPage(soren);

        Assert.Equal(["greeting-de"], soren.GetSlot("greeting")!.ModuleIds);
        Assert.Contains("<html lang=\"en-US\">", page, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"de\">Schön, dass du dabei bist, Søren — hier ist dein Bier des Monats.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"de\">Schön, dass du dabei bist", catalog.RenderEmail(soren).Html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<p lang="));
        Assert.DoesNotContain("<p lang=", catalog.RenderPage(zoe), StringComparison.Ordinal);
    }

    [Fact]
    public void Example_EveryRecipientIsRenderedOrSuppressed_WithTheDesignHeroRules()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(ExampleDirectory, "catalog.yaml"));
        int rendered = 0, suppressed = 0;
        foreach (var line in File.ReadLines(Path.Combine(ExampleDirectory, "recipients.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var data = json.RootElement;
            var decision = catalog.Decide(Recipient.FromJson(data), "monthly");
            if (data.GetProperty("unsubscribed").GetBoolean())
            {
                Assert.True(decision.IsSuppressed);
                Assert.Equal("recipient unsubscribed", decision.SuppressionReason);
                suppressed++;
                continue;
            }

            var gender = data.GetProperty("gender").GetString();
            var expectedHero = gender == "female" ? "light-beer" : gender == "male" && data.GetProperty("iq").GetInt32() > 93 ? "imported-beer" : "domestic-beer";
            Assert.Equal([expectedHero], decision.GetSlot("hero")!.ModuleIds);

            var name = data.GetProperty("first_name").GetString()!;
            var web = catalog.Render(decision, Channel.Web);
            var text = catalog.Render(decision, Channel.Text);
            var email = catalog.RenderEmail(decision);
            Assert.StartsWith("<p>Hello ", web.Body, StringComparison.Ordinal);
            Assert.Contains($"<p>Hello {name},</p>", WebUtility.HtmlDecode(web.Body), StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", web.Body, StringComparison.Ordinal);
            Assert.StartsWith($"Hello {name},\n", text.Body, StringComparison.Ordinal);
            Assert.Equal(data.GetProperty("email").GetString(), email.To);
            Assert.StartsWith("https://example.com/unsubscribe?u=c", email.UnsubscribeUrl, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
            rendered++;
        }

        Assert.Equal(50, rendered + suppressed);
        Assert.Equal(3, suppressed);
    }

    [Theory]
    [InlineData(Channel.Text)]
    [InlineData(Channel.Web)]
    [InlineData(Channel.Print)]
    public void RenderIntoAWriter_WritesTheBodyAndReturnsTheSubject_AsRenderDoes(Channel channel)
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(Path.Combine(ExampleDirectory, "catalog.yaml"));
        var parser = new RecipientJsonParser();
        var compared = 0;
        using var body = new StringWriter();
        foreach (var line in File.ReadLines(Path.Combine(ExampleDirectory, "recipients.jsonl")))
        {
            var decision = catalog.Decide(parser.Parse(System.Text.Encoding.UTF8.GetBytes(line)), "monthly");
            if (decision.IsSuppressed)
            {
                continue;
            }

            var expected = catalog.Render(decision, channel);
            body.GetStringBuilder().Clear();
            var subject = catalog.Render(decision, channel, body);

            Assert.Equal(expected.Body, body.ToString());
            Assert.Equal(expected.Subject, subject);
            Assert.NotEmpty(subject);
            compared++;
        }

        Assert.Equal(47, compared);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
