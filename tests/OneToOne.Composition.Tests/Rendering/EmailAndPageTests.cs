using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Rendering;

public sealed class EmailAndPageTests
{
    private static readonly Catalog Mail = Parse("""
        catalog: mail
        modules:
          hi: "Hi **{{ name }}**"
        slots:
          s: { from: [hi] }
        messages:
          news:
            subject: "News for {{ name }}"
            body: "{{ slot 's' }}"
            email:
              from: "Club <club@example.com>"
              reply-to: help@example.com
              to-field: address
              to-name: "{{ name }}"
              preheader: "{{ name }}, this month's picks"
              unsubscribe: "https://example.com/u?id={{ id }}&list=news"
              layout: |
                <!DOCTYPE html>
                <html><head><title>{{ subject }}</title></head>
                <body><div class="wrap">{{ content }}</div></body></html>
            web:
              layout: "<main data-title=\"{{ subject }}\">{{ content }}</main>"
          plain:
            subject: "Plain"
            body: "Hello"
        """);

    [Fact]
    public void RenderEmail_PlacesTheMessageInTheLayoutAndEscapesValues()
    {
        var decision = Mail.Decide(Person(("id", "a&b c"), ("name", "<Ann>\r\nX"), ("address", "ann@example.com")), "news");

        var email = Mail.RenderEmail(decision);

        Assert.Equal("News for <Ann>  X", email.Subject);
        Assert.Contains("<title>News for &lt;Ann&gt;  X</title>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"wrap\"><p>Hi <strong>&lt;Ann&gt;  X</strong></p>", email.Html, StringComparison.Ordinal);
        Assert.True(email.HtmlIsDocument);
        Assert.Equal("Hi <Ann>  X\n", email.Text);
        Assert.Equal("ann@example.com", email.To);
        Assert.Equal("<Ann>  X", email.ToName);
        Assert.Equal("<Ann>  X, this month's picks", email.Preheader);
        Assert.Equal("https://example.com/u?id=a%26b%20c&list=news", email.UnsubscribeUrl);
        Assert.Equal("Club <club@example.com>", email.From);
        Assert.Equal("help@example.com", email.ReplyTo);
    }

    [Fact]
    public void RenderEmail_WithoutSettings_GivesTheFragmentAndTheDefaultAddressField()
    {
        var email = Mail.RenderEmail(Mail.Decide(Person(("email", " x@example.com ")), "plain"));

        Assert.Equal("<p>Hello</p>\n", email.Html);
        Assert.False(email.HtmlIsDocument);
        Assert.Equal("x@example.com", email.To);
        Assert.Null(email.UnsubscribeUrl);
    }

    [Fact]
    public void RenderEmail_ToFieldAMemberPath_ReadsTheNestedAddress_AndAnExactFieldOfThatNameWins()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    subject: S\n    body: B\n    email: { to-field: contact.email }\n");
        var nested = OneToOne.Composition.Recipients.Recipient.FromJson(
            global::System.Text.Json.JsonDocument.Parse("""{"id":"a","contact":{"email":"ann@example.com"}}""").RootElement);

