using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// A non-ASCII domain with no ASCII (punycode) form, such as one whose label is longer than the 63 octets a DNS label may
/// have: MimeKit could not encode it, kept it as it was, and wrote raw UTF-8 into the header of a message whose headers
/// are ASCII (an 8-bit header that only an SMTPUTF8 path carries), where it should have been a problem for that recipient.
/// </summary>
public sealed class DomainWithoutAsciiFormTests
{
    private static readonly string Domain = new string('ä', 70) + ".example";

    [Fact]
    public void ARecipientAddressWhoseDomainHasNoAsciiForm_IsAnEmailException()
    {
        var address = "ann@" + Domain;

        var error = Assert.Throws<EmailException>(() => Compose(Person("c-10", email: address)));

        Assert.Equal("c-10", error.RecipientId);
        Assert.Equal($"the recipient's email address '{address}' is not a valid address.", error.Problem);
    }

    [Fact]
    public void AFromReplyToOrDefaultFromWhoseDomainHasNoAsciiForm_IsRefused()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse($$"""
            catalog: c
            messages:
              from:
                subject: x
                body: x
                email: { from: "Club <club@{{Domain}}>" }
              reply:
                subject: x
                body: x
                email: { from: club@example.com, reply-to: "help@example.com, desk@{{Domain}}" }
            """);
        var composer = new EmailComposer(Options);

        var from = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "from")));
        var reply = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "reply")));

        Assert.Equal($"the From 'Club <club@{Domain}>' (email: from) is not one valid address.", from.Problem);
        Assert.Equal($"the Reply-To 'help@example.com, desk@{Domain}' (email: reply-to) is not a valid address list.", reply.Problem);
        Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { DefaultFrom = "club@" + Domain }));
    }
}
