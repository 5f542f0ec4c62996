using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A recipient's object that is not a Scriban scope (a dictionary, a .NET object) seen as one, read through Scriban's own
/// member lookup: what <c>{{ with address }}</c> needs, so that it works whatever form the recipient came in.
/// </summary>
internal sealed class MemberScope(TemplateContext owner, object target) : ReadOnlyScope
{
    private readonly IObjectAccessor _accessor = owner.GetMemberAccessor(target);

    public override int Count => _accessor.GetMemberCount(owner, default, target);

    public override IEnumerable<string> GetMembers() => _accessor.GetMembers(owner, default, target);

    public override bool Contains(string member) => _accessor.HasMember(owner, default, target, member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value) =>
        _accessor.TryGetValue(context ?? owner, span, target, member, out value);

    public override string ToString() => target.ToString() ?? string.Empty;
}
