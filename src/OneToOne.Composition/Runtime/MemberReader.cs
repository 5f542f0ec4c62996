using System.Collections;
using Scriban;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// Reads a member of a recipient's value as a template's <c>value.member</c> does: a string-keyed dictionary by its key
/// and a scope by its members (asked directly, as loops ask for every item), anything else through Scriban's accessor
/// (a list's <c>size</c>, a .NET property by its snake_case name); a number or true/false has none.
/// </summary>
internal static class MemberReader
{
    /// <summary>Reads an object's member as a template's <c>value.key</c> would; false for null, text and lists.</summary>
    public static bool TryReadOfObject(TemplateContext context, object? value, string key, out object? found)
    {
        found = null;
        return value is not (null or string or System.Collections.IList) && TryRead(context, value, key, valueWanted: true, out found);
    }

    /// <summary>Reads the member; without <paramref name="valueWanted"/>, a dictionary or scope is only asked whether it has it.</summary>
    public static bool TryRead(TemplateContext context, object owner, string member, bool valueWanted, out object? value)
    {
        value = null;
        switch (owner)
        {
            case IDictionary<string, object?> dictionary:
                return valueWanted ? dictionary.TryGetValue(member, out value) : dictionary.ContainsKey(member);
            case IScriptObject scope and not IList:
                return valueWanted ? scope.TryGetValue(context, default, member, out value) : scope.Contains(member);
            case decimal:
                return false;
            case var _ when owner.GetType().IsPrimitive:
                return false;
            default:
                return context.GetMemberAccessor(owner).TryGetValue(context, default, owner, member, out value);
        }
    }
}
