using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneToOne.Composition.Email.Mime;

/// <summary>
/// The deterministic identity of one email: a SHA-256 over (catalog id, message id, recipient key, date), so a
/// re-run of the same send (the same clock, e.g. the CLI's <c>--as-of</c>) gives every recipient the same
/// <c>Message-ID</c> and MIME boundary, while next month's send of the same message gets new ones, as RFC 5322 asks.
/// </summary>
internal readonly struct MessageIdentity
{
    private readonly byte[] _hash;

    private MessageIdentity(byte[] hash) => _hash = hash;

    /// <summary>Derives the identity. Each part is length-prefixed, so ("a", "bc") and ("ab", "c") differ.</summary>
    /// <param name="catalogId">The catalog id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="recipientKey">The recipient's id (or, when it has none, its address).</param>
    /// <param name="date">The email's date, to the second (as its <c>Date</c> header has it).</param>
    /// <returns>The identity.</returns>
    public static MessageIdentity Create(string catalogId, string messageId, string recipientKey, DateTimeOffset date)
    {
        var text = new StringBuilder()
            .Append(catalogId.Length).Append(':').Append(catalogId).Append('\n')
            .Append(messageId.Length).Append(':').Append(messageId).Append('\n')
            .Append(recipientKey.Length).Append(':').Append(recipientKey).Append('\n')
            .Append(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .ToString();
        return new MessageIdentity(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Gets the <c>Message-ID</c> (without angle brackets): 128 bits of the hash in hex, at the domain.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The id.</returns>
    public string MessageId(string domain) => Convert.ToHexStringLower(_hash, 0, 16) + "@" + domain;

    /// <summary>Gets a MIME boundary from the other half of the hash; <c>=_</c> cannot occur in quoted-printable or base64 content (a part that holds the boundary is never written 7bit).</summary>
    /// <returns>The boundary.</returns>
    public string Boundary() => "=_oto_" + Convert.ToHexStringLower(_hash, 16, 16);
}
