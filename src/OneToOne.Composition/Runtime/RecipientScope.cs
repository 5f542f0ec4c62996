using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The global scope templates see: recipient fields by name, <c>segment.NAME</c>, and <c>recipient</c>.
/// Builtins (<c>math</c>, <c>date</c>, …) win over a field of the same name, so data cannot shadow code.
/// </summary>
internal sealed class RecipientScope(RenderContext context) : ReadOnlyScope
{
    public override int Count => 0;

    public override IEnumerable<string> GetMembers() => context.State?.Recipient.FieldNames ?? [];

    public override bool Contains(string member) => Lookup(member, out _);

    /// <summary>Looks a name up; a read the template makes only in a branch is checked first (<see cref="RenderContext.CheckBranchRead"/>).</summary>
    public override bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        context.CheckBranchRead(span);
        return Lookup(member, out value);
    }

    private bool Lookup(string member, out object? value)
    {
        value = null;
        var state = context.State;
        if (state is null)
        {
            return false;
        }

        switch (member)
        {
            case "segment":
                value = context.Segments;
                return true;
            case "recipient":
                value = context.RecipientFields;
                return true;
            case "experiment":
                value = context.Experiments;
                return true;
        }

        return !ScriptEnvironment.IsBuiltin(member) && state.Recipient.TryGetValue(member, out value);
    }
}
