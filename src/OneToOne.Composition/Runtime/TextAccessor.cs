using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A text's one member, <c>size</c> (<c>{{ if name.size &gt; 12 }}</c>), counted in grapheme clusters as
/// <c>string.size</c> and <c>string.truncate</c> count (<see cref="GraphemeFunctions.Size"/>), where Scriban's own
/// accessor gave the UTF-16 length: "Zoë" with a combining diaeresis was 4 and "😀" 2.
/// </summary>
internal sealed class TextAccessor : IObjectAccessor
{
    public static readonly TextAccessor Default = new();

    private const string Size = "size";

    private TextAccessor()
    {
    }

    public bool HasIndexer => false;

    public Type? IndexType => null;

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => 1;

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => [Size];

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => member == Size;

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        value = member == Size ? GraphemeFunctions.Size(target as string) : null;
        return value is not null;
    }

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
    {
        value = null;
        return false;
    }

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
}
