namespace OneToOne.Composition.Compilation;

/// <summary>What a template's output is, for where its values land (see <see cref="ValuePositionAnalyzer"/>).</summary>
internal enum TemplateMarkup
{
    /// <summary>Plain text or one line (<c>text</c> overrides, subjects, email settings): values are never in markup.</summary>
    None,

    /// <summary>Markdown (<c>content</c>, <c>body</c>, <c>print</c>), which may hold raw HTML.</summary>
    Markdown,

    /// <summary>HTML (<c>html</c> overrides, layouts).</summary>
    Html,
}
