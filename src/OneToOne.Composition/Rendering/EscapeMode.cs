namespace OneToOne.Composition.Rendering;

/// <summary>What values written by template expressions are escaped for.</summary>
internal enum EscapeMode
{
    /// <summary>Markdown source (module <c>content</c>, message <c>body</c>): punctuation and edge white space become numeric entities, line breaks fold to spaces.</summary>
    Markdown,

    /// <summary>HTML (module <c>html</c> overrides): HTML-encoded.</summary>
    Html,

    /// <summary>Plain text (module <c>text</c> overrides): written as is.</summary>
    Plain,

    /// <summary>A one-line header such as the subject: control characters, CR and LF become spaces.</summary>
    Line,

    /// <summary>A URL: values are percent-encoded, so data cannot change the URL's structure.</summary>
    Url,

    /// <summary>Text inside HTML, written the way Markdig writes literal text: <c>&lt; &gt; &amp; &quot;</c> encoded, control characters as spaces.</summary>
    HtmlText,

    /// <summary>
    /// Literal text in the plain-text rendering of Markdown (the text channel's plans), written as the general path's
    /// Markdown escaping and plain-text rendering leave it: control characters as spaces, every other character kept.
    /// </summary>
    Text,
}
