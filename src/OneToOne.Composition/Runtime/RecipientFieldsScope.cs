using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary><c>recipient.FIELD</c>: every field, including one named like a builtin (<c>recipient.date</c>).</summary>
internal sealed class RecipientFieldsScope(RenderContext context) : IScriptObject
{
    public int Count => context.State?.Recipient.FieldNames.Count() ?? 0;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => context.State?.Recipient.FieldNames ?? [];

    public bool Contains(string member) => context.State?.Recipient.HasField(member) ?? false;

    public bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        value = null;
        return context.State?.Recipient.TryGetValue(member, out value) ?? false;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? templateContext, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