        Assert.Equal("ann@example.com", catalog.RenderEmail(catalog.Decide(nested, "m")).To);
        Assert.Equal("flat@example.com", catalog.RenderEmail(catalog.Decide(Person(("contact.email", "flat@example.com"), ("contact", null)), "m")).To);
        Assert.Null(catalog.RenderEmail(catalog.Decide(Person(("contact", "ann@example.com")), "m")).To);
        var list = OneToOne.Composition.Recipients.Recipient.FromJson(
            global::System.Text.Json.JsonDocument.Parse("""{"id":"l","contact":{"email":["a@example.com","b@example.com"]}}""").RootElement);
        var e = Assert.Throws<RecipientException>(() => catalog.RenderEmail(catalog.Decide(list, "m")));
        Assert.Contains("the field 'contact.email' (the message's email: to-field) holds a list; it must be one email address as text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPage_UsesTheWebLayoutOrAMinimalDocument()
    {
        var withLayout = Mail.RenderPage(Mail.Decide(Person(("id", 1), ("name", "\"Q\"")), "news"));
        var minimal = Mail.RenderPage(Mail.Decide(Person(), "plain"));

        Assert.Equal("<main data-title=\"News for &quot;Q&quot;\"><p>Hi <strong>&quot;Q&quot;</strong></p>\n</main>", withLayout);
        Assert.StartsWith("<!DOCTYPE html>", minimal, StringComparison.Ordinal);
        Assert.Contains("<title>Plain</title>", minimal, StringComparison.Ordinal);
        Assert.Contains("<p>Hello</p>", minimal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE", "<html lang=\"de-DE\">")]
    [InlineData("ar-SA", "<html lang=\"ar-SA\" dir=\"rtl\">")]
    [InlineData("he-IL", "<html lang=\"he-IL\" dir=\"rtl\">")]
    public void RenderPage_MinimalDocument_DeclaresTheLanguageAndARightToLeftDirection(string locale, string htmlTag)
    {
        var page = Mail.RenderPage(Mail.Decide(Person(("locale", locale)), "plain"));

        Assert.Equal(htmlTag, page.Split('\n')[1]);
    }

    [Theory]
    [InlineData("de-DE", "<!DOCTYPE html>\n<html>", "<!DOCTYPE html>\n<html lang=\"de-DE\">")]
    [InlineData("ar-SA", "<!DOCTYPE html>\n<HTML class=\"x\">", "<!DOCTYPE html>\n<HTML lang=\"ar-SA\" dir=\"rtl\" class=\"x\">")]
    [InlineData("he-IL", "<!-- <html> --><html dir=\"rtl\">", "<!-- <html> --><html lang=\"he-IL\" dir=\"rtl\">")]
    [InlineData("ar-SA", "<html data-lang='x' lang=en>", "<html dir=\"rtl\" data-lang='x' lang=en>")]
    [InlineData("de-DE", "<html lang=\"fr\">", "<html lang=\"fr\">")]
    [InlineData("de-DE", "<main>", "<main>")]
    [InlineData("", "<html>", "<html lang=\"en\">")]
    public void RenderPage_WebLayout_GetsTheRecipientsLanguageAndDirectionWhereItsHtmlTagHasNone(string locale, string head, string expected)
    {
        var catalog = Parse("catalog: t\nmodules:\n  a: \"Hi {{ name }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    subject: S\n    body: \"{{ slot 's' }}\"\n    web:\n      layout: |-\n        "
            + head.Replace("\n", "\n        ", StringComparison.Ordinal) + "<body>{{ content }}</body></html>\n");

        var page = catalog.RenderPage(catalog.Decide((locale.Length == 0 ? Person(("name", "<html lang=x>")) : Person(("locale", locale), ("name", "<html lang=x>"))), "m"));

        Assert.Equal(expected + "<body><p>Hi &lt;html lang=x&gt;</p>\n</body></html>", page);
    }

    [Theory]
    [InlineData("    email:\n      form: x@example.com\n", DiagnosticCodes.UnknownKey)]
    [InlineData("    email:\n      layout: \"<html>no content here</html>\"\n", DiagnosticCodes.MissingKey)]
    [InlineData("    email:\n      preheader: \"{{ slot 's' }}\"\n", DiagnosticCodes.InvalidSlotCall)]
    [InlineData("    web:\n      layout: \"{{ content + }}\"\n", DiagnosticCodes.TemplateSyntax)]
    public void EmailAndWebSettings_AreValidatedLikeEverythingElse(string settings, string code)
    {
        var yaml = "catalog: t\nmodules:\n  a: hi\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n" + settings;

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics));

        Assert.Contains(diagnostics, d => d.Code == code && d.Location.Line >= 10);
    }

    [Fact]
    public void RenderModules_GivesEachChosenModulesOwnOutput()
    {
        var decision = DesignExample.Decide(Person(("first_name", "<Ann>"), ("gender", "male"), ("iq", 120)), "monthly");

        var module = Assert.Single(DesignExample.RenderModules(decision, Channel.Web));

        Assert.Equal("hero", module.SlotId);
        Assert.Equal("imported-beer", module.ModuleId);
        Assert.Equal("<h2>&lt;Ann&gt;, straight from Pilsen</h2>\n<p>Try our imported <strong>Bohemian Pilsner</strong>.</p>\n", module.Body);
        Assert.Contains(module.Body.TrimEnd('\n'), DesignExample.Render(decision, Channel.Web).Body, StringComparison.Ordinal);
    }
}
