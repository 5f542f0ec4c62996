namespace OneToOne.Composition.Rendering;

/// <summary>
/// Where in its template's output an expression's value lands, as found at compile time (see
/// <see cref="Compilation.ValuePositionAnalyzer"/>): it says how the value is escaped on top of, or instead of, the
/// template's <see cref="EscapeMode"/>. Positions where no escaping makes data safe (scripts, styles, event
/// handlers, unquoted attributes) are compile errors instead, so they never reach the renderer.
/// </summary>
internal enum ValuePosition
{
    /// <summary>Text or a quoted attribute: the template's own escaping.</summary>
    Text,

    /// <summary>The start of a URL (a link's destination, <c>href</c>, <c>src</c>…): only http, https, mailto, tel or relative URLs; anything else fails the recipient.</summary>
    UrlStart,

    /// <summary>A URL after its start (path, query, fragment): percent-encoded as a URL component, so data cannot add parameters.</summary>
    UrlPart,

    /// <summary>A Markdown code span: written as it is (Markdig encodes code), line breaks folded and backticks replaced by <c>ˋ</c> (U+02CB) so the span cannot end early.</summary>
    CodeSpan,

    /// <summary>A Markdown code block: written as it is, line breaks folded so the value stays on its line.</summary>
    CodeBlock,

    /// <summary>A fenced code block where the value may start a line: as <see cref="CodeBlock"/>, and backticks and tildes replaced by <c>ˋ</c> and <c>˜</c> so the line cannot close the fence.</summary>
    FenceLine,
}
