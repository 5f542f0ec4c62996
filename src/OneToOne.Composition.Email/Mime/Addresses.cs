using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace OneToOne.Composition.Email.Mime;

/// <summary>Parses the addresses of an email strictly: a bad address is a problem to report, never a guess.</summary>
internal static class Addresses
{
    private static readonly SearchValues<char> DottedDecimal = SearchValues.Create("0123456789.");

    /// <summary>Parses one mailbox, e.g. <c>club@example.com</c> or <c>"Club &lt;club@example.com&gt;"</c>.</summary>
    /// <param name="text">The address as written.</param>
    /// <param name="mailbox">The mailbox, its display name on one line.</param>
    /// <returns>Whether the text is exactly one valid mailbox.</returns>
    public static bool TryParseMailbox(string text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (HeaderText.NeedsFolding(text)
            || !InternetAddressList.TryParse(WireFormat.AddressParser, text, out var list)
            || list.Count != 1
            || list[0] is not MailboxAddress single
            || !HasDomain(single))
        {
            return false;
        }

        single.Name = single.Name is null ? null : HeaderText.OneLine(single.Name);
        mailbox = single;
        return true;
    }

    /// <summary>Parses a bare address (no display name), such as a recipient's <c>email</c> field.</summary>
    /// <param name="text">The address.</param>
    /// <param name="mailbox">The mailbox, without a display name.</param>
    /// <returns>Whether the text is exactly one valid address with no display name.</returns>
    public static bool TryParseBareAddress(string text, out MailboxAddress mailbox)
    {
        if (TryParseMailbox(text, out mailbox) && string.IsNullOrEmpty(mailbox.Name) && mailbox.Route.Count == 0)
        {
            return true;
        }

        mailbox = null!;
        return false;
    }

    /// <summary>Parses one or more mailboxes separated by commas.</summary>
    /// <param name="text">The addresses as written.</param>
    /// <param name="mailboxes">The mailboxes.</param>
    /// <returns>Whether the text is a non-empty list of valid mailboxes (no groups).</returns>
    public static bool TryParseMailboxes(string text, out List<MailboxAddress> mailboxes)
    {
        mailboxes = [];
        if (HeaderText.NeedsFolding(text) || !InternetAddressList.TryParse(WireFormat.AddressParser, text, out var list) || list.Count == 0)
        {
            return false;
        }

        foreach (var address in list)
        {
            if (address is not MailboxAddress mailbox || !HasDomain(mailbox))
            {
                return false;
            }

            mailbox.Name = mailbox.Name is null ? null : HeaderText.OneLine(mailbox.Name);
            mailboxes.Add(mailbox);
        }

        return true;
    }

    /// <summary>
    /// Whether a mailbox has a domain, and one with an ASCII form. MimeKit's parser refuses an address without one only
    /// outside angle brackets (AllowAddressesWithoutDomain): <c>&lt;abc&gt;</c>, or data such as <c>&lt;/textarea&gt;</c>,
    /// parsed as the address <c>abc</c> or <c>/textarea</c>, and a message was composed to it. A non-ASCII domain that IDNA
    /// cannot write in punycode (a label longer than 63 octets, say) MimeKit kept as it was, raw UTF-8 in an ASCII header.
    /// </summary>
    /// <remarks>
    /// The domain must also be one SMTP can route to (RFC 5321 4.1.2): dot-separated labels of letters, digits and inner
    /// hyphens, or an address literal that is an IPv4 or IPv6 address. MimeKit's parser took any atom characters
    /// (<c>ann@gmail!com</c>, <c>a@-example.com</c>, <c>a@ex_ample.com</c>) and any literal, dropping the spaces of
    /// <c>a@[foo bar]</c>, so a message was composed to an address no server would take.
    /// </remarks>
    private static bool HasDomain(MailboxAddress mailbox)
    {
        if (mailbox.Domain.Length == 0)
        {
            return false;
        }

        var address = mailbox.GetAddress(idnEncode: true);
        var domain = address.AsSpan(address.LastIndexOf('@') + 1);
        return Ascii.IsValid(domain) && (domain.StartsWith('[') ? IsAddressLiteral(domain) : IsHostName(domain));
    }

    private static bool IsHostName(ReadOnlySpan<char> domain)
    {
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsAddressLiteral(ReadOnlySpan<char> domain)
    {
        if (domain.Length < 3 || domain[^1] != ']')
        {
            return false;
        }

        var literal = domain[1..^1];
        if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(literal[5..], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // IPAddress also reads "1", "1.2" and "0x7f.1" as IPv4: RFC 5321 wants four decimal parts.
        return literal.Count('.') == 3
            && !literal.ContainsAnyExcept(DottedDecimal)
            && IPAddress.TryParse(literal, out var v4)
            && v4.AddressFamily == AddressFamily.InterNetwork;
    }
}
