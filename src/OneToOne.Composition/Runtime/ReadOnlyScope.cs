using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>A Scriban scope that templates can read but never write: data stays data.</summary>
internal abstract class ReadOnlyScope : IScriptObject
{
    public abstract int Count { get; }

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public abstract IEnumerable<string> GetMembers();

    public abstract bool Contains(string member);

    public abstract bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value);

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
