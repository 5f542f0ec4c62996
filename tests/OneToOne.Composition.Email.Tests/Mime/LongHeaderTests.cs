using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// An unsubscribe URL made long by a recipient's value (an id in <c>?id={{ id }}</c>): a URL cannot be folded, and the
/// List-Unsubscribe header was written as one line of any length, past the 998 octets a line of a message may have.
/// </summary>
public sealed class LongHeaderTests
{
    [Fact]
    public void AnUnsubscribeUrlTooLongForAHeaderLine_IsAnEmailException()
    {
        var id = new string('x', 1_000);

        var error = Assert.Throws<EmailException>(() => Compose(Person(id)));

        Assert.Equal(id, error.RecipientId);
        Assert.Equal(
            $"the unsubscribe URL 'https://example.com/u?id={new string('x', 35)}…' (email: unsubscribe) is 1,035 characters long, and the List-Unsubscribe header would be a line of 1,038 octets: a line of a message may have at most 998 (RFC 5322). Shorten the recipient data the URL holds, or the URL.",
            error.Problem);
    }

    [Fact]
    public void AnUnsubscribeHeaderOfTheLongestLine_IsWritten()
    {
        // The header is folded before its value, " <https://example.com/u?id=…&list=news>": 998 octets with an id of 960 characters.
        var bytes = Compose(Person(new string('x', 960))).ToBytes();
        var lines = Raw(bytes).Split("\r\n");

        var header = Array.FindIndex(lines, static l => l.StartsWith("List-Unsubscribe:", StringComparison.Ordinal));
        Assert.Equal(" <https://example.com/u?id=" + new string('x', 960) + "&list=news>", lines[header + 1]);
        Assert.Equal(998, lines[header + 1].Length);
        Assert.Throws<EmailException>(() => Compose(Person(new string('x', 961))));
    }
}
