namespace OneToOne.Composition.Batch;

/// <summary>What a batch renders each decision as: the core's text and web renderings, or an email or print document (<see cref="ChannelSettings.Documents"/>).</summary>
public enum BatchChannel
{
    /// <summary>Plain text (<see cref="Channel.Text"/>).</summary>
    Text,

    /// <summary>An HTML fragment or page, or the decision as JSON (<see cref="Channel.Web"/>).</summary>
    Web,

    /// <summary>A MIME message, composed by <see cref="ChannelSettings.Documents"/> (<c>EmailBatchRenderer</c>, package <c>OneToOne.Composition.Batch.Email</c>).</summary>
    Email,

    /// <summary>A print piece (<see cref="Catalog.RenderPrint"/>) and, with <see cref="ChannelSettings.Documents"/> (<c>PdfBatchRenderer</c>, package <c>OneToOne.Composition.Batch.Print</c>), its PDF.</summary>
    Print,
}
