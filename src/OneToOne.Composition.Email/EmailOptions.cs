namespace OneToOne.Composition.Email;

/// <summary>Settings for <see cref="EmailComposer"/>. Immutable; vary with <c>with</c>.</summary>
public sealed record EmailOptions
{
    /// <summary>The size beyond which Gmail clips a message's HTML: about 102 KB.</summary>
    public const int GmailClipBytes = 102 * 1024;

    /// <summary>Gets the default options.</summary>
    public static EmailOptions Default { get; } = new();

    /// <summary>Gets the From address used when the message's <c>email: from</c> is not set, e.g. <c>"Club &lt;club@example.com&gt;"</c>; null means such messages are rejected.</summary>
    public string? DefaultFrom { get; init; }

    /// <summary>
    /// Gets the domain of the deterministic <c>Message-ID</c> (the part after <c>@</c>; a non-ASCII domain is written in
    /// punycode), or null (the default) for the domain of each message's From address, as mail from that sender carries:
    /// receivers' spam filters score a Message-ID whose domain is not the sender's or does not exist. A From whose domain
    /// is an address literal (<c>[192.0.2.1]</c>) gives <c>onetoone.invalid</c>.
    /// </summary>
    public string? MessageIdDomain { get; init; }

    /// <summary>Gets whether rules in the HTML's <c>&lt;style&gt;</c> elements are inlined into elements' <c>style</c> attributes (media queries stay in <c>&lt;style&gt;</c>).</summary>
    public bool InlineCss { get; init; } = true;

    /// <summary>Gets the HTML part size, in UTF-8 bytes, above which <see cref="EmailResult.Warnings"/> gets a warning. Defaults to <see cref="GmailClipBytes"/>.</summary>
    public int HtmlSizeWarningBytes { get; init; } = GmailClipBytes;

    /// <summary>Gets the clock for the <c>Date</c> header. Inject a fixed one for reproducible output.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
