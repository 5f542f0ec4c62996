using System.Text;
using AngleSharp.Html.Parser;
using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

public sealed class EmailComposerTests
{
    [Fact]
    public void Compose_WritesMultipartAlternative_TextThenHtml_InUtf8()
    {
        var message = Load(Compose(Person(name: "Zoë")).ToBytes());

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.ContentType.IsMimeType("text", "plain"));
        Assert.True(html.ContentType.IsMimeType("text", "html"));
        Assert.Equal("utf-8", text.ContentType.Charset);
        Assert.Equal("utf-8", html.ContentType.Charset);
        Assert.Contains("Hi Zoë, see our picks", text.Text, StringComparison.Ordinal);
        Assert.Contains("https://example.com/picks", text.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Zoë</strong>", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ChoosesTransferEncodings_AndKeepsEveryLineShort()
    {
        var bytes = Compose(Person(name: "Zoë")).ToBytes();
        var message = Load(bytes);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        foreach (var part in alternative.OfType<TextPart>())
        {
            // Non-ASCII body text cannot travel as 7bit; MimeKit picks quoted-printable for mostly-ASCII text.
            Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        }

        foreach (var line in Raw(bytes).Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 998, $"Line of {line.Length} characters: {line[..Math.Min(60, line.Length)]}…");
        }

        Assert.DoesNotContain("\n", Raw(bytes).Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SetsTheHeadersRenderedByTheCatalog()
    {
        var decision = Club.Decide(Person(name: "Zoë Ånström"), "news");
        var content = Club.RenderEmail(decision);

        var message = Load(new EmailComposer(Options).Compose(Club, decision).ToBytes());

        Assert.Equal(content.Subject, message.Subject);
        Assert.Equal("News for Zoë Ånström", message.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal("Club", from.Name);
        Assert.Equal("club@example.com", from.Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal("Zoë Ånström", to.Name);
        Assert.Equal("ann@example.com", to.Address);
        Assert.Equal(["help@example.com", "desk@example.com"], message.ReplyTo.Mailboxes.Select(static m => m.Address));
        Assert.Equal(Now, message.Date);
    }

    [Fact]
    public void Compose_ContentRenderedForAnotherRecipient_IsRefused_NotSentWithThisOnesHeaders()
    {
        var ann = Club.Decide(Person(id: "r1", name: "Ann", email: "ann@example.com"), "news");
        var bob = Club.Decide(Person(id: "r2", name: "Bob", email: "bob@example.com"), "news");
        var composer = new EmailComposer(Options);

        var error = Assert.Throws<ArgumentException>(() => composer.Compose(bob, Club.RenderEmail(ann)));

        Assert.Equal("content", error.ParamName);
        Assert.StartsWith("The content was rendered for recipient 'r1', message 'news', but the decision is recipient 'r2', message 'news'.", error.Message, StringComparison.Ordinal);
        var content = Club.RenderEmail(bob);
        Assert.Equal(("r2", "news"), (content.RecipientId, content.MessageId));
        Assert.Equal("bob@example.com", Assert.IsType<MailboxAddress>(Assert.Single(composer.Compose(bob, content).Message.To)).Address);
    }

    [Fact]
    public void Compose_EncodesNonAsciiHeadersPerRfc2047()
    {
        var bytes = Compose(Person(name: "Zoë Ånström")).ToBytes();
        var headers = HeaderBlock(bytes);

        Assert.All(headers, static c => Assert.True(c < 128, $"Raw non-ASCII character '{c}' in the header block."));
        Assert.Contains("Subject: News for =?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("To: =?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("News for Zoë Ånström", Load(bytes).Subject);
    }

    [Fact]
    public void Compose_WithoutDisplayNameOrReplyTo_WritesBareAddresses()
    {
        var message = Load(Compose(Person(), "mailto").ToBytes());

        Assert.Equal("club@example.com", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Address);
        Assert.Equal(string.Empty, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name ?? string.Empty);
        Assert.Empty(message.ReplyTo);
    }

    [Fact]
    public void MessageId_IsTheSameOnReRun_AndDiffersPerRecipientAndMessage()
    {
        var first = Load(Compose(Person("r1")).ToBytes());
        var again = Load(Compose(Person("r1")).ToBytes());
        var other = Load(Compose(Person("r2")).ToBytes());
        var otherMessage = Load(Compose(Person("r1"), "bare", Options with { DefaultFrom = "x@example.com" }).ToBytes());

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
        Assert.NotEqual(first.MessageId, otherMessage.MessageId);
        Assert.Matches("^[0-9a-f]{32}@example\\.com$", first.MessageId);
        Assert.EndsWith("@mail.example.com", Load(Compose(Person(), options: Options with { MessageIdDomain = "mail.example.com" }).ToBytes()).MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Club <club@news.example.org>", "news.example.org")]
    [InlineData("club@bücher.example", "xn--bcher-kva.example")]
    [InlineData("club@[192.0.2.1]", "onetoone.invalid")]
    public void MessageId_WithoutAConfiguredDomain_IsAtTheFromAddresssDomain(string from, string domain)
    {
        // Before, every message's id was at onetoone.invalid unless the code set a domain (the CLI could not): receivers
        // score an id whose domain does not exist, or is not the sender's.
        var message = Load(Compose(Person("r1"), "bare", Options with { DefaultFrom = from }).ToBytes());

        Assert.Matches($"^[0-9a-f]{{32}}@{System.Text.RegularExpressions.Regex.Escape(domain)}$", message.MessageId);
    }

    [Fact]
    public void MessageId_AtANonAsciiDomain_IsWrittenInPunycode()
    {
        // Before, the domain went into the Message-Id header as it was: raw UTF-8 in a message whose headers are ASCII.
        var bytes = Compose(Person(), options: Options with { MessageIdDomain = "mail.bücher.example" }).ToBytes();

        Assert.True(Ascii.IsValid(Encoding.UTF8.GetBytes(HeaderBlock(bytes))), HeaderBlock(bytes));
        Assert.Matches("^[0-9a-f]{32}@mail\\.xn--bcher-kva\\.example$", Load(bytes).MessageId);
    }

    [Fact]
    public void MessageId_OfTheNextSend_DiffersFromThisOnes()
    {
        var now = Options.TimeProvider.GetUtcNow();
        var nextMonth = Load(Compose(Person("r1"), options: Options with { TimeProvider = new FixedTimeProvider(now.AddMonths(1)) }).ToBytes());
        var sameSecond = Load(Compose(Person("r1"), options: Options with { TimeProvider = new FixedTimeProvider(now.AddMilliseconds(1)) }).ToBytes());
        var first = Load(Compose(Person("r1")).ToBytes());

        Assert.NotEqual(first.MessageId, nextMonth.MessageId);
        Assert.Equal(now.AddMonths(1), nextMonth.Date);
        Assert.Equal(first.MessageId, sameSecond.MessageId);
    }

    [Fact]
    public void RecipientWithoutId_GetsAMessageIdFromItsAddress_WithAWarning()
    {
        static Recipients.Recipient NoId(string email) => Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["name"] = "Ann", ["email"] = email });

        var options = Options with { DefaultFrom = "x@example.com" };
        var first = Compose(NoId("ann@example.com"), "bare", options);
        var again = Compose(NoId("ann@example.com"), "bare", options);
        var other = Compose(NoId("bob@example.com"), "bare", options);

        Assert.Equal(first.Message.MessageId, again.Message.MessageId);
        Assert.NotEqual(first.Message.MessageId, other.Message.MessageId);
        Assert.Contains(first.Warnings, static w => w.Contains("no id", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_IsReproducible_ByteForByte()
    {
        Assert.Equal(Compose(Person()).ToBytes(), Compose(Person()).ToBytes());
    }

    [Fact]
    public void Compose_UsesTheInjectedClockForTheDate()
    {
        var raw = HeaderBlock(Compose(Person()).ToBytes());

        Assert.Contains("Date: Sun, 01 Mar 2026 09:30:00 +0000", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsubscribe_Https_AddsListUnsubscribeAndOneClickPost()
    {
        var message = Load(Compose(Person("a&b c")).ToBytes());

        Assert.Equal("<https://example.com/u?id=a%26b%20c&list=news>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public void Unsubscribe_Mailto_AddsListUnsubscribeOnly_WithAWarning()
    {
        var result = Compose(Person(), "mailto");
        var message = Load(result.ToBytes());

        Assert.Equal("<mailto:leave@example.com?subject=r1>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.False(message.Headers.Contains("List-Unsubscribe-Post"));
        Assert.Contains(result.Warnings, static w => w.Contains("one-click", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsubscribe_WithoutUrl_AddsNoListHeaders()
    {
        var names = HeaderNames(Compose(Person(), "bare", Options with { DefaultFrom = "x@example.com" }).ToBytes());

        Assert.DoesNotContain("List-Unsubscribe", names);
        Assert.DoesNotContain("List-Unsubscribe-Post", names);
    }

    [Fact]
    public void Preheader_IsTheFirstElementOfTheBody_HiddenAndEncoded()
    {
        var html = Load(Compose(Person(name: "<Ann & Bob>")).ToBytes()).HtmlBody!;

        var body = new HtmlParser().ParseDocument(html).Body!;
        var first = body.FirstElementChild!;
        Assert.Equal("div", first.LocalName);
        Assert.Equal("display:none;max-height:0;overflow:hidden;mso-hide:all", first.GetAttribute("style"));
        Assert.Equal("<Ann & Bob>, this month's picks", first.TextContent);
        Assert.Contains("&lt;Ann &amp; Bob&gt;, this month's picks</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_IsWrappedInAMinimalHtml5Document()
    {
        var html = Load(Compose(Person(name: "<Q>"), "bare", Options with { DefaultFrom = "x@example.com" }).ToBytes()).HtmlBody!;

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("utf-8", document.QuerySelector("meta[charset]")!.GetAttribute("charset"));
        Assert.Equal("Bare <Q>", document.Title);
        Assert.Equal("Hello <Q>", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void Layout_StylesAreInlined_MediaQueriesKept()
    {
        var html = Load(Compose(Person()).ToBytes()).HtmlBody!;
        var document = new HtmlParser().ParseDocument(html);

        // .wrap p (0,1,1) beats p (0,0,1); the footer matches only p.
        Assert.Equal("color: blue; margin: 0", document.QuerySelector(".wrap p")!.GetAttribute("style"));
        Assert.Equal("color: red", document.QuerySelector("#foot")!.GetAttribute("style"));
        var style = Assert.Single(document.QuerySelectorAll("style"));
        Assert.Equal("@media (max-width: 600px) { p { color: green !important } }", style.TextContent);
    }

    [Fact]
    public void InlineCss_Off_LeavesTheLayoutStyleAlone()
    {
        var html = Load(Compose(Person(), options: Options with { InlineCss = false }).ToBytes()).HtmlBody!;

        Assert.Contains("p { color: red }", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"color:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeWarning_FiresAboveTheThresholdOnly()
    {
        var recipient = Person(more: ("filler", new string('x', 2000)));
        var size = Encoding.UTF8.GetByteCount(Compose(recipient, "big").Message.HtmlBody!);

        var at = Compose(recipient, "big", Options with { HtmlSizeWarningBytes = size });
        var above = Compose(recipient, "big", Options with { HtmlSizeWarningBytes = size - 1 });

        Assert.Empty(at.Warnings);
        var warning = Assert.Single(above.Warnings);
        Assert.Contains($"{size:N0} bytes", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeWarning_ByDefault_FiresPast102KB()
    {
        Assert.Empty(Compose(Person(more: ("filler", new string('x', 100_000))), "big").Warnings);
        var warning = Assert.Single(Compose(Person(more: ("filler", new string('x', 105_000))), "big").Warnings);

        Assert.Contains("Gmail", warning, StringComparison.Ordinal);
        Assert.Contains("104,448", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news", "de-DE", "<html lang=\"de-DE\" style=\"color-scheme: light only\">")]
    [InlineData("mailto", "de-DE", "<html lang=\"de-DE\">")]
    [InlineData("news", "ar-SA", "<html lang=\"ar-SA\" dir=\"rtl\" style=\"color-scheme: light only\">")]
    [InlineData("mailto", "he-IL", "<html lang=\"he-IL\" dir=\"rtl\">")]
    public void TheHtmlPart_IsInTheRecipientsLanguageAndDirection_AndSoIsTheMessage(string messageId, string locale, string html)
    {
        // A screen reader reads the message in the language the document declares; a layout (news) or a fragment (bare).
        var bytes = Compose(Person(more: ("locale", locale)), messageId).ToBytes();
        var message = Load(bytes);

        Assert.Contains(html, message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Language: {locale}\r\n", HeaderBlock(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlPart_MarksAModuleInAnotherLanguage_WithinALineAndAsABlock_AndTheTextPartIsPlain()
    {
        // WCAG 3.1.2: a German greeting in an English message is read with a German voice only if it says it is German.
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: t
            locale: en
            modules:
              hi: { lang: de, content: "Guten Tag, {{ name }}" }
              offer: { lang: de, content: "## Angebot\n\nEin **Pils**." }
            slots:
              s: { from: [hi] }
              o: { from: [offer] }
            messages:
              m:
                subject: "x"
                body: "Hello and {{ slot 's' }}!\n\n{{ slot 'o' }}"
                email:
                  from: club@example.com
                  layout: '<!DOCTYPE html><html><head><style>p { color: red }</style></head><body>{{ content }}</body></html>'
            """);

        var message = Load(new EmailComposer(Options).Compose(catalog, catalog.Decide(Person(more: ("locale", "en-US")), "m")).ToBytes());

        Assert.Contains("<html lang=\"en-US\" ", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello and <span lang=\"de\">Guten Tag, Ann</span>!</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<div lang=\"de\">\n<h2>Angebot</h2>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("lang", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello and Guten Tag, Ann!", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayoutThatDeclaresItsLanguage_KeepsIt_AndARecipientWithoutACulture_GetsNoLanguage()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: t
            modules:
              hi: "Hi {{ name }}"
            slots:
              s: { from: [hi] }
            messages:
              m:
                subject: "x"
                body: "{{ slot 's' }}"
                email:
                  from: club@example.com
                  layout: '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>x</title></head><body>{{ content }}</body></html>'
            """);
        var composer = new EmailComposer(Options);

        var declared = composer.Compose(catalog, catalog.Decide(Person(more: ("locale", "ar-SA")), "m")).ToBytes();
        var invariant = Compose(Person(more: ("locale", "")), "mailto").ToBytes();

        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", Load(declared).HtmlBody, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Language: ar-SA\r\n", HeaderBlock(declared), StringComparison.Ordinal);
        Assert.Contains("<html>", Load(invariant).HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Language", Encoding.ASCII.GetString(invariant), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The message's own header block (up to the first empty line), with a line break before its first header.</summary>
    private static string HeaderBlock(byte[] message)
    {
        var text = Encoding.ASCII.GetString(message);
        return "\r\n" + text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)] + "\r\n";
    }

    [Fact]
    public void MissingAddress_IsAnEmailExceptionNamingTheRecipient()
    {
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-42", email: null)));

        Assert.Equal("c-42", error.RecipientId);
        Assert.Equal("news", error.MessageId);
        Assert.Contains("'c-42'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no email address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnError_NamingARecipientWhoseIdHasControlCharacters_IsOneLine_WithThemEscaped()
    {
        // The id is data, and the error is shown in a terminal or a log.
        var error = Assert.Throws<EmailException>(() => Compose(Person("c\u001B[2J\nX", email: "not-an-address")));

        Assert.DoesNotContain(error.Message, static c => char.IsControl(c));
        Assert.StartsWith("Recipient 'c\\u001B[2J\\nX', message 'news': ", error.Message, StringComparison.Ordinal);
        Assert.Equal("c\u001B[2J\nX", error.RecipientId);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ann")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("ann@example.com\r\nBcc: x@example.com")]
    [InlineData("Ann <ann@example.com>")]
    public void InvalidAddress_IsAnEmailException(string address)
    {
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-7", email: address)));

        Assert.Equal("c-7", error.RecipientId);
        Assert.Contains("not a valid address", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoë")]
    [InlineData("Emily")]
    public void AddressWithNonAsciiLocalPart_IsAnEmailException_NotAWrongAddress(string name)
    {
        // Before, a non-ASCII name wrote "To: =?utf-8?…?= <j??rgen@example.com>": another mailbox.
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-8", name, email: "jürgen@example.com")));

        Assert.Equal("c-8", error.RecipientId);
        Assert.Contains("'jürgen@example.com' has non-ASCII characters before the @", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressWithNonAsciiDomain_IsWrittenInPunycode()
    {
        var bytes = Compose(Person("c-8", "Zoë", email: "jane@bücher.example")).ToBytes();

        Assert.Contains("<jane@xn--bcher-kva.example>", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.True(Ascii.IsValid(bytes));
    }

    [Fact]
    public void RelativeImageAndLinkUrls_AreWarnedAbout_OncePerUrl()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: rel
            modules:
              m:
                content: "x"
                html: |
                  <p><img src="images/logo.png" alt="logo"><img src="images/logo.png" alt="again">
                  <a href="/account">account</a> <a href="#top">top</a> <a href="mailto:a@example.com">mail</a>
                  <img src="https://cdn.example.com/logo.png" alt="remote"></p>
            slots:
              s: { from: [m] }
            messages:
              news:
                subject: "x"
                body: "{{ slot 's' }}"
                email:
                  from: club@example.com
            """);

        var result = new EmailComposer(Options).Compose(catalog, catalog.Decide(Person(), "news"));

        Assert.Collection(
            result.Warnings,
            w => Assert.StartsWith("The HTML part has a relative URL 'images/logo.png' (<img src>)", w, StringComparison.Ordinal),
            w => Assert.StartsWith("The HTML part has a relative URL '/account' (<a href>)", w, StringComparison.Ordinal));
        Assert.Empty(Compose(Person()).Warnings);
    }

    [Fact]
    public void ProtocolRelativeUrls_AreWarnedAbout_AsLackingAScheme_NotAsRelative()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: rel
            modules:
              m:
                content: "x"
                html: |
                  <p><img src="//cdn.example.com/logo.png" alt="logo"> <a href="//shop.example.com/account">account</a></p>
            slots:
              s: { from: [m] }
            messages:
              news:
                subject: "x"
                body: "{{ slot 's' }}"
                email:
                  from: club@example.com
            """);

        var result = new EmailComposer(Options).Compose(catalog, catalog.Decide(Person(), "news"));

        Assert.Collection(
            result.Warnings,
            w => Assert.StartsWith("The HTML part has a protocol-relative URL '//cdn.example.com/logo.png' (<img src>): it names its server but takes its scheme from the page", w, StringComparison.Ordinal),
            w => Assert.StartsWith("The HTML part has a protocol-relative URL '//shop.example.com/account' (<a href>)", w, StringComparison.Ordinal));
        Assert.All(result.Warnings, static w => Assert.EndsWith("write it with https: in front.", w, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://bücher.example/désabonner?u={{ id }}", "<https://xn--bcher-kva.example/d%C3%A9sabonner?u=p%C3%A9>")]
    [InlineData("mailto:abmelden@bücher.example?subject=Abmeldung-{{ id }}", "<mailto:abmelden@xn--bcher-kva.example?subject=Abmeldung-p%C3%A9>")]
    public void UnsubscribeUrlWithNonAsciiCharacters_IsWrittenInAscii(string template, string expected)
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($$$"""
            catalog: unsub
            modules:
              m: "x"
            slots:
              s: { from: [m] }
            messages:
              news:
                subject: "x"
                body: "{{ slot 's' }}"
                email:
                  from: club@example.com
                  unsubscribe: "{{{template}}}"
            """);

        var bytes = new EmailComposer(Options).Compose(catalog, catalog.Decide(Person("pé"), "news")).ToBytes();

        Assert.True(Ascii.IsValid(bytes));
        Assert.Equal(expected, Load(bytes).Headers[HeaderId.ListUnsubscribe]);
    }

    [Fact]
    public void MissingFrom_IsAnEmailException_UnlessThereIsADefault()
    {
        var recipient = Person("c-9", more: ("address", "ann@example.com"));

        var error = Assert.Throws<EmailException>(() => Compose(recipient, "nofrom"));
        var withDefault = Load(Compose(recipient, "nofrom", Options with { DefaultFrom = "Shop <shop@example.com>" }).ToBytes());

        Assert.Contains("no From", error.Problem, StringComparison.Ordinal);
        Assert.Equal("shop@example.com", withDefault.From.Mailboxes.Single().Address);
    }

    [Fact]
    public void BadOptions_FailWhenTheComposerIsCreated()
    {
        Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { DefaultFrom = "nobody" }));
        var nonAscii = Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { DefaultFrom = "Zoë <zoë@example.com>" }));
        Assert.Contains("'zoë@example.com' has non-ASCII characters before the @", nonAscii.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { MessageIdDomain = "a b>" }));
    }

    [Fact]
    public void SuppressedDecision_IsRefused()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: s
            modules:
              a: hi
            slots:
              s: { from: [a] }
            messages:
              m:
                suppress: { when: "true", reason: "opted out" }
                body: "{{ slot 's' }}"
            """);
        var decision = catalog.Decide(Person(), "m");

        Assert.True(decision.IsSuppressed);
        Assert.Throws<InvalidOperationException>(() => new EmailComposer(Options).Compose(catalog, decision));
    }

    [Fact]
    public void Composer_IsThreadSafe_ParallelOutputEqualsSerial()
    {
        var composer = new EmailComposer(Options);
        var recipients = Enumerable.Range(0, 64).Select(static i => Person($"r{i}", $"Name {i} ü")).ToArray();

        var serial = recipients.Select(r => composer.Compose(Club, Club.Decide(r, "news")).ToBytes()).ToArray();
        var parallel = new byte[recipients.Length][];
        Parallel.For(0, recipients.Length, i => parallel[i] = composer.Compose(Club, Club.Decide(recipients[i], "news")).ToBytes());

        for (var i = 0; i < recipients.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }
}
