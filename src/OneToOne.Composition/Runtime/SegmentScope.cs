using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary><c>segment.NAME</c>: evaluates a segment the first time it is read for a recipient, then reuses the value.</summary>
internal sealed class SegmentScope(RenderContext context) : ReadOnlyScope
{
    public override int Count => context.Runtime.Segments.Count;

    public override IEnumerable<string> GetMembers() => context.Runtime.Segments.Keys;

    public override bool Contains(string member) => context.Runtime.Segments.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        if (context.Runtime.Segments.TryGetValue(member, out var segment))
        {
            value = context.EvaluateSegment(segment);
            return true;
        }

        value = null;
        return false;
    }
}
