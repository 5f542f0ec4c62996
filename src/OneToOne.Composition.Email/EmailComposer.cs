using System.Buffers;
using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Encodings;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Text;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Email.Html;
using OneToOne.Composition.Email.Mime;

namespace OneToOne.Composition.Email;

/// <summary>
/// Turns a decided, rendered message into a MIME message: <c>multipart/alternative</c> with a UTF-8
/// <c>text/plain</c> part then a <c>text/html</c> part; <c>From</c>, <c>To</c>, <c>Reply-To</c>, <c>Subject</c>;
/// a <c>Message-ID</c> and MIME boundary derived from (catalog, message, recipient) and a <c>Date</c> from the
/// injected clock, so a re-run writes the same bytes; RFC 8058 one-click unsubscribe headers; the preheader;
/// and the layout's CSS inlined. It never sends.
/// </summary>
/// <remarks>Immutable and thread-safe: share one composer across a whole run.</remarks>
public sealed class EmailComposer
{
    private readonly EmailOptions _options;
    private readonly MailboxAddress? _defaultFrom;
    private readonly string? _messageIdDomain;

    /// <summary>Creates a composer.</summary>
    /// <param name="options">The options, copied: setting one of them later does not change this composer; <see cref="EmailOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException"><see cref="EmailOptions.DefaultFrom"/> is not one valid mailbox or has non-ASCII before the @, or <see cref="EmailOptions.MessageIdDomain"/> is not a plain domain.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="EmailOptions.HtmlSizeWarningBytes"/> is negative.</exception>
    public EmailComposer(EmailOptions? options = null)
    {
        // A copy (every property is a value or a string, but the clock, which is shared on purpose: EmailOptionsTests lists
        // them), so that the options' owner setting one later changes no render.
        _options = (options ?? EmailOptions.Default) with { };
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        if (_options.HtmlSizeWarningBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.HtmlSizeWarningBytes, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"EmailOptions.HtmlSizeWarningBytes must be from 0 to {int.MaxValue} bytes; it was {_options.HtmlSizeWarningBytes}. Use int.MaxValue never to warn of the HTML part's size."));
        }

        if (_options.DefaultFrom is { } from)
        {
            if (!Addresses.TryParseMailbox(from, out var mailbox))
            {
                throw new ArgumentException($"EmailOptions.DefaultFrom '{from}' is not one valid address; write it as 'name@example.com' or 'Name <name@example.com>'.", nameof(options));
            }

            if (!Ascii.IsValid(mailbox.LocalPart))
            {
                // As for a recipient's To: and the catalog's email: from, which the loader refuses (OTO1007).
                throw new ArgumentException($"EmailOptions.DefaultFrom '{mailbox.Address}' has non-ASCII characters before the @, which only an SMTPUTF8 (RFC 6531) message can carry; the composer writes ASCII headers. Use an ASCII address.", nameof(options));
            }

            _defaultFrom = mailbox;
        }

        // A non-ASCII domain is written in punycode, as an address's is: a header carries no raw UTF-8.
        if (_options.MessageIdDomain is { } domain)
        {
            _messageIdDomain = (IsPlainDomain(domain) ? AsciiDomain(domain) : null)
                ?? throw new ArgumentException($"EmailOptions.MessageIdDomain '{domain}' is not a plain domain such as 'mail.example.com'; leave it null for the From address's domain.", nameof(options));
        }
    }

    /// <summary>Renders a decision's email content with the catalog and composes the MIME message.</summary>
    /// <param name="catalog">The catalog that made the decision.</param>
    /// <param name="decision">A decision that is not suppressed; check <see cref="Decision.IsSuppressed"/> first.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget.</param>
    /// <returns>The message and its warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or by another load of this one.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The catalog cannot render the recipient's message, or the message is routed to another channel (no consent for email, say).</exception>
    /// <exception cref="EmailException">The recipient has no or an invalid address, there is no From, or an address does not parse.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EmailResult Compose(Catalog catalog, Decision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.IsSuppressed)
        {
            throw new InvalidOperationException($"Recipient '{decision.RecipientId ?? "(no id)"}', message '{decision.MessageId}' is suppressed ({decision.SuppressionReason}); a suppressed decision has no email.");
        }

        return Compose(decision, catalog.RenderEmail(decision, cancellationToken));
    }

    /// <summary>Composes the MIME message from email content already rendered for a decision.</summary>
    /// <param name="decision">The decision the content was rendered from; it names the catalog, message and recipient.</param>
    /// <param name="content">The content, from <see cref="Catalog.RenderEmail(Decision, CancellationToken)"/>.</param>
    /// <returns>The message and its warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="content"/> was rendered for another recipient or message than <paramref name="decision"/>'s.</exception>
    /// <exception cref="EmailException">The recipient has no or an invalid address, there is no From, or an address does not parse.</exception>
    public EmailResult Compose(Decision decision, EmailContent content)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(content);
        if (content.RecipientId != decision.RecipientId || content.MessageId != decision.MessageId)
        {
            // Another decision's content would go out with this recipient's Message-ID and headers, or to the wrong address.
            throw new ArgumentException(
                $"The content was rendered for recipient '{content.RecipientId ?? "(no id)"}', message '{content.MessageId}', but the decision is recipient '{decision.RecipientId ?? "(no id)"}', message '{decision.MessageId}'. Pass the content Catalog.RenderEmail rendered from this decision.",
                nameof(content));
        }

        var warnings = new List<string>();

        var to = RecipientAddress(decision, content);
        var from = FromAddress(decision, content);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        if (content.ReplyTo is { } replyTo)
        {
            if (!Addresses.TryParseMailboxes(replyTo, out var replyTos))
            {
                throw Problem(decision, $"the Reply-To '{replyTo}' (email: reply-to) is not a valid address list.");
            }

            message.ReplyTo.AddRange(replyTos);
        }

        // Trimmed again: a removed invisible character may have stood before a space the core's trim kept.
        var subject = HeaderText.OneLine(content.Subject).Trim();
        WarnHidden(warnings, "Subject", content.Subject);
        WarnHidden(warnings, "To display name (email: to-name)", content.ToName);
        message.Subject = subject;
        if (EncodedWords.NeedsForcing(subject) || EncodedWords.IsOverlong(message, HeaderId.Subject))
        {
            EncodedWords.ForceSubject(message, subject);
        }

        if (to.Name is { } toName && (EncodedWords.NeedsForcingInPhrase(toName) || EncodedWords.IsOverlong(message, HeaderId.To)))
        {
            // A name of plain ASCII words MimeKit writes itself, but a word longer than a line it writes as an encoded-word
            // of its own length, on a line with the address however long that is.
            EncodedWords.ForceName(message, HeaderId.To, to, toName);
        }

        if (from.Name is { } fromName && EncodedWords.IsOverlong(message, HeaderId.From))
        {
            // The sender's name is the author's, but MimeKit writes it as the subject: a long non-ASCII run as one word.
            EncodedWords.ForceName(message, HeaderId.From, from, fromName);
        }

        var date = _options.TimeProvider.GetUtcNow();
        message.Date = date;
        var recipientKey = decision.RecipientId ?? "address:" + to.Address;
        var identity = MessageIdentity.Create(decision.CatalogId, decision.MessageId, recipientKey, date);
        message.MessageId = identity.MessageId(_messageIdDomain ?? MessageIdDomainOf(from));
        if (decision.ArmsText is { } arms)
        {
            AddArms(message, arms);
        }
        // The language the text is written in (Decision.TextCulture): an English fallback text sent to a Hebrew recipient is English.
        if (decision.TextCulture.Name.Length > 0)
        {
            // A .NET culture name is a BCP 47 language tag (RFC 3282): mail clients and screen readers pick the language by it.
            message.Headers.Add(HeaderId.ContentLanguage, decision.TextCulture.Name);
        }

        if (decision.RecipientId is null)
        {
            warnings.Add($"The recipient has no id, so its Message-ID is derived from its address {to.Address}.");
        }

        if (content.UnsubscribeUrl is { } unsubscribe)
        {
            AddUnsubscribe(message, decision, unsubscribe, warnings);
        }

        var html = HtmlPreparer.Prepare(content.Html, content.HtmlIsDocument, subject, content.Preheader, _options.InlineCss, warnings, decision.TextCulture);
        var htmlBytes = Encoding.UTF8.GetByteCount(html);
        if (htmlBytes > _options.HtmlSizeWarningBytes)
        {
            warnings.Add(string.Format(
                CultureInfo.InvariantCulture,
                "The HTML part is {0:N0} bytes ({1:0.#} KB), over the {2:N0}-byte threshold: Gmail clips messages beyond about 102 KB and hides the rest, including the unsubscribe link.",
                htmlBytes,
                htmlBytes / 1024.0,
                _options.HtmlSizeWarningBytes));
        }

        var boundary = identity.Boundary();
        var alternative = new MultipartAlternative
        {
            TextPart(TextFormat.Plain, content.Text, boundary),
            TextPart(TextFormat.Html, html, boundary),
        };
        alternative.Boundary = boundary;
        message.Body = alternative;
        return new EmailResult(message, warnings);
    }

    private static TextPart TextPart(TextFormat format, string text, string boundary)
    {
        // The text as UTF-8 once: the choice of encoding reads these bytes, and quoted-printable encodes them.
        var bytes = Encoding.UTF8.GetBytes(text);
        var part = new TextPart(format);
        part.ContentType.Charset = "utf-8";
        part.Content = new MimeContent(new MemoryStream(bytes, writable: false));

        // 7bit when every line is ASCII and at most 78 octets, else quoted-printable (or base64 for
        // mostly non-ASCII text): every line on the wire stays well under the 998-octet limit.
        part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);

        // The boundary is derived from what a recipient can know of their own message, so a value of theirs can be it: as
        // 7bit, a line '--boundary' would end the part there. Quoted-printable writes its '=_' as '=3D_', which no boundary is.
        // As 7bit, a line that ends in a space or a tab keeps it on the wire, where relays strip it, and a DKIM signature
        // with simple body canonicalization (c=relaxed/simple, as Amazon SES signs) then fails; quoted-printable writes it =20.
        if (part.ContentTransferEncoding == ContentEncoding.SevenBit
            && (text.Contains(boundary, StringComparison.Ordinal) || EndsALineWithWhiteSpace(text)))
        {
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        }

        // A line that begins "From " is rewritten to ">From " by mailers that store mail in mbox files, so the reader sees
        // a '>' the message never had: such a part is quoted-printable with that 'F' written as '=46', which decodes to it.
        // Every quoted-printable part is written so: a soft line break in a long line can put "From " at a line's start.
        if (part.ContentTransferEncoding == ContentEncoding.QuotedPrintable
            || (part.ContentTransferEncoding == ContentEncoding.SevenBit && StartsALineWithFrom(text)))
        {
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
            part.Content = ArmoredFrom(bytes);
        }

        return part;
    }

    private static bool EndsALineWithWhiteSpace(string text)
    {
        for (var end = text.IndexOf('\n', StringComparison.Ordinal); ; end = text.IndexOf('\n', end + 1))
        {
            var last = (end < 0 ? text.Length : end) - 1;
            if (last >= 0 && text[last] == '\r')
            {
                last--;
            }

            if (last >= 0 && text[last] is ' ' or '\t')
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }
        }
    }

    private static bool StartsALineWithFrom(string text) =>
        text.StartsWith("From ", StringComparison.Ordinal) || text.Contains("\nFrom ", StringComparison.Ordinal);

    /// <summary>
    /// The text's UTF-8 in quoted-printable, every line's leading "From " armored: what MimeKit's quoted-printable
    /// <see cref="EncoderFilter"/> followed by its <see cref="ArmoredFromFilter"/> write, in one pass into a rented buffer
    /// and one copy of the encoded length. Through the filters, a part of a few kilobytes took some 12 KB of buffers (a
    /// growing stream, each filter's output, the copy out), and most parts of a send are quoted-printable.
    /// </summary>
    internal static MimeContent ArmoredFrom(byte[] utf8)
    {
        var encoder = new QuotedPrintableEncoder(QuotedPrintableLineLimit);
        var buffer = ArrayPool<byte>.Shared.Rent(encoder.EstimateOutputLength(utf8.Length));
        try
        {
            var length = encoder.Flush(utf8, 0, utf8.Length, buffer);
            var encoded = buffer.AsSpan(0, length);

            // As ArmoredFromFilter: a line (the first, or one after a LF) that starts with "From " gets its 'F' as "=46".
            // The encoder ends every part with a soft line break ("=\n"), so no line at the end is too short to tell.
            var froms = 0;
            for (var at = 0; at < length; at = NextLine(encoded, at))
            {
                froms += encoded[at..].StartsWith("From "u8) ? 1 : 0;
            }

            var armored = new byte[length + (2 * froms)];
            var written = 0;
            for (var at = 0; at < length;)
            {
                var next = NextLine(encoded, at);
                var line = encoded[at..next];
                if (line.StartsWith("From "u8))
                {
                    "=46"u8.CopyTo(armored.AsSpan(written));
                    written += 3;
                    line = line[1..];
                }

                line.CopyTo(armored.AsSpan(written));
                written += line.Length;
                at = next;
            }

            return new MimeContent(new MemoryStream(armored, writable: false), ContentEncoding.QuotedPrintable);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        static int NextLine(ReadOnlySpan<byte> encoded, int at)
        {
            var end = encoded[at..].IndexOf((byte)'\n');
            return end < 0 ? encoded.Length : at + end + 1;
        }
    }

    private static void AddUnsubscribe(MimeMessage message, Decision decision, string url, List<string> warnings)
    {
        if (HeaderText.NeedsFolding(url)
            || url.AsSpan().IndexOfAny("<> \"") >= 0
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http" or "mailto"))
        {
            throw Problem(decision, $"the unsubscribe URL '{url}' (email: unsubscribe) is not an absolute https, http or mailto URL without spaces.");
        }

        var value = "<" + (Ascii.IsValid(url) ? url : AsciiUrl(uri)) + ">";
        // MimeKit folds a long header before its value, which then has a line to itself after one space; a URL cannot be
        // folded further, and a recipient's value in it (an id) can make it any length.
        var line = 1 + value.Length;
        if (line > MaxLineLength)
        {
            throw Problem(decision, string.Create(
                CultureInfo.InvariantCulture,
                $"the unsubscribe URL '{url[..Math.Min(url.Length, 60)]}…' (email: unsubscribe) is {value.Length - 2:N0} characters long, and the List-Unsubscribe header would be a line of {line:N0} octets: a line of a message may have at most {MaxLineLength} (RFC 5322). Shorten the recipient data the URL holds, or the URL."));
        }

        message.Headers.Add(HeaderId.ListUnsubscribe, value);
        if (uri.Scheme == "https")
        {
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        else
        {
            warnings.Add($"The unsubscribe URL is {uri.Scheme}, not https, so the message has no RFC 8058 one-click unsubscribe (List-Unsubscribe-Post).");
        }
    }

    /// <summary>
    /// Writes the arms as the token list they are. Arm and experiment ids are validated catalog ids, so the value is a safe
    /// header token list; but it has no white space to fold at, and MimeKit wrote such a value past 78 characters as
    /// RFC 2047 encoded-words, which a reader of the raw header cannot attribute a response by. It stays on one line,
    /// folded after a comma only where the line would pass the 998 octets a line may have.
    /// </summary>
    private static void AddArms(MimeMessage message, string arms)
    {
        var pairs = arms.Split(',');
        var raw = new StringBuilder(" ").Append(pairs[0]);
        var line = ArmsHeader.Length + 1 + raw.Length;
        foreach (var pair in pairs.AsSpan(1))
        {
            var fold = line + 1 + pair.Length > MaxLineLength;
            raw.Append(fold ? ",\r\n " : ",").Append(pair);
            line = fold ? 1 + pair.Length : line + 1 + pair.Length;
        }

        var header = new Header(ArmsHeader, arms);
        header.SetRawValue(Encoding.ASCII.GetBytes(raw.Append("\r\n").ToString()));
        message.Headers.Add(header);
    }

    /// <summary>
    /// Writes an absolute URL that has non-ASCII characters in ASCII, as a header must carry it (RFC 2369 wants a URL,
    /// and raw UTF-8 would make the header 8-bit): the host in punycode, the rest percent-encoded as UTF-8.
    /// </summary>
    private static string AsciiUrl(Uri uri) => uri.Scheme == "mailto"
        ? uri.AbsoluteUri.Replace("@" + uri.Host, "@" + uri.IdnHost, StringComparison.OrdinalIgnoreCase)
        : new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;

    private static MailboxAddress RecipientAddress(Decision decision, EmailContent content)
    {
        if (string.IsNullOrWhiteSpace(content.To))
        {
            throw Problem(decision, $"the recipient has no email address: its field '{content.ToField}' (the message's email: to-field) is missing or empty.");
        }

        if (!Addresses.TryParseBareAddress(content.To, out var to))
        {
            throw Problem(decision, $"the recipient's email address '{HeaderText.OneLine(content.To)}' is not a valid address.");
        }

        if (!Ascii.IsValid(to.LocalPart))
        {
            // The part before the @ has no ASCII form (a domain has punycode): written as raw UTF-8 it needs an
            // SMTPUTF8 (RFC 6531) path, and it used to lose its letters to '?' when the display name was encoded.
            throw Problem(decision, $"the recipient's email address '{to.Address}' has non-ASCII characters before the @, which only an SMTPUTF8 (RFC 6531) message can carry; the composer writes ASCII headers. Use the recipient's ASCII address.");
        }

        // RFC 5321 4.5.3.1 (64 octets before the @; 254 in all, as a path is at most 256 with its angle brackets); a longer
        // address cannot be folded across header lines either, and could make a line longer than a message may have.
        var ascii = to.GetAddress(idnEncode: true);
        var at = ascii.LastIndexOf('@');
        if (at > 64 || ascii.Length > 254)
        {
            throw Problem(decision, string.Create(
                CultureInfo.InvariantCulture,
                $"the recipient's email address '{to.Address}' is {ascii.Length} characters long ({at} before the @): SMTP carries at most 64 before the @ and 254 in all (RFC 5321). Correct the address."));
        }

        if (content.ToName is not null && HeaderText.OneLine(content.ToName).Trim() is { Length: > 0 } name)
        {
            to.Name = name;
        }

        return to;
    }

    /// <summary>
    /// Warns that a header's text had invisible formatting characters, which <see cref="HeaderText.OneLine"/> removes. They
    /// are removed rather than the recipient refused: the text a reader sees stays the same without them, and they are
    /// common in data pasted from web pages and documents, but they are named, as they may also be a spoofing attempt.
    /// </summary>
    private static void WarnHidden(List<string> warnings, string header, string? value)
    {
        if (value is not null && InvisibleText.Hidden(value) is { Count: > 0 } hidden)
        {
            warnings.Add($"The {header} had invisible formatting characters ({string.Join(", ", hidden)}), which were removed: in a header they can make text read as something it is not, such as a name that shows as another address, and mail providers' spoofing checks distrust them. Check the recipient's data, or the catalog's text, for them.");
        }
    }

    private MailboxAddress FromAddress(Decision decision, EmailContent content)
    {
        if (content.From is null)
        {
            return _defaultFrom?.Clone() as MailboxAddress
                ?? throw Problem(decision, "the message has no From address: set email: from in the catalog, or EmailOptions.DefaultFrom.");
        }

        if (!Addresses.TryParseMailbox(content.From, out var from))
        {
            throw Problem(decision, $"the From '{HeaderText.OneLine(content.From)}' (email: from) is not one valid address.");
        }

        return from;
    }

    /// <summary>
    /// The line length MimeKit's quoted-printable encoder is given. A quoted-printable line may have 76 characters (RFC 2045
    /// 6.7, rule 5), but the encoder writes up to two more where an encoded character falls at its limit, and armoring a
    /// line's leading 'F' as '=46' adds two: 72 keeps every line within 76.
    /// </summary>
    private const int QuotedPrintableLineLimit = 72;

    /// <summary>The most octets a line of a message may have, CRLF not counted (RFC 5322 2.1.1).</summary>
    private const int MaxLineLength = 998;

    /// <summary>The header that carries the recipient's experiment arms (<c>experiment=arm</c>, comma-separated) for attributing responses.</summary>
    public const string ArmsHeader = "X-OneToOne-Arms";

    private static EmailException Problem(Decision decision, string problem) => new(decision.RecipientId, decision.MessageId, problem);

    private static string? AsciiDomain(string domain)
    {
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The domain of a From address, in punycode, for its Message-ID; one that is no plain domain (an address literal) gives <c>onetoone.invalid</c>.</summary>
    private static string MessageIdDomainOf(MailboxAddress from) =>
        (IsPlainDomain(from.Domain) ? AsciiDomain(from.Domain) : null) ?? "onetoone.invalid";

    private static bool IsPlainDomain(string? domain) =>
        !string.IsNullOrEmpty(domain)
        && domain.Length <= 253
        && Uri.CheckHostName(domain) == UriHostNameType.Dns;
}
