using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MimeKit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Testing.HostileChecks;

namespace OneToOne.Composition.Email.Tests;

/// <summary>
/// The bundled examples' recipients with hostile fields (see <see cref="HostileRecipients"/>) become emails: composing
/// succeeds, or fails that recipient with a <see cref="RecipientException"/> or <see cref="EmailException"/> naming it
/// and the message, and nothing else escapes or hangs. A composed message is written out and parsed back with MimeKit:
/// its headers are the composer's, each once, in ASCII; To is the recipient's one address; the subject and display name
/// are the data on one line; the HTML part, parsed as a browser parses it, has only the markup the example's own
/// recipients get, and greets the recipient by name as text, as the plain-text part does.
/// </summary>
public sealed class HostileRecipientEmailProperties
{
    private static readonly IdnMapping Idn = new();

    private static readonly EmailComposer Composer = new(Mail.Options with { DefaultFrom = "Bank <bank@example.com>" });

    private static readonly string[] SingleHeaders = ["Date", "From", "To", "Subject", "Message-Id", "MIME-Version", "Content-Type"];

    private static readonly string[] OptionalHeaders = ["Reply-To", "Content-Language", "List-Unsubscribe", "List-Unsubscribe-Post", EmailComposer.ArmsHeader];

    private static readonly Lazy<MarkupProfile> BeerHtml = new(() => Profile(HostileRecipients.Beer, "monthly", HostileRecipients.BeerRecipients));

    private static readonly Lazy<MarkupProfile> BankHtml = new(() => Profile(HostileRecipients.Bank, "cross-sell", HostileRecipients.BankRecipients));

    [Property(MaxTest = 300, Replay = HostileRecipients.Seed)]
    public Property BeerOfTheMonth_HostileRecipients_ComposeSafeEmailsOrFailWithTheirId() =>
        Prop.ForAll(
            HostileRecipients.Cases("beer-of-the-month", HostileRecipients.BeerRecipients, HostileRecipients.AnyLength, "nickname").ToArbitrary(),
            static hostile => Check(HostileRecipients.Beer, "monthly", BeerHtml.Value, hostile, "Hello", ", your beer of the month", "club@example.com"));

    [Property(MaxTest = 200, Replay = HostileRecipients.Seed)]
    public Property BankCrossSell_HostileRecipients_ComposeSafeEmailsOrFailWithTheirId() =>
        Prop.ForAll(
            HostileRecipients.Cases("bank-cross-sell", HostileRecipients.BankRecipients, HostileRecipients.AnyLength).ToArbitrary(),
            static hostile => Check(HostileRecipients.Bank, "cross-sell", BankHtml.Value, hostile, "Dear", ", something for you", "bank@example.com"));

    internal static void Check(Catalog catalog, string messageId, MarkupProfile html, HostileCase hostile, string salutation, string subjectEnd, string from) =>
        WithinTime(hostile, () =>
        {
            var recipient = HostileRecipients.ToRecipient(hostile);
            Decision decision;
            EmailResult result;
            try
            {
                decision = catalog.Decide(recipient, messageId);
                if (decision.IsSuppressed || decision.Channel is not (null or "email"))
                {
                    return;
                }

                result = Composer.Compose(catalog, decision);
            }
            catch (RecipientException exception)
            {
                AssertNamesRecipient(exception, recipient.Id, messageId, hostile);
                return;
            }
            catch (EmailException exception)
            {
                Assert.Equal(recipient.Id, exception.RecipientId);
                Assert.Equal(messageId, exception.MessageId);
                AssertOneLineNamingTheRecipient(exception.Message, messageId);
                // It names a field the case changed (the address's), or the catalog's email setting the data went into.
                if (!exception.Problem.Contains("(email: ", StringComparison.Ordinal))
                {
                    AssertNamesAChangedField(exception.Problem, hostile);
                }

                return;
            }

            using var stream = new MemoryStream();
            result.WriteTo(stream);
            var bytes = stream.ToArray();
            AssertHeaders(bytes, hostile);

            stream.Position = 0;
            using var message = MimeMessage.Load(stream);
            Assert.Equal(from, Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Address);
            var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
            var written = Convert.ToString(hostile.Fields["email"], CultureInfo.InvariantCulture)!;
            Assert.True(SameAddress(written, to.Address), $"{hostile}: To is {to.Address}, not the recipient's {written}.");
            Assert.Empty(message.Cc);
            Assert.Empty(message.Bcc);

            var name = hostile.Fields.GetValueOrDefault("first_name") as string;
            if (name is not null)
            {
                Assert.Equal(WithoutInvisibles(OneLine(name + subjectEnd)).Trim(), WithoutInvisibles(message.Subject ?? string.Empty).TrimEnd());
            }

            Assert.Equal("multipart/alternative", message.Body?.ContentType.MimeType);
            var htmlBody = message.HtmlBody ?? throw new InvalidOperationException($"{hostile}: the email has no HTML part.");
            var textBody = message.TextBody ?? throw new InvalidOperationException($"{hostile}: the email has no text part.");
            html.AssertOnlyTemplateMarkup(htmlBody, hostile);
            if (name is not null)
            {
                AssertShowsAsText(htmlBody, $"{salutation} {name},", hostile);
                Assert.True(
                    Collapse(textBody).Contains(Collapse($"{salutation} {Folded(name)},"), StringComparison.Ordinal),
                    $"{hostile}: the text part does not greet the recipient by name:\n{Shorten(textBody)}");
            }
        });

