using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>A node of a catalog file, with the location it was read from. Our own model, so YamlDotNet stays inside.</summary>
internal abstract class YamlNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    public abstract string KindName { get; }
}

/// <summary>A scalar: its text, and how that text maps back to the file (for template error positions).</summary>
internal sealed class YamlScalar(SourceLocation location, string value, bool isPlain, TextOrigin origin) : YamlNode(location)
{
    public string Value { get; } = value;

    /// <summary>Gets whether the scalar was written without quotes or block indicators (so <c>~</c>, <c>null</c> mean null).</summary>
    public bool IsPlain { get; } = isPlain;

    public TextOrigin Origin { get; } = origin;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => "a text value";
}

/// <summary>A mapping, with its keys in file order. Duplicate keys were reported and dropped by the reader.</summary>
internal sealed class YamlMapping(SourceLocation location, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(location)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string KindName => "a mapping";
}

/// <summary>A sequence, in file order.</summary>
internal sealed class YamlSequence(SourceLocation location, IReadOnlyList<YamlNode> items) : YamlNode(location)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string KindName => "a list";
}
