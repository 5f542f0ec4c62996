namespace OneToOne.Composition;

/// <summary>A rendering target of the core package. Channel packages (email, print) build on these.</summary>
public enum Channel
{
    /// <summary>Plain text: paragraphs, lists and link URLs kept, no markup.</summary>
    Text,

    /// <summary>An HTML fragment for a web page or an email's HTML part.</summary>
    Web,

    /// <summary>
    /// Markdown for print layout: each module's <c>print</c> override, else its <c>content</c>, placed into the
    /// message body. The print package lays it out as PDF.
    /// </summary>
    Print,
}
