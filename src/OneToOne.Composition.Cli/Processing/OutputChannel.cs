namespace OneToOne.Composition.Cli.Processing;

/// <summary>What <c>render --channel</c> produces: the core's text and web renderings, or the Email and Print packages' output.</summary>
internal enum OutputChannel
{
    /// <summary>Plain text (<see cref="Channel.Text"/>).</summary>
    Text,

    /// <summary>An HTML fragment or page, or the decision as JSON (<see cref="Channel.Web"/>).</summary>
    Web,

    /// <summary>A MIME message (the Email package).</summary>
    Email,

    /// <summary>A PDF (the Print package, from <see cref="Catalog.RenderPrint"/>).</summary>
    Print,
}
