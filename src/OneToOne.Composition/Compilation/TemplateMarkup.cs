namespace OneToOne.Composition.Compilation;

/// <summary>What a template's output is, for where its values land (see <see cref="ValuePositionAnalyzer"/>).</summary>
internal enum TemplateMarkup
{
    /// <summary>One line (subjects, email settings): values are never in markup.</summary>
    None,

    /// <summary>Plain text (<c>text</c> overrides): no markup, but a value inside a URL written in the text is part of that URL.</summary>
    Text,

    /// <summary>Markdown (<c>content</c>, <c>body</c>, <c>print</c>), which may hold raw HTML.</summary>
    Markdown,

    /// <summary>HTML (<c>html</c> overrides, layouts).</summary>
    Html,
}
