namespace OneToOne.Composition;

/// <summary>
/// Everything an email needs, rendered for one recipient from the message's <c>email:</c> settings:
/// the MIME packaging itself is the Email package's job, so the core stays free of MIME dependencies.
/// </summary>
public sealed class EmailContent
{
    internal EmailContent(string? recipientId, string messageId, string subject, string html, string text, string? from, string? replyTo, string toField, string? to, string? toName, string? preheader, string? unsubscribeUrl)
    {
        RecipientId = recipientId;
        MessageId = messageId;
        ToField = toField;
        Subject = subject;
        Html = html;
        Text = text;
        From = from;
        ReplyTo = replyTo;
        To = to;
        ToName = toName;
        Preheader = preheader;
        UnsubscribeUrl = unsubscribeUrl;
    }

    /// <summary>Gets the id of the recipient the content was rendered for, or null when the recipient has none.</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the id of the message the content was rendered from.</summary>
    public string MessageId { get; }

    /// <summary>Gets the subject, one line.</summary>
    public string Subject { get; }

    /// <summary>Gets the HTML: the message's web fragment placed in the <c>email: layout</c>, or the bare fragment when there is none.</summary>
    public string Html { get; }

    /// <summary>Gets the plain-text body.</summary>
    public string Text { get; }

    /// <summary>Gets the <c>email: from</c> address as written, or null.</summary>
    public string? From { get; }

    /// <summary>Gets the <c>email: reply-to</c> address as written, or null.</summary>
    public string? ReplyTo { get; }

    /// <summary>Gets the name of the recipient field that holds the address (<c>email: to-field</c>, default <c>email</c>).</summary>
    public string ToField { get; }

    /// <summary>Gets the recipient's address, from the field named by <see cref="ToField"/>, or null when the field is missing or empty.</summary>
    public string? To { get; }

    /// <summary>Gets the recipient's display name from <c>email: to-name</c>, one line, or null.</summary>
    public string? ToName { get; }

    /// <summary>Gets the preheader (the inbox preview line), one line, or null.</summary>
    public string? Preheader { get; }

    /// <summary>Gets the unsubscribe URL from <c>email: unsubscribe</c>, with values percent-encoded, or null.</summary>
    public string? UnsubscribeUrl { get; }

    /// <summary>
    /// Gets whether the HTML is a whole document (it came from a layout) rather than a fragment: it starts with
    /// <c>&lt;!DOCTYPE</c> or <c>&lt;html</c>, after any byte order mark, white space and comments (a template's version note).
    /// </summary>
    public bool HtmlIsDocument
    {
        get
        {
            var html = Html.AsSpan().TrimStart().TrimStart('\uFEFF').TrimStart();
            while (html.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = html.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                html = html[(end + 3)..].TrimStart();
            }

            return html.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || html.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }
    }
}
