using System.Globalization;
using System.Text;
using MimeKit;

namespace OneToOne.Composition.Email.Mime;

/// <summary>
/// RFC 2047 encoding for header text that MimeKit would write ambiguously. MimeKit leaves a word that
/// starts with <c>=?</c> as it is, so a recipient named <c>=?utf-8?b?QWRtaW4=?=</c> would be read back as
/// "Admin", and a literal <c>=?</c> stops MimeKit's own decoder from decoding the encoded words after it.
/// For such text (rare) the whole value is written as base64 encoded-words, which every reader decodes
/// to exactly the text. Display names get the same treatment unless they are plain ASCII words: MimeKit's
/// mix of quoted strings and encoded-words for a name with both non-ASCII and specials (<c>"(é</c>) does
/// not read back exactly.
/// </summary>
internal static class EncodedWords
{
    /// <summary>
    /// The most UTF-8 bytes in one word: 39 bytes are 52 base64 characters, 64 with the <c>=?utf-8?b?…?=</c> frame (RFC 2047
    /// allows 75), so that <c>Subject: </c> and a word make a line of 73 (RFC 2047 allows 76 on a line with encoded-words).
    /// </summary>
    private const int MaxBytesPerWord = 39;

    /// <summary>The most characters a header line that holds an encoded-word may have (RFC 2047 section 2).</summary>
    private const int MaxEncodedLineLength = 76;

    /// <summary>Tells whether MimeKit's own encoding of the text would not read back as the text.</summary>
    /// <param name="text">The header text.</param>
    /// <returns>True when the text holds <c>=?</c>.</returns>
    public static bool NeedsForcing(string text) => text.Contains("=?", StringComparison.Ordinal);

    /// <summary>
    /// Tells whether MimeKit wrote a header with a line longer than RFC 2047 allows one that holds an encoded-word: it
    /// writes a run of non-ASCII text without spaces (a Japanese subject, emoji) as one encoded-word of any length.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="id">The header, as MimeKit encoded it.</param>
    /// <returns>True when a line of the header holds an encoded-word and is longer than 76 characters.</returns>
    public static bool IsOverlong(MimeMessage message, HeaderId id)
    {
        var header = Header(message, id);
        var lines = Encoding.ASCII.GetString(header.RawValue).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var length = lines[i].TrimEnd('\r').Length + (i == 0 ? header.Field.Length + 1 : 0);
            if (length > MaxEncodedLineLength && lines[i].Contains("=?", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tells whether a display name is anything but plain ASCII words (letters, digits, spaces, <c>.-'_</c>).</summary>
    /// <param name="name">The display name.</param>
    /// <returns>True when the name should be written as encoded-words.</returns>
    public static bool NeedsForcingInPhrase(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '\'' or '_'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the subject as encoded-words.</summary>
    /// <param name="message">The message, whose <c>Subject</c> is already set to <paramref name="subject"/>.</param>
    /// <param name="subject">The subject.</param>
    public static void ForceSubject(MimeMessage message, string subject) =>
        Header(message, HeaderId.Subject).SetRawValue(Encoding.ASCII.GetBytes(Encode(subject) + "\r\n"));

    /// <summary>
    /// Makes a mailbox the only one of the <c>To</c> or <c>From</c> header and writes its display name as encoded-words,
    /// keeping MimeKit's form of the address.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="id">The header: <see cref="HeaderId.To"/> or <see cref="HeaderId.From"/>.</param>
    /// <param name="mailbox">The mailbox; its display name is taken off, to be written here.</param>
    /// <param name="name">The display name.</param>
    public static void ForceName(MimeMessage message, HeaderId id, MailboxAddress mailbox, string name)
    {
        var list = id == HeaderId.To ? message.To : message.From;
        mailbox.Name = null;
        list.Clear();
        list.Add(mailbox);
        var header = Header(message, id);
        var address = Encoding.ASCII.GetString(header.RawValue).Trim();
        var words = Encode(name);

        // The address goes on a line of its own when it would make the last word's line too long: it cannot be folded.
        var lastLine = words.LastIndexOf('\n') is var end and >= 0 ? words.Length - end - 1 : header.Field.Length + 1 + words.Length;
        var separator = lastLine + 2 + address.Length + 1 > MaxEncodedLineLength ? "\r\n " : " ";
        header.SetRawValue(Encoding.ASCII.GetBytes(words + separator + "<" + address + ">\r\n"));
    }

    /// <summary>
    /// Encodes text as base64 encoded-words, one per line after the first, each starting with a space (folding white space).
    /// Words end between grapheme clusters, so that an emoji sequence (👩‍👩‍👧, a flag, a skin tone), a Devanagari
    /// conjunct or a Thai vowel sign stays in one word: a reader that decodes and shows each word on its own, or puts a
    /// space between words, still shows every user-perceived character whole. Only a cluster longer than a word
    /// (<see cref="MaxBytesPerWord"/> bytes) is split, between its code points, as RFC 2047 requires at the least.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The encoded words, e.g. <c>" =?utf-8?b?…?=\r\n =?utf-8?b?…?="</c>.</returns>
    public static string Encode(string text)
    {
        var encoded = new StringBuilder();
        var chunk = new byte[MaxBytesPerWord];
        var length = 0;
        Span<byte> rune = stackalloc byte[4];
        for (var start = 0; start < text.Length;)
        {
            var cluster = text.AsSpan(start, Math.Max(StringInfo.GetNextTextElementLength(text.AsSpan(start)), 1));
            start += cluster.Length;
            var bytes = Encoding.UTF8.GetByteCount(cluster);
            if (length + bytes > MaxBytesPerWord && length > 0)
            {
                Append(encoded, chunk.AsSpan(0, length));
                length = 0;
            }

            if (bytes <= MaxBytesPerWord)
            {
                length += Encoding.UTF8.GetBytes(cluster, chunk.AsSpan(length));
                continue;
            }

            // A cluster longer than a word (a long run of combining marks): split between its code points.
            foreach (var r in cluster.EnumerateRunes())
            {
                var n = r.EncodeToUtf8(rune);
                if (length + n > MaxBytesPerWord)
                {
                    Append(encoded, chunk.AsSpan(0, length));
                    length = 0;
                }

                rune[..n].CopyTo(chunk.AsSpan(length));
                length += n;
            }
        }

        Append(encoded, chunk.AsSpan(0, length));
        return encoded.ToString();
    }

    private static void Append(StringBuilder encoded, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty && encoded.Length > 0)
        {
            return;
        }

        encoded.Append(encoded.Length == 0 ? " " : "\r\n ").Append("=?utf-8?b?").Append(Convert.ToBase64String(bytes)).Append("?=");
    }

    private static Header Header(MimeMessage message, HeaderId id) => message.Headers[message.Headers.IndexOf(id)];
}
