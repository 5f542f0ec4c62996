using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>A condition parsed once into a Scriban expression.</summary>
internal sealed class CompiledCondition(ScriptExpression expression, string text, TextOrigin origin, SourceLocation location, IReadOnlyList<string> segments, IReadOnlyList<string> fields)
{
    public ScriptExpression Expression { get; } = expression;

    /// <summary>Gets the condition as written, for traces.</summary>
    public string Text { get; } = text;

    public TextOrigin Origin { get; } = origin;

    public SourceLocation Location { get; } = location;

    /// <summary>Gets or sets the condition compiled to our own evaluation tree (set once all segments are known).</summary>
    public ConditionNode? Compiled { get; set; }

    /// <summary>Gets the segments the condition reads.</summary>
    public IReadOnlyList<string> Segments { get; } = segments;

    /// <summary>Gets the recipient fields the condition reads itself (not through its segments): a field the recipient lacks reads as null.</summary>
    public IReadOnlyList<string> Fields { get; } = fields;
}
