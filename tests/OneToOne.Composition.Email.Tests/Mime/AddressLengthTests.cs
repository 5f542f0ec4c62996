using System.Text;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// An address longer than SMTP carries (RFC 5321 4.5.3.1: 64 octets before the @, 255 after, 254 in all): MimeKit
/// parsed it and wrote it on one header line, which an address cannot be folded across, past the 998 octets a line of
/// a message may have (RFC 5322 2.1.1).
/// </summary>
public sealed class AddressLengthTests
{
    public static TheoryData<string> TooLong => new()
    {
        new string('a', 65) + "@example.com",
        "a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 20)),
        string.Join('.', Enumerable.Repeat(new string('a', 12), 5)) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".example",
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public void AnAddressLongerThanSmtpCarries_IsAnEmailException(string address)
    {
        var error = Assert.Throws<EmailException>(() => Compose(Person("c-3", email: address)));

        Assert.Equal("c-3", error.RecipientId);
        Assert.Equal(
            $"the recipient's email address '{address}' is {address.Length} characters long ({address.IndexOf('@', StringComparison.Ordinal)} before the @): SMTP carries at most 64 before the @ and 254 in all (RFC 5321). Correct the address.",
            error.Problem);
    }

    [Fact]
    public void AnAddressOfTheLongestLengths_IsWrittenOnALineOfItsOwn()
    {
        var local = new string('a', 64);
        var domain = new string('b', 61) + "." + new string('b', 61) + "." + new string('b', 57) + ".example";
        var address = local + "@" + domain;
        Assert.Equal(254, address.Length);

        var bytes = Compose(Person("c-4", email: address)).ToBytes();

        Assert.Equal(address, Assert.Single(Load(bytes).To.Mailboxes).Address);
        Assert.All(Encoding.ASCII.GetString(bytes).Split("\r\n"), static line => Assert.True(line.Length <= 998, $"A line of {line.Length} octets."));
    }
}
