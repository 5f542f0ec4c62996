using OneToOne.Composition.Email;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>How <c>render</c> turns each decision into output: the channel and its channel-specific choices.</summary>
/// <param name="Channel">The channel.</param>
internal sealed record RenderSettings(OutputChannel Channel)
{
    /// <summary>Gets whether a web record carries the decision as JSON (per slot the chosen module ids, plus the HTML) instead of an HTML body.</summary>
    public bool DecisionJson { get; init; }

    /// <summary>Gets whether web HTML is the whole page from the message's <c>web: layout</c> (<see cref="Catalog.RenderPage"/>) rather than the fragment.</summary>
    public bool Page { get; init; }

    /// <summary>Gets the composer for <see cref="OutputChannel.Email"/>; set for that channel.</summary>
    public EmailComposer? Email { get; init; }

    /// <summary>Gets the renderer of one PDF per record for <see cref="OutputChannel.Print"/>; null when only a merged PDF is written.</summary>
    public PdfRenderer? Pdf { get; init; }
}
