namespace OneToOne.Composition.Batch;

/// <summary>How a batch turns each decision into output: the channel and its channel-specific choices.</summary>
/// <param name="Channel">The channel.</param>
public sealed record ChannelSettings(BatchChannel Channel)
{
    /// <summary>Gets whether a web record carries the decision as JSON (per slot the chosen module ids, plus the HTML) instead of an HTML body.</summary>
    public bool DecisionJson { get; init; }

    /// <summary>Gets whether web HTML is the whole page from the message's <c>web: layout</c> (<see cref="Catalog.RenderPage"/>) rather than the fragment.</summary>
    public bool Page { get; init; }

    /// <summary>
    /// Gets what renders each record's document for <see cref="BatchChannel.Email"/> (required) or
    /// <see cref="BatchChannel.Print"/> (for one PDF per record; without one, a print run makes the print renderings only,
    /// for a merged PDF). <c>EmailBatchRenderer</c> (package <c>OneToOne.Composition.Batch.Email</c>) and
    /// <c>PdfBatchRenderer</c> (<c>OneToOne.Composition.Batch.Print</c>) are the two there are.
    /// </summary>
    public BatchDocumentRenderer? Documents { get; init; }

    /// <summary>Names a batch channel as a contact channel (<c>email</c>, <c>print</c>, <c>web</c>; <c>text</c> for plain text).</summary>
    /// <param name="channel">The batch channel.</param>
    /// <returns>The name used by <c>channels:</c>, consent and contact histories.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is none of <see cref="BatchChannel"/>'s.</exception>
    public static string ContactChannel(BatchChannel channel) => channel switch
    {
        BatchChannel.Email => "email",
        BatchChannel.Print => "print",
        BatchChannel.Web => "web",
        BatchChannel.Text => "text",

        // Not "text": a contact history would count an undefined channel's contacts as plain-text ones, against caps by channel.
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel is none of BatchChannel.Text, Web, Email and Print."),
    };

    /// <summary>Refuses settings a run cannot render with: a channel that is none of <see cref="BatchChannel"/>'s, email without a renderer, or a renderer for another channel.</summary>
    /// <param name="paramName">The argument the settings were given as.</param>
    /// <exception cref="ArgumentException">The settings do not go together.</exception>
    internal void Check(string paramName)
    {
        if (!Enum.IsDefined(Channel))
        {
            throw new ArgumentException($"ChannelSettings.Channel is {(int)Channel}, which is none of BatchChannel.Text, Web, Email and Print.", paramName);
        }

        if (Documents is { } documents && documents.Channel != Channel)
        {
            throw new ArgumentException($"ChannelSettings.Documents renders for {documents.Channel}, but the channel is {Channel}: give a renderer for {Channel}, or none.", paramName);
        }

        if (Channel == BatchChannel.Email && Documents is null)
        {
            throw new ArgumentException("An email batch needs ChannelSettings.Documents, the composer of each record's MIME message: add the OneToOne.Composition.Batch.Email package and set Documents = new EmailBatchRenderer().", paramName);
        }
    }
}
