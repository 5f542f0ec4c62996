using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// An address in angle brackets without a domain (<c>&lt;ann&gt;</c>, or data such as <c>&lt;/textarea&gt;</c>): MimeKit
/// refuses addresses without a domain only outside angle brackets, and a message was composed to <c>/textarea</c>.
/// </summary>
public sealed class AddressWithoutDomainTests
{
    [Theory]
    [InlineData("<ann>")]
    [InlineData("</textarea>")]
    [InlineData("<ann.smith>")]
    public void ARecipientAddressWithoutADomain_IsAnEmailException(string address)
    {
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-9", email: address)));

        Assert.Equal("c-9", error.RecipientId);
        Assert.Equal($"Recipient 'c-9', message 'news': the recipient's email address '{address}' is not a valid address.", error.Message);
    }

    [Fact]
    public void AFromOrReplyToWithoutADomain_IsRefused()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: c
            messages:
              from:
                subject: x
                body: x
                email: { from: "Club <club>" }
              reply:
                subject: x
                body: x
                email: { from: club@example.com, reply-to: "help@example.com, <desk>" }
            """);
        var composer = new EmailComposer(Options);

        var from = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "from")));
        var reply = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "reply")));

        Assert.Equal("the From 'Club <club>' (email: from) is not one valid address.", from.Problem);
        Assert.Equal("the Reply-To 'help@example.com, <desk>' (email: reply-to) is not a valid address list.", reply.Problem);
        Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { DefaultFrom = "<club>" }));
    }
}
