namespace OneToOne.Composition.Batch;

/// <summary>What a batch renders each decision as: the core's text and web renderings, or the Email and Print packages' output.</summary>
public enum BatchChannel
{
    /// <summary>Plain text (<see cref="Channel.Text"/>).</summary>
    Text,

    /// <summary>An HTML fragment or page, or the decision as JSON (<see cref="Channel.Web"/>).</summary>
    Web,

    /// <summary>A MIME message (the Email package's <see cref="Email.EmailComposer"/>).</summary>
    Email,

    /// <summary>A print piece (<see cref="Catalog.RenderPrint"/>) and, with a <see cref="Print.PdfRenderer"/>, its PDF.</summary>
    Print,
}
