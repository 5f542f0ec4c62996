using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// RFC 5321 4.1.2: a domain is dot-separated labels of letters, digits and inner hyphens, or an IPv4 or IPv6 address
/// literal. MimeKit's parser takes any atom characters and any literal (dropping a literal's spaces), so a message was
/// composed to <c>ann@gmail!com</c> or to <c>a@[foobar]</c> for <c>a@[foo bar]</c>.
/// </summary>
public sealed class UnroutableDomainTests
{
    [Theory]
    [InlineData("ann@gmail!com")]
    [InlineData("ann@ex%ample.com")]
    [InlineData("ann@ex_ample.com")]
    [InlineData("ann@-example.com")]
    [InlineData("ann@example-.com")]
    [InlineData("ann@ex.-am.com")]
    [InlineData("ann@[foo bar]")]
    [InlineData("ann@[300.1.1.1]")]
    [InlineData("ann@[1.2.3]")]
    [InlineData("ann@[IPv6:nonsense]")]
    public void ARecipientAddressWithADomainSmtpCannotRouteTo_IsAnEmailException(string address)
    {
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-9", email: address)));

        Assert.Equal($"the recipient's email address '{address}' is not a valid address.", error.Problem);
    }

    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("ann@mail-1.example.co.uk", "ann@mail-1.example.co.uk")]
    [InlineData("ann@1.2.3.4", "ann@1.2.3.4")]
    [InlineData("ann@[192.0.2.1]", "ann@[192.0.2.1]")]
    [InlineData("ann@[IPv6:2001:db8::1]", "ann@[IPv6:2001:db8::1]")]
    [InlineData("ann@bücher.de", "ann@xn--bcher-kva.de")]
    [InlineData("ann@xn--bcher-kva.de", "ann@xn--bcher-kva.de")]
    public void ARoutableDomain_IsKept(string address, string written)
    {
        var bytes = Compose(Person(email: address)).ToBytes();

        Assert.Contains("<" + written + ">", HeaderBlock(bytes), StringComparison.Ordinal);
        Assert.IsType<MailboxAddress>(Assert.Single(Load(bytes).To));
    }

    [Fact]
    public void AFromReplyToOrDefaultFromWithADomainSmtpCannotRouteTo_IsRefused()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: c
            messages:
              from:
                subject: x
                body: x
                email: { from: "Club <club@example_mail.com>" }
              reply:
                subject: x
                body: x
                email: { from: club@example.com, reply-to: "help@example.com, desk@-example.com" }
            """);
        var composer = new EmailComposer(Options);

        var from = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "from")));
        var reply = Assert.Throws<EmailException>(() => composer.Compose(catalog, catalog.Decide(Person(), "reply")));

        Assert.Equal("the From 'Club <club@example_mail.com>' (email: from) is not one valid address.", from.Problem);
        Assert.Equal("the Reply-To 'help@example.com, desk@-example.com' (email: reply-to) is not a valid address list.", reply.Problem);
        Assert.Throws<ArgumentException>(() => new EmailComposer(Options with { DefaultFrom = "club@ex!ample.com" }));
    }
}
