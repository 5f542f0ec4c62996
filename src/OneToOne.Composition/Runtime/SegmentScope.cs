using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary><c>segment.NAME</c>: evaluates a segment the first time it is read for a recipient, then reuses the value.</summary>
internal sealed class SegmentScope(RenderContext context) : IScriptObject
{
    public int Count => context.Runtime.Segments.Count;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => context.Runtime.Segments.Keys;

    public bool Contains(string member) => context.Runtime.Segments.ContainsKey(member);

    public bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        if (context.Runtime.Segments.TryGetValue(member, out var segment))
        {
            value = context.EvaluateSegment(segment);
            return true;
        }

        value = null;
        return false;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? templateContext, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