    /// <summary>
    /// The text without the invisible formatting characters a header drops, the zero-width joiners with them (a header keeps
    /// those between letters of the scripts that need them: InvisibleHeaderCharacterTests).
    /// </summary>
    private static string WithoutInvisibles(string value)
    {
        // The direction marks stay in right-to-left text (Hebrew, Arabic), where they place punctuation and digits.
        var rightToLeft = value.Any(static c => c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFC'));
        return string.Concat(value.Where(c => c is not ((>= '\u200B' and <= '\u200D') or '\uFEFF') && !(c is '\u200E' or '\u200F' && !rightToLeft)));
    }

    /// <summary>
    /// Whether the address in To is the recipient's, as written: in angle brackets, with the root's dot after the domain,
    /// or with the domain in punycode rather than Unicode (or the reverse), it is the same address.
    /// </summary>
    private static bool SameAddress(string written, string address)
    {
        written = written.Trim().TrimStart('<').TrimEnd('>');
        var (at, atAddress) = (written.LastIndexOf('@'), address.LastIndexOf('@'));
        return at > 0 && atAddress > 0
            && string.Equals(written[..at], address[..atAddress], StringComparison.Ordinal)
            && string.Equals(AsciiDomain(written[(at + 1)..].TrimEnd('.')), AsciiDomain(address[(atAddress + 1)..]), StringComparison.OrdinalIgnoreCase);
    }

    private static string AsciiDomain(string domain) => Ascii.IsValid(domain) ? domain : Idn.GetAscii(domain);

    /// <summary>Reads the raw message: lines of at most 998 octets; headers in ASCII only, every header one the composer writes, each at most once, the required ones there.</summary>
    private static void AssertHeaders(byte[] bytes, HostileCase hostile)
    {
        var raw = Encoding.Latin1.GetString(bytes);
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"{hostile}: the message has no header/body separator.");
        var block = raw[..(end + 2)];
        Assert.All(block, c => Assert.True(c is >= ' ' and < '\u007f' or '\r' or '\n' or '\t', $"{hostile}: raw character U+{(int)c:X4} in the headers."));

        var names = new List<string>();
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && line[0] is not (' ' or '\t'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                Assert.True(colon > 0, $"{hostile}: a header line without a name: '{line}'");
                names.Add(line[..colon]);
            }
        }

        foreach (var line in raw.Split("\r\n"))
        {
            // RFC 5322 2.1.1: no line of a message may pass 998 octets, in the headers (an address cannot be folded) or the body.
            Assert.True(line.Length <= 998, $"{hostile}: a line of {line.Length} octets: {line[..Math.Min(60, line.Length)]}…");
        }

        foreach (var group in names.GroupBy(static n => n, StringComparer.OrdinalIgnoreCase))
        {
            Assert.True(group.Count() == 1, $"{hostile}: the header {group.Key} is there {group.Count()} times:\n{block}");
            Assert.True(
                SingleHeaders.Concat(OptionalHeaders).Contains(group.Key, StringComparer.OrdinalIgnoreCase),
                $"{hostile}: data made a header {group.Key}:\n{block}");
        }

        Assert.All(SingleHeaders, h => Assert.Contains(h, names, StringComparer.OrdinalIgnoreCase));
    }

    private static MarkupProfile Profile(Catalog catalog, string messageId, IEnumerable<Dictionary<string, object?>> recipients) =>
        new(
            recipients
                .Select(r => catalog.Decide(r, messageId))
                .Where(static d => !d.IsSuppressed && d.Channel is null or "email")
                .Select(d => Composer.Compose(catalog, d).Message.HtmlBody ?? throw new InvalidOperationException($"The email of {d.RecipientId} has no HTML part.")),
            "https://example.com/");
}
