using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary><c>recipient.FIELD</c>: every field, including one named like a builtin (<c>recipient.date</c>).</summary>
internal sealed class RecipientFieldsScope(RenderContext context) : ReadOnlyScope
{
    public override int Count => context.State?.Recipient.FieldNames.Count() ?? 0;

    public override IEnumerable<string> GetMembers() => context.State?.Recipient.FieldNames ?? [];

    public override bool Contains(string member) => context.State?.Recipient.HasField(member) ?? false;

    public override bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        value = null;
        return context.State?.Recipient.TryGetValue(member, out value) ?? false;
    }
}
