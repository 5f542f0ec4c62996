using System.Text.Json;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Recipients;

/// <summary>A nested JSON object read in place by templates (<c>address.city</c>), never copied.</summary>
internal sealed class JsonObjectScope(JsonElement element) : Runtime.ReadOnlyScope
{
    public override int Count => element.EnumerateObject().Count();

    public override IEnumerable<string> GetMembers()
    {
        foreach (var property in element.EnumerateObject())
        {
            yield return property.Name;
        }
    }

    public override bool Contains(string member) => element.TryGetProperty(member, out _);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (element.TryGetProperty(member, out var property))
        {
            value = ValueConverter.FromJson(property);
            return true;
        }

        value = null;
        return false;
    }

    public override string ToString() => element.GetRawText();
}
