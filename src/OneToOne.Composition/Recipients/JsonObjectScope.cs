using System.Text.Json;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Recipients;

/// <summary>A nested JSON object read in place by templates (<c>address.city</c>), never copied.</summary>
internal sealed class JsonObjectScope(JsonElement element) : IScriptObject
{
    public int Count => element.EnumerateObject().Count();

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers()
    {
        foreach (var property in element.EnumerateObject())
        {
            yield return property.Name;
        }
    }

    public bool Contains(string member) => element.TryGetProperty(member, out _);

    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (element.TryGetProperty(member, out var property))
        {
            value = ValueConverter.FromJson(property);
            return true;
        }

        value = null;
        return false;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;

    public override string ToString() => element.GetRawText();
}
