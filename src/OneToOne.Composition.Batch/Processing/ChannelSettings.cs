using OneToOne.Composition.Email;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Batch;

/// <summary>How a batch turns each decision into output: the channel and its channel-specific choices.</summary>
/// <param name="Channel">The channel.</param>
public sealed record ChannelSettings(BatchChannel Channel)
{
    /// <summary>Gets whether a web record carries the decision as JSON (per slot the chosen module ids, plus the HTML) instead of an HTML body.</summary>
    public bool DecisionJson { get; init; }

    /// <summary>Gets whether web HTML is the whole page from the message's <c>web: layout</c> (<see cref="Catalog.RenderPage"/>) rather than the fragment.</summary>
    public bool Page { get; init; }

    /// <summary>Gets the composer for <see cref="BatchChannel.Email"/>; when null, a default <see cref="EmailComposer"/> is used.</summary>
    public EmailComposer? Email { get; init; }

    /// <summary>Gets the renderer of one PDF per record for <see cref="BatchChannel.Print"/>; null when no per-record PDF is wanted (a merged PDF only).</summary>
    public PdfRenderer? Pdf { get; init; }

    /// <summary>Names a batch channel as a contact channel (<c>email</c>, <c>print</c>, <c>web</c>; <c>text</c> for plain text).</summary>
    /// <param name="channel">The batch channel.</param>
    /// <returns>The name used by <c>channels:</c>, consent and contact histories.</returns>
    public static string ContactChannel(BatchChannel channel) => channel switch
    {
        BatchChannel.Email => "email",
        BatchChannel.Print => "print",
        BatchChannel.Web => "web",
        _ => "text",
    };
}
