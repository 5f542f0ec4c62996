using Scriban;
using Scriban.Parsing;

namespace OneToOne.Composition.Runtime;

/// <summary><c>experiment.NAME</c>: the recipient's arm of an experiment (null outside its coverage), assigned once per decision.</summary>
internal sealed class ExperimentScope(RenderContext context) : ReadOnlyScope
{
    public override int Count => context.Runtime.Experiments.Count;

    public override IEnumerable<string> GetMembers() => context.Runtime.Experiments.Keys;

    public override bool Contains(string member) => context.Runtime.Experiments.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? templateContext, SourceSpan span, string member, out object? value)
    {
        if (context.Runtime.Experiments.TryGetValue(member, out var experiment))
        {
            value = PolicyDecider.Assign(context.State!, experiment).Arm;
            return true;
        }

        value = null;
        return false;
    }
}
