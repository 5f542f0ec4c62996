namespace OneToOne.Composition.Email;

/// <summary>
/// Settings for <see cref="EmailComposer"/>, settable as the options pattern's <c>services.Configure&lt;EmailOptions&gt;(o =&gt; …)</c>
/// expects. A composer copies them as it is made: setting a property later does not change a composer made before.
/// </summary>
public sealed record EmailOptions
{
    /// <summary>The size beyond which Gmail clips a message's HTML: about 102 KB.</summary>
    public const int GmailClipBytes = 102 * 1024;

    /// <summary>
    /// Gets the default options. Each call gives an instance of its own (read it once, not per message): the properties
    /// are settable, by an application or the configuration binder, and <c>configuration.Bind(EmailOptions.Default)</c>
    /// or <c>EmailOptions.Default.DefaultFrom = …</c> would otherwise rewrite one shared instance for every composer in the process.
    /// </summary>
    public static EmailOptions Default => new();

    /// <summary>Gets or sets the From address used when the message's <c>email: from</c> is not set, e.g. <c>"Club &lt;club@example.com&gt;"</c>; null means such messages are rejected.</summary>
    public string? DefaultFrom { get; set; }

    /// <summary>
    /// Gets or sets the domain of the deterministic <c>Message-ID</c> (the part after <c>@</c>; a non-ASCII domain is written in
    /// punycode), or null (the default) for the domain of each message's From address, as mail from that sender carries:
    /// receivers' spam filters score a Message-ID whose domain is not the sender's or does not exist. A From whose domain
    /// is an address literal (<c>[192.0.2.1]</c>) gives <c>onetoone.invalid</c>.
    /// </summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Gets or sets whether rules in the HTML's <c>&lt;style&gt;</c> elements are inlined into elements' <c>style</c> attributes (media queries stay in <c>&lt;style&gt;</c>).</summary>
    public bool InlineCss { get; set; } = true;

    /// <summary>
    /// Gets or sets the HTML part size, in UTF-8 bytes, above which <see cref="EmailResult.Warnings"/> gets a warning.
    /// Defaults to <see cref="GmailClipBytes"/>; 0 warns of any HTML part, <see cref="int.MaxValue"/> of none. A negative
    /// value is refused by the composer (and by <c>ValidateOnStart</c>), not as it is set: the configuration binder's
    /// source generator would let a setter's exception out as it is, not as an <c>OptionsValidationException</c>.
    /// </summary>
    public int HtmlSizeWarningBytes { get; set; } = GmailClipBytes;

    /// <summary>Gets or sets the clock for the <c>Date</c> header. Inject a fixed one for reproducible output.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider { get; set => field = value ?? throw new ArgumentNullException(nameof(TimeProvider), "EmailOptions.TimeProvider cannot be null; leave it out for TimeProvider.System."); } = TimeProvider.System;
}
